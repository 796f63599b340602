"""/api/v1/venteliste/ (issue 19 #3): CRUD for myndighed and økonomi, read-only
for a tilbudsleder and only their own tilbud's list; the tilgang's advarsler."""

import datetime

import pytest

from offers import services
from offers.models import KOMMUNEKODE_FEJL, VENTELISTE_BORGER_ELLER_BEHOV
from offers.models import Ventelisteplads as Plads
from offers.services.venteliste import ventelisteplads_create
from tests.factories import TilbudFactory

URL = "/api/v1/venteliste/"


def _detail(plads) -> str:
    return f"{URL}{plads.pk}/"


@pytest.fixture
def plads_a(tilbud_a, raadgiver):
    return ventelisteplads_create(
        tilbud=tilbud_a,
        behov="Ung mand med autisme.",
        oensket_dato=datetime.date(2026, 9, 1),
        acting_user=raadgiver,
    )


@pytest.fixture
def plads_b(tilbud_b, raadgiver):
    return ventelisteplads_create(
        tilbud=tilbud_b,
        behov="Kvinde med hjerneskade.",
        oensket_dato=datetime.date(2026, 10, 1),
        acting_user=raadgiver,
    )


def test_raadgiver_creates_an_anonymous_place(raadgiver_api, tilbud_a, niveau):
    body = {
        "tilbud": tilbud_a.pk,
        "behov": "Ung kvinde, skizofreni.",
        "forventet_niveau": niveau["2"].pk,
        "oensket_dato": "2026-11-01",
        "fra_kommune": "751",
    }
    response = raadgiver_api.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["borger"], data["forventet_niveau_kode"]) == (None, "2")
    assert (data["fra_kommune"], data["oensket_dato"]) == ("751", "2026-11-01")
    assert Plads.objects.get().behov == "Ung kvinde, skizofreni."


def test_a_bad_kommunekode_is_400_with_a_danish_field_error(raadgiver_api, tilbud_a):
    body = {
        "tilbud": tilbud_a.pk,
        "behov": "Behov.",
        "oensket_dato": "2026-11-01",
        "fra_kommune": "75",
    }
    response = raadgiver_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"fra_kommune": [KOMMUNEKODE_FEJL]}
    assert not Plads.objects.exists()


def test_neither_borger_nor_behov_is_400_on_behov(raadgiver_api, tilbud_a):
    body = {"tilbud": tilbud_a.pk, "oensket_dato": "2026-11-01"}
    response = raadgiver_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"behov": [VENTELISTE_BORGER_ELLER_BEHOV]}


def test_the_own_kommunekode_is_stored_as_the_own_municipality(
    raadgiver_api, tilbud_a, settings
):
    body = {
        "tilbud": tilbud_a.pk,
        "behov": "Behov.",
        "oensket_dato": "2026-11-01",
        "fra_kommune": settings.EGEN_KOMMUNEKODE,
    }
    assert raadgiver_api.post(URL, body, format="json").json()["fra_kommune"] == ""


def test_a_known_borger_is_shown_with_masked_cpr(raadgiver_api, anna, tilbud_b):
    body = {"tilbud": tilbud_b.pk, "borger": anna.pk, "oensket_dato": "2026-11-01"}
    data = raadgiver_api.post(URL, body, format="json").json()
    assert (data["borger_navn"], data["borger_cpr"]) == ("Anna", "010190-xxxx")
    assert "1234" not in str(data)


def test_list_filters_by_tilbud(raadgiver_api, plads_a, plads_b, tilbud_b):
    response = raadgiver_api.get(URL, {"tilbud": tilbud_b.pk})
    assert [p["id"] for p in response.json()] == [plads_b.pk]


def test_a_tilbud_filter_that_is_no_id_is_400(raadgiver_api, plads_a):
    response = raadgiver_api.get(URL, {"tilbud": "abc"})
    assert response.status_code == 400
    assert list(response.json()) == ["tilbud"]


def test_tilbudsleder_sees_only_their_own_tilbud(leder_a_api, plads_a, plads_b):
    assert [p["id"] for p in leder_a_api.get(URL).json()] == [plads_a.pk]
    assert leder_a_api.get(_detail(plads_b)).status_code == 404


def test_tilbudsleder_cannot_create(leder_a_api, tilbud_a):
    body = {"tilbud": tilbud_a.pk, "behov": "Behov.", "oensket_dato": "2026-11-01"}
    assert leder_a_api.post(URL, body, format="json").status_code == 403
    assert not Plads.objects.exists()


