"""Issue 17: the takster workbook round-trips a published ladder's fixed prices
and minutes, and a workbook exported before those columns still reads."""

import io
from decimal import Decimal

import openpyxl
import pytest

from budgets.imports.takster import eksport_xlsx, takstdata_for
from budgets.models import Importstatus
from tariffs.models import Takstmodel, Takstniveau, Timeprismodel
from tariffs.selectors import servicetakster_for, takstmodel_for_aar
from tests.tariffs.test_fast_pris import STIGE, stige_model


@pytest.fixture
def arbejdsbog(oekonomichef):
    return eksport_xlsx(takstmodel_for_aar(stige_model(2026, oekonomichef).aar))


def _slet_modeller():
    Takstmodel.objects.all().delete()
    Timeprismodel.objects.all().delete()


def _gemt(wb) -> bytes:
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


def test_the_ladder_round_trips_to_the_same_models(koer, oekonomichef, arbejdsbog):
    foer = takstdata_for(takstmodel_for_aar(2026))
    _slet_modeller()
    job = koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")
    assert job.status == Importstatus.FAERDIG
    assert takstdata_for(takstmodel_for_aar(2026)) == foer


def test_the_imported_ladder_prices_each_step_at_its_kroner(
    koer, oekonomichef, arbejdsbog
):
    _slet_modeller()
    koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")
    takster = list(servicetakster_for(takstmodel_for_aar(2026)).values())
    assert takster == [Decimal(kr) for _, kr in STIGE]


def test_the_workbook_has_the_fixed_price_and_minutes_columns(arbejdsbog):
    ark = openpyxl.load_workbook(io.BytesIO(arbejdsbog))["Takstniveauer"]
    # Header row, then P1 in row 2: 150 kr. and 20 minutes (columns G and H).
    assert [ark["G1"].value, ark["H1"].value, ark["G2"].value, ark["H2"].value] == [
        "fast pris",
        "minutter pr. døgn",
        150,
        20,
    ]


def test_a_changed_fixed_price_in_the_workbook_is_saved(koer, oekonomichef, arbejdsbog):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Takstniveauer"]["G13"] = "4.650,00"  # P12, typed the Danish way
    koer(oekonomichef, "takster", _gemt(wb), "takster.xlsx")
    p12 = Takstniveau.objects.get(takstmodel__aar=2026, kode="P12")
    assert p12.fast_pris == Decimal("4650.00")


def test_a_workbook_without_the_new_columns_still_imports(
    koer, oekonomichef, arbejdsbog
):
    """An older export: no fixed prices, so each level is priced by hours."""
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Takstniveauer"].delete_cols(7, 2)
    _slet_modeller()
    job = koer(oekonomichef, "takster", _gemt(wb), "takster.xlsx")
    assert job.status == Importstatus.FAERDIG
    # P1: 20 minutes = 1/3 hour × 492,07 = 164,02 kr.
    assert servicetakster_for(takstmodel_for_aar(2026))["P1"] == Decimal("164.02")


def test_a_fixed_price_with_three_decimals_is_refused_with_its_line(
    koer, oekonomichef, arbejdsbog
):
    wb = openpyxl.load_workbook(io.BytesIO(arbejdsbog))
    wb["Takstniveauer"]["G2"] = "150,005"
    job = koer(oekonomichef, "takster", _gemt(wb), "takster.xlsx")
    assert job.status != Importstatus.FAERDIG
    assert job.errors[0].startswith("Ark 'Takstniveauer', linje 2:")
