"""Issue 17 on the pages: the økonomichef enters a published ladder's kr and
minutes on the level page (no admin), and the takstblad prints them exactly,
on the page and in its Excel export.

Basistakst (DOMAIN.md §4): 2.900.000 / (8 × 365 × 0,97) = 1.023,87 kr.;
timepris for direkte tid 492,07 kr. (DOMAIN.md §2).
"""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from budgets.models import Budgetaar, FastUdgift
from tariffs.models import Takstniveau
from tests.tariffs.test_fast_pris import STIGE, stige_model, stige_niveauer


@pytest.fixture
def stige(oekonomichef, tilbud_a):
    FastUdgift.objects.create(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get_or_create(aar=2026)[0],
        kategori="ledelse",
        beloeb=Decimal("2900000"),
    )
    return stige_model(2026, oekonomichef)


def _side(client, tilbud, **params) -> str:
    url = reverse("budgets:takstblad", args=[tilbud.pk])
    svar = client.get(url, {"aar": 2026, **params})
    assert svar.status_code == 200
    return svar


def _raekke(html: str, kode: str) -> str:
    """The text of the takstblad row of one level."""
    fund = re.search(rf'<tr><th scope="row">{kode}</th>(.*?)</tr>', html, re.S)
    assert fund is not None
    return fund.group(1)


def test_the_takstblad_page_prints_each_steps_kroner(
    client, oekonomichef, tilbud_a, stige, idag_2026
):
    client.force_login(oekonomichef)
    html = _side(client, tilbud_a).content.decode()
    # 150.00 → "150,00 kr.", 4500.00 → "4.500,00 kr.": Danish format.
    danske = ["150,00", "285,00", "420,00", "615,00", "810,00", "1.000,00"]
    danske += ["1.190,00", "1.560,00", "1.935,00", "2.300,00", "3.050,00"]
    danske += ["4.500,00"]
    for nr, kr in enumerate(danske, start=1):
        assert f'<td class="num">{kr} kr.</td>' in _raekke(html, f"P{nr}")


def test_the_takstblad_page_shows_the_level_as_fixed_price_with_hours_and_minutes(
    client, oekonomichef, tilbud_a, stige, idag_2026
):
    client.force_login(oekonomichef)
    raekke = _raekke(_side(client, tilbud_a).content.decode(), "P1")
    # 150 / 492,07 = 0,3048 hours per døgn; 20 minutes as published.
    assert ("Fast pris" in raekke, "0,30" in raekke, "20,00" in raekke) == (
        True,
        True,
        True,
    )


def test_the_takstblad_export_has_exactly_the_ladders_kroner(
    client, oekonomichef, tilbud_a, stige, idag_2026
):
    client.force_login(oekonomichef)
    svar = _side(client, tilbud_a, format="xlsx")
    ark = openpyxl.load_workbook(io.BytesIO(svar.content)).worksheets[0]
    # Columns: niveau, navn, takstgivende, basis, service (E), døgn (F), prisform
    # (G), timer for prisen (H), minutter (I); rows 2-13 are P1-P12.
    service = [Decimal(str(ark.cell(row=r, column=5).value)) for r in range(2, 14)]
    assert service == [Decimal(kr) for _, kr in STIGE]


def test_the_takstblad_export_gives_doegntakst_and_prisform(
    client, oekonomichef, tilbud_a, stige, idag_2026
):
    client.force_login(oekonomichef)
    svar = _side(client, tilbud_a, format="xlsx")
    ark = openpyxl.load_workbook(io.BytesIO(svar.content)).worksheets[0]
    # P12 in row 13: 1.023,87 + 4.500,00 = 5.523,87; 600 minutes as published.
    kode, doegn, prisform, minutter = (
        ark.cell(row=13, column=k).value for k in (1, 6, 7, 9)
    )
    # Excel holds a float: read back to øre through its text.
    assert (kode, Decimal(str(doegn)), prisform, minutter) == (
        "P12",
        Decimal("5523.87"),
        "Fast pris",
        600,
    )


def _formdata(niveauer: list[dict]) -> dict:
    data = {
        "form-TOTAL_FORMS": str(len(niveauer)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "gem": "1",
    }
    for i, n in enumerate(niveauer):
        for felt in ("kode", "navn", "nedre", "oevre", "takstgivende"):
            vaerdi = n.get(felt)
            data[f"form-{i}-{felt}"] = "" if vaerdi is None else str(vaerdi)
    return data


def test_the_oekonomichef_enters_a_fixed_price_on_the_level_page(
    client, oekonomichef, stige, idag_2026
):
    client.force_login(oekonomichef)
    data = _formdata(stige_niveauer())
    data["form-11-fast_pris"] = "4.600,00"  # typed the Danish way
    data["form-11-minutter_pr_doegn"] = "620"
    url = reverse("tariffs:takstmodel-update", args=[stige.pk])
    svar = client.post(url, data)
    assert svar.status_code == 302
    p12 = Takstniveau.objects.get(takstmodel=stige, kode="P12")
    assert (p12.fast_pris, p12.minutter_pr_doegn) == (Decimal("4600"), Decimal(620))


def test_an_empty_fixed_price_on_the_level_page_prices_by_hours_again(
    client, oekonomichef, stige, idag_2026
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:takstmodel-update", args=[stige.pk])
    client.post(url, _formdata(stige_niveauer()))  # fast pris left empty
    # P1: 20 minutes = 1/3 hour × 492,07 = 164,0233… → 164,02 kr.
    svar = client.get(url)
    assert svar.context["servicetakster"]["P1"] == Decimal("164.02")


def test_the_level_page_shows_the_saved_fixed_price_in_danish(
    client, oekonomichef, stige, idag_2026
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:takstmodel-update", args=[stige.pk])
    html = client.get(url).content.decode()
    assert 'name="form-11-fast_pris" value="4.500,00"' in html
