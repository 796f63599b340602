"""An afgang takes an afgangsårsag (issue 15 #2): required on the page, shown on
the borger page and in the history, cleared when the afgang is annulled."""

import datetime

from django.urls import reverse

from offers.models import Haendelsesart, Ophold
from offers.services import annullering_create

D = datetime.date


def _tekst(response) -> str:
    return response.content.decode()


def _url(borger) -> str:
    return reverse("offers:afgang-create", args=[borger.pk])


def test_the_form_offers_the_five_reasons(client, raadgiver, anna_i_a):
    client.force_login(raadgiver)
    tekst = _tekst(client.get(_url(anna_i_a.borger)))
    for label in (
        "Flyttet til andet tilbud",
        "Flyttet til egen bolig",
        "Død",
        "Flyttet til anden kommune",
        "Andet",
    ):
        assert f">{label}</option>" in tekst


def test_an_afgang_without_a_reason_is_refused_in_danish(client, raadgiver, anna_i_a):
    client.force_login(raadgiver)
    response = client.post(_url(anna_i_a.borger), {"dato": "2026-03-10"})
    assert "Vælg en afgangsårsag." in _tekst(response)
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang is None


def test_andet_needs_a_text(client, raadgiver, anna_i_a):
    client.force_login(raadgiver)
    data = {"dato": "2026-03-10", "afgangsaarsag": "andet"}
    response = client.post(_url(anna_i_a.borger), data)
    assert "Beskriv årsagen, når afgangsårsagen er »Andet«." in _tekst(response)
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang is None


def test_the_reason_is_saved_and_shown_on_the_borger_page_and_in_history(
    client, raadgiver, oekonomichef, anna_i_a
):
    client.force_login(raadgiver)
    data = {
        "dato": "2026-03-10",
        "afgangsaarsag": "andet",
        "afgangsaarsag_tekst": "Udvandret",
    }
    response = client.post(_url(anna_i_a.borger), data, follow=True)
    anna_i_a.refresh_from_db()
    assert (anna_i_a.afgangsaarsag, anna_i_a.afgangsaarsag_tekst) == (
        "andet",
        "Udvandret",
    )
    assert "Afgangsårsag: Andet (Udvandret)" in _tekst(response)
    client.force_login(oekonomichef)
    page = _tekst(client.get(reverse("historik"), {"model": "ophold"}))
    assert "afgangsårsag: – → Andet" in page  # the label, not the code


def test_annulling_the_afgang_clears_its_reason(raadgiver, anna_i_a, client):
    client.force_login(raadgiver)
    data = {"dato": "2026-03-10", "afgangsaarsag": "doed"}
    client.post(_url(anna_i_a.borger), data)
    annullering_create(
        borger=anna_i_a.borger,
        haendelse=Haendelsesart.AFGANG,
        ophold=anna_i_a,
        begrundelse="Forkert borger",
        acting_user=raadgiver,
    )
    ophold = Ophold.objects.get(pk=anna_i_a.pk)
    assert (ophold.afgang, ophold.afgangsaarsag) == (None, "")
    response = client.get(anna_i_a.borger.get_absolute_url())
    assert "Afgangsårsag" not in _tekst(response)


def test_an_omplacering_gives_the_old_stay_its_reason(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:omplacering-create", args=[anna_i_a.borger.pk])
    client.post(url, {"tilbud": tilbud_b.pk, "dato": "2026-05-01", "niveau": "2"})
    anna_i_a.refresh_from_db()
    assert anna_i_a.get_afgangsaarsag_display() == "Flyttet til andet tilbud"
