import io

import openpyxl
import pytest

from budgets.imports.takster import eksport_xlsx, takstdata_for
from budgets.models import Importstatus
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.selectors import takstmodel_for_aar


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
        "Ark 'Takstniveauer', linje 4: 'fire' er ikke et gyldigt tal.",
    ]


def test_a_missing_sheet_rejects_the_workbook(koer, oekonomichef, arbejdsbog):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    del wb["Tidsanvendelse"]
    ud = io.BytesIO()
    wb.save(ud)
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert job.errors == ["Arket 'Tidsanvendelse' mangler."]
