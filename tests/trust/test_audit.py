import datetime

import pytest
from django.urls import reverse

from offers import services

D = datetime.date


@pytest.fixture
def afgang_registreret(tilbud_a, niveau, raadgiver):
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
    return services.borger_afgang(
        borger=borger, dato=D(2026, 3, 10), acting_user=raadgiver
    )


def test_oekonomi_sees_who_changed_the_afgang_with_old_and_new_value(
    client, oekonomichef, afgang_registreret
):
    client.force_login(oekonomichef)
    page = client.get(reverse("historik"), {"model": "ophold"}).content.decode()
    assert "raadgiver" in page and "afgang: – → 10.03.2026" in page


def test_history_page_never_shows_the_full_cpr(
    client, oekonomichef, afgang_registreret
):
    client.force_login(oekonomichef)
    page = client.get(reverse("historik"), {"model": "borger"}).content.decode()
    assert "0101901234" not in page and "010190-1234" not in page


def test_tilbudsleder_is_refused_the_history(client, leder_a):
    client.force_login(leder_a)
    assert client.get(reverse("historik")).status_code == 403


def test_anonymous_is_sent_to_login_from_the_history(client, db):
    response = client.get(reverse("historik"))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "model",
    [
        "borger",
        "ophold",
        "indplacering",
        "doegnskema",
        "timeprismodel",
        "takstmodel",
        "takstniveau",
        "fast_udgift",
        "forbrug",
        "tilbud",
        "rammeforudsaetning",
    ],
)
def test_every_tracked_model_has_a_history_page(client, oekonomichef, model):
    client.force_login(oekonomichef)
    assert client.get(reverse("historik"), {"model": model}).status_code == 200
