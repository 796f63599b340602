"""Memoised central outputs are never stale: a write through a service changes them."""

import datetime
from decimal import Decimal

import pytest

from budgets import forberegning
from budgets.models import Budgetaendring
from budgets.selectors import data_fingerprint
from offers import services
from tests.factories import BudgetaarFactory, FastUdgiftFactory, TilbudFactory

D = datetime.date


@pytest.fixture
def anna(tilbud_a, niveau, raadgiver):
    FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )
    borger = services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return borger


def test_central_api_shows_an_afgang_registered_after_it_was_read(
    client, anna, raadgiver, oekonomichef
):
    client.force_login(oekonomichef)
    url = "/api/v1/budgetter/2026/central/?idag=2026-06-30"
    foer = client.get(url).json()["total"]["aktivitetsbudget_korrigeret"]
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    efter = client.get(url).json()["total"]["aktivitetsbudget_korrigeret"]
    assert (foer, efter) == ("493054.14", "131382.69")


def test_central_page_shows_an_afgang_registered_after_it_was_read(
    client, anna, raadgiver, oekonomichef
):
    client.force_login(oekonomichef)
    client.get("/budget/?aar=2026")
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    assert "131.382,69 kr." in client.get("/budget/?aar=2026").content.decode()


def test_central_page_lists_fifty_tilbud_a_page(client, oekonomichef, takstmodel_2026):
    for n in range(55):
        TilbudFactory(navn=f"Tilbud {n:02d}")
    client.force_login(oekonomichef)
    first = client.get("/budget/?aar=2026").content.decode()
    second = client.get("/budget/?aar=2026&side=2").content.decode()
    assert ("Tilbud 49" in first, "Tilbud 50" in first, "Tilbud 50" in second) == (
        True,
        False,
        True,
    )


def test_the_admin_cannot_delete_budget_changes(admin_client, anna):
    """The memo's fingerprint sums Budgetaendring.antal: a deleted row would lower
    it, and a later commit could bring back a sum already memoised."""
    aendring = Budgetaendring.objects.first()
    url = f"/admin/budgets/budgetaendring/{aendring.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Budgetaendring.objects.filter(pk=aendring.pk).exists()


def test_summing_the_changes_keeps_the_fingerprint(anna, raadgiver):
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    foer = data_fingerprint()
    assert (forberegning.saml_aendringer() > 0, data_fingerprint()) == (True, foer)


def test_a_committed_change_raises_the_fingerprint(anna, raadgiver):
    foer = data_fingerprint()
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    assert data_fingerprint()[0] > foer[0]