def test_tilbudsleder_cannot_change_their_own_list(leder_a_api, plads_a):
    body = {"behov": "Ændret."}
    assert leder_a_api.patch(_detail(plads_a), body, format="json").status_code == 403
    assert leder_a_api.delete(_detail(plads_a)).status_code == 403
    plads_a.refresh_from_db()
    assert plads_a.behov == "Ung mand med autisme."


def test_another_tilbudsleder_gets_404_on_write(leder_b_api, plads_a):
    body = {"behov": "Ændret."}
    assert leder_b_api.patch(_detail(plads_a), body, format="json").status_code == 404


def test_oekonomi_updates_and_deletes_with_history(oekonomi_api, plads_a):
    body = {"oensket_dato": "2026-12-01", "fra_kommune": "730"}
    response = oekonomi_api.patch(_detail(plads_a), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["behov"] == "Ung mand med autisme."  # kept
    assert oekonomi_api.delete(_detail(plads_a)).status_code == 204
    assert not Plads.objects.exists()
    historik = Plads.history.filter(id=plads_a.pk).order_by("history_date")
    assert [h.history_type for h in historik] == ["+", "~", "-"]
    assert historik[1].fra_kommune == "730"


def test_anonymous_is_401(anonym, db):
    assert anonym.get(URL).status_code == 401


def test_the_endpoint_is_in_the_openapi_schema(raadgiver_api):
    schema = raadgiver_api.get("/api/schema/", HTTP_ACCEPT="application/json")
    paths = schema.json()["paths"]
    assert {"/api/v1/venteliste/", "/api/v1/venteliste/{id}/"} <= set(paths)


# --- The tilgang's advarsler -----------------------------------------------------


def test_a_tilgang_over_pladser_is_registered_with_an_advarsel(
    raadgiver_api, raadgiver, niveau
):
    lille = TilbudFactory(navn="Bofællesskabet Lille", pladser=1)
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=bo,
        tilbud=lille,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    cai = services.borger_create(cpr="030390-1234", navn="Cai", acting_user=raadgiver)
    body = {
        "tilbud": lille.pk,
        "dato": "2026-03-01",
        "takstniveau": niveau["1"].pk,
        "begrundelse_uden_doegnskema": "Akut anbringelse.",
    }
    response = raadgiver_api.post(
        f"/api/v1/borgere/{cai.pk}/tilgang/", body, format="json"
    )
    assert response.status_code == 201
    # 01.03.2026: Bo and Cai = 2 borgere, 1 plads.
    assert response.json()["advarsler"] == [
        "Advarsel: med tilgangen er der 2 borgere i Bofællesskabet Lille den "
        "01.03.2026, men tilbuddet har 1 pladser. Tilgangen er registreret; "
        "overvej belægningen."
    ]
    assert response.json()["begrundelse_uden_doegnskema"] == "Akut anbringelse."


def test_a_tilgang_without_doegnskema_and_reason_is_registered_and_asks_for_it(
    raadgiver_api, raadgiver, tilbud_a, niveau
):
    """An older client that does not know the field: the tilgang is registered
    (the API's contract from before issue 19) and the answer asks for the reason."""
    cai = services.borger_create(cpr="030390-1234", navn="Cai", acting_user=raadgiver)
    body = {"tilbud": tilbud_a.pk, "dato": "2026-03-01", "takstniveau": niveau["1"].pk}
    response = raadgiver_api.post(
        f"/api/v1/borgere/{cai.pk}/tilgang/", body, format="json"
    )
    assert response.status_code == 201
    assert response.json()["advarsler"] == [services.BEGRUNDELSE_UDEN_DOEGNSKEMA]


def test_a_blank_reason_without_doegnskema_is_400(
    raadgiver_api, raadgiver, tilbud_a, niveau
):
    cai = services.borger_create(cpr="030390-1234", navn="Cai", acting_user=raadgiver)
    body = {
        "tilbud": tilbud_a.pk,
        "dato": "2026-03-01",
        "takstniveau": niveau["1"].pk,
        "begrundelse_uden_doegnskema": " ",
    }
    response = raadgiver_api.post(
        f"/api/v1/borgere/{cai.pk}/tilgang/", body, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "begrundelse_uden_doegnskema": [services.BEGRUNDELSE_UDEN_DOEGNSKEMA]
    }
