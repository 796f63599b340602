"""Issue 14 item 5: a former tilbudsleder saw later placements of a borger who
moved on (/api/v1/borgere/66/indplaceringer/ showed the new tilbud). A leder
now sees a borger's data for the period in their own tilbud only, on the page
and in the API: stays, levels, døgnskemaer, betalingskommuner, annulments.

Anna: tilbud A from 1.1.2026 (niveau 1, døgnskema 10.1), moved to B on 1.3
(niveau 2; niveau 3 from 1.5, døgnskema 15.4); paid for by 147 from 1.2 and by
851 from 1.6 (B's period only).
"""

import datetime
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from offers import services
from offers.services.betalingskommune import betalingskommune_set

D = datetime.date


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def flyttet(anna, tilbud_a, tilbud_b, niveau, raadgiver):
    def skema(dato):
        return services.doegnskema_create(
            borger=anna, dato=dato, poster=[], acting_user=raadgiver
        )

    skema(D(2026, 1, 10))
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    betalingskommune_set(
        borger=anna, kommunekode="147", gyldig_fra=D(2026, 2, 1), acting_user=raadgiver
    )
    services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    skema(D(2026, 4, 15))
    services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 5, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    betalingskommune_set(
        borger=anna, kommunekode="851", gyldig_fra=D(2026, 6, 1), acting_user=raadgiver
    )
    return anna


def _get(user, url):
    api = APIClient()
    api.force_login(user)
    response = api.get(url)
    assert response.status_code == 200
    return response.data


def _api_view(user, borger) -> dict:
    base = f"/api/v1/borgere/{borger.pk}"
    return {
        "indplaceringer": [
            (i["tilbud"], i["gyldig_fra"])
            for i in _get(user, f"{base}/indplaceringer/")
        ],
        "doegnskemaer": sorted(d["dato"] for d in _get(user, f"{base}/doegnskemaer/")),
        "betalingskommuner": [
            b["kommunekode"] for b in _get(user, f"{base}/betalingskommune/")
        ],
    }


def test_the_former_leder_sees_the_period_in_their_tilbud_only(
    flyttet, tilbud_a, leder_a
):
    assert _api_view(leder_a, flyttet) == {
        "indplaceringer": [(tilbud_a.pk, "2026-01-01")],
        "doegnskemaer": ["2026-01-10"],
        # 147 is in force from 1.2, during the stay in A; 851 only after it.
        "betalingskommuner": ["147"],
    }


def test_the_new_leder_sees_their_period(flyttet, tilbud_b, leder_b):
    assert _api_view(leder_b, flyttet) == {
        "indplaceringer": [(tilbud_b.pk, "2026-03-01"), (tilbud_b.pk, "2026-05-01")],
        "doegnskemaer": ["2026-04-15"],
        # 147 is still in force on 1.3, B's first day.
        "betalingskommuner": ["147", "851"],
    }


def test_myndighed_sees_everything(flyttet, tilbud_a, tilbud_b, raadgiver):
    view = _api_view(raadgiver, flyttet)
    assert len(view["indplaceringer"]) == 3
    assert view["doegnskemaer"] == ["2026-01-10", "2026-04-15"]
    assert view["betalingskommuner"] == ["147", "851"]


def test_the_former_leders_page_shows_no_later_tilbud(
    client, flyttet, tilbud_a, tilbud_b, leder_a
):
    client.force_login(leder_a)
    side = client.get(reverse("offers:borger-detail", args=[flyttet.pk]))
    assert side.status_code == 200
    tekst = side.content.decode()
    assert tilbud_a.navn in tekst
    assert tilbud_b.navn not in tekst
    assert "851" not in tekst
    assert "15.04.2026" not in tekst
    assert [o.tilbud for o in side.context["ophold_list"]] == [tilbud_a]


def _listens_betalingskommune(client, user, borger) -> str:
    """The Betalingskommune cell of ``borger``'s row on the borger list."""
    client.force_login(user)
    side = client.get(reverse("offers:borger-list"))
    assert side.status_code == 200
    raekke = re.search(
        rf">{borger.navn}</a></th><td>[^<]*</td><td>([^<]*)</td>",
        side.content.decode(),
    )
    assert raekke is not None
    return raekke.group(1)


def test_the_former_leders_list_shows_the_payer_of_their_last_day(
    client, flyttet, leder_a
):
    # Anna's last day in A is 28.2.2026: 147 (from 1.2) is in force; 851 (1.6)
    # is from after she left.
    assert _listens_betalingskommune(client, leder_a, flyttet) == "147"


def test_the_new_leders_list_shows_the_newest_payer(client, flyttet, leder_b):
    # Anna lives in B from 1.3.2026 without an afgang: 851 from 1.6 is in B's period.
    assert _listens_betalingskommune(client, leder_b, flyttet) == "851"


def test_myndighed_s_list_shows_the_newest_payer(client, flyttet, raadgiver):
    assert _listens_betalingskommune(client, raadgiver, flyttet) == "851"


def test_a_leders_list_shows_egen_kommune_for_a_borger_without_a_payer(
    client, anna, tilbud_a, niveau, raadgiver, leder_a
):
    # No betalingskommune row: the own municipality's (regler.md §10.1).
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    assert _listens_betalingskommune(client, leder_a, anna) == "Egen kommune"


def _api_betalingskommune(user, borger) -> tuple[str, str]:
    """The betalingskommune the API gives for ``borger``: (list, detail)."""
    klient = APIClient()
    klient.force_authenticate(user)
    liste = klient.get("/api/v1/borgere/")
    detalje = klient.get(f"/api/v1/borgere/{borger.pk}/")
    assert (liste.status_code, detalje.status_code) == (200, 200)
    (raekke,) = [r for r in liste.json() if r["id"] == borger.pk]
    return raekke["betalingskommune"], detalje.json()["betalingskommune"]


def test_the_api_gives_the_former_leder_the_payer_of_their_last_day(flyttet, leder_a):
    # As the list page: 147 (from 1.2) on Anna's last day in A, 28.2.2026.
    assert _api_betalingskommune(leder_a, flyttet) == ("147", "147")


def test_the_api_gives_the_new_leder_and_myndighed_the_newest_payer(
    flyttet, leder_b, raadgiver
):
    assert _api_betalingskommune(leder_b, flyttet) == ("851", "851")
    assert _api_betalingskommune(raadgiver, flyttet) == ("851", "851")
