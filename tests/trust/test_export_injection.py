"""Hostile names in every export stay text, never a formula (issue 14 #3).

openpyxl turns any string that starts with '=' into a live formula; a borger,
tilbud or level named like FJENDTLIG would become a link in the finance chief's
workbook. Each export is fetched through its page, as a user would.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from openpyxl import Workbook

from config.lib.excel import Formel, csv_tekst, skriv_celle
from offers import services
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL
from tests.factories import BudgetaarFactory, FastUdgiftFactory, TilbudFactory

D = datetime.date
FJENDTLIG = '=HYPERLINK("http://x","klik")'


@pytest.fixture(autouse=True)
def idag_2026(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 6, 30))


@pytest.fixture
def fjendtlig_takstmodel(oekonomichef):
    """A 2026 model whose level 2 is named FJENDTLIG (2 hours per døgn)."""
    timepris = timeprismodel_save(
        acting_user=oekonomichef,
        aar=2026,
        navn="Timepris 2026",
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    niveauer = [
        {"kode": "1", "navn": "Niveau 1", "nedre": Decimal("0"), "oevre": Decimal("2")},
        {"kode": "2", "navn": FJENDTLIG, "nedre": Decimal("2"), "oevre": Decimal("4")},
    ]
    return takstmodel_save(
        acting_user=oekonomichef,
        aar=2026,
        navn="Takstmodel 2026",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=niveauer,
    )


@pytest.fixture
def fjendtligt_tilbud(fjendtlig_takstmodel):
    tilbud = TilbudFactory(navn=FJENDTLIG, pladser=8)
    FastUdgiftFactory(
        tilbud=tilbud, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )
    return tilbud


@pytest.fixture
def fjendtlig_borger(fjendtligt_tilbud, fjendtlig_takstmodel, raadgiver):
    """A borger named FJENDTLIG in the tilbud from 1 February, gone 10 March."""
    borger = services.borger_create(
        cpr="010190-1234", navn=FJENDTLIG, acting_user=raadgiver
    )
    niveau = fjendtlig_takstmodel.niveauer.get(kode="2")
    services.borger_tilgang(
        borger=borger,
        tilbud=fjendtligt_tilbud,
        dato=D(2026, 2, 1),
        takstniveau=niveau,
        acting_user=raadgiver,
    )
    services.borger_afgang(borger=borger, dato=D(2026, 3, 10), acting_user=raadgiver)
    return borger


def _arbejdsbog(response) -> Workbook:
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _fjendtlige_celler(wb: Workbook) -> list:
    """Every cell whose text starts with FJENDTLIG (a borger cell adds the masked
    CPR after the name)."""
    celler = [
        c
        for ark in wb.worksheets
        for raekke in ark.iter_rows()
        for c in raekke
        if isinstance(c.value, str) and c.value.startswith(FJENDTLIG)
    ]
    assert celler, "the hostile name is not in the export"
    return celler


def _er_tekst(wb: Workbook) -> bool:
    return all(c.data_type == "s" and c.quotePrefix for c in _fjendtlige_celler(wb))


def test_tilbud_export_writes_a_hostile_borger_name_as_text(
    client, oekonomichef, fjendtlig_borger, fjendtligt_tilbud
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-detail", args=[fjendtligt_tilbud.pk])
    wb = _arbejdsbog(client.get(url, {"format": "xlsx"}))
    assert _er_tekst(wb)


def test_tilbud_export_keeps_a_negative_amount_a_number(
    client, oekonomichef, fjendtlig_borger, fjendtligt_tilbud
):
    """The afgang 10 March takes money back: a negative Decimal, still a number."""
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-detail", args=[fjendtligt_tilbud.pk])
    ark = _arbejdsbog(client.get(url, {"format": "xlsx"}))["Reguleringer 2026"]
    beloeb = [r[5] for r in ark.iter_rows(min_row=2) if r[1].value == "Afgang"]
    assert beloeb and all(c.data_type == "n" and c.value < 0 for c in beloeb)


def test_takstblad_export_writes_a_hostile_level_name_as_text(
    client, oekonomichef, fjendtligt_tilbud
):
    client.force_login(oekonomichef)
    url = reverse("budgets:takstblad", args=[fjendtligt_tilbud.pk])
    assert _er_tekst(_arbejdsbog(client.get(url, {"format": "xlsx"})))


def test_central_export_writes_a_hostile_tilbud_name_as_text(
    client, oekonomichef, fjendtligt_tilbud
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:central"), {"format": "xlsx"})
    assert _er_tekst(_arbejdsbog(response))


def test_hvis_export_writes_hostile_tilbud_and_level_names_as_text(
    client, oekonomichef, fjendtlig_borger
):
    client.force_login(oekonomichef)
    response = client.get(
        reverse("budgets:hvis"), {"sygefravaer": "1", "format": "xlsx"}
    )
    wb = _arbejdsbog(response)
    assert len(_fjendtlige_celler(wb)) == 2  # the level and the tilbud
    assert _er_tekst(wb)


def test_takstmodel_export_writes_a_hostile_level_name_as_text(
    client, oekonomichef, fjendtlig_takstmodel
):
    client.force_login(oekonomichef)
    response = client.get(reverse("imports:takster-eksport", args=[2026]))
    assert _er_tekst(_arbejdsbog(response))


def test_takstmodel_export_keeps_the_hostile_name_as_typed(
    client, oekonomichef, fjendtlig_takstmodel
):
    """The workbook is imported back, so the text must be the name itself."""
    client.force_login(oekonomichef)
    response = client.get(reverse("imports:takster-eksport", args=[2026]))
    (celle,) = _fjendtlige_celler(_arbejdsbog(response))
    assert celle.value == FJENDTLIG


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_written_as_text(start):
    ark = Workbook().active
    celle = skriv_celle(ark, 1, 1, start + "1+1")
    assert (celle.data_type, celle.quotePrefix) == ("s", True)


def test_a_formula_the_product_writes_stays_a_formula():
    ark = Workbook().active
    assert skriv_celle(ark, 1, 1, Formel("=SUM(A2:A3)")).data_type == "f"


def test_a_negative_decimal_is_written_as_a_number():
    ark = Workbook().active
    celle = skriv_celle(ark, 1, 1, Decimal("-12.50"))
    assert (celle.data_type, celle.value) == ("n", Decimal("-12.50"))


def test_csv_cells_that_start_a_formula_get_a_quote():
    assert csv_tekst(FJENDTLIG) == "'" + FJENDTLIG
    assert csv_tekst("-5") == "'-5"


def test_csv_numbers_and_plain_text_pass_unchanged():
    assert csv_tekst(Decimal("-5")) == Decimal("-5")
    assert csv_tekst("Bofællesskabet Ahorn") == "Bofællesskabet Ahorn"
