"""Issue 13 #2 wired: a vedtaget year's budget is read against its day of
vedtagelse and its stored oprindeligt budget.

Tilbud A has faste udgifter 2,900,000 kr. in 2026 (faste_a). Level 1 pays 1
takstgivende hour × 492.07 = 492.07 kr. per døgn in 2025 and 2026.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.models import Budgetaar, Budgetstatus, VedtagetBudget
from budgets.selectors import tilbud_resultat
from offers import services
from tests.conftest import make_takstmodel

D = datetime.date
IDAG = D(2026, 6, 30)
VEDTAGELSE = D(2025, 10, 15)


@pytest.fixture
def sen_tilgang(tilbud_a, faste_a, anna, raadgiver, oekonomichef):
    """The issue's example: Anna's tilgang 15.12.2025, registered 15.02.2026."""
    model_2025 = make_takstmodel(2025, oekonomichef)
    return services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2025, 12, 15),
        takstniveau=model_2025.niveauer.get(kode="1"),
        acting_user=raadgiver,
        registreret=D(2026, 2, 15),
    )


def _vedtag(aar=2026, status=Budgetstatus.VEDTAGET, dato=VEDTAGELSE):
    Budgetaar.objects.filter(aar=aar).update(status=status, vedtaget=dato)


def _gem_vedtaget(tilbud, fast_pr_maaned: Decimal, maaneder=range(1, 13)):
    budgetaar = Budgetaar.objects.get(aar=2026)
    for maaned in maaneder:
        VedtagetBudget.objects.create(
            tilbud=tilbud,
            budgetaar=budgetaar,
            maaned=maaned,
            fast=fast_pr_maaned,
            aktivitet=Decimal(0),
            overkapacitet=Decimal(0),
        )


def test_forslag_year_counts_a_late_tilgang_in_the_oprindeligt_budget(
    sen_tilgang, tilbud_a
):
    # 365 × 492.07 = 179,605.55, no entry (the rule before vedtagelse)
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert (budget.aktivitet_oprindeligt_aar, budget.ledger) == (
        Decimal("179605.55"),
        (),
    )


def test_vedtaget_year_keeps_a_late_tilgang_out_of_the_oprindeligt_budget(
    sen_tilgang, tilbud_a
):
    _vedtag()
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert budget.aktivitet_oprindeligt_aar == Decimal(0)
    assert [
        (r.haendelse, r.virkning_fra, r.dato_registreret, r.beloeb)
        for r in budget.ledger
    ] == [("tilgang", D(2025, 12, 15), D(2026, 2, 15), Decimal("179605.55"))]


def test_lukket_year_reads_its_day_of_vedtagelse_too(sen_tilgang, tilbud_a):
    _vedtag(status=Budgetstatus.LUKKET)
    assert tilbud_resultat(tilbud_a, 2026, IDAG).budget.aktivitet_oprindeligt_aar == 0


def test_vedtaget_year_shows_the_stored_oprindeligt_budget(tilbud_a, faste_a):
    # Stored: fast 200,000 a month = 2,400,000; computed now from 2,900,000.
    _vedtag()
    _gem_vedtaget(tilbud_a, Decimal("200000"))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert (budget.total_oprindeligt_aar, budget.total_korrigeret_aar) == (
        Decimal("2400000"),
        Decimal("2900000"),
    )


def test_stored_budget_differing_from_the_base_is_an_aendret_grundlag_entry(
    tilbud_a, faste_a
):
    # 2,900,000 − 2,400,000
    _vedtag()
    _gem_vedtaget(tilbud_a, Decimal("200000"))
    (post,) = tilbud_resultat(tilbud_a, 2026, IDAG).budget.ledger
    assert (post.haendelse, post.beloeb) == ("aendret_grundlag", Decimal("500000"))


def test_forslag_year_ignores_stored_rows(tilbud_a, faste_a):
    _gem_vedtaget(tilbud_a, Decimal("200000"))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert (budget.total_oprindeligt_aar, budget.ledger) == (Decimal("2900000"), ())


def test_a_tilbud_without_all_12_stored_months_is_computed(tilbud_a, faste_a):
    _vedtag()
    _gem_vedtaget(tilbud_a, Decimal("200000"), maaneder=range(1, 12))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert (budget.total_oprindeligt_aar, budget.ledger) == (Decimal("2900000"), ())
