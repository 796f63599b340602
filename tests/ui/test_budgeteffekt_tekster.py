"""The budget effect shown after an event says when and how much (issue 15 #1).

Hand figures (DOMAIN.md §2 worked timepris 492,07 kr.; tests/conftest.py levels,
takstgivende timer the middle of the span): niveau 2 = 3 h × 492,07 =
1.476,21 kr., niveau 3 = 5 h × 492,07 = 2.460,35 kr. per døgn. Tilbud A is
hybrid: its aktivitetsbudget is servicetakst × financed days (DOMAIN.md §6).
"""

import datetime

from django.urls import reverse

from tests.conftest import make_takstmodel

# An afgang on the page takes a reason (issue 15 #2).
AARSAG = {"afgangsaarsag": "egen_bolig"}

D = datetime.date


def _tekst(response) -> str:
    return response.content.decode()


def test_an_indplacering_on_10_december_says_from_10_december(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:indplacering-create", args=[anna_i_a.borger.pk])
    data = {"gyldig_fra": "2026-12-10", "niveau": "3"}
    response = client.post(url, data, follow=True)
    # Niveau 2 → 3 from 10.12.2026: (2.460,35 − 1.476,21) = 984,14 kr. per døgn
    # × 22 døgn (10-31 December) = 21.651,08 kr., from 10 December, not 1 December.
    forventet = (
        "aktivitetsbudget for Bofællesskabet Ahorn: +21.651,08 kr. "
        "fra 10. december 2026"
    )
    assert forventet in _tekst(response)
    assert "fra 1. december" not in _tekst(response)


def test_a_december_afgang_says_when_and_how_much_it_saves_next_year(
    client, raadgiver, oekonomichef, anna_i_a, tilbud_a, idag_2026
):
    make_takstmodel(2027, oekonomichef)  # same timepris and levels in 2027
    client.force_login(raadgiver)
    url = reverse("offers:afgang-create", args=[anna_i_a.borger.pk])
    response = client.post(url, {"dato": "2026-12-15", **AARSAG}, follow=True)
    # Afgang 15.12.2026: financed through 31.01.2027 (the month plus one), so
    # 2026 is unchanged and 2027 falls from 1 February: 28 + 31 + 30 + 31 + 30 +
    # 31 + 31 + 30 + 31 + 30 + 31 = 334 døgn × 1.476,21 = 493.054,14 kr.
    forventet = (
        "ingen ændring af aktivitetsbudget for Bofællesskabet Ahorn i 2026. "
        "Budgettet falder fra 1. februar 2027: \u2212493.054,14 kr. i 2027"
    )
    assert forventet in _tekst(response)


def test_a_december_afgang_without_next_years_takstmodel_says_when(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:afgang-create", args=[anna_i_a.borger.pk])
    response = client.post(url, {"dato": "2026-12-15", **AARSAG}, follow=True)
    # Financed through 31.01.2027: it falls from 1 February 2027; no 2027 prices.
    forventet = (
        "ingen ændring af aktivitetsbudget for Bofællesskabet Ahorn i 2026. "
        "Budgettet falder fra 1. februar 2027; beløbet kan ikke beregnes uden en "
        "takstmodel for 2027"
    )
    assert forventet in _tekst(response)


def test_a_november_afgang_saves_all_of_next_year(
    client, raadgiver, oekonomichef, anna_i_a, tilbud_a, idag_2026
):
    make_takstmodel(2027, oekonomichef)
    client.force_login(raadgiver)
    url = reverse("offers:afgang-create", args=[anna_i_a.borger.pk])
    response = client.post(url, {"dato": "2026-11-20", **AARSAG}, follow=True)
    # Financed through 31.12.2026: 2027 loses all 365 døgn × 1.476,21 = 538.816,65 kr.
    forventet = "Budgettet falder fra 1. januar 2027: \u2212538.816,65 kr. i 2027"
    assert forventet in _tekst(response)


def test_an_omplacering_shows_both_tilbud(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    url = reverse("offers:omplacering-create", args=[anna_i_a.borger.pk])
    data = {"tilbud": tilbud_b.pk, "dato": "2026-05-01", "niveau": "2"}
    response = client.post(url, data, follow=True)
    tekst = _tekst(response)
    # Leaving Ahorn 01.05.2026: financed through 30 June, reduced from 1 July:
    # 31 + 31 + 30 + 31 + 30 + 31 = 184 døgn × 1.476,21 = 271.622,64 kr.
    fra = (
        "aktivitetsbudget for Bofællesskabet Ahorn: \u2212271.622,64 kr. "
        "fra 1. juli 2026"
    )
    # Birk from 01.05.2026: 245 døgn (1 May-31 December) × 1.476,21 = 361.671,45 kr.
    til = "aktivitetsbudget for Botilbuddet Birk: +361.671,45 kr. fra 1. maj 2026"
    assert fra in tekst
    assert til in tekst
    assert tekst.index(fra) < tekst.index(til)
