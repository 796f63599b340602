"""Every page: anonymous is sent to login, the wrong tilbudsleder gets 404."""

import pytest
from django.urls import reverse


def _urls(tilbud_pk: int, borger_pk: int) -> list[str]:
    return [
        reverse("offers:borger-list"),
        reverse("offers:borger-detail", args=[borger_pk]),
        reverse("offers:doegnskema-create", args=[borger_pk]),
        reverse("offers:tilgang-create", args=[borger_pk]),
        reverse("budgets:central"),
        reverse("budgets:tilbud-detail", args=[tilbud_pk]),
        reverse("budgets:takstblad", args=[tilbud_pk]),
        reverse("budgets:forklaring", args=[tilbud_pk, "fast"]),
        reverse("budgets:hvis"),
        reverse("tariffs:takstmodel-list"),
    ]


@pytest.mark.django_db
def test_anonymous_is_redirected_to_login_everywhere(client, tilbud_a, anna):
    for url in _urls(tilbud_a.pk, anna.pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("navn", ["tilbud-detail", "takstblad"])
def test_other_tilbudsleder_gets_404_on_a_tilbud_page(
    client, navn, tilbud_a, leder_b, faste_a
):
    client.force_login(leder_b)
    response = client.get(reverse(f"budgets:{navn}", args=[tilbud_a.pk]))
    assert response.status_code == 404


def test_other_tilbudsleder_gets_404_on_an_explanation(
    client, tilbud_a, leder_b, faste_a
):
    client.force_login(leder_b)
    url = reverse("budgets:forklaring", args=[tilbud_a.pk, "aktivitet_korrigeret"])
    assert client.get(url).status_code == 404


def test_other_tilbudsleder_cannot_comment_on_a_foreign_tilbud(
    client, tilbud_a, leder_b, faste_a
):
    client.force_login(leder_b)
    url = reverse("budgets:kommentar-create", args=[tilbud_a.pk])
    assert client.post(url, {"maaned": 3, "tekst": "x"}).status_code == 404


def test_other_tilbudsleder_gets_404_on_a_foreign_borger(client, anna_i_a, leder_b):
    client.force_login(leder_b)
    url = reverse("offers:borger-detail", args=[anna_i_a.borger.pk])
    assert client.get(url).status_code == 404


def test_own_tilbudsleder_sees_the_tilbud(
    client, tilbud_a, leder_a, faste_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    assert response.status_code == 200


def test_tilbudsleder_may_not_register_a_tilgang(client, anna, leder_a):
    client.force_login(leder_a)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    assert client.get(url).status_code in (403, 404)


def test_raadgiver_may_not_save_a_timeprismodel(client, raadgiver, takstmodel_2026):
    client.force_login(raadgiver)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    assert client.post(url, {"navn": "x", "gem": "1"}).status_code == 403


def test_raadgiver_may_not_use_the_what_if(client, raadgiver, takstmodel_2026):
    client.force_login(raadgiver)
    assert client.get(reverse("budgets:hvis")).status_code == 403
