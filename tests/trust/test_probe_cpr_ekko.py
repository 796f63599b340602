"""Issue 14 item 5: a CPR echoed back in a re-rendered create form was cacheable
(no Cache-Control), and a CPR typed in the name search went into the URL and
the access log (the name form was a GET).

Now every page and API answer says ``Cache-Control: no-store``, the name search
is sent by POST, and anything CPR-shaped typed there is a CPR search: it never
becomes a query string. Anna's CPR is 010190-1234 (tests/conftest.py).
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from offers.cpr import CPR_FORMAT_FEJL, ligner_cpr
from offers.views import CPR_I_ADRESSEN, CPR_IKKE_FUNDET

LISTE = "/borgere/"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_re_rendered_create_form_is_not_stored(client, raadgiver):
    client.force_login(raadgiver)
    response = client.post(
        reverse("offers:borger-create"),
        {"navn": "Berit", "cpr": "020290-1234", "betalingskommune": "12"},
    )
    assert response.status_code == 200  # the kommunekode is wrong: shown again
    assert response["Cache-Control"] == "no-store"


def test_pages_and_api_answers_are_not_stored(client, raadgiver, anna):
    client.force_login(raadgiver)
    for url in (LISTE, reverse("offers:borger-detail", args=[anna.pk]), "/"):
        assert client.get(url)["Cache-Control"] == "no-store", url
    api = APIClient()
    api.force_login(raadgiver)
    assert api.get("/api/v1/borgere/")["Cache-Control"] == "no-store"


def test_the_name_form_is_sent_by_post(client, raadgiver):
    client.force_login(raadgiver)
    side = client.get(LISTE).content.decode()
    assert 'method="get"' not in side
    assert f'<form method="post" action="{LISTE}" role="search"' in side


def test_a_cpr_typed_as_a_name_opens_the_borger_without_a_url(client, raadgiver, anna):
    client.force_login(raadgiver)
    response = client.post(LISTE, {"navn": "010190-1234"})
    assert response.status_code == 302
    assert response.url == reverse("offers:borger-detail", args=[anna.pk])


@pytest.mark.parametrize(
    ("tekst", "fejl"),
    [("020290-1234", CPR_IKKE_FUNDET), ("Anna 010190", CPR_FORMAT_FEJL)],
)
def test_other_cpr_shaped_names_are_a_cpr_search_never_echoed(
    client, raadgiver, anna, tekst, fejl
):
    client.force_login(raadgiver)
    response = client.post(LISTE, {"navn": tekst})
    assert response.status_code == 200
    side = response.content.decode()
    assert fejl in side
    assert "020290" not in side and "010190-1234" not in side
    assert "010190 " not in side and "Anna 010190" not in side


def test_a_name_is_redirected_to_the_bookmarkable_list(client, raadgiver, anna):
    client.force_login(raadgiver)
    response = client.post(LISTE, {"navn": "ann"})
    assert response.status_code == 302
    assert response.url == f"{LISTE}?navn=ann"
    assert "010190-xxxx" in client.get(response.url).content.decode()


def test_a_cpr_put_in_the_address_by_hand_is_not_searched_nor_shown(
    client, raadgiver, anna
):
    client.force_login(raadgiver)
    side = client.get(LISTE, {"navn": "０１０１９０-1234"}).content.decode()
    assert CPR_I_ADRESSEN in side
    assert "1234" not in side.replace("010190-xxxx", "")


def test_what_counts_as_cpr_shaped():
    assert ligner_cpr("0101901234")
    assert ligner_cpr("010190-1234")
    assert ligner_cpr("Anna 010190")
    assert ligner_cpr("０１０１９０")  # fullwidth digits
    assert not ligner_cpr("Anna")
    assert not ligner_cpr("Bo 12")
