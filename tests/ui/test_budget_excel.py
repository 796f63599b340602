"""Issue 15 item 5: every xlsx export of the budget pages is a workbook to work in:
totals as =SUM formulas, percentages in Excel's % format (the value a fraction),
an autofilter on each table, one sheet per table, the what-if with its timepris."""

import io

import openpyxl
import pytest
from django.urls import reverse


def _bog(client, url, **params) -> openpyxl.Workbook:
    response = client.get(url, {"format": "xlsx", **params})
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_central_total_row_sums_with_formulas(
    client, oekonomichef, tilbud_a, tilbud_b, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    ark = _bog(client, reverse("budgets:central")).worksheets[0]
    # Header in row 1, Ahorn and Birk in rows 2-3, the total in row 4.
    assert ark["A4"].value == "I alt"
    assert ark["B4"].value == "=SUM(B2:B3)"  # Pladser: 8 + 12
    assert ark["F4"].value == "=SUM(F2:F3)"  # Fast budget
    assert ark["F4"].number_format == "#,##0.00"


def test_central_percentages_are_fractions_in_percent_format(
    client, oekonomichef, tilbud_a, tilbud_b, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    ark = _bog(client, reverse("budgets:central")).worksheets[0]
    assert ark["E1"].value == "Belægning"
    # Anna in Ahorn 1 February - 31 December 2026: 334 days / 365 / 8 pladser
    # = 0.11438… (11,4 %), written as the fraction.
    assert ark["E2"].value == pytest.approx(334 / 365 / 8)
    assert ark["E2"].number_format == "0.0%"
    # The total's belægning is not a sum of the rows: kept as a value.
    assert not str(ark["E4"].value).startswith("=")


def test_central_has_an_autofilter_over_its_rows(
    client, oekonomichef, tilbud_a, tilbud_b, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    bog = _bog(client, reverse("budgets:central"))
    ark = bog.worksheets[0]
    # Issue 17: the subtotals per tilbudstype and the tilbud grouped by it.
    assert bog.sheetnames == [
        "Central budgetmodel 2026",
        "Pr. tilbudstype 2026",
        "Grupperet pr. tilbudstype 2026",
    ]
    # All 18 columns (A-R, the prognose since issue 19), whatever the page shows;
    # header + 2 rows; the total row stays out of the filter.
    assert ark.auto_filter.ref == "A1:R3"


def test_tilbud_export_sums_the_months_and_has_one_sheet_per_table(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    bog = _bog(client, reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    assert bog.sheetnames == ["Budgetmodel 2026", "Borgere", "Reguleringer 2026"]
    ark = bog["Budgetmodel 2026"]
    # 12 months in rows 2-13, the total in row 14.
    assert ark["A14"].value == "I alt"
    assert ark["D14"].value == "=SUM(D2:D13)"  # Aktivitet korrigeret
    assert ark["H14"].value == "=SUM(H2:H13)"  # Afvigelse
    assert ark.auto_filter.ref == "A1:H13"
    regl = bog["Reguleringer 2026"]
    # Anna's tilgang is the one regulation (row 2); its Beløb (F) summed in row 3.
    assert regl["F3"].value == "=SUM(F2:F2)"
    assert regl.auto_filter.ref == "A1:G2"
    assert bog["Borgere"].auto_filter.ref == "A1:G2"


def test_takstblad_export_has_an_autofilter(
    client, oekonomichef, tilbud_a, faste_a, idag_2026
):
    client.force_login(oekonomichef)
    bog = _bog(client, reverse("budgets:takstblad", args=[tilbud_a.pk]))
    ark = bog.worksheets[0]
    assert ark.auto_filter.ref == f"A1:I{ark.max_row}"  # issue 17: 9 columns


def test_what_if_export_includes_the_timepris_sheet(
    client, oekonomichef, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    bog = _bog(client, reverse("budgets:hvis"), sygefravaer="1")
    assert bog.sheetnames == ["Timepris", "Servicetakster", "Aktivitetsbudget"]
    timepris = bog["Timepris"]
    assert timepris["A6"].value == "Timepris (direkte), kr."
    assert timepris["B6"].value == pytest.approx(492.07)  # the 2026 timepris before
    assert timepris.auto_filter.ref == "A1:D6"
    tilbud = bog["Aktivitetsbudget"]
    # One tilbud (Ahorn) in row 2, the total in row 3.
    assert tilbud["B3"].value == "=SUM(B2:B2)"
    assert tilbud["C3"].value == "=SUM(C2:C2)"


def test_takstmodel_export_has_an_autofilter_on_each_sheet(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("imports:takster-eksport", args=[2026]))
    bog = openpyxl.load_workbook(io.BytesIO(response.content))
    for ark in bog.worksheets:
        assert ark.auto_filter.ref == ark.dimensions, ark.title
