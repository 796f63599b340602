import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.models import Maanedstal
from budgets.selectors import central_for, tilbud_resultat
from config.lib.roles import roller_for
from offers import services
from tests.factories import TilbudFactory

D = datetime.date
IDAG = D(2026, 6, 30)


def _placer(borger, tilbud, niveau, raadgiver, tilgang, afgang=None):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=tilgang,
        takstniveau=niveau,
        acting_user=raadgiver,
    )
    if afgang:
        services.borger_afgang(borger=borger, dato=afgang, acting_user=raadgiver)


def test_basistakst_follows_the_worked_example(tilbud_a, faste_a, takstmodel_2026):
    resultat = tilbud_resultat(tilbud_a, 2026, IDAG)
    assert resultat.prisliste.basistakst == Decimal("1023.87")


def test_afgang_10_march_finances_level_2_through_30_april(
    tilbud_a, faste_a, anna, niveau, raadgiver
):
    # Niveau 2 = 3 takstgivende hours × 492.07 = 1,476.21 kr. per døgn;
    # 1 Feb-30 Apr = 89 days.
    _placer(anna, tilbud_a, niveau["2"], raadgiver, D(2026, 2, 1), D(2026, 3, 10))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret_aar == Decimal("131382.69")


def test_ledger_explains_korrigeret_minus_oprindeligt(
    tilbud_a, faste_a, anna, niveau, raadgiver
):
    _placer(anna, tilbud_a, niveau["2"], raadgiver, D(2026, 2, 1), D(2026, 3, 10))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    total = sum(r.beloeb for r in budget.ledger)
    assert total == budget.aktivitet_korrigeret_aar - budget.aktivitet_oprindeligt_aar


def test_ledger_row_shows_the_borger_masked(tilbud_a, faste_a, anna, niveau, raadgiver):
    _placer(anna, tilbud_a, niveau["2"], raadgiver, D(2026, 2, 1))
    (regulering,) = tilbud_resultat(tilbud_a, 2026, IDAG).budget.ledger
    assert regulering.borger == "Anna (010190-xxxx)"


def test_central_total_sums_the_tilbud(
    tilbud_a, tilbud_b, faste_a, anna, niveau, raadgiver, oekonomichef
):
    _placer(anna, tilbud_a, niveau["2"], raadgiver, D(2026, 2, 1))
    central = central_for(oekonomichef, 2026, IDAG)
    rows = sum(t.total_korrigeret_aar for _, t in central.raekker)
    assert central.total.total_korrigeret_aar == rows


def test_leder_sees_only_their_own_tilbud_in_the_central_model(
    tilbud_a, tilbud_b, leder_a, faste_a, takstmodel_2026
):
    central = central_for(leder_a, 2026, IDAG)
    assert [g.navn for g, _ in central.raekker] == [tilbud_a.navn]


def _count_central_queries(user, forfra: bool = False) -> int:
    """Queries of one central model; ``forfra``: nothing stored (computed)."""
    roller_for(user)  # the role lookup is cached on the user; count only budget reads
    if forfra:
        Maanedstal.objects.all().delete()
    with CaptureQueriesContext(connection) as ctx:
        central_for(user, 2026, IDAG)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("forfra", [True, False], ids=["computed", "stored"])
def test_central_query_count_does_not_grow_with_the_number_of_tilbud(
    oekonomichef, niveau, raadgiver, forfra
):
    def add_tilbud_with_borger(n):
        tilbud = TilbudFactory()
        borger = services.borger_create(
            cpr=f"0101{n:02d}-1234",
            navn=f"B{n}",
            betalingskommune="751",
            acting_user=raadgiver,
        )
        _placer(borger, tilbud, niveau["1"], raadgiver, D(2026, 3, 1), D(2026, 5, 5))

    def count() -> int:
        return _count_central_queries(oekonomichef, forfra=forfra)

    add_tilbud_with_borger(50)
    few = count()
    for n in range(51, 56):
        add_tilbud_with_borger(n)
    assert count() == few


def test_central_reflects_an_afgang_registered_after_it_was_read(
    tilbud_a, faste_a, anna, niveau, raadgiver, oekonomichef
):
    _placer(anna, tilbud_a, niveau["2"], raadgiver, D(2026, 2, 1))
    foer = central_for(oekonomichef, 2026, IDAG).total.aktivitet_korrigeret_aar
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    efter = central_for(oekonomichef, 2026, IDAG).total.aktivitet_korrigeret_aar
    # Open from 1 Feb: 334 days × 1,476.21; after afgang 10 March: 89 days × 1,476.21.
    assert (foer, efter) == (Decimal("493054.14"), Decimal("131382.69"))


def test_a_leders_central_model_reads_only_their_tilbuds_rows(
    tilbud_a, tilbud_b, faste_a, anna, niveau, raadgiver, leder_a
):
    _placer(anna, tilbud_a, niveau["2"], raadgiver, D(2026, 2, 1))
    with CaptureQueriesContext(connection) as ctx:
        central_for(leder_a, 2026, IDAG)
    sql = [q["sql"] for q in ctx.captured_queries]
    raekker = [q for q in sql if 'FROM "budgets_maanedstal" ' in q]
    assert raekker and all(f"IN ({tilbud_a.pk})" in q for q in raekker)


def _count_tilbud_queries(tilbud) -> int:
    with CaptureQueriesContext(connection) as ctx:
        tilbud_resultat(tilbud, 2026, IDAG)
    return len(ctx.captured_queries)


def test_tilbud_model_query_count_does_not_grow_with_borgere_or_tilbud(
    tilbud_a, faste_a, niveau, raadgiver
):
    def add_borger(n, tilbud):
        borger = services.borger_create(
            cpr=f"0201{n:02d}-1234",
            navn=f"B{n}",
            betalingskommune="751",
            acting_user=raadgiver,
        )
        _placer(
            borger,
            tilbud,
            niveau[str(1 + n % 3)],
            raadgiver,
            D(2026, 3, 1),
            D(2026, 5, 5),
        )

    add_borger(10, tilbud_a)
    few = _count_tilbud_queries(tilbud_a)
    for n in range(11, 20):
        add_borger(n, tilbud_a if n % 2 else TilbudFactory())
    assert _count_tilbud_queries(tilbud_a) == few
