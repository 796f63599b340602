"""Issue 13 #2: a lukket year's timeprismodel and takstmodel never change.

``lukket_2025`` (tests/conftest.py): 2025 lukket, 2026 a forslag, each with the
worked timeprismodel (årsløn 480.000) and a takstmodel of niveau 1-3 and S1.
"""

from decimal import Decimal

import pytest

from tariffs.lukkede_aar import AAR_LAAST, AarLaast
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL


def _timepris(model: Timeprismodel, user, **aendret):
    felter = {
        "aar": model.aar,
        "navn": model.navn,
        "aarsloen": Decimal("500000"),
        "aarsnorm_timer": model.aarsnorm_timer,
        "fravaer": FRAVAER_EKSEMPEL,
        "tidsanvendelse": TIDSANVENDELSE_EKSEMPEL,
        **aendret,
    }
    return timeprismodel_save(acting_user=user, timeprismodel=model, **felter)


def _niveauer(model: Takstmodel) -> list[dict]:
    return [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": n.nedre,
            "oevre": n.oevre,
            "takstgivende": n.takstgivende,
            "saertakst": n.saertakst,
        }
        for n in model.niveauer.order_by("raekkefoelge")
    ]


def test_the_lukket_years_timeprismodel_is_not_saved(oekonomichef, lukket_2025):
    model = Timeprismodel.objects.get(aar=2025)
    with pytest.raises(AarLaast) as fejl:
        _timepris(model, oekonomichef)
    assert fejl.value.message_dict == {"aar": [AAR_LAAST.format(aar=2025)]}
    assert Timeprismodel.objects.get(aar=2025).aarsloen == 480000


def test_a_timeprismodel_cannot_be_moved_out_of_the_lukket_year(
    oekonomichef, lukket_2025
):
    model = Timeprismodel.objects.get(aar=2025)
    with pytest.raises(AarLaast):
        _timepris(model, oekonomichef, aar=2027)
    assert Timeprismodel.objects.get(pk=model.pk).aar == 2025


def test_the_open_years_timeprismodel_is_saved(oekonomichef, lukket_2025):
    model = _timepris(Timeprismodel.objects.get(aar=2026), oekonomichef)
    assert model.aarsloen == Decimal("500000")


def test_the_lukket_years_takstmodel_is_not_saved(oekonomichef, lukket_2025):
    model = Takstmodel.objects.get(aar=2025)
    niveauer = _niveauer(model)
    niveauer[0]["takstgivende"] = Decimal("1.5")
    with pytest.raises(AarLaast) as fejl:
        takstmodel_save(
            acting_user=oekonomichef,
            takstmodel=model,
            aar=2025,
            navn=model.navn,
            enhed=model.enhed,
            timeprismodel=model.timeprismodel,
            niveauer=niveauer,
        )
    assert fejl.value.message_dict == {"aar": [AAR_LAAST.format(aar=2025)]}
    assert model.niveauer.get(kode="1").takstgivende == 1
