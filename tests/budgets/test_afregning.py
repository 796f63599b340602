"""The settlement with the buying municipalities from the database (issue 18).

Figures from tests/afregning_data.py: Anna 2,500.08 kr. per døgn (level 2) paid
by 751 from 10 March, afgang 20 August; Bent paid by 730, level 1 (1,515.94) to
15 May, level 2 (2,500.08) from 16 May.
"""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from budgets.models import AfregningFaktureret
from budgets.selectors import tilbud_resultat
from budgets.selectors.afregning import afregning_for, varsler_for
from budgets.services.afregning import (
    ALLEREDE_FAKTURERET,
    afregning_faktureret_fjern,
    afregning_faktureret_marker,
)
from tests.afregning_data import D, solgte_pladser


@pytest.fixture
def solgt(tilbud_a, faste_a, niveau, raadgiver):
    return solgte_pladser(tilbud_a, niveau, raadgiver)


def _kommune(afr, kode):
    return afr.kommune(kode)


def test_anna_is_billed_22_days_in_march(solgt, oekonomichef):
    # 10-31 March = 22 days × 2,500.08 = 55,001.76 kr.
    k = _kommune(afregning_for(2026, 3, oekonomichef), "751")
    assert (k.dage, k.beloeb) == (22, Decimal("55001.76"))


def test_anna_is_billed_through_30_september_after_afgang_20_august(
    solgt, oekonomichef
):
    # Month + 1: September 30 days × 2,500.08 = 75,002.40 kr.; October nothing.
    k = _kommune(afregning_for(2026, 9, oekonomichef), "751")
    (linje,) = k.linjer
    assert (linje.fra, linje.til, linje.beloeb) == (
        D(2026, 9, 1),
        D(2026, 9, 30),
        Decimal("75002.40"),
    )
    assert not _kommune(afregning_for(2026, 10, oekonomichef), "751").linjer


@override_settings(AFREGNING_AFLOEB="afgang")
def test_with_the_afgang_rule_anna_is_billed_through_19_august(solgt, oekonomichef):
    # 1-19 August = 19 × 2,500.08 = 47,501.52 kr.; September nothing.
    assert _kommune(afregning_for(2026, 8, oekonomichef), "751").beloeb == Decimal(
        "47501.52"
    )
    assert not afregning_for(2026, 9, oekonomichef).kommune("751").linjer


def test_bents_level_change_16_may_gives_two_lines(solgt, oekonomichef):
    # 1-15 May: 15 × 1,515.94 = 22,739.10; 16-31 May: 16 × 2,500.08 = 40,001.28;
    # May 62,740.38 kr.
    k = _kommune(afregning_for(2026, 5, oekonomichef), "730")
    assert [(li.niveau_kode, li.dage, li.beloeb) for li in k.linjer] == [
        ("1", 15, Decimal("22739.10")),
        ("2", 16, Decimal("40001.28")),
    ]
    assert k.beloeb == Decimal("62740.38")


def test_the_years_settlement_is_the_tilbuds_sold_income(solgt, tilbud_a, oekonomichef):
    # Anna: 205 days × 2,500.08 = 512,516.40. Bent: 135 days (1 Jan-15 May)
    # × 1,515.94 = 204,651.90 and 230 days (16 May-31 Dec) × 2,500.08 =
    # 575,018.40. Total 1,292,186.70 kr.
    aaret = sum(afregning_for(2026, m, oekonomichef).beloeb for m in range(1, 13))
    assert aaret == Decimal("1292186.70")
    indtaegt = tilbud_resultat(tilbud_a, 2026, D(2026, 12, 31)).noegletal.indtaegt_salg
    assert aaret == indtaegt


def test_a_tilbudsleder_of_another_tilbud_sees_no_lines(solgt, leder_b):
    assert afregning_for(2026, 3, leder_b).kommuner == ()


# ------------------------------------------------------------------ the pages


def test_the_month_page_shows_each_kommunes_statement(client, solgt, oekonomichef):
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:afregning-maaned", args=[2026, 3]))
    tekst = svar.content.decode()
    assert svar.status_code == 200
    assert "55.001,76 kr." in tekst and "Kommune 751" in tekst
    assert "den følgende måned" in tekst  # the run-off rule is shown
    assert "010190-1234" not in tekst and "010190-xxxx" in tekst


def test_the_menu_links_the_settlement_for_oekonomi(client, oekonomichef, niveau):
    client.force_login(oekonomichef)
    svar = client.get(reverse("start"), follow=True)
    assert reverse("budgets:afregning") in svar.content.decode()


def test_the_picker_redirects_to_the_month(client, oekonomichef, niveau):
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:afregning"), {"aar": "2026", "maaned": "3"})
    assert svar["Location"] == reverse("budgets:afregning-maaned", args=[2026, 3])


def test_a_bad_month_in_the_picker_is_a_danish_message(client, oekonomichef, niveau):
    client.force_login(oekonomichef)
    svar = client.get(
        reverse("budgets:afregning"), {"aar": "2026", "maaned": "13"}, follow=True
    )
    assert "Vælg en måned fra 1 til 12" in svar.content.decode()


def test_month_13_page_is_not_found(client, oekonomichef, niveau):
    client.force_login(oekonomichef)
    assert client.get("/budget/afregning/2026/13/").status_code == 404


def test_the_excel_has_one_sheet_per_table_with_sum_formulas(
    client, solgt, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("budgets:afregning-maaned", args=[2026, 5])
    bog = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {"format": "xlsx"}).content)
    )
    assert bog.sheetnames == [
        "Afregning maj 2026",
        "Kommune 730 05.2026",
        "Kommune 751 05.2026",
    ]
    ark = bog["Kommune 730 05.2026"]
    # Two lines (rows 2-3), the total in row 4: Døgn (F) and Beløb (K, after
    # the efterregulering-in-the-takst column of issue 18 #3) summed.
    assert ark["F4"].value == "=SUM(F2:F3)"
    assert ark["K4"].value == "=SUM(K2:K3)"
    assert Decimal(str(ark["K2"].value)) == Decimal("22739.10")


