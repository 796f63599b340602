"""The myndighedsrådgiver's journey through the pages (Django test client)."""

import datetime
from decimal import Decimal

from django.urls import reverse

from budgets.selectors import tilbud_resultat
from config.lib.formatting import format_kr
from offers.models import Doegnskema, Indplacering, Ophold
from offers.services import BEGRUNDELSE_KRAEVES

# An afgang on the page takes a reason (issue 15 #2).
AARSAG = {"afgangsaarsag": "egen_bolig"}

D = datetime.date


def _tekst(response) -> str:
    return response.content.decode()


def test_name_search_lists_the_borger_with_masked_cpr(client, raadgiver, anna):
    client.force_login(raadgiver)
    response = client.get(reverse("offers:borger-list"), {"navn": "ann"})
    assert "Anna" in _tekst(response) and "010190-xxxx" in _tekst(response)


def test_cpr_search_by_post_opens_the_borger(client, raadgiver, anna):
    client.force_login(raadgiver)
    response = client.post(reverse("offers:borger-cpr-search"), {"cpr": "0101901234"})
    assert response.status_code == 302
    assert response.url == reverse("offers:borger-detail", args=[anna.pk])


def test_cpr_search_never_echoes_the_cpr(client, raadgiver, anna):
    client.force_login(raadgiver)
    response = client.post(reverse("offers:borger-cpr-search"), {"cpr": "020290-1234"})
    assert "Der er ingen borger" in _tekst(response)
    assert "020290" not in _tekst(response)


def test_invalid_cpr_gives_a_danish_error(client, raadgiver):
    client.force_login(raadgiver)
    response = client.post(reverse("offers:borger-cpr-search"), {"cpr": "12"})
    assert "CPR-nummeret skal have formen DDMMÅÅ-XXXX" in _tekst(response)


def _grid(dato: str, minutter: int) -> dict:
    return {"dato": dato, "m_morgen_egenomsorg": minutter, "m_aften_relationer": 60}


def test_doegnskema_is_saved_and_leads_to_tilgang_with_suggestion(
    client, raadgiver, anna, niveau, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:doegnskema-create", args=[anna.pk])
    response = client.post(url, _grid("2026-03-01", 120), follow=True)
    skema = Doegnskema.objects.get(borger=anna)
    assert skema.poster.count() == 2
    # 180 minutes = 3 hours per døgn: niveau 2 (2-4 hours).
    assert "3,00 timer pr. døgn" in _tekst(response)
    assert "2 – Niveau 2" in _tekst(response)


def test_doegnskema_with_too_many_minutes_keeps_input_and_writes_nothing(
    client, raadgiver, anna, niveau
):
    client.force_login(raadgiver)
    url = reverse("offers:doegnskema-create", args=[anna.pk])
    response = client.post(url, _grid("2026-03-01", 2000))
    assert response.status_code == 200
    assert 'value="2000"' in _tekst(response)
    assert "Denne værdi skal være mindre end eller lig 1440." in _tekst(response)
    assert not Doegnskema.objects.exists()


def _skema(anna, raadgiver):
    from offers.services import doegnskema_create

    return doegnskema_create(
        borger=anna,
        dato=D(2026, 3, 1),
        acting_user=raadgiver,
        poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 180}],
    )


def test_tilgang_with_another_level_needs_a_reason(
    client, raadgiver, anna, tilbud_a, niveau, faste_a
):
    client.force_login(raadgiver)
    skema = _skema(anna, raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk]) + f"?doegnskema={skema.pk}"
    data = {
        "tilbud": tilbud_a.pk,
        "dato": "2026-02-01",
        "niveau": "3",
        "doegnskema": skema.pk,
    }
    response = client.post(url, data)
    assert BEGRUNDELSE_KRAEVES.format(kode="2") in _tekst(response)
    assert not Ophold.objects.exists()


def test_tilgang_shows_the_budget_effect_of_the_engine(
    client, raadgiver, anna, tilbud_a, niveau, faste_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    data = {"tilbud": tilbud_a.pk, "dato": "2026-02-01", "niveau": "2"}
    data["begrundelse_uden_doegnskema"] = "Akut behov."  # no døgnskema (issue 19)
    response = client.post(url, data, follow=True)
    (regulering,) = tilbud_resultat(tilbud_a, 2026, D(2026, 6, 30)).budget.ledger
    forventet = (
        f"aktivitetsbudget for {tilbud_a.navn}: "
        f"{format_kr(regulering.beloeb, fortegn=True)} fra 1. februar 2026"
    )
    assert forventet in _tekst(response)


def test_afgang_shows_the_reduction_from_the_month_after_next(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:afgang-create", args=[anna_i_a.borger.pk])
    response = client.post(url, {"dato": "2026-03-10", **AARSAG}, follow=True)
    ledger = tilbud_resultat(tilbud_a, 2026, D(2026, 6, 30)).budget.ledger
    afgang = next(r for r in ledger if r.haendelse == "afgang")
    # Niveau 2 = 1.476,21 kr. per døgn; financed through 30 April, reduced from 1 May.
    assert afgang.beloeb == Decimal("-1476.21") * 245
    assert f"{format_kr(afgang.beloeb)} fra 1. maj 2026" in _tekst(response)


def test_afgang_before_tilgang_gives_a_danish_field_error(client, raadgiver, anna_i_a):
    client.force_login(raadgiver)
    url = reverse("offers:afgang-create", args=[anna_i_a.borger.pk])
    response = client.post(url, {"dato": "2026-01-10", **AARSAG})
    assert "Afgangsdatoen kan ikke ligge før tilgangsdatoen (01.02.2026)" in _tekst(
        response
    )


def test_new_level_is_listed_on_the_borger_page(
    client, raadgiver, anna_i_a, niveau, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:indplacering-create", args=[anna_i_a.borger.pk])
    data = {"gyldig_fra": "2026-04-01", "niveau": "3"}
    response = client.post(url, data, follow=True)
    assert Indplacering.objects.filter(takstniveau__kode="3").exists()
    assert "01.04.2026" in _tekst(response)
