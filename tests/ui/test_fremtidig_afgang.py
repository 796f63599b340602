"""A registered afgang ahead: until its day the borger lives there (issue 12 item 10).

A stay is [tilgang, afgang) (DOMAIN.md §8), so on every day before the afgang the
borger page shows the tilbud, the level and "Fraflytter dd.mm.åååå", and the
actions that apply to a running stay. "Today" is pinned by patching
timezone.localdate, the only clock the pages read.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.forms import AFGANG_BEKRAEFTELSE, AFGANG_LANGT_UDE
from offers.models import Indplacering, Ophold

# An afgang on the page takes a reason (issue 15 #2).
AARSAG = {"afgangsaarsag": "egen_bolig"}

D = datetime.date


@pytest.fixture
def idag(monkeypatch):
    def saet(dag: datetime.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dag)

    return saet


@pytest.fixture
def fraflytter_15_december(anna_i_a, raadgiver, idag):
    """Anna lives in tilbud A from 1 February 2026; her afgang on 15 December 2026
    was registered on 1 November 2026 and the page is seen on 1 December 2026."""
    idag(D(2026, 11, 1))
    services.borger_afgang(
        borger=anna_i_a.borger, dato=D(2026, 12, 15), acting_user=raadgiver
    )
    idag(D(2026, 12, 1))
    return anna_i_a.borger


def _side(client, raadgiver, borger) -> str:
    client.force_login(raadgiver)
    url = reverse("offers:borger-detail", args=[borger.pk])
    return client.get(url).content.decode()


def _link(navn: str, borger) -> str:
    return reverse(f"offers:{navn}-create", args=[borger.pk])


# --- The borger page -------------------------------------------------------------


def test_borger_page_before_the_afgang_shows_where_the_borger_lives(
    client, raadgiver, fraflytter_15_december, tilbud_a
):
    tekst = _side(client, raadgiver, fraflytter_15_december)
    assert tilbud_a.navn in tekst.split('id="bor-i"')[1].split("</li>")[0]
    assert "Intet aktuelt ophold" not in tekst


def test_borger_page_before_the_afgang_says_fraflytter_with_the_date(
    client, raadgiver, fraflytter_15_december
):
    assert "Fraflytter 15.12.2026" in _side(client, raadgiver, fraflytter_15_december)


def test_borger_page_before_the_afgang_shows_the_level_in_force(
    client, raadgiver, fraflytter_15_december
):
    tekst = _side(client, raadgiver, fraflytter_15_december)
    assert 'id="aktuelt-niveau">2 – Niveau 2<' in tekst


def test_borger_page_before_the_afgang_offers_omplacering_and_a_new_level(
    client, raadgiver, fraflytter_15_december
):
    tekst = _side(client, raadgiver, fraflytter_15_december)
    assert _link("omplacering", fraflytter_15_december) in tekst
    assert _link("indplacering", fraflytter_15_december) in tekst


def test_borger_page_before_the_afgang_offers_no_tilgang(
    client, raadgiver, fraflytter_15_december
):
    tekst = _side(client, raadgiver, fraflytter_15_december)
    assert _link("tilgang", fraflytter_15_december) not in tekst


def test_borger_page_with_a_registered_afgang_offers_no_second_afgang(
    client, raadgiver, fraflytter_15_december
):
    tekst = _side(client, raadgiver, fraflytter_15_december)
    assert _link("afgang", fraflytter_15_december) not in tekst


def test_borger_page_on_the_afgang_day_shows_no_current_ophold(
    client, raadgiver, fraflytter_15_december, idag
):
    # [1 Feb, 15 Dec): on 15 December Anna has left.
    idag(D(2026, 12, 15))
    tekst = _side(client, raadgiver, fraflytter_15_december)
    assert "Intet aktuelt ophold" in tekst
    assert _link("tilgang", fraflytter_15_december) in tekst


def test_afgang_in_2030_seen_in_2026_shows_the_level_and_fraflytter(
    client, raadgiver, anna_i_a, idag
):
    idag(D(2026, 6, 30))
    services.borger_afgang(
        borger=anna_i_a.borger, dato=D(2030, 6, 30), acting_user=raadgiver
    )
    tekst = _side(client, raadgiver, anna_i_a.borger)
    assert "Fraflytter 30.06.2030" in tekst
    assert 'id="aktuelt-niveau">2 – Niveau 2<' in tekst


def test_borger_page_before_a_future_tilgang_offers_no_tilgang(
    client, raadgiver, anna, tilbud_a, niveau, idag
):
    idag(D(2026, 6, 30))
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 9, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    tekst = _side(client, raadgiver, anna)
    assert f"Tilflytter {tilbud_a.navn} 01.09.2026" in tekst
    assert _link("tilgang", anna) not in tekst


# --- The actions before the afgang -------------------------------------------------


def test_omplacering_before_a_registered_afgang_ends_the_stay_on_the_move_day(
    client, raadgiver, fraflytter_15_december, tilbud_a, tilbud_b
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_b.pk, "dato": "2026-12-01", "niveau": "2"}
    client.post(_link("omplacering", fraflytter_15_december), data)
    gammelt = Ophold.objects.get(tilbud=tilbud_a)
    nyt = Ophold.objects.get(tilbud=tilbud_b)
    # A: [1 Feb, 1 Dec) instead of [1 Feb, 15 Dec); B: [1 Dec, open).
    assert (gammelt.afgang, nyt.tilgang, nyt.afgang) == (
        D(2026, 12, 1),
        D(2026, 12, 1),
        None,
    )


def test_new_level_before_a_registered_afgang_is_saved(
    client, raadgiver, fraflytter_15_december
):
    client.force_login(raadgiver)
    data = {"gyldig_fra": "2026-12-01", "niveau": "3"}
    client.post(_link("indplacering", fraflytter_15_december), data)
    assert Indplacering.objects.filter(
        gyldig_fra=D(2026, 12, 1), takstniveau__kode="3"
    ).exists()


def test_doegnskema_before_a_registered_afgang_leads_to_a_new_level(
    client, raadgiver, fraflytter_15_december
):
    client.force_login(raadgiver)
    data = {"dato": "2026-12-01", "m_morgen_egenomsorg": 180}
    response = client.post(_link("doegnskema", fraflytter_15_december), data)
    assert response.url.startswith(_link("indplacering", fraflytter_15_december))


# --- The warning on an afgang more than a year ahead ------------------------------


@pytest.fixture
def afgang_side(client, raadgiver, anna_i_a, idag):
    """The afgang form of Anna, seen on 30 June 2026."""
    idag(D(2026, 6, 30))
    client.force_login(raadgiver)
    return _link("afgang", anna_i_a.borger)


def test_afgang_more_than_a_year_ahead_without_confirmation_warns_and_writes_nothing(
    client, afgang_side, anna_i_a
):
    # 30.06.2026 + 365 days = 30.06.2027 (no 29 February between): 01.07.2027 is beyond.
    response = client.post(afgang_side, {"dato": "2027-07-01"})
    assert AFGANG_LANGT_UDE.format(dato="01.07.2027") in response.content.decode()
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang is None


def test_afgang_warning_asks_for_the_confirmation_checkbox(client, afgang_side):
    response = client.post(afgang_side, {"dato": "2030-06-30"})
    tekst = response.content.decode()
    assert AFGANG_BEKRAEFTELSE in tekst and 'name="bekraeft_dato"' in tekst


def test_afgang_more_than_a_year_ahead_with_confirmation_is_saved(
    client, afgang_side, anna_i_a
):
    client.post(afgang_side, {"dato": "2030-06-30", "bekraeft_dato": "on", **AARSAG})
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang == D(2030, 6, 30)


def test_afgang_365_days_ahead_needs_no_confirmation(client, afgang_side, anna_i_a):
    # 30.06.2026 + 365 days = 30.06.2027: not more than a year ahead.
    client.post(afgang_side, {"dato": "2027-06-30", **AARSAG})
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang == D(2027, 6, 30)


def test_afgang_form_shows_no_checkbox_before_a_far_date(client, afgang_side):
    assert 'name="bekraeft_dato"' not in client.get(afgang_side).content.decode()


def test_afgang_form_names_the_afgang_already_registered(
    client, raadgiver, fraflytter_15_december
):
    client.force_login(raadgiver)
    response = client.get(_link("afgang", fraflytter_15_december))
    assert "borgeren fraflytter" in response.content.decode()
    assert "15.12.2026" in response.content.decode()
