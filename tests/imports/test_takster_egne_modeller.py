"""Issue 17: the takster workbook carries every timeprismodel of the year (the
takstmodel's and a tilbud's own, each with its lines) and each tilbud's choice
(the sheet "Tilbud", column "timeprismodel"; blank: the takstmodel's).

Worked example, 2026. The takstmodel's "Timepris 2026" (tests.conftest):
timepris_direkte 492,07 kr., so niveau 2 (3 timer) 3 × 492,07 = 1.476,21 kr.

The own "Bostøtte 2026": årsløn 480.000 + vikar 12.000 = 492.000 kr., fravær
22 % of 1.924 → fremmøde 1.500,72 timer; tidsanvendelse 35 % + transport 6 %
= 41 % → direkte 1.500,72 × 0,59 = 885,4248 timer:
    timepris_direkte = 492.000 / 885,4248 = 555,665… → 555,67 kr.
    niveau 2 (3 timer): 3 × 555,67 = 1.667,01 kr. per døgn
A tier from level 3 (rækkefølge) with 60 % direct time: 1.500,72 × 0,60 =
900,432 timer; 492.000 / 900,432 = 546,404… → 546,40 kr.
    niveau 3 (5 timer): 5 × 546,40 = 2.732,00 kr. per døgn
Ekstratimer at 85 %: 1.500,72 × 0,85 = 1.275,612 timer; 492.000 / 1.275,612
= 385,697… → 385,70 kr.
"""

import io
from decimal import Decimal

import openpyxl
import pytest

from budgets.imports.takster import (
    MODEL_ANDET_AAR,
    UKENDT_MODEL,
    eksport_xlsx,
    takstdata_for,
)
from budgets.models import Importstatus, TilbudAar
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.selectors import servicetakster_for, takstmodel_for_aar, timepriser_for
from tariffs.services import timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL
from tests.conftest import vaelg_timeprismodel as _vaelg

D = Decimal


def _bostoette(user) -> Timeprismodel:
    return timeprismodel_save(
        acting_user=user,
        aar=2026,
        navn="Bostøtte 2026",
        aarsloen=D("480000"),
        aarsnorm_timer=D("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=[
            *TIDSANVENDELSE_EKSEMPEL,
            {"kategori": "transport", "procent": D("6")},
        ],
        loenposter=[{"kategori": "vikar", "beloeb": D("12000")}],
        grupper=[{"fra": 3, "til": None, "direkte_procent": D("60")}],
        ekstratimer_direkte_procent=D("85"),
    )


@pytest.fixture
def bog(oekonomichef, takstmodel_2026, tilbud_a, tilbud_b):
    _vaelg(tilbud_b, _bostoette(oekonomichef), oekonomichef)
    return eksport_xlsx(takstmodel_for_aar(2026))


def _ren_aar():
    """A clean year: no takstmodel, no timeprismodel, no tilbud's choice."""
    TilbudAar.objects.update(timeprismodel=None)
    Takstmodel.objects.all().delete()
    Timeprismodel.objects.all().delete()


def _takster() -> tuple:
    takstmodel = takstmodel_for_aar(2026)
    egen = Timeprismodel.objects.get(aar=2026, navn="Bostøtte 2026")
    return (
        servicetakster_for(takstmodel),
        servicetakster_for(takstmodel, egen),
        timepriser_for(egen),
    )


def _aendret(bog: bytes, ark: str, celle: str, vaerdi) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(bog))
    wb[ark][celle] = vaerdi
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


def _valg() -> dict[str, str | None]:
    return {
        r.tilbud.navn: r.timeprismodel and r.timeprismodel.navn
        for r in TilbudAar.objects.filter(budgetaar__aar=2026).select_related(
            "tilbud", "timeprismodel"
        )
    }


def test_the_own_models_takster_by_hand(bog):
    takstmodellens, egne, timepriser = _takster()
    assert takstmodellens["2"] == D("1476.21")  # 3 × 492,07
    assert egne["2"] == D("1667.01")  # 3 × 555,67
    assert egne["3"] == D("2732.00")  # 5 × 546,40 (the tier from level 3)
    assert timepriser.timepris_ekstratimer == D("385.70")


