"""Issue 17: the takster workbook round-trips tiers, salary items and every form
of time use; a workbook from before them still reads."""

import io
from decimal import Decimal

import openpyxl
import pytest

from budgets.imports.takster import eksport_xlsx, takstdata_for
from budgets.models import Importstatus
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.selectors import servicetakster_for, takstmodel_for_aar
from tariffs.services import timeprismodel_save

D = Decimal


@pytest.fixture
def med_trin(oekonomichef, takstmodel_2026):
    """conftest's 2026 model with two tiers, salary items and the new forms."""
    tp = takstmodel_2026.timeprismodel
    timeprismodel_save(
        acting_user=oekonomichef,
        timeprismodel=tp,
        aar=2026,
        navn=tp.navn,
        aarsloen=D("450000"),
        aarsnorm_timer=D("1924"),
        fravaer=[{"kategori": "ferie", "timer": D("185")}],
        tidsanvendelse=[
            {"kategori": "pauser", "timer_pr_dag": D("0.5")},
            {"kategori": "personalemoeder", "timer_pr_uge": D("1.5")},
            {"kategori": "uddannelse", "procent_aarsnorm": D("1")},
            {"kategori": "dokumentation", "procent": D("5")},
        ],
        loenposter=[
            {"kategori": "vikar", "beloeb": D("12000")},
            {"kategori": "dagpengerefusion", "beloeb": D("-8000")},
        ],
        grupper=[
            {"fra": 2, "til": 2, "direkte_procent": D("62")},
            {"fra": 3, "til": None, "direkte_procent": D("68")},
        ],
    )
    return takstmodel_for_aar(2026)


def _slet_modeller():
    Takstmodel.objects.all().delete()
    Timeprismodel.objects.all().delete()


def test_round_trip_keeps_tiers_salary_items_and_forms(koer, oekonomichef, med_trin):
    foer = takstdata_for(med_trin)
    arbejdsbog = eksport_xlsx(med_trin)
    _slet_modeller()
    job = koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")
    assert job.status == Importstatus.FAERDIG
    assert takstdata_for(takstmodel_for_aar(2026)) == foer


def test_round_trip_keeps_the_tiered_servicetakster(koer, oekonomichef, med_trin):
    foer = servicetakster_for(med_trin)
    arbejdsbog = eksport_xlsx(med_trin)
    _slet_modeller()
    koer(oekonomichef, "takster", arbejdsbog, "takster.xlsx")
    assert servicetakster_for(takstmodel_for_aar(2026)) == foer


def test_the_exported_tiers_are_on_their_own_sheet(med_trin):
    wb = openpyxl.load_workbook(io.BytesIO(eksport_xlsx(med_trin)))
    rows = list(wb["Timeprisgrupper"].iter_rows(values_only=True))
    assert rows == [
        ("fra", "til", "direkte procent", "timeprismodel"),
        (2, 2, 62, None),  # blank: the takstmodel's timeprismodel
        (3, None, 68, None),
    ]


def test_a_workbook_without_the_new_sheets_and_columns_still_reads(
    koer, oekonomichef, takstmodel_2026
):
    wb = openpyxl.load_workbook(io.BytesIO(eksport_xlsx(takstmodel_2026)))
    del wb["Lønposter"], wb["Timeprisgrupper"]
    wb["Tidsanvendelse"].delete_cols(4, 3)
    ud = io.BytesIO()
    wb.save(ud)
    foer = takstdata_for(takstmodel_2026)
    _slet_modeller()
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert job.status == Importstatus.FAERDIG
    assert takstdata_for(takstmodel_for_aar(2026)) == foer


def test_a_tidsanvendelse_line_in_two_columns_is_refused(
    koer, oekonomichef, takstmodel_2026
):
    wb = openpyxl.load_workbook(io.BytesIO(eksport_xlsx(takstmodel_2026)))
    wb["Tidsanvendelse"]["F2"] = 0.5  # timer pr. dag beside its procent
    ud = io.BytesIO()
    wb.save(ud)
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert job.status == Importstatus.AFVIST
