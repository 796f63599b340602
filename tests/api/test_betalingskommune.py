"""POST/GET /api/v1/borgere/{id}/betalingskommune/ and the tilgang field (issue 13)."""

import datetime

from offers import services
from offers.models import KOMMUNEKODE_FEJL, Betalingskommune, Ophold
from offers.serializers import KOMMUNEKODE_FEJL as KOMMUNEKODE_FEJL_API

D = datetime.date
URL = "/api/v1/borgere/{pk}/{handling}/"


def _url(borger, handling="betalingskommune"):
    return URL.format(pk=borger.pk, handling=handling)


def _perioder(borger):
    return list(
        Betalingskommune.objects.filter(borger=borger)
        .order_by("gyldig_fra")
        .values_list("kommunekode", "gyldig_fra")
    )


def test_raadgiver_changes_the_betalingskommune_from_a_date(raadgiver_api, anna):
    body = {"kommunekode": "751", "gyldig_fra": "2026-07-01"}
    response = raadgiver_api.post(_url(anna), body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert (data["kommunekode"], data["egen_kommune"], data["gyldig_fra"]) == (
        "751",
        False,
        "2026-07-01",
    )
    assert _perioder(anna) == [("751", D(2026, 7, 1))]


def test_a_blank_kommunekode_is_the_own_municipality(raadgiver_api, anna):
    body = {"kommunekode": "", "gyldig_fra": "2026-10-01"}
    data = raadgiver_api.post(_url(anna), body, format="json").json()
    assert (data["kommunekode"], data["egen_kommune"]) == ("", True)


def test_the_history_is_listed_oldest_first(raadgiver_api, leder_a_api, anna):
    for kode, fra in (("", "2026-10-01"), ("751", "2026-07-01")):
        body = {"kommunekode": kode, "gyldig_fra": fra}
        raadgiver_api.post(_url(anna), body, format="json")
    rows = leder_a_api.get(_url(anna)).json()
    assert [(r["kommunekode"], r["gyldig_fra"]) for r in rows] == [
        ("751", "2026-07-01"),
        ("", "2026-10-01"),
    ]


def test_a_bad_kommunekode_is_a_danish_400_and_writes_nothing(raadgiver_api, anna):
    body = {"kommunekode": "75", "gyldig_fra": "2026-07-01"}
    response = raadgiver_api.post(_url(anna), body, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"kommunekode": [KOMMUNEKODE_FEJL_API]},
    )
    assert _perioder(anna) == []


def test_a_missing_gyldig_fra_is_a_400_on_the_field(raadgiver_api, anna):
    response = raadgiver_api.post(_url(anna), {"kommunekode": "751"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["gyldig_fra"])


def test_leder_may_read_but_not_change_the_betalingskommune(leder_a_api, anna):
    body = {"kommunekode": "751", "gyldig_fra": "2026-07-01"}
    assert leder_a_api.get(_url(anna)).status_code == 200
    assert leder_a_api.post(_url(anna), body, format="json").status_code == 403
    assert _perioder(anna) == []


def test_leder_of_another_tilbud_gets_404(leder_b_api, anna):
    body = {"kommunekode": "751", "gyldig_fra": "2026-07-01"}
    assert leder_b_api.get(_url(anna)).status_code == 404
    assert leder_b_api.post(_url(anna), body, format="json").status_code == 404


def test_anonymous_gets_401(anonym, anna):
    body = {"kommunekode": "751", "gyldig_fra": "2026-07-01"}
    assert anonym.post(_url(anna), body, format="json").status_code == 401


# --- The tilgang's betalingskommune --------------------------------------------


def _tilgang(api, borger, tilbud, niveau, **extra):
    body = {"tilbud": tilbud.pk, "dato": "2026-03-01", "takstniveau": niveau.pk}
    body["begrundelse_uden_doegnskema"] = "Akut behov."  # no døgnskema (issue 19)
    return api.post(_url(borger, "tilgang"), {**body, **extra}, format="json")


def test_a_tilgang_with_a_betalingskommune_sells_from_its_day(
    raadgiver_api, anna, tilbud_b, niveau
):
    raadgiver_api.post(_url(anna, "afgang"), {"dato": "2026-03-01"}, format="json")
    response = _tilgang(
        raadgiver_api, anna, tilbud_b, niveau["1"], betalingskommune="751"
    )
    assert response.status_code == 201
    assert _perioder(anna) == [("751", D(2026, 3, 1))]


def test_a_tilgang_with_a_bad_betalingskommune_is_400_and_writes_nothing(
    raadgiver_api, raadgiver, tilbud_a, niveau
):
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    response = _tilgang(raadgiver_api, bo, tilbud_a, niveau["1"], betalingskommune="7")
    assert (response.status_code, response.json()) == (
        400,
        {"betalingskommune": [KOMMUNEKODE_FEJL]},
    )
    assert not Ophold.objects.filter(borger=bo).exists()


def test_an_omplacering_keeps_the_betalingskommune(
    raadgiver_api, anna, tilbud_b, niveau
):
    body = {
        "tilbud": tilbud_b.pk,
        "dato": "2026-04-01",
        "takstniveau": niveau["1"].pk,
        "betalingskommune": "751",
    }
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.status_code == 201
    assert _perioder(anna) == []
