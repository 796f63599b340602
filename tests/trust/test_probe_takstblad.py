"""Issue 14 item 5: the takstblad API answered 500 for every rammestyret tilbud
("Et rammestyret tilbud skal have en ramme."): it priced the year from the
tilbud's settings without its frame, and the engine refused a ramme tilbud
without one. The page worked. Now the API answers, with the page's figures,
for a ramme tilbud with and without its frame.
"""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from budgets.models import Budgetaar, Rammeforudsaetning
from tests.factories import BudgetaarFactory, FastUdgiftFactory, TilbudFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def ramme_tilbud(takstmodel_2026):
    tilbud = TilbudFactory(navn="Rammen", tildelingsprincip="ramme", pladser=8)
    FastUdgiftFactory(
        tilbud=tilbud, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )
    return tilbud


def _takstblad(user, tilbud):
    api = APIClient()
    api.force_login(user)
    return api.get(f"/api/v1/tilbud/{tilbud.pk}/takstblad/", {"aar": 2026})


@pytest.mark.parametrize("med_ramme", [False, True])
def test_takstblad_api_answers_for_a_ramme_tilbud(
    oekonomichef, client, ramme_tilbud, med_ramme
):
    if med_ramme:
        Rammeforudsaetning.objects.create(
            tilbud=ramme_tilbud,
            budgetaar=Budgetaar.objects.get(aar=2026),
            rammebeloeb=Decimal("15700000"),
            dimensioneret_pladser=8,
            forventede_borgere=Decimal("8"),
            timer_pr_borger_pr_doegn=Decimal("3"),
        )
    response = _takstblad(oekonomichef, ramme_tilbud)
    assert response.status_code == 200
    # DOMAIN.md §4: 2,900,000 / (8 × 365 × 0.97) = 1,023.87 kr. per døgn, and
    # niveau 2's servicetakst 3 h × 492.07 = 1,476.21: døgntakst 2,500.08.
    assert response.data["basistakst_pr_doegn"] == "1023.87"
    niveau_2 = next(n for n in response.data["niveauer"] if n["kode"] == "2")
    assert (niveau_2["servicetakst_pr_doegn"], niveau_2["doegntakst"]) == (
        "1476.21",
        "2500.08",
    )
    # The page shows the same sheet.
    client.force_login(oekonomichef)
    side = client.get(f"/budget/tilbud/{ramme_tilbud.pk}/takstblad/?aar=2026")
    assert side.status_code == 200
    assert "2.500,08" in side.content.decode()
