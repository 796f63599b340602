import datetime

import pytest

from offers import services
from offers.cpr import CPR_FORMAT_FEJL
from offers.models import Borger, Doegnskema, Indplacering, Ophold
from offers.serializers import AFGANG_LANGT_UDE_API

D = datetime.date
URL = "/api/v1/borgere/"


def _url(borger, handling=""):
    return f"{URL}{borger.pk}/{handling + '/' if handling else ''}"


# --- Borgere -------------------------------------------------------------------


def test_raadgiver_creates_a_borger_with_a_masked_cpr(raadgiver_api):
    body = {"cpr": "010190-1234", "navn": "Anna"}
    data = raadgiver_api.post(URL, body, format="json").json()
    assert (data["cpr_maskeret"], "cpr" in data) == ("010190-xxxx", False)


def test_borger_with_bad_cpr_is_400_and_writes_nothing(raadgiver_api):
    response = raadgiver_api.post(URL, {"cpr": "0101", "navn": "A"}, format="json")
    assert response.json() == {"cpr": [CPR_FORMAT_FEJL]}
    assert not Borger.objects.exists()


def test_second_borger_with_the_same_cpr_is_400(raadgiver_api, anna):
    body = {"cpr": "0101901234", "navn": "Anna igen"}
    response = raadgiver_api.post(URL, body, format="json")
    assert response.json() == {"cpr": [services.CPR_FINDES]}


def test_bad_betalingskommune_is_a_danish_field_error(raadgiver_api):
    body = {"cpr": "010190-1234", "navn": "A", "betalingskommune": "7a"}
    response = raadgiver_api.post(URL, body, format="json")
    assert response.json() == {
        "betalingskommune": ["Kommunekoden skal være tre cifre."]
    }


def test_leder_may_not_create_a_borger(leder_a_api):
    body = {"cpr": "010190-1234", "navn": "Anna"}
    assert leder_a_api.post(URL, body, format="json").status_code == 403


def test_anonymous_may_not_list_borgere(anonym, db):
    assert anonym.get(URL).status_code == 401


def test_leder_sees_the_borger_in_their_tilbud(leder_a_api, anna):
    assert leder_a_api.get(_url(anna)).json()["navn"] == "Anna"


def test_leder_reaching_a_borger_of_another_tilbud_gets_404(leder_b_api, anna):
    assert leder_b_api.get(_url(anna)).status_code == 404


def test_unknown_borger_is_404(raadgiver_api, db):
    assert raadgiver_api.get(f"{URL}999/").status_code == 404


# --- Tilgang --------------------------------------------------------------------


@pytest.fixture
def bo(raadgiver):
    return services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)


def _tilgang(tilbud, niveau, **extra):
    return {
        "tilbud": tilbud.pk,
        "dato": "2026-03-01",
        "takstniveau": niveau.pk,
        # Issue 19 #3: Bo has no døgnskema, so the tilgang says why.
        "begrundelse_uden_doegnskema": "Akut behov.",
        **extra,
    }


def test_tilgang_creates_an_ophold(raadgiver_api, bo, tilbud_a, niveau):
    body = _tilgang(tilbud_a, niveau["1"])
    response = raadgiver_api.post(_url(bo, "tilgang"), body, format="json")
    assert response.status_code == 201
    assert response.json()["tilgang"] == "2026-03-01"


def test_tilgang_on_saertakst_takes_takstgivende_timer(
    raadgiver_api, bo, tilbud_a, niveau
):
    body = _tilgang(tilbud_a, niveau["S1"], takstgivende_timer="9.5")
    raadgiver_api.post(_url(bo, "tilgang"), body, format="json")
    assert str(Indplacering.objects.get().saertakst_timer) == "9.50"


def test_saertakst_without_timer_is_400_under_the_api_field_name(
    raadgiver_api, bo, tilbud_a, niveau
):
    body = _tilgang(tilbud_a, niveau["S1"])
    response = raadgiver_api.post(_url(bo, "tilgang"), body, format="json")
    assert response.json() == {"takstgivende_timer": [services.SAERTAKST_TIMER_KRAEVES]}
    assert not Ophold.objects.exists()


def test_tilgang_with_level_of_another_year_is_400(raadgiver_api, bo, tilbud_a, niveau):
    body = _tilgang(tilbud_a, niveau["1"], dato="2027-01-01")
    response = raadgiver_api.post(_url(bo, "tilgang"), body, format="json")
    assert "takstniveau" in response.json()
    assert not Ophold.objects.exists()


def test_tilgang_to_unknown_tilbud_is_a_field_error(raadgiver_api, bo, niveau):
    body = {"tilbud": 999, "dato": "2026-03-01", "takstniveau": niveau["1"].pk}
    response = raadgiver_api.post(_url(bo, "tilgang"), body, format="json")
    assert response.json()["tilbud"] == [
        'Ugyldig primærnøgle "999" - objektet findes ikke.'
    ]


