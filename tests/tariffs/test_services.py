"""takstmodel_save refuses invalid levels and levels the placements need (issue 12).

Item 12: the levels' spans form one ladder (tariffs.engine.niveau_fejl).
Item 6: a code in force on a financed day of the model's year must keep a price.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from offers import services as offer_services
from tariffs.engine import OEVRE_IKKE_OVER_NEDRE, OVERLAP, TAKSTGIVENDE_UDENFOR
from tariffs.models import Takstmodel, Takstniveau
from tariffs.services import KODE_I_BRUG, NiveauFejl, takstmodel_save
from tests.conftest import make_takstmodel

D = datetime.date


def _niveauer(*udelad: str) -> list[dict]:
    """conftest's 3 levels + særtakst, without the codes in ``udelad``."""
    niveauer = [
        {"kode": "1", "navn": "Niveau 1", "nedre": Decimal("0"), "oevre": Decimal("2")},
        {"kode": "2", "navn": "Niveau 2", "nedre": Decimal("2"), "oevre": Decimal("4")},
        {"kode": "3", "navn": "Niveau 3", "nedre": Decimal("4"), "oevre": Decimal("6")},
        {
            "kode": "S1",
            "navn": "Særtakst 1",
            "nedre": Decimal("6"),
            "oevre": None,
            "saertakst": True,
        },
    ]
    return [n for n in niveauer if n["kode"] not in udelad]


def _gem(user, model: Takstmodel, niveauer: list[dict], aar: int | None = None):
    return takstmodel_save(
        acting_user=user,
        takstmodel=model,
        aar=aar or model.aar,
        navn=model.navn,
        enhed=model.enhed,
        timeprismodel=model.timeprismodel,
        niveauer=niveauer,
    )


# --- Item 12: the ladder -----------------------------------------------------------


def test_overlapping_spans_are_refused_on_the_upper_levels_nedre(
    oekonomichef, takstmodel_2026
):
    niveauer = _niveauer()
    niveauer[1]["oevre"] = Decimal("4.5")  # niveau 2 up to 4,5; niveau 3 from 4
    with pytest.raises(NiveauFejl) as fejl:
        _gem(oekonomichef, takstmodel_2026, niveauer)
    assert fejl.value.fejl == [(2, "nedre", OVERLAP.format(forrige="2", oevre="4,5"))]


def test_refused_levels_write_nothing(oekonomichef, takstmodel_2026):
    niveauer = _niveauer()
    niveauer[1]["oevre"] = Decimal("4.5")
    with pytest.raises(NiveauFejl):
        _gem(oekonomichef, takstmodel_2026, niveauer)
    assert Takstniveau.objects.get(takstmodel=takstmodel_2026, kode="2").oevre == 4


def test_lower_above_upper_is_a_danish_message_not_the_constraint_text(
    oekonomichef, takstmodel_2026
):
    niveauer = _niveauer()
    niveauer[1]["oevre"] = Decimal("1")
    with pytest.raises(NiveauFejl) as fejl:
        _gem(oekonomichef, takstmodel_2026, niveauer)
    assert (1, "oevre", OEVRE_IKKE_OVER_NEDRE) in fejl.value.fejl
    assert "niveau_graenser_ordnet" not in str(fejl.value)


def test_takstgivende_outside_its_span_is_refused(oekonomichef, takstmodel_2026):
    niveauer = _niveauer()
    niveauer[1]["takstgivende"] = Decimal("5")  # niveau 2 spans [2; 4)
    with pytest.raises(NiveauFejl) as fejl:
        _gem(oekonomichef, takstmodel_2026, niveauer)
    assert fejl.value.message_dict == {
        "niveauer": ["Niveau 2: " + TAKSTGIVENDE_UDENFOR.format(nedre="2", oevre="4")]
    }


# --- Item 6: codes the placements need ---------------------------------------------


@pytest.fixture
def anna_paa_3(raadgiver, tilbud_a, niveau):
    """Anna lives in tilbud A at niveau 3 from 1 March 2026, with no afgang."""
    anna = offer_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offer_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    return anna


def _takstmodel_2027_uden_3(user):
    model_2026 = Takstmodel.objects.get(aar=2026)
    return takstmodel_save(
        acting_user=user,
        aar=2027,
        navn="Takstmodel 2027",
        enhed="timer_pr_doegn",
        timeprismodel=model_2026.timeprismodel,
        niveauer=_niveauer("3"),
    )


def test_a_2027_model_without_code_3_is_refused_while_anna_is_on_3_into_2027(
    oekonomichef, anna_paa_3
):
    with pytest.raises(ValidationError) as fejl:
        _takstmodel_2027_uden_3(oekonomichef)
    assert fejl.value.message_dict == {
        "niveauer": [
            KODE_I_BRUG.format(kode="3", aar=2027, borgere="Anna (010190-xxxx)")
        ]
    }
    assert not Takstmodel.objects.filter(aar=2027).exists()


def test_the_refusal_never_shows_the_cpr_number(oekonomichef, anna_paa_3):
    with pytest.raises(ValidationError) as fejl:
        _takstmodel_2027_uden_3(oekonomichef)
    assert "1234" not in str(fejl.value)


def test_removing_code_3_from_the_saved_2027_model_is_refused(oekonomichef, anna_paa_3):
    model_2027 = make_takstmodel(2027, oekonomichef)
    with pytest.raises(ValidationError):
        _gem(oekonomichef, model_2027, _niveauer("3"))
    assert model_2027.niveauer.filter(kode="3").exists()


def test_making_code_3_a_saertakst_in_2027_is_refused(oekonomichef, anna_paa_3):
    model_2027 = make_takstmodel(2027, oekonomichef)
    niveauer = _niveauer()
    niveauer[2]["saertakst"] = True  # Anna's placement has no hours of its own
    with pytest.raises(ValidationError):
        _gem(oekonomichef, model_2027, niveauer)


def test_an_afgang_on_1_december_2026_still_needs_code_3_in_january_2027(
    oekonomichef, raadgiver, anna_paa_3
):
    # Afgang 01.12.2026: financed through 31.01.2027 (the month after afgang).
    offer_services.borger_afgang(
        borger=anna_paa_3, dato=D(2026, 12, 1), acting_user=raadgiver
    )
    with pytest.raises(ValidationError):
        _takstmodel_2027_uden_3(oekonomichef)


def test_an_afgang_on_30_november_2026_frees_code_3_in_2027(
    oekonomichef, raadgiver, anna_paa_3
):
    # Afgang 30.11.2026: financed through 31.12.2026, no financed day in 2027.
    offer_services.borger_afgang(
        borger=anna_paa_3, dato=D(2026, 11, 30), acting_user=raadgiver
    )
    model = _takstmodel_2027_uden_3(oekonomichef)
    assert sorted(model.niveauer.values_list("kode", flat=True)) == ["1", "2", "S1"]


def test_a_saertakst_placement_with_its_own_hours_needs_no_fixed_price(
    oekonomichef, raadgiver, tilbud_a, niveau
):
    bo = offer_services.borger_create(
        cpr="020290-1234", navn="Bo", acting_user=raadgiver
    )
    offer_services.borger_tilgang(
        borger=bo,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["S1"],
        saertakst_timer=Decimal("20"),
        acting_user=raadgiver,
    )
    model = takstmodel_save(
        acting_user=oekonomichef,
        aar=2027,
        navn="Takstmodel 2027",
        enhed="timer_pr_doegn",
        timeprismodel=niveau["1"].takstmodel.timeprismodel,
        niveauer=_niveauer("S1"),
    )
    assert model.aar == 2027
