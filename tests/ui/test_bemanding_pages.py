"""Issue 12 item 4: the tilbud page shows the årsværk the budget's support part
buys, and says which part that is, for every tildelingsprincip.

Årsløn 480,000 kr.; niveau 2 = 3 h × 492.07 = 1,476.21 kr. servicetakst; faste
udgifter 2,900,000 kr. for 8 places at 97 % = 1,023.87 kr. basistakst (DOMAIN.md §4).
"""

import datetime
from decimal import Decimal

from django.urls import reverse

from budgets.models import Budgetaar, Rammeforudsaetning
from budgets.tabeller import AARSVAERK_AKTIVITET, AARSVAERK_HYBRID, AARSVAERK_RAMME
from config.lib.roles import TILBUDSLEDER
from offers import services
from tests.factories import (
    BudgetaarFactory,
    FastUdgiftFactory,
    TilbudFactory,
    UserFactory,
)

D = datetime.date


def _side(client, tilbud) -> str:
    leder = UserFactory(username=f"leder_{tilbud.pk}", roller=[TILBUDSLEDER])
    tilbud.ledere.add(leder)
    client.force_login(leder)
    url = reverse("budgets:tilbud-detail", args=[tilbud.pk])
    return client.get(url, {"aar": 2026}).content.decode()


def _faste(tilbud) -> None:
    FastUdgiftFactory(
        tilbud=tilbud, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )


def test_ramme_page_shows_aarsvaerk_of_the_frame_minus_faste_udgifter(
    client, takstmodel_2026, idag_2026
):
    tilbud = TilbudFactory(tildelingsprincip="ramme")
    _faste(tilbud)
    Rammeforudsaetning.objects.create(
        tilbud=tilbud,
        budgetaar=Budgetaar.objects.get(aar=2026),
        rammebeloeb=Decimal("15700000"),
        dimensioneret_pladser=8,
        forventede_borgere=Decimal("8"),
        timer_pr_borger_pr_doegn=Decimal("3"),
    )
    side = _side(client, tilbud)
    # (15,700,000 − 2,900,000) / 480,000 = 26.666… → 26,67 (before: 0,00)
    assert 'id="aarsvaerk">26,67<' in side
    assert AARSVAERK_RAMME in side


def test_aktivitet_page_shows_aarsvaerk_of_the_servicetakst_part_only(
    client, takstmodel_2026, niveau, anna, raadgiver, idag_2026
):
    tilbud = TilbudFactory(tildelingsprincip="aktivitet")
    _faste(tilbud)
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    side = _side(client, tilbud)
    # 1 February - 31 December = 334 days × 1,476.21 = 493,054.14 kr. / 480,000 =
    # 1.027… → 1,03. Before, the døgntakst counted: 334 × 2,500.08 / 480,000 = 1,74.
    assert 'id="aarsvaerk">1,03<' in side
    assert AARSVAERK_AKTIVITET in side


def test_hybrid_page_says_aarsvaerk_are_bought_for_the_servicetakst(
    client, tilbud_a, anna_i_a, idag_2026
):
    side = _side(client, tilbud_a)
    # 334 days × 1,476.21 = 493,054.14 kr. / 480,000 = 1.027… → 1,03
    assert 'id="aarsvaerk">1,03<' in side
    assert AARSVAERK_HYBRID in side


def test_ramme_explanation_names_frame_faste_udgifter_and_tillaeg(
    client, takstmodel_2026, idag_2026
):
    tilbud = TilbudFactory(tildelingsprincip="ramme")
    _faste(tilbud)
    Rammeforudsaetning.objects.create(
        tilbud=tilbud,
        budgetaar=Budgetaar.objects.get(aar=2026),
        rammebeloeb=Decimal("15700000"),
        dimensioneret_pladser=8,
        forventede_borgere=Decimal("8"),
        timer_pr_borger_pr_doegn=Decimal("3"),
    )
    leder = UserFactory(username="leder_ramme", roller=[TILBUDSLEDER])
    tilbud.ledere.add(leder)
    client.force_login(leder)
    url = reverse("budgets:forklaring", args=[tilbud.pk, "bemanding"])
    side = client.get(url, {"aar": 2026}).content.decode()
    assert "12.800.000,00 kr. / årsløn (480.000,00 kr.)" in side
    assert (
        "rammebeløbet (15.700.000,00 kr.) − faste udgifter (2.900.000,00 kr.)" in side
    )
