"""The rådgiver annuls a wrongly registered event on the borger page (issue 12
item 11): each event has an "Annullér" link to a page that says what will be
annulled and its budget effect, and asks for a reason."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from offers import services
from offers.models import Annullering, Ophold
from offers.services import annullering as annul
from offers.views_annullering import ANNULLERET, KONSEKVENS

D = datetime.date
BEGRUNDELSE = "Afgangen var registreret på den forkerte borger."


@pytest.fixture
def med_afgang(anna_i_a, raadgiver):
    """Anna: tilgang to tilbud A 1 February 2026, afgang 10 March 2026."""
    services.borger_afgang(
        borger=anna_i_a.borger, dato=D(2026, 3, 10), acting_user=raadgiver
    )
    anna_i_a.refresh_from_db()
    return anna_i_a


def _tekst(response) -> str:
    return response.content.decode()


def _side(borger) -> str:
    return reverse("offers:borger-detail", args=[borger.pk])


def _annuller_url(ophold, haendelse="afgang", **extra) -> str:
    url = reverse("offers:annullering-create", args=[ophold.borger_id])
    query = "&".join(f"{k}={v}" for k, v in {"ophold": ophold.pk, **extra}.items())
    return f"{url}?haendelse={haendelse}&{query}"


def _annul_links(html: str) -> list[str]:
    """The hrefs to the annul page, in page order."""
    return [
        href.replace("&amp;", "&")
        for href in re.findall(r'href="([^"]+)"', html)
        if "/annuller/" in href
    ]


# --- The links on the borger page ----------------------------------------------


def test_borger_page_offers_the_raadgiver_to_annul_the_tilgang_and_the_afgang(
    client, raadgiver, med_afgang
):
    client.force_login(raadgiver)
    links = _annul_links(_tekst(client.get(_side(med_afgang.borger))))
    assert links == [
        _annuller_url(med_afgang, "tilgang"),
        _annuller_url(med_afgang, "afgang"),
    ]


def test_borger_page_shows_no_annul_link_to_the_leder(client, leder_a, med_afgang):
    client.force_login(leder_a)
    response = client.get(_side(med_afgang.borger))
    assert response.status_code == 200
    assert _annul_links(_tekst(response)) == []


def test_borger_page_offers_to_annul_each_level_after_the_first(
    client, raadgiver, anna_i_a, niveau
):
    ny = services.indplacering_create(
        borger=anna_i_a.borger,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    links = _annul_links(_tekst(client.get(_side(anna_i_a.borger))))
    assert links == [
        _annuller_url(anna_i_a, "tilgang"),
        _annuller_url(anna_i_a, "indplacering", indplacering=ny.pk),
    ]


def test_a_moved_borger_is_offered_to_annul_the_omplacering_not_its_afgang(
    client, raadgiver, anna_i_a, tilbud_b, niveau
):
    nyt = services.omplacering(
        borger=anna_i_a.borger,
        til_tilbud=tilbud_b,
        dato=D(2026, 5, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    links = _annul_links(_tekst(client.get(_side(anna_i_a.borger))))
    # Newest ophold first; the old one's afgang is the omplacering itself.
    assert links == [
        _annuller_url(nyt, "omplacering"),
        _annuller_url(anna_i_a, "tilgang"),
    ]


def test_annul_links_carry_pks_and_never_the_cpr(client, raadgiver, med_afgang):
    client.force_login(raadgiver)
    links = _annul_links(_tekst(client.get(_side(med_afgang.borger))))
    assert links
    for link in links:
        # Anna's CPR is 010190-1234 (tests/conftest.py).
        assert "010190" not in link and "1234" not in link
        query = parse_qs(urlsplit(link).query)
        assert set(query) <= {"haendelse", "ophold", "indplacering"}
        assert all(v[0].isdigit() for k, v in query.items() if k != "haendelse")


# --- The annul page ------------------------------------------------------------


def test_annul_page_says_what_will_be_annulled_and_its_budget_effect(
    client, raadgiver, med_afgang, tilbud_a
):
    client.force_login(raadgiver)
    tekst = _tekst(client.get(_annuller_url(med_afgang)))
    assert f"Afgang fra {tilbud_a.navn} 10.03.2026" in tekst
    assert KONSEKVENS.format(dato="10.03.2026") in tekst
    assert "010190" not in tekst  # the page shows no CPR either


def test_annul_page_of_a_level_names_the_level_and_its_date(
    client, raadgiver, anna_i_a, niveau, tilbud_a
):
    ny = services.indplacering_create(
        borger=anna_i_a.borger,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    url = _annuller_url(anna_i_a, "indplacering", indplacering=ny.pk)
    tekst = _tekst(client.get(url))
    assert f"Takstniveau 3 i {tilbud_a.navn} fra 01.07.2026" in tekst
    assert KONSEKVENS.format(dato="01.07.2026") in tekst


def test_annul_page_of_another_borgers_ophold_is_404(
    client, raadgiver, med_afgang, tilbud_b, niveau
):
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    client.force_login(raadgiver)
    url = reverse("offers:annullering-create", args=[bo.pk])
    response = client.get(f"{url}?haendelse=afgang&ophold={med_afgang.pk}")
    assert response.status_code == 404


def test_annul_page_without_an_afgang_to_annul_is_404(client, raadgiver, anna_i_a):
    client.force_login(raadgiver)
    assert client.get(_annuller_url(anna_i_a, "afgang")).status_code == 404


def test_annul_page_with_a_non_numeric_ophold_is_404(client, raadgiver, anna_i_a):
    client.force_login(raadgiver)
    url = reverse("offers:annullering-create", args=[anna_i_a.borger_id])
    assert client.get(f"{url}?haendelse=tilgang&ophold=x").status_code == 404


def test_annul_without_begrundelse_shows_the_danish_error_and_writes_nothing(
    client, raadgiver, med_afgang
):
    client.force_login(raadgiver)
    response = client.post(_annuller_url(med_afgang), {"begrundelse": "  "})
    assert response.status_code == 200
    assert annul.BEGRUNDELSE_MANGLER in _tekst(response)
    assert Ophold.objects.get(pk=med_afgang.pk).afgang == D(2026, 3, 10)
    assert Annullering.objects.count() == 0


def test_annul_with_begrundelse_annuls_and_redirects_with_the_message(
    client, raadgiver, med_afgang, tilbud_a
):
    client.force_login(raadgiver)
    response = client.post(
        _annuller_url(med_afgang), {"begrundelse": BEGRUNDELSE}, follow=True
    )
    beskrivelse = f"Afgang fra {tilbud_a.navn} 10.03.2026"
    assert response.redirect_chain == [(_side(med_afgang.borger), 302)]
    assert ANNULLERET.format(haendelse=beskrivelse) in _tekst(response)
    assert Ophold.objects.get(pk=med_afgang.pk).afgang is None


def test_annulments_are_listed_on_the_borger_page(
    client, raadgiver, med_afgang, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    client.post(_annuller_url(med_afgang), {"begrundelse": BEGRUNDELSE})
    tekst = _tekst(client.get(_side(med_afgang.borger)))
    rakke = (
        f"<tr><td>Afgang, {tilbud_a.navn}</td><td>10.03.2026</td>"
        f"<td>30.06.2026</td><td>raadgiver</td><td>{BEGRUNDELSE}</td></tr>"
    )
    assert rakke in tekst


def test_a_refused_annulment_shows_the_service_message(
    client, raadgiver, anna_i_a, tilbud_b, niveau
):
    services.omplacering(
        borger=anna_i_a.borger,
        til_tilbud=tilbud_b,
        dato=D(2026, 5, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    url = _annuller_url(anna_i_a, "tilgang")
    response = client.post(url, {"begrundelse": BEGRUNDELSE})
    assert annul.FLYTTET_VIDERE.format(tilbud=tilbud_b) in _tekst(response)
    assert Annullering.objects.count() == 0


# --- Access --------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, med_afgang):
    response = client.get(_annuller_url(med_afgang))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_leder_of_the_tilbud_gets_403_and_nothing_is_written(
    client, leder_a, med_afgang
):
    client.force_login(leder_a)
    response = client.post(_annuller_url(med_afgang), {"begrundelse": BEGRUNDELSE})
    assert response.status_code == 403
    assert Annullering.objects.count() == 0


def test_leder_of_another_tilbud_gets_403(client, leder_b, med_afgang):
    # As on the other placement pages, the role is checked before any lookup.
    client.force_login(leder_b)
    assert client.get(_annuller_url(med_afgang)).status_code == 403
