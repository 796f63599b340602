"""The pre-computed central rows travel through JSON and come back exactly."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.engine import CentralRaekke, noegletal, tilbud_budget
from budgets.kodning import fra_json, til_json
from tests.budgets.test_engine import PRISLISTE, RAMME, ophold, tilbud

AAR = 2025
SOLGT = ((date(2000, 1, 1), None),)  # paid for by another municipality all along


def _raekke(t, opholdene, forbrug) -> CentralRaekke:
    budget = tilbud_budget(t, opholdene, PRISLISTE, AAR)
    return t, noegletal(
        t, opholdene, PRISLISTE, budget, forbrug, AAR, date(2025, 6, 15)
    )


RAEKKER = {
    "hybrid med forbrug og salg": _raekke(
        tilbud(),
        [ophold(1), ophold(2, date(2025, 3, 1), date(2025, 5, 10), eksterne=SOLGT)],
        {1: Decimal("1234.50"), 2: Decimal("-0.01")},
    ),
    "ramme uden borgere": _raekke(tilbud("ramme", ramme=RAMME), [], {}),
}


@pytest.mark.parametrize("navn", sorted(RAEKKER))
def test_a_central_row_survives_json_unchanged(navn):
    raekke = RAEKKER[navn]
    assert fra_json(CentralRaekke, til_json(raekke)) == raekke


def test_amounts_keep_their_exponent_through_json():
    # 5.00 and 5 are equal, but 5.00 is what the engine rounded to øre.
    _, tal = fra_json(CentralRaekke, til_json(RAEKKER["hybrid med forbrug og salg"]))
    assert [str(f) for f in tal.forbrug[:3]] == ["1234.50", "-0.01", "None"]


def test_a_value_json_cannot_hold_is_refused():
    with pytest.raises(TypeError, match="kan ikke gemmes som JSON"):
        til_json(1.5)
