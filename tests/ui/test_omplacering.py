"""The myndighedsrådgiver moves a borger from one tilbud to another (omplacering)."""

import datetime

from django.urls import reverse

from budgets.selectors import tilbud_resultat
from config.lib.formatting import format_kr
from offers.models import Indplacering, Ophold
from offers.services import SAMME_TILBUD

D = datetime.date


def _tekst(response) -> str:
    return response.content.decode()


def _url(borger) -> str:
    return reverse("offers:omplacering-create", args=[borger.pk])


def test_omplacering_ends_the_old_ophold_and_opens_one_in_the_new_tilbud(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_b.pk, "dato": "2026-05-01", "niveau": "2"}
    client.post(_url(anna_i_a.borger), data)
    anna_i_a.refresh_from_db()
    ny = Ophold.objects.get(borger=anna_i_a.borger, afgang__isnull=True)
    assert anna_i_a.afgang == D(2026, 5, 1)
    assert (ny.tilbud, ny.tilgang, ny.omplaceret_fra) == (
        tilbud_b,
        D(2026, 5, 1),
        anna_i_a,
    )


def test_omplacering_shows_the_new_tilbuds_budget_effect(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_b.pk, "dato": "2026-05-01", "niveau": "2"}
    response = client.post(_url(anna_i_a.borger), data, follow=True)
    (regulering,) = tilbud_resultat(tilbud_b, 2026, D(2026, 6, 30)).budget.ledger
    # By hand: niveau 2 = 3 h × 492,07 = 1.476,21 kr. per døgn, 1 May-31 Dec = 245 døgn.
    assert format_kr(regulering.beloeb, fortegn=True) == "+361.671,45 kr."
    forventet = f"aktivitetsbudget for {tilbud_b.navn}: +361.671,45 kr. fra 1. maj 2026"
    assert forventet in _tekst(response)
    assert f"Omplacering fra {anna_i_a.tilbud} til {tilbud_b}" in _tekst(response)


def test_omplacering_to_the_same_tilbud_gives_the_service_error_and_writes_nothing(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_a.pk, "dato": "2026-05-01", "niveau": "3"}
    response = client.post(_url(anna_i_a.borger), data)
    assert response.status_code == 200
    assert SAMME_TILBUD in _tekst(response)
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang is None
    assert Ophold.objects.count() == 1 and Indplacering.objects.count() == 1


def test_omplacering_form_keeps_the_typed_date_on_error(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_a.pk, "dato": "2026-05-01", "niveau": "3"}
    response = client.post(_url(anna_i_a.borger), data)
    assert 'value="2026-05-01"' in _tekst(response)


def test_tilbudsleder_gets_403(client, leder_a, anna_i_a):
    client.force_login(leder_a)
    assert client.get(_url(anna_i_a.borger)).status_code == 403


def test_borger_page_links_to_omplacering_when_the_borger_lives_somewhere(
    client, raadgiver, anna_i_a
):
    client.force_login(raadgiver)
    response = client.get(reverse("offers:borger-detail", args=[anna_i_a.borger.pk]))
    assert _url(anna_i_a.borger) in _tekst(response)


def test_borger_page_has_no_omplacering_link_without_an_open_ophold(
    client, raadgiver, anna
):
    client.force_login(raadgiver)
    response = client.get(reverse("offers:borger-detail", args=[anna.pk]))
    assert _url(anna) not in _tekst(response)