def test_leder_may_not_register_a_tilgang(leder_a_api, anna, tilbud_a, niveau):
    body = _tilgang(tilbud_a, niveau["1"], dato="2026-09-01")
    assert (
        leder_a_api.post(_url(anna, "tilgang"), body, format="json").status_code == 403
    )


def test_leder_reaching_another_tilbuds_borger_on_tilgang_gets_404(
    leder_b_api, anna, tilbud_b, niveau
):
    body = _tilgang(tilbud_b, niveau["1"], dato="2026-09-01")
    assert (
        leder_b_api.post(_url(anna, "tilgang"), body, format="json").status_code == 404
    )


def test_anonymous_may_not_register_a_tilgang(anonym, bo, tilbud_a, niveau):
    body = _tilgang(tilbud_a, niveau["1"])
    assert anonym.post(_url(bo, "tilgang"), body, format="json").status_code == 401


# --- Afgang ---------------------------------------------------------------------


def test_afgang_ends_the_ophold(raadgiver_api, anna):
    response = raadgiver_api.post(_url(anna, "afgang"), {"dato": "2026-03-10"})
    assert response.json()["afgang"] == "2026-03-10"


def test_afgang_without_an_ophold_is_400(raadgiver_api, bo):
    response = raadgiver_api.post(_url(bo, "afgang"), {"dato": "2026-03-10"})
    assert response.json() == {"dato": [services.INTET_OPHOLD]}


def test_afgang_with_a_bad_date_is_400_and_writes_nothing(raadgiver_api, anna):
    response = raadgiver_api.post(_url(anna, "afgang"), {"dato": "10.03.2026"})
    assert response.status_code == 400
    assert Ophold.objects.get().afgang is None


def test_leder_reaching_another_tilbuds_borger_on_afgang_gets_404(leder_b_api, anna):
    response = leder_b_api.post(_url(anna, "afgang"), {"dato": "2026-03-10"})
    assert response.status_code == 404


def test_anonymous_may_not_register_an_afgang(anonym, anna):
    assert anonym.post(_url(anna, "afgang"), {"dato": "2026-03-10"}).status_code == 401


# --- Indplaceringer -------------------------------------------------------------


def test_indplacering_adds_a_level(raadgiver_api, anna, niveau):
    body = {"takstniveau": niveau["3"].pk, "gyldig_fra": "2026-05-01"}
    response = raadgiver_api.post(_url(anna, "indplaceringer"), body, format="json")
    assert response.json()["takstniveau_kode"] == "3"


def test_indplaceringer_are_listed(raadgiver_api, anna):
    rows = raadgiver_api.get(_url(anna, "indplaceringer")).json()
    assert [(r["gyldig_fra"], r["takstniveau_kode"]) for r in rows] == [
        ("2026-02-01", "2")
    ]


def test_indplacering_before_the_ophold_is_400_and_writes_nothing(
    raadgiver_api, anna, niveau
):
    body = {"takstniveau": niveau["3"].pk, "gyldig_fra": "2026-01-05"}
    response = raadgiver_api.post(_url(anna, "indplaceringer"), body, format="json")
    assert response.json() == {"dato": [services.INTET_OPHOLD]}
    assert Indplacering.objects.count() == 1


def test_indplacering_with_another_borgers_doegnskema_is_400(
    raadgiver_api, anna, bo, niveau, raadgiver
):
    skema = services.doegnskema_create(
        borger=bo, dato="2026-04-01", poster=[], acting_user=raadgiver
    )
    body = {
        "takstniveau": niveau["3"].pk,
        "gyldig_fra": "2026-05-01",
        "doegnskema": skema.pk,
    }
    response = raadgiver_api.post(_url(anna, "indplaceringer"), body, format="json")
    assert "doegnskema" in response.json()


def test_leder_may_read_indplaceringer_in_their_tilbud(leder_a_api, anna):
    assert leder_a_api.get(_url(anna, "indplaceringer")).status_code == 200


def test_leder_reaching_another_tilbuds_indplaceringer_gets_404(leder_b_api, anna):
    assert leder_b_api.get(_url(anna, "indplaceringer")).status_code == 404


def test_anonymous_may_not_read_indplaceringer(anonym, anna):
    assert anonym.get(_url(anna, "indplaceringer")).status_code == 401


# --- Døgnskemaer ----------------------------------------------------------------