def test_the_workbook_holds_every_model_and_the_choice(bog):
    wb = openpyxl.load_workbook(io.BytesIO(bog))
    modeller = list(wb["Timeprismodel"].iter_rows(values_only=True))
    assert [r[1] for r in modeller[1:]] == ["Timepris 2026", "Bostøtte 2026"]
    assert list(wb["Takstmodel"].iter_rows(values_only=True))[1][-1] == (
        "Timepris 2026"
    )
    tids = list(wb["Tidsanvendelse"].iter_rows(values_only=True))
    assert tids[0][-1] == "timeprismodel"
    assert [(r[0], r[-1]) for r in tids[1:]] == [
        ("pauser", None),  # blank: the takstmodel's
        ("pauser", "Bostøtte 2026"),
        ("transport", "Bostøtte 2026"),
    ]
    assert list(wb["Lønposter"].iter_rows(values_only=True))[1:] == [
        ("vikar", 12000, "Bostøtte 2026")
    ]
    assert list(wb["Timeprisgrupper"].iter_rows(values_only=True))[1:] == [
        (3, None, 60, "Bostøtte 2026")
    ]
    tilbud = list(wb["Tilbud"].iter_rows(values_only=True))
    assert tilbud[0][-1] == "timeprismodel"
    assert [(r[0], r[-1]) for r in tilbud[1:]] == [
        ("Bofællesskabet Ahorn", None),
        ("Botilbuddet Birk", "Bostøtte 2026"),
    ]


def test_round_trip_into_a_clean_year_gives_the_same_models_choices_and_takster(
    koer, oekonomichef, bog
):
    foer, takster_foer = takstdata_for(takstmodel_for_aar(2026)), _takster()
    _ren_aar()
    assert _valg() == {"Botilbuddet Birk": None}
    job = koer(oekonomichef, "takster", bog, "takster.xlsx")
    assert job.status == Importstatus.FAERDIG, job.errors
    efter = takstdata_for(takstmodel_for_aar(2026))
    assert [m["timepris"]["navn"] for m in efter.egne] == ["Bostøtte 2026"]
    assert efter == foer
    assert _takster() == takster_foer
    assert _valg()["Botilbuddet Birk"] == "Bostøtte 2026"


def test_reimporting_the_unchanged_workbook_changes_nothing(koer, oekonomichef, bog):
    historik = Timeprismodel.history.count() + TilbudAar.history.count()
    job = koer(oekonomichef, "takster", bog, "takster.xlsx")
    assert job.resultat["aendret"] == 0
    assert Timeprismodel.history.count() + TilbudAar.history.count() == historik


def test_a_changed_own_model_is_saved_and_the_takstmodels_kept(koer, oekonomichef, bog):
    # Row 3 of "Timeprismodel" is "Bostøtte 2026": årsløn 480.000 → 500.000,
    # so 512.000 / 885,4248 = 578,253… → 578,25; niveau 2: 3 × 578,25 = 1.734,75.
    job = koer(oekonomichef, "takster", _aendret(bog, "Timeprismodel", "C3", 500000))
    assert job.status == Importstatus.FAERDIG, job.errors
    takstmodellens, egne, _ = _takster()
    assert (takstmodellens["2"], egne["2"]) == (D("1476.21"), D("1734.75"))


def test_a_tilbud_back_on_the_takstmodels_model(koer, oekonomichef, bog):
    job = koer(oekonomichef, "takster", _aendret(bog, "Tilbud", "K3", None))
    assert job.status == Importstatus.FAERDIG, job.errors
    assert _valg()["Botilbuddet Birk"] is None


@pytest.mark.parametrize(
    ("ark", "celle", "linje"),
    [("Tilbud", "K3", 3), ("Fravær", "D3", 3), ("Takstmodel", "D2", 2)],
)
def test_an_unknown_model_name_is_refused_by_sheet_line_and_column(
    koer, oekonomichef, bog, ark, celle, linje
):
    job = koer(oekonomichef, "takster", _aendret(bog, ark, celle, "Ukendt"))
    assert job.status == Importstatus.AFVIST
    besked = UKENDT_MODEL.format(navn="Ukendt", kolonne="timeprismodel")
    assert job.errors == [f"Ark '{ark}', linje {linje}: {besked}"]
    assert _valg()["Botilbuddet Birk"] == "Bostøtte 2026"


def test_a_model_twice_or_of_another_year_is_refused_and_nothing_written(
    koer, oekonomichef, bog
):
    job = koer(oekonomichef, "takster", _aendret(bog, "Timeprismodel", "B3", None))
    assert job.status == Importstatus.AFVIST  # a model without a name
    to_gange = _aendret(bog, "Timeprismodel", "B3", "Timepris 2026")
    job = koer(oekonomichef, "takster", _aendret(to_gange, "Timeprismodel", "C3", 1))
    assert job.status == Importstatus.AFVIST
    assert job.errors[0] == (
        "Ark 'Timeprismodel', linje 3: Timeprismodellen 'Timepris 2026' står "
        "flere gange i arket 'Timeprismodel'."
    )
    job = koer(oekonomichef, "takster", _aendret(bog, "Timeprismodel", "A3", 2027))
    besked = MODEL_ANDET_AAR.format(navn="Bostøtte 2026", model_aar=2027, aar=2026)
    assert job.errors == [f"Ark 'Timeprismodel', linje 3: {besked}"]
    assert Timeprismodel.objects.get(navn="Bostøtte 2026").aarsloen == D("480000")
