"""Issue 17 in the API: the 12-step ladder entered through the API, and its
takster read back exactly, on the takstmodel and on a tilbud's takstblad.

Basistakst (DOMAIN.md §4): 2.900.000 / (8 × 365 × 0,97) = 1.023,87 kr.
"""

from decimal import Decimal

import pytest

from budgets.models import Budgetaar, FastUdgift
from tariffs.engine import FAST_PRIS_SAERTAKST
from tariffs.models import Takstmodel
from tests.tariffs.test_fast_pris import STIGE, stige_model, stige_niveauer

TAKST_URL = "/api/v1/takstmodeller/"
TILBUD_URL = "/api/v1/tilbud/"


def _som_json(niveauer: list[dict]) -> list[dict]:
    return [
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in n.items()}
        for n in niveauer
    ]


@pytest.fixture
def stige(oekonomichef):
    return stige_model(2026, oekonomichef)


@pytest.fixture
def takstblad(oekonomi_api, stige, tilbud_a):
    FastUdgift.objects.create(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get_or_create(aar=2026)[0],
        kategori="ledelse",
        beloeb=Decimal("2900000"),
    )
    svar = oekonomi_api.get(f"{TILBUD_URL}{tilbud_a.pk}/takstblad/", {"aar": 2026})
    assert svar.status_code == 200
    return {n["kode"]: n for n in svar.json()["niveauer"]}


def test_posting_the_ladder_prices_each_step_at_its_kroner(oekonomi_api, stige):
    body = {
        "aar": 2027,
        "navn": "Ydelsespakker 2027",
        "enhed": "minutter_pr_doegn",
        "timeprismodel": stige.timeprismodel_id,
        "niveauer": _som_json(stige_niveauer()),
    }
    svar = oekonomi_api.post(TAKST_URL, body, format="json")
    assert svar.status_code == 201
    takster = [n["servicetakst_pr_doegn"] for n in svar.json()["niveauer"]]
    assert takster == [kr for _, kr in STIGE]


def test_the_takstmodel_shows_fixed_price_and_published_minutes(oekonomi_api, stige):
    svar = oekonomi_api.get(f"{TAKST_URL}{stige.pk}/")
    p12 = svar.json()["niveauer"][11]
    assert (p12["fast_pris"], p12["minutter_pr_doegn"]) == ("4500.00", "600.00")


def test_a_saertakst_with_a_fixed_price_is_400_and_writes_nothing(oekonomi_api, stige):
    niveauer = _som_json(stige_niveauer())
    niveauer.append(
        {
            "kode": "S1",
            "navn": "Særtakst",
            "nedre": "700",
            "saertakst": True,
            "fast_pris": "100",
        }
    )
    body = {
        "aar": 2027,
        "navn": "Ydelsespakker 2027",
        "enhed": "minutter_pr_doegn",
        "timeprismodel": stige.timeprismodel_id,
        "niveauer": niveauer,
    }
    svar = oekonomi_api.post(TAKST_URL, body, format="json")
    assert svar.status_code == 400
    assert svar.json()["niveauer"]["12"]["fast_pris"] == [FAST_PRIS_SAERTAKST]
    assert not Takstmodel.objects.filter(aar=2027).exists()


def test_the_takstblad_prints_exactly_the_ladders_kroner(takstblad):
    takster = [takstblad[f"P{nr}"]["servicetakst_pr_doegn"] for nr in range(1, 13)]
    assert takster == [kr for _, kr in STIGE]


def test_the_takstblad_doegntakst_is_basistakst_plus_the_fixed_price(takstblad):
    # P12: 1.023,87 + 4.500,00 = 5.523,87.
    assert takstblad["P12"]["doegntakst"] == "5523.87"


def test_the_takstblad_marks_the_fixed_price_levels(takstblad):
    assert all(takstblad[f"P{nr}"]["fast_pris"] for nr in range(1, 13))


def test_the_takstblad_gives_the_implied_hours_to_two_decimals(takstblad):
    # P8: 1.560 / 492,07 = 3 + (1.560 − 1.476,21) / 492,07 = 3 + 0,1703 = 3,17.
    assert takstblad["P8"]["implicitte_timer_pr_doegn"] == "3.17"


def test_the_takstblad_gives_the_published_minutes(takstblad):
    assert takstblad["P1"]["minutter_pr_doegn"] == "20.00"
