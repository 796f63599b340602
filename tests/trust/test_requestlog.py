"""The request log (issue 14 #4): every non-idempotent request, never a CPR."""

import datetime
import logging

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from config.requestlog.middleware import LOG_FEJLEDE
from config.requestlog.models import Forespoergsel
from config.requestlog.tasks import forespoergsel_ryd_task
from offers import services
from offers.models import Borger
from tests.factories import UserFactory

D = datetime.date
CPR = "010190-1234"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def kommentar_url(tilbud_a, faste_a, monkeypatch):
    """Tilbud A's comment form in 2026 (a priced year, "today" 30 June)."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 6, 30))
    return reverse("budgets:kommentar-create", args=[tilbud_a.pk])


def _raekke() -> Forespoergsel:
    (raekke,) = Forespoergsel.objects.all()
    return raekke


def _hvem_hvad(raekke: Forespoergsel) -> tuple:
    return (raekke.bruger, raekke.metode, raekke.rute, raekke.objekt, raekke.status)


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_comment_posted_on_a_page_is_logged(client, leder_a, tilbud_a, kommentar_url):
    client.force_login(leder_a)
    response = client.post(kommentar_url, {"maaned": 3, "tekst": "Ekstra vikarer."})
    assert response.status_code == 302
    assert _hvem_hvad(_raekke()) == (
        leder_a,
        "POST",
        "budgets:kommentar-create",
        f"pk={tilbud_a.pk}",
        302,
    )


def test_an_api_put_is_logged_with_the_tilbud_pk(oekonomichef, tilbud_a):
    tilbud = {
        "navn": "Botilbuddet Eg",
        "tilbudstype": "botilbud_108",
        "pladser": 10,
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "97.00",
        "reguleringsandel": "100.00",
    }
    url = f"/api/v1/tilbud/{tilbud_a.pk}/"
    response = _api(oekonomichef).put(url, tilbud, format="json")
    assert response.status_code == 200
    assert _hvem_hvad(_raekke()) == (
        oekonomichef,
        "PUT",
        "api:v1:tilbud-detail",
        f"pk={tilbud_a.pk}",
        200,
    )


def test_an_api_token_user_is_the_one_logged(oekonomichef, tilbud_a):
    from rest_framework.authtoken.models import Token

    client = APIClient()
    token = Token.objects.create(user=oekonomichef)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.patch(f"/api/v1/tilbud/{tilbud_a.pk}/", {"pladser": 9}, format="json")
    assert (_raekke().bruger, _raekke().status) == (oekonomichef, 200)


def test_an_admin_change_is_logged_with_the_object_id(admin_client, admin_user):
    gruppe = Group.objects.create(name="Revision")
    url = reverse("admin:auth_group_change", args=[gruppe.pk])
    response = admin_client.post(url, {"name": "Revisionen"})
    assert response.status_code == 302
    assert _hvem_hvad(_raekke()) == (
        admin_user,
        "POST",
        "admin:auth_group_change",
        f"object_id={gruppe.pk}",
        302,
    )


def test_a_refused_request_is_logged_with_its_status(leder_a, tilbud_a):
    response = _api(leder_a).patch(
        f"/api/v1/tilbud/{tilbud_a.pk}/", {"pladser": 9}, format="json"
    )
    assert response.status_code == 403
    assert (_raekke().bruger, _raekke().status) == (leder_a, 403)


def test_a_get_logs_nothing(client, oekonomichef, tilbud_a):
    client.force_login(oekonomichef)
    client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    _api(oekonomichef).get(f"/api/v1/tilbud/{tilbud_a.pk}/")
    assert not Forespoergsel.objects.exists()


def _alle_felter() -> str:
    return " ".join(str(v) for r in Forespoergsel.objects.values() for v in r.values())


def test_a_borger_created_with_a_cpr_leaves_no_cpr_in_the_log(raadgiver):
    response = _api(raadgiver).post(
        f"/api/v1/borgere/?cpr={CPR}", {"cpr": CPR, "navn": "Anna"}, format="json"
    )
    assert response.status_code == 201
    felter = _alle_felter()
    assert Forespoergsel.objects.count() == 1
    assert "1234" not in felter and "Anna" not in felter


def test_a_cpr_in_the_url_is_masked(admin_client):
    """An admin object id is free text: a CPR typed there is masked."""
    admin_client.post(f"/admin/offers/borger/{CPR}/change/", {})
    assert _raekke().objekt == "object_id=010190-xxxx"
    assert "0101901234" not in _alle_felter() and "010190-1234" not in _alle_felter()


def test_a_cpr_in_unicode_digits_is_masked_too(admin_client):
    admin_client.post("/admin/offers/borger/０１０１９０１２３４/change/", {})
    assert _raekke().objekt == "object_id=０１０１９０-xxxx"


def test_a_failed_login_is_logged_without_the_password(db):
    UserFactory(username="bo")
    client = Client()
    client.post(reverse("login"), {"username": "bo", "password": "hemmeligt-ord"})
    raekke = _raekke()
    assert (raekke.bruger, raekke.brugernavn, raekke.rute) == (None, "bo", "login")
    assert raekke.login_fejlet and "hemmeligt" not in _alle_felter()


@pytest.mark.django_db(transaction=True)
def test_a_request_rolled_back_is_still_logged(raadgiver, monkeypatch):
    """ATOMIC_REQUESTS rolls the borger back; the log row stays."""

    opret = services.borger_create

    def opret_og_fejl(**kwargs):
        opret(**kwargs)  # writes the borger
        raise RuntimeError("fejl efter skrivning")

    monkeypatch.setattr(services, "borger_create", opret_og_fejl)
    client = APIClient(raise_request_exception=False)
    client.force_login(raadgiver)
    response = client.post("/api/v1/borgere/", {"cpr": CPR, "navn": "Anna"})
    assert response.status_code == 500
    assert not Borger.objects.exists()
    assert (_raekke().bruger, _raekke().status) == (raadgiver, 500)


def test_a_log_that_cannot_be_written_does_not_break_the_request(
    client, leder_a, kommentar_url, monkeypatch, caplog
):
    def fejl(**kwargs):
        raise RuntimeError("databasen er væk")

    monkeypatch.setattr(Forespoergsel.objects, "create", fejl)
    client.force_login(leder_a)
    with caplog.at_level(logging.WARNING):
        response = client.post(kommentar_url, {"maaned": 3, "tekst": "Ekstra vikarer."})
    assert response.status_code == 302
    assert LOG_FEJLEDE % "RuntimeError" in caplog.messages


# The page on /historik/forespoergsler/.
SIDE = "historik-forespoergsler"


def _log(brugernavn: str, dato: datetime.date, rute="budgets:kommentar-create"):
    tidspunkt = timezone.make_aware(datetime.datetime(*dato.timetuple()[:3], 12))
    return Forespoergsel.objects.create(
        tidspunkt=tidspunkt,
        brugernavn=brugernavn,
        metode="POST",
        rute=rute,
        objekt="pk=1",
        status=302,
    )


def test_oekonomi_reads_the_log(client, oekonomichef):
    _log("leder_a", D(2026, 3, 10))
    client.force_login(oekonomichef)
    side = client.get(reverse(SIDE)).content.decode()
    assert "10.03.2026 12:00" in side and "budgets:kommentar-create" in side


@pytest.mark.parametrize("persona", ["leder_a", "raadgiver"])
def test_leder_and_raadgiver_are_refused_the_log(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(SIDE)).status_code == 403


def test_the_log_is_filtered_by_user(client, oekonomichef, leder_a):
    _log("leder_a", D(2026, 3, 10), rute="budgets:kommentar-create")
    _log("oekonomi", D(2026, 3, 10), rute="api:v1:tilbud-detail")
    client.force_login(oekonomichef)
    side = client.get(reverse(SIDE), {"bruger": "leder_a"}).content.decode()
    assert "budgets:kommentar-create" in side and "api:v1:tilbud-detail" not in side


@pytest.mark.parametrize(
    "fra,til",
    [
        ("10.03.2026", "10.03.2026"),
        ("10-03-2026", "10/03/2026"),
        ("10.3.2026", "2026-03-10"),
    ],
)
def test_the_log_is_filtered_by_danish_dates(client, oekonomichef, fra, til):
    _log("a", D(2026, 3, 9), rute="ruten-den-9")
    _log("b", D(2026, 3, 10), rute="ruten-den-10")
    _log("c", D(2026, 3, 11), rute="ruten-den-11")
    client.force_login(oekonomichef)
    side = client.get(reverse(SIDE), {"fra": fra, "til": til}).content.decode()
    assert "ruten-den-10" in side
    assert "ruten-den-9" not in side and "ruten-den-11" not in side


def test_a_bad_date_gives_a_danish_message(client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse(SIDE), {"fra": "31.02.2026"}).content.decode()
    assert "Skriv datoen som dd.mm.åååå" in side


def test_the_log_is_paginated_by_50(client, oekonomichef):
    for _ in range(51):
        _log("a", D(2026, 3, 10))
    client.force_login(oekonomichef)
    response = client.get(reverse(SIDE), {"side": 2})
    assert len(response.context["side"].object_list) == 1  # 51 rows - 50 on side 1
    assert "Side 2 af 2" in response.content.decode()


def test_the_history_page_links_to_the_log(client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("historik")).content.decode()
    assert reverse(SIDE) in side and "Forespørgsler" in side


def test_old_rows_are_deleted_after_the_retention(db, settings):
    settings.REQUESTLOG_OPBEVARING_DAGE = 30
    idag = timezone.localdate()
    _log("gammel", idag - datetime.timedelta(days=31))
    _log("ny", idag - datetime.timedelta(days=29))
    call_command("ryd_forespoergsler")
    assert list(Forespoergsel.objects.values_list("brugernavn", flat=True)) == ["ny"]


def test_the_nightly_task_deletes_after_the_retention(db, settings):
    settings.REQUESTLOG_OPBEVARING_DAGE = 30
    idag = timezone.localdate()
    _log("gammel", idag - datetime.timedelta(days=31))
    _log("ny", idag - datetime.timedelta(days=29))
    assert forespoergsel_ryd_task.delay().get() == 1
    assert list(Forespoergsel.objects.values_list("brugernavn", flat=True)) == ["ny"]
    assert "forespoergsel-ryd" in django_settings.CELERY_BEAT_SCHEDULE


def test_the_admin_cannot_change_or_delete_a_row(admin_client):
    raekke = _log("a", D(2026, 3, 10))
    url = reverse("admin:requestlog_forespoergsel_delete", args=[raekke.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Forespoergsel.objects.filter(pk=raekke.pk).exists()


def test_a_logout_is_logged_with_the_user_who_left(client, raadgiver):
    client.force_login(raadgiver)
    client.post(reverse("logout"))
    assert (_raekke().bruger, _raekke().rute) == (raadgiver, "logout")


def test_the_admin_lists_the_log_but_cannot_add_to_it(admin_client):
    _log("a", D(2026, 3, 10))
    liste = admin_client.get(reverse("admin:requestlog_forespoergsel_changelist"))
    assert liste.status_code == 200 and "budgets:kommentar-create" in liste.text
    tilfoej = admin_client.get(reverse("admin:requestlog_forespoergsel_add"))
    assert tilfoej.status_code == 403