SKEMA = {
    "dato": "2026-04-01",
    "poster": [
        {"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 90},
        {"tidsrum": "aften", "tema": "praktiske_opgaver", "minutter": 60},
    ],
    "ugeposter": [
        {"tema": "samfundsliv", "beskrivelse": "Indkøb", "minutter_pr_uge": 210}
    ],
    "funktionsevner": [{"tema": "egenomsorg", "score": 3}],
}


@pytest.fixture
def temaer(db):
    from tariffs.models import VumTema

    return set(VumTema.objects.values_list("kode", flat=True))


def test_doegnskema_sums_hours_per_doegn(raadgiver_api, anna, temaer):
    assert {"egenomsorg", "praktiske_opgaver", "samfundsliv"} <= temaer
    data = raadgiver_api.post(_url(anna, "doegnskemaer"), SKEMA, format="json").json()
    # (90 + 60 + 210 / 7) / 60 = 3 hours.
    assert data["timer_pr_doegn"] == "3.00"


def test_doegnskema_with_unknown_tema_is_400_and_writes_nothing(raadgiver_api, anna):
    body = {**SKEMA, "poster": [{"tidsrum": "nat", "tema": "ukendt", "minutter": 5}]}
    response = raadgiver_api.post(_url(anna, "doegnskemaer"), body, format="json")
    assert "tema" in response.json()["poster"]["0"]
    assert not Doegnskema.objects.exists()


def test_leder_may_not_create_a_doegnskema(leder_a_api, anna):
    response = leder_a_api.post(_url(anna, "doegnskemaer"), SKEMA, format="json")
    assert response.status_code == 403


def test_leder_reaching_another_tilbuds_doegnskemaer_gets_404(leder_b_api, anna):
    assert leder_b_api.get(_url(anna, "doegnskemaer")).status_code == 404


def test_anonymous_may_not_read_doegnskemaer(anonym, anna):
    assert anonym.get(_url(anna, "doegnskemaer")).status_code == 401


# --- Omplacering ----------------------------------------------------------------


def _omplacering(tilbud, niveau, **extra):
    return {
        "tilbud": tilbud.pk,
        "dato": "2026-05-01",
        "takstniveau": niveau.pk,
        # Issue 19 #3: Bo has no døgnskema, so the tilgang says why.
        "begrundelse_uden_doegnskema": "Akut behov.",
        **extra,
    }


def test_omplacering_answers_201_with_the_new_ophold(
    raadgiver_api, anna, tilbud_a, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["2"])
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    gammelt = Ophold.objects.get(tilbud=tilbud_a)
    assert response.status_code == 201
    assert response.json() == {
        "id": Ophold.objects.get(tilbud=tilbud_b).pk,
        "tilbud": tilbud_b.pk,
        "tilgang": "2026-05-01",
        "afgang": None,
        "omplaceret_fra": gammelt.pk,
        # Issue 19 #3: a move asks no reason; tilbud B has places to spare.
        "begrundelse_uden_doegnskema": "",
        "advarsler": [],
    }


def test_omplacering_ends_the_old_ophold_on_the_day_the_new_one_begins(
    raadgiver_api, anna, tilbud_a, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["3"])
    raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    gammelt = Ophold.objects.get(tilbud=tilbud_a)
    nyt = Ophold.objects.get(tilbud=tilbud_b)
    # [1 Feb, 1 May) in A, then [1 May, open) in B: the move day belongs to B.
    assert (gammelt.afgang, nyt.tilgang) == (D(2026, 5, 1), D(2026, 5, 1))
    assert [i.takstniveau.kode for i in nyt.indplaceringer.all()] == ["3"]


def test_omplacering_to_the_same_tilbud_is_400_with_the_ui_message(
    raadgiver_api, anna, tilbud_a, niveau
):
    body = _omplacering(tilbud_a, niveau["3"])
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"tilbud": [services.SAMME_TILBUD]}


def test_omplacering_with_a_level_of_another_year_is_400_and_writes_nothing(
    raadgiver_api, anna, tilbud_b, niveau
):
    # The afgang step succeeds before the level is refused: it must be rolled back.
    body = _omplacering(tilbud_b, niveau["2"], dato="2027-01-01")
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.json() == {
        "takstniveau": [services.NIVEAU_AAR.format(model_aar=2026, aar=2027)]
    }
    assert Ophold.objects.get().afgang is None
    assert Indplacering.objects.count() == 1


def test_omplacering_without_dato_is_400_and_writes_nothing(
    raadgiver_api, anna, tilbud_b, niveau
):
    body = {"tilbud": tilbud_b.pk, "takstniveau": niveau["2"].pk}
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.json() == {"dato": ["Dette felt er påkrævet."]}
    assert Ophold.objects.get().afgang is None


def test_omplacering_before_the_tilgang_is_400_with_the_ui_message(
    raadgiver_api, anna, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["2"], dato="2026-01-15")
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    (ophold,) = Ophold.objects.all()
    # Issue 15: the message names the omplacering's date, not an afgangsdato.
    fejl = services.OMPLACERING_FOER_TILGANG.format(
        tilbud=ophold.tilbud, tilgang="01.02.2026"
    )
    assert response.json() == {"dato": [fejl]}


