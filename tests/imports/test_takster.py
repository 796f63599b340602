import datetime
import io

import openpyxl
import pytest

from budgets.imports.takster import eksport_xlsx, takstdata_for
from budgets.models import Importstatus
from offers import services as offer_services
from tariffs.engine import OVERLAP
from tariffs.models import Takstmodel, Takstniveau, Timeprismodel
from tariffs.selectors import takstmodel_for_aar
from tariffs.services import KODE_I_BRUG


@pytest.fixture
def arbejdsbog(takstmodel_2026):
    return eksport_xlsx(takstmodel_for_aar(2026))


def _slet_modeller():
    Takstmodel.objects.all().delete()
    Timeprismodel.objects.all().delete()


def test_round_trip_gives_the_same_models(
    koer, oekonomichef, takstmodel_2026, arbejdsbog
):
    foer = takstdata_for(takstmodel_for_aar(2026))
    _slet_modeller()
    job = koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")
    assert job.status == Importstatus.FAERDIG
    assert takstdata_for(takstmodel_for_aar(2026)) == foer


def test_round_trip_exports_the_same_cells(koer, oekonomichef, arbejdsbog):
    _slet_modeller()
    koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")

    def celler(data):
        wb = openpyxl.load_workbook(io.BytesIO(data))
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}

    assert celler(eksport_xlsx(takstmodel_for_aar(2026))) == celler(arbejdsbog)


def test_reimporting_an_unchanged_workbook_changes_nothing(
    koer, oekonomichef, arbejdsbog
):
    historik = Takstmodel.history.count() + Timeprismodel.history.count()
    job = koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")
    assert job.resultat["aendret"] == 0
    assert Takstmodel.history.count() + Timeprismodel.history.count() == historik


def test_changed_salary_in_the_workbook_updates_the_timepris(
    koer, oekonomichef, arbejdsbog
):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Timeprismodel"]["C2"] = 500000
    ud = io.BytesIO()
    wb.save(ud)
    koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert Timeprismodel.objects.get(aar=2026).aarsloen == 500000


def test_bad_cells_are_reported_with_sheet_and_line(koer, oekonomichef, arbejdsbog):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Fravær"]["A3"] = "kaffepause"
    wb["Takstniveauer"]["C4"] = "fire"
    ud = io.BytesIO()
    wb.save(ud)
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert job.errors == [
        "Ark 'Fravær', linje 3: Ukendt kategori 'kaffepause'.",
        "Ark 'Takstniveauer', linje 4: 'fire' i kolonnen 'nedre' er ikke et "
        "gyldigt tal.",
    ]


def test_a_missing_sheet_rejects_the_workbook(koer, oekonomichef, arbejdsbog):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    del wb["Tidsanvendelse"]
    ud = io.BytesIO()
    wb.save(ud)
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert job.errors == ["Arket 'Tidsanvendelse' mangler."]


def _gemt(wb) -> bytes:
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


def test_overlapping_levels_are_refused_with_the_line_of_the_upper_level(
    koer, oekonomichef, arbejdsbog
):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Takstniveauer"]["D3"] = 4.5  # line 3: niveau 2 up to 4,5; line 4: 3 from 4
    job = koer(oekonomichef, "takster", _gemt(wb), "takster.xlsx")
    assert job.errors == [
        "Ark 'Takstniveauer', linje 4: Niveau 3: "
        + OVERLAP.format(forrige="2", oevre="4,5")
    ]


def test_refused_levels_in_the_workbook_write_nothing(koer, oekonomichef, arbejdsbog):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Takstniveauer"]["D3"] = 4.5
    wb["Timeprismodel"]["C2"] = 500000
    koer(oekonomichef, "takster", _gemt(wb), "takster.xlsx")
    assert Takstniveau.objects.get(takstmodel__aar=2026, kode="2").oevre == 4
    assert Timeprismodel.objects.get(aar=2026).aarsloen == 480000


def test_a_2027_workbook_without_the_code_anna_is_on_is_refused(
    koer, oekonomichef, raadgiver, tilbud_a, niveau, arbejdsbog
):
    anna = offer_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offer_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Timeprismodel"]["A2"] = 2027
    wb["Takstmodel"]["A2"] = 2027
    wb["Takstniveauer"].delete_rows(4)  # line 4: niveau 3
    job = koer(oekonomichef, "takster", _gemt(wb), "takster.xlsx")
    besked = KODE_I_BRUG.format(kode="3", aar=2027, borgere="Anna (010190-xxxx)")
    assert job.errors == [f"Ark 'Takstniveauer': {besked}"]
    assert not Timeprismodel.objects.filter(aar=2027).exists()
