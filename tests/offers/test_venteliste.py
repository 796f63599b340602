"""The waiting-list pages, the capacity pages and the tilgang's warnings
(issue 19 #3), with figures computed by hand."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from budgets.selectors.kapacitet import kapacitet_for
from offers import services
from offers.models import Ophold
from offers.models import Ventelisteplads as Plads
from offers.services.venteliste import ventelisteplads_create
from tests.factories import TilbudFactory

D = datetime.date


@pytest.fixture
def plads_a(tilbud_a, raadgiver):
    return ventelisteplads_create(
        tilbud=tilbud_a,
        behov="Ung mand med autisme.",
        oensket_dato=D(2026, 9, 1),
        acting_user=raadgiver,
    )


def _tilgang(borger, tilbud, dato, niveau, user, afgang=None):
    services.borger_tilgang(
        borger=borger, tilbud=tilbud, dato=dato, takstniveau=niveau, acting_user=user
    )
    if afgang:
        services.borger_afgang(borger=borger, dato=afgang, acting_user=user)


@pytest.fixture
def fire_pladser(raadgiver, niveau):
    """4 places: A 01.01.2026–, B 01.01.–15.02.2026, C 15.02.2026–, D
    10.04.–01.05.2026 (registered ahead)."""
    tilbud = TilbudFactory(navn="Bofællesskabet Fire", pladser=4)
    stays = [
        ("A", D(2026, 1, 1), None),
        ("B", D(2026, 1, 1), D(2026, 2, 15)),
        ("C", D(2026, 2, 15), None),
        ("D", D(2026, 4, 10), D(2026, 5, 1)),
    ]
    for nr, (navn, tilgang, afgang) in enumerate(stays, start=1):
        borger = services.borger_create(
            cpr=f"0{nr}0190-1234", navn=navn, acting_user=raadgiver
        )
        _tilgang(borger, tilbud, tilgang, niveau["1"], raadgiver, afgang)
    for _ in range(2):
        ventelisteplads_create(
            tilbud=tilbud,
            behov="Behov.",
            oensket_dato=D(2026, 6, 1),
            acting_user=raadgiver,
        )
    return tilbud


def test_capacity_by_month_by_hand(fire_pladser):
    k = kapacitet_for(fire_pladser, D(2026, 3, 15))
    jan, feb, mar, apr, maj = k.maaneder[:5]
    # January: A and B every day → 4 − 2 = 2 free; 62 døgn / 31 / 4 = 50 %.
    assert (jan.ledige, jan.belaegningsdoegn) == (2, 62)
    # February: A 28 + B 14 + C 14 = 56 døgn, two every day → 2 free.
    assert (feb.ledige, feb.belaegningsdoegn) == (2, 56)
    # April: A 30 + C 30 + D 21 (10.–30.) = 81 døgn, three from the 10th → 1 free.
    assert (apr.ledige, apr.belaegningsdoegn) == (1, 81)
    # May: D left on the 1st → A and C → 2 free.
    assert (mar.ledige, maj.ledige) == (2, 2)
    # Today 15.03.2026: A and C.
    assert (k.pladser, k.belagt, k.ledige, k.venteliste) == (4, 2, 2, 2)


def test_capacity_months_under_forudsat_belaegning_are_said(fire_pladser):
    k = kapacitet_for(fire_pladser, D(2026, 3, 15))
    # Forudsat 97 %; every month of the 14 shown is under it (at most 67,5 %):
    # one run, worded once.
    assert len(k.maaneder) == 14
    (tekst,) = k.under_forudsat
    assert tekst.startswith(
        "Belægningen er under den forudsatte (97,0 %) i 14 måneder i træk: "
        "januar 2026 (50,0 %), februar 2026 (50,0 %), marts 2026 (50,0 %), "
        "april 2026 (67,5 %)"
    )


def test_the_capacity_page_shows_todays_free_places(client, fire_pladser, leder_a):
    fire_pladser.ledere.add(leder_a)
    client.force_login(leder_a)
    side = client.get(reverse("budgets:kapacitet", args=[fire_pladser.pk]))
    assert side.status_code == 200
    assert 'id="venteliste-antal">2<' in side.content.decode()


def test_the_overview_lists_each_tilbud(client, fire_pladser, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:kapacitet-oversigt"))
    assert side.status_code == 200
    assert "Bofællesskabet Fire" in side.content.decode()


def test_raadgiver_puts_an_anonymous_need_on_the_list(client, raadgiver, tilbud_a):
    client.force_login(raadgiver)
    url = reverse("offers:venteliste-create", args=[tilbud_a.pk])
    data = {
        "behov": "Kvinde, 34 år.",
        "oensket_dato": "2026-12-15",
        "fra_kommune": "",
        "sandsynlighed": "70",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    plads = Plads.objects.get()
    assert (plads.behov, plads.sandsynlighed) == ("Kvinde, 34 år.", 70)


def test_a_probability_above_100_is_a_danish_form_error(client, raadgiver, tilbud_a):
    client.force_login(raadgiver)
    url = reverse("offers:venteliste-create", args=[tilbud_a.pk])
    data = {"behov": "Behov.", "oensket_dato": "2026-12-15", "sandsynlighed": "120"}
    response = client.post(url, data)
    assert (
        "Denne værdi skal være mindre end eller lig 100." in response.content.decode()
    )
    assert not Plads.objects.exists()


def test_a_bad_kommunekode_is_a_danish_form_error(client, raadgiver, tilbud_a):
    client.force_login(raadgiver)
    url = reverse("offers:venteliste-create", args=[tilbud_a.pk])
    data = {"behov": "Behov.", "oensket_dato": "2026-12-15", "fra_kommune": "7a1"}
    response = client.post(url, data)
    assert "Kommunekoden skal være tre cifre." in response.content.decode()
    assert not Plads.objects.exists()


def test_tilbudsleder_reads_the_list_but_cannot_add(client, leder_a, plads_a):
    client.force_login(leder_a)
    liste = client.get(reverse("offers:venteliste-list", args=[plads_a.tilbud_id]))
    assert "Ung mand med autisme." in liste.content.decode()
    assert "venteliste-opret" not in liste.content.decode()
    url = reverse("offers:venteliste-create", args=[plads_a.tilbud_id])
    assert (
        client.post(url, {"behov": "x", "oensket_dato": "2026-12-15"}).status_code
        == 403
    )


def test_the_other_tilbudsleder_gets_404(client, leder_b, plads_a):
    client.force_login(leder_b)
    url = reverse("offers:venteliste-list", args=[plads_a.tilbud_id])
    assert client.get(url).status_code == 404


def test_oekonomi_removes_a_place(client, oekonomichef, plads_a):
    client.force_login(oekonomichef)
    url = reverse("offers:venteliste-delete", args=[plads_a.pk])
    assert client.post(url).status_code == 302
    assert not Plads.objects.exists()
    assert Plads.history.filter(id=plads_a.pk, history_type="-").exists()


def test_a_tilgang_over_pladser_warns_after_saving(client, raadgiver, niveau):
    lille = TilbudFactory(navn="Bofællesskabet Lille", pladser=1)
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    _tilgang(bo, lille, D(2026, 2, 1), niveau["1"], raadgiver)
    cai = services.borger_create(cpr="030390-1234", navn="Cai", acting_user=raadgiver)
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[cai.pk])
    data = {
        "tilbud": lille.pk,
        "dato": "2026-03-01",
        "niveau": "1",
        "begrundelse_uden_doegnskema": "Akut anbringelse.",
    }
    response = client.post(url, data)
    assert response.status_code == 302  # saved all the same
    assert Ophold.objects.get(borger=cai).begrundelse_uden_doegnskema == (
        "Akut anbringelse."
    )
    advarsler = [m.message for m in get_messages(response.wsgi_request)]
    # 01.03.2026: Bo and Cai = 2 borgere in 1 plads.
    assert any("med tilgangen er der 2 borgere" in a for a in advarsler)


def test_a_tilgang_without_doegnskema_asks_for_a_reason(
    client, raadgiver, anna, tilbud_a, niveau
):
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    response = client.post(
        url, {"tilbud": tilbud_a.pk, "dato": "2026-03-01", "niveau": "1"}
    )
    assert services.BEGRUNDELSE_UDEN_DOEGNSKEMA in response.content.decode()
    assert not Ophold.objects.exists()


def test_a_borger_with_a_doegnskema_is_not_asked(
    client, raadgiver, anna, tilbud_a, niveau
):
    services.doegnskema_create(
        borger=anna,
        dato=D(2026, 2, 1),
        poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 30}],
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    assert "begrundelse_uden_doegnskema" not in client.get(url).content.decode()
