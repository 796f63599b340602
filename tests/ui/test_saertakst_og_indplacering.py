"""Særtakst hours priced on the tilbud page, and an indplacering's budget effect."""

import datetime
from decimal import Decimal

from django.urls import reverse

from budgets.selectors import tilbud_resultat
from config.lib.formatting import format_kr

D = datetime.date


def _tekst(response) -> str:
    return response.content.decode()


def test_saertakst_tilgang_shows_its_doegntakst_on_the_tilbud_page(
    client, raadgiver, leder_a, anna, tilbud_a, niveau, faste_a, idag_2026
):
    client.force_login(raadgiver)
    data = {
        "tilbud": tilbud_a.pk,
        "dato": "2026-02-01",
        "niveau": "S1",
        "saertakst_timer": "18",
        "begrundelse_uden_doegnskema": "Akut behov.",
    }
    client.post(reverse("offers:tilgang-create", args=[anna.pk]), data)
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    # 18 h/døgn × timepris 492,07 = servicetakst 8.857,26 kr.;
    # + basistakst 1.023,87 kr. = døgntakst 9.881,13 kr.
    tabel = _tekst(response).split('id="borgertabel"')[1].split("</table>")[0]
    assert "S1" in tabel
    assert "8.857,26 kr." in tabel
    assert "9.881,13 kr." in tabel


def test_saertakst_without_hours_gives_a_danish_error(
    client, raadgiver, anna, tilbud_a, niveau, faste_a
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_a.pk, "dato": "2026-02-01", "niveau": "S1"}
    data["begrundelse_uden_doegnskema"] = "Akut behov."  # no døgnskema (issue 19)
    response = client.post(reverse("offers:tilgang-create", args=[anna.pk]), data)
    assert "Angiv timer pr. døgn for en særtakst." in _tekst(response)


def test_indplacering_shows_its_budget_effect(
    client, raadgiver, anna_i_a, tilbud_a, niveau, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:indplacering-create", args=[anna_i_a.borger.pk])
    data = {"gyldig_fra": "2026-04-01", "niveau": "3"}
    response = client.post(url, data, follow=True)
    # By hand (DOMAIN.md §6, a level change counts from its date): niveau 3 =
    # 5 h × 492,07 = 2.460,35 kr., niveau 2 = 3 h × 492,07 = 1.476,21 kr. per døgn;
    # the difference 984,14 kr. × 275 døgn (1 April-31 December) = 270.638,50 kr.
    forventet = Decimal("984.14") * 275
    ledger = tilbud_resultat(tilbud_a, 2026, D(2026, 6, 30)).budget.ledger
    regulering = next(r for r in ledger if r.haendelse == "indplacering")
    assert regulering.beloeb == forventet
    tekst = f"aktivitetsbudget for {tilbud_a.navn}: {format_kr(forventet, True)}"
    assert f"{tekst} fra 1. april 2026" in _tekst(response)
    assert "+270.638,50 kr." in _tekst(response)
