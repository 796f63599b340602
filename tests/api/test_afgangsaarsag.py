"""The API's afgang takes an optional afgangsårsag (issue 15 #2): the issue's
API contract does not name it, so a call without it still works."""

from django.urls import reverse

from offers.models import Ophold


def _url(borger) -> str:
    return reverse("api:v1:borger-afgang", args=[borger.pk])


def test_afgang_without_a_reason_still_works(raadgiver_api, anna):
    response = raadgiver_api.post(_url(anna), {"dato": "2026-03-10"})
    assert response.status_code == 200
    assert response.json()["afgang"] == "2026-03-10"
    assert Ophold.objects.get().afgangsaarsag == ""


def test_afgang_with_a_reason_saves_it(raadgiver_api, anna):
    data = {"dato": "2026-03-10", "afgangsaarsag": "egen_bolig"}
    response = raadgiver_api.post(_url(anna), data)
    assert response.status_code == 200
    assert Ophold.objects.get().afgangsaarsag == "egen_bolig"


def test_unknown_reason_is_400_on_the_field(raadgiver_api, anna):
    data = {"dato": "2026-03-10", "afgangsaarsag": "ferie"}
    response = raadgiver_api.post(_url(anna), data, format="json")
    assert response.status_code == 400
    assert "Ukendt afgangsårsag 'ferie'" in response.json()["afgangsaarsag"][0]
    assert Ophold.objects.get().afgang is None


def test_andet_without_text_is_400_on_the_text(raadgiver_api, anna):
    data = {"dato": "2026-03-10", "afgangsaarsag": "andet"}
    response = raadgiver_api.post(_url(anna), data, format="json")
    assert response.status_code == 400
    assert response.json()["afgangsaarsag_tekst"] == [
        "Beskriv årsagen, når afgangsårsagen er »Andet«."
    ]
    assert Ophold.objects.get().afgang is None