def test_omplacering_of_a_borger_without_an_ophold_is_400(
    raadgiver_api, bo, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["2"])
    response = raadgiver_api.post(_url(bo, "omplacering"), body, format="json")
    assert response.json() == {"dato": [services.INTET_OPHOLD]}


def _skema_3_timer(borger, raadgiver):
    """180 minutes = 3 hours per døgn: the suggestion is niveau 2 (2-4 hours)."""
    return services.doegnskema_create(
        borger=borger,
        dato=D(2026, 4, 1),
        acting_user=raadgiver,
        poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 180}],
    )


def test_omplacering_to_another_level_than_suggested_needs_a_begrundelse(
    raadgiver_api, raadgiver, anna, tilbud_b, niveau
):
    skema = _skema_3_timer(anna, raadgiver)
    body = _omplacering(tilbud_b, niveau["3"], doegnskema=skema.pk)
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.json() == {
        "begrundelse": [services.BEGRUNDELSE_KRAEVES.format(kode="2")]
    }
    assert Ophold.objects.count() == 1


def test_omplacering_to_another_level_with_a_begrundelse_keeps_it(
    raadgiver_api, raadgiver, anna, tilbud_b, niveau
):
    skema = _skema_3_timer(anna, raadgiver)
    body = _omplacering(
        tilbud_b, niveau["3"], doegnskema=skema.pk, begrundelse="Mere støtte om natten"
    )
    raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    nyt = Ophold.objects.get(tilbud=tilbud_b).indplaceringer.get()
    assert (nyt.foreslaaet_niveau.kode, nyt.begrundelse) == (
        "2",
        "Mere støtte om natten",
    )


def test_omplacering_to_a_saertakst_takes_takstgivende_timer(
    raadgiver_api, anna, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["S1"], takstgivende_timer="9.5")
    raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    nyt = Ophold.objects.get(tilbud=tilbud_b).indplaceringer.get()
    assert str(nyt.saertakst_timer) == "9.50"


def test_omplacering_to_a_saertakst_without_timer_is_400_under_the_api_field_name(
    raadgiver_api, anna, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["S1"])
    response = raadgiver_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.json() == {"takstgivende_timer": [services.SAERTAKST_TIMER_KRAEVES]}
    assert Ophold.objects.get().afgang is None


def test_leder_may_not_register_an_omplacering(leder_a_api, anna, tilbud_b, niveau):
    body = _omplacering(tilbud_b, niveau["2"])
    response = leder_a_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.status_code == 403
    assert Ophold.objects.count() == 1


def test_oekonomi_may_not_register_an_omplacering(oekonomi_api, anna, tilbud_b, niveau):
    body = _omplacering(tilbud_b, niveau["2"])
    response = oekonomi_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.status_code == 403


def test_leder_reaching_another_tilbuds_borger_on_omplacering_gets_404(
    leder_b_api, anna, tilbud_b, niveau
):
    body = _omplacering(tilbud_b, niveau["2"])
    response = leder_b_api.post(_url(anna, "omplacering"), body, format="json")
    assert response.status_code == 404


def test_anonymous_may_not_register_an_omplacering(anonym, anna, tilbud_b, niveau):
    body = _omplacering(tilbud_b, niveau["2"])
    response = anonym.post(_url(anna, "omplacering"), body, format="json")
    assert response.status_code == 401
    assert Ophold.objects.count() == 1


# --- Afgang more than a year ahead (issue 12 item 10) ------------------------------


@pytest.fixture
def idag_30_juni_2026(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 6, 30))


def test_afgang_more_than_a_year_ahead_without_the_flag_is_400_and_writes_nothing(
    raadgiver_api, anna, idag_30_juni_2026
):
    # 30.06.2026 + 365 days = 30.06.2027 (no 29 February between): 01.07.2027 is beyond.
    response = raadgiver_api.post(_url(anna, "afgang"), {"dato": "2027-07-01"})
    assert response.json() == {"dato": [AFGANG_LANGT_UDE_API]}
    assert Ophold.objects.get().afgang is None


def test_afgang_more_than_a_year_ahead_with_bekraeft_fjern_dato_is_saved(
    raadgiver_api, anna, idag_30_juni_2026
):
    body = {"dato": "2030-06-30", "bekraeft_fjern_dato": True}
    response = raadgiver_api.post(_url(anna, "afgang"), body, format="json")
    assert response.json()["afgang"] == "2030-06-30"


def test_afgang_365_days_ahead_needs_no_flag(raadgiver_api, anna, idag_30_juni_2026):
    response = raadgiver_api.post(_url(anna, "afgang"), {"dato": "2027-06-30"})
    assert response.json()["afgang"] == "2027-06-30"
