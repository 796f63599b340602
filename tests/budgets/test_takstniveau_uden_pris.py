"""A level code in force without a price never makes a budget answer 500 (issue 12, 6).

The service refuses such a takstmodel now; data written before that rule (or
around the service) is forced in here directly, and every budget page and
endpoint of the year names the code in Danish instead.
"""

import datetime

import pytest
from rest_framework.test import APIClient

from budgets.models import Maanedstal
from budgets.selectors import TAKSTNIVEAU_UDEN_PRIS, TakstniveauUdenPris, central_for
from config.lib import derived
from offers import services as offer_services
from tariffs.models import Takstniveau
from tests.conftest import make_takstmodel

# Anna on niveau 3 from 1 March 2026, no afgang: 365 financed days in 2027 at 3.
BESKED = TAKSTNIVEAU_UDEN_PRIS.format(aar=2027, koder="3", antal="1 borger")


@pytest.fixture
def uden_kode_3(oekonomichef, raadgiver, tilbud_a, niveau):
    anna = offer_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offer_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    make_takstmodel(2027, oekonomichef)
    # Around the service, as data from before the rule would be; the year's
    # stored figures are then recomputed, as the deploy's recompute would.
    Takstniveau.objects.filter(takstmodel__aar=2027, kode="3").delete()
    derived.changed(aar=[2027])


def test_the_selector_names_the_code_without_a_price(uden_kode_3):
    with pytest.raises(TakstniveauUdenPris) as fejl:
        central_for(None, 2027, datetime.date(2027, 6, 30))
    assert str(fejl.value) == BESKED


def test_central_page_names_the_code_instead_of_a_500(
    client, oekonomichef, uden_kode_3
):
    client.force_login(oekonomichef)
    response = client.get("/budget/?aar=2027")
    assert response.status_code == 409
    assert BESKED in response.content.decode()


def test_tilbud_page_names_the_code_instead_of_a_500(
    client, leder_a, tilbud_a, uden_kode_3
):
    client.force_login(leder_a)
    response = client.get(f"/budget/tilbud/{tilbud_a.pk}/?aar=2027")
    assert response.status_code == 409
    assert BESKED in response.content.decode()


def test_central_api_names_the_code_instead_of_a_500(oekonomichef, uden_kode_3):
    api = APIClient()
    api.force_login(oekonomichef)
    response = api.get("/api/v1/budgetter/2027/central/")
    assert response.status_code == 409
    assert response.json() == {"detail": BESKED}


def test_tilbud_api_names_the_code_instead_of_a_500(
    oekonomichef, tilbud_a, uden_kode_3
):
    api = APIClient()
    api.force_login(oekonomichef)
    response = api.get(f"/api/v1/budgetter/2027/tilbud/{tilbud_a.pk}/")
    assert response.status_code == 409
    assert response.json() == {"detail": BESKED}


def test_the_message_shows_no_borger(client, leder_a, tilbud_a, uden_kode_3):
    # A leder may not see every tilbud; the count is all the page tells.
    client.force_login(leder_a)
    response = client.get(f"/budget/tilbud/{tilbud_a.pk}/?aar=2027")
    assert "Anna" not in response.content.decode()


def test_2026_still_computes(uden_kode_3):
    central = central_for(None, 2026, datetime.date(2026, 6, 30))
    assert len(central.raekker) == 1


def test_the_recompute_stores_the_years_it_can_price(uden_kode_3, tilbud_a):
    # 2026 prices; 2027 cannot (code 3): only 2026 is stored, and 2027 is
    # computed on read, which names the code.
    raekker = Maanedstal.objects.filter(tilbud=tilbud_a)
    assert sorted(set(raekker.values_list("aar", flat=True))) == [2026]