def test_the_csv_has_one_debitor_line_per_settlement_line(client, solgt, oekonomichef):
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:afregning-csv", args=[2026, 5]))
    raekker = list(csv.reader(io.StringIO(svar.content.decode()), delimiter=";"))
    assert raekker[0] == ["kommunekode", "periode", "beloeb", "tekst"]
    # Anna in May: 31 × 2,500.08 = 77,502.48 kr. to 751.
    assert [r[:3] for r in raekker[1:]] == [
        ["730", "2026-05", "22739.10"],
        ["730", "2026-05", "40001.28"],
        ["751", "2026-05", "77502.48"],
    ]
    assert "01.05.2026-15.05.2026" in raekker[1][3]


def test_the_kommune_statement_prints_its_lines(client, solgt, oekonomichef):
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:afregning-kommune", args=[2026, 3, "751"]))
    assert svar.status_code == 200
    assert "55.001,76 kr." in svar.content.decode()


def test_a_bad_kommunekode_is_not_found(client, oekonomichef, niveau):
    client.force_login(oekonomichef)
    url = "/budget/afregning/2026/3/kommune/75x/"
    assert client.get(url).status_code == 404


# --------------------------------------------------------- faktureret, warning


def test_marking_faktureret_keeps_who_and_history(client, solgt, oekonomichef):
    client.force_login(oekonomichef)
    url = reverse("budgets:afregning-faktureret", args=[2026, 3])
    client.post(url, {"kommunekode": "751", "handling": "marker"})
    mark = AfregningFaktureret.objects.get(kommunekode="751", aar=2026, maaned=3)
    assert mark.faktureret_af == oekonomichef
    client.post(url, {"kommunekode": "751", "handling": "fjern"})
    assert not AfregningFaktureret.objects.exists()
    typer = [h.history_type for h in AfregningFaktureret.history.order_by("pk")]
    assert typer == ["+", "-"]


def test_marking_twice_is_refused_in_danish_and_writes_nothing(
    client, solgt, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("budgets:afregning-faktureret", args=[2026, 3])
    client.post(url, {"kommunekode": "751"})
    svar = client.post(url, {"kommunekode": "751"}, follow=True)
    assert ALLEREDE_FAKTURERET.format(kode="751", periode="03.2026") in (
        svar.content.decode()
    )
    assert AfregningFaktureret.objects.count() == 1


def test_a_bad_kommunekode_mark_is_a_danish_error(client, oekonomichef, niveau):
    client.force_login(oekonomichef)
    url = reverse("budgets:afregning-faktureret", args=[2026, 3])
    svar = client.post(url, {"kommunekode": "7"}, follow=True)
    assert "tre cifre" in svar.content.decode()
    assert not AfregningFaktureret.objects.exists()


def test_march_2026_unmarked_is_warned_from_1_january_2027(solgt, oekonomichef):
    # Deadline 31.03.2027 (12 months); the warning starts after 31.12.2026.
    foer = varsler_for(D(2026, 12, 31), oekonomichef)
    assert (2026, 3, "751") not in {(v.aar, v.maaned, v.kommunekode) for v in foer}
    (varsel,) = [
        v
        for v in varsler_for(D(2027, 1, 1), oekonomichef)
        if (v.maaned, v.kommunekode) == (3, "751")
    ]
    assert varsel.beloeb == Decimal("55001.76")
    assert varsel.frist == D(2027, 3, 31) and not varsel.overskredet


def test_a_marked_month_is_not_warned(solgt, oekonomichef):
    afregning_faktureret_marker(
        kommunekode="751", aar=2026, maaned=3, acting_user=oekonomichef
    )
    varsler = varsler_for(D(2027, 1, 1), oekonomichef)
    assert (2026, 3, "751") not in {(v.aar, v.maaned, v.kommunekode) for v in varsler}
    afregning_faktureret_fjern(
        kommunekode="751", aar=2026, maaned=3, acting_user=oekonomichef
    )
    varsler = varsler_for(D(2027, 1, 1), oekonomichef)
    assert (2026, 3, "751") in {(v.aar, v.maaned, v.kommunekode) for v in varsler}


def test_the_page_shows_the_warning(client, solgt, oekonomichef, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2027, 1, 15))
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:afregning-maaned", args=[2026, 3]))
    assert 'id="afregning-varsler"' in svar.content.decode()


# ------------------------------------------------------- what the buyer buys


def test_the_buyer_sees_level_hours_themes_and_reason(client, solgt, oekonomichef):
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:koebsbeskrivelse", args=[solgt["anna"].pk]))
    tekst = svar.content.decode()
    assert svar.status_code == 200
    # Level 2: 3 takstgivende hours; døgnskema 120 min egenomsorg = 2,00 h,
    # 60 min praktiske opgaver = 1,00 h; 3,00 h in all.
    assert "3,00" in tekst and "2,00" in tekst and "1,00" in tekst
    assert "Behov for støtte morgen og aften." in tekst
    assert "kommune 751" in tekst
    assert "010190-1234" not in tekst and "010190-xxxx" in tekst


def test_the_tilbudsleder_sees_the_buyer_description_of_their_tilbud(
    client, solgt, leder_a
):
    client.force_login(leder_a)
    url = reverse("budgets:koebsbeskrivelse", args=[solgt["anna"].pk])
    assert client.get(url).status_code == 200
