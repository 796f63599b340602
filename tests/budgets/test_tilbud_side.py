"""Issue 17: økonomi creates a tilbud and changes its master data in the UI.

The pages save through budgets.services.tilbud_save, as the API does: history,
the model's validation, a row in every open budget year and the stored monthly
figures (tests/budgets/test_maanedstal_skrivninger.py walks both pages on
PostgreSQL). Rådgiver and tilbudsleder are refused, as on every økonomi page.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.forms import NAVN_FINDES
from budgets.models import TilbudAar
from budgets.selectors import central_for
from budgets.services import tilbud_aar_save
from offers.models import Tilbud

pytestmark = pytest.mark.django_db

IDAG = datetime.date(2026, 6, 30)


def _body(**aendringer) -> dict:
    body = {
        "navn": "Dagtilbuddet Eg",
        "tilbudstype": "dagtilbud_104",
        "pladser": "14",
        "tildelingsprincip": "ramme",
        "forudsat_belaegning": "95,5",
        "reguleringsandel": "100",
    }
    return {**body, **aendringer}


def _ret_body(tilbud: Tilbud, **aendringer) -> dict:
    body = {
        "navn": tilbud.navn,
        "tilbudstype": tilbud.tilbudstype,
        "pladser": str(tilbud.pladser),
        "tildelingsprincip": tilbud.tildelingsprincip,
        "forudsat_belaegning": str(tilbud.forudsat_belaegning).replace(".", ","),
        "reguleringsandel": str(tilbud.reguleringsandel).replace(".", ","),
        "ledere": [u.pk for u in tilbud.ledere.all()],
    }
    return {**body, **aendringer}


def test_the_new_page_creates_a_tilbud_with_history_and_a_row_per_open_year(
    client, oekonomichef, leder_a, faste_a
):
    client.force_login(oekonomichef)
    svar = client.post(reverse("budgets:tilbud-create"), _body(ledere=[leder_a.pk]))
    eg = Tilbud.objects.get(navn="Dagtilbuddet Eg")
    assert svar.status_code == 302
    assert svar.url == reverse("budgets:tilbud-detail", args=[eg.pk])
    assert (
        eg.tilbudstype,
        eg.pladser,
        eg.tildelingsprincip,
        eg.forudsat_belaegning,  # "95,5" typed the Danish way
        eg.reguleringsandel,
    ) == ("dagtilbud_104", 14, "ramme", Decimal("95.5"), Decimal(100))
    assert list(eg.ledere.all()) == [leder_a]
    assert eg.history.first().history_user == oekonomichef
    # faste_a opened 2026: the new tilbud has its row there with its settings.
    raekke = TilbudAar.objects.get(tilbud=eg, budgetaar__aar=2026)
    assert (raekke.pladser, raekke.tildelingsprincip) == (14, "ramme")
    # The central model of 2026 (stored monthly figures) has the new row, in
    # its own group.
    central = central_for(None, 2026, IDAG)
    assert "Dagtilbuddet Eg" in {g.navn for g, _ in central.raekker}
    assert "dagtilbud_104" in {gr.tilbudstype for gr in central.grupper()}
    # The leder now sees it on the central page.
    assert eg.pk in {g.id for g, _ in central_for(leder_a, 2026, IDAG).raekker}


def test_a_duplicate_navn_is_refused_in_danish_and_nothing_is_written(
    client, oekonomichef, tilbud_a
):
    client.force_login(oekonomichef)
    foer = Tilbud.objects.count()
    svar = client.post(reverse("budgets:tilbud-create"), _body(navn=tilbud_a.navn))
    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert NAVN_FINDES.format(navn=tilbud_a.navn) in tekst
    assert "Der findes allerede et tilbud med navnet" in tekst
    assert Tilbud.objects.count() == foer


def test_bad_numbers_and_a_non_leder_are_refused_in_danish(
    client, oekonomichef, raadgiver
):
    client.force_login(oekonomichef)
    body = _body(forudsat_belaegning="101", pladser="0", ledere=[raadgiver.pk])
    svar = client.post(reverse("budgets:tilbud-create"), body)
    assert svar.status_code == 200
    form = svar.context["form"]
    assert set(form.errors) == {"forudsat_belaegning", "pladser", "ledere"}
    assert "Formularen kunne ikke gemmes" in svar.content.decode()
    assert not Tilbud.objects.filter(navn="Dagtilbuddet Eg").exists()


def test_the_edit_page_changes_navn_type_and_ledere_but_keeps_a_years_own(
    client, oekonomichef, tilbud_a, leder_a, leder_b, faste_a
):
    # 2026 has its own pladser (10, not the tilbud's 8): a change of navn,
    # tilbudstype and ledere only must not overwrite it.
    tilbud_aar_save(
        tilbud=tilbud_a,
        aar=2026,
        pladser=10,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal(97),
        reguleringsandel=Decimal(100),
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-ret", args=[tilbud_a.pk])
    side = client.get(url).content.decode()
    assert 'value="Bofællesskabet Ahorn"' in side
    assert reverse("budgets:tilbud-aar", args=[tilbud_a.pk]) in side  # no duplicate
    body = _ret_body(tilbud_a, navn="Bofællesskabet Ask", tilbudstype="botilbud_107")
    body["ledere"] = [leder_b.pk]
    svar = client.post(url, body)
    assert svar.status_code == 302
    assert svar.url == reverse("budgets:tilbud-detail", args=[tilbud_a.pk])
    tilbud_a.refresh_from_db()
    assert (tilbud_a.navn, tilbud_a.tilbudstype, tilbud_a.pladser) == (
        "Bofællesskabet Ask",
        "botilbud_107",
        8,
    )
    assert list(tilbud_a.ledere.all()) == [leder_b]
    assert TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2026).pladser == 10
    assert tilbud_a.history.first().history_user == oekonomichef


def test_the_edit_page_sets_changed_year_settings_in_every_open_year(
    client, oekonomichef, tilbud_a, faste_a
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-ret", args=[tilbud_a.pk])
    svar = client.post(url, _ret_body(tilbud_a, pladser="11"))
    assert svar.status_code == 302
    tilbud_a.refresh_from_db()
    assert tilbud_a.pladser == 11
    assert TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2026).pladser == 11


def test_the_edit_page_refuses_another_tilbuds_navn(
    client, oekonomichef, tilbud_a, tilbud_b
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-ret", args=[tilbud_a.pk])
    svar = client.post(url, _ret_body(tilbud_a, navn=tilbud_b.navn))
    assert svar.status_code == 200
    assert NAVN_FINDES.format(navn=tilbud_b.navn) in svar.content.decode()
    tilbud_a.refresh_from_db()
    assert tilbud_a.navn == "Bofællesskabet Ahorn"


@pytest.mark.parametrize("persona", ["raadgiver", "leder_a"])
def test_raadgiver_and_tilbudsleder_are_refused(client, request, persona, tilbud_a):
    client.force_login(request.getfixturevalue(persona))
    opret = reverse("budgets:tilbud-create")
    ret = reverse("budgets:tilbud-ret", args=[tilbud_a.pk])
    assert client.get(opret).status_code == 403
    assert client.post(opret, _body()).status_code == 403
    assert client.get(ret).status_code == 403
    assert client.post(ret, _ret_body(tilbud_a, navn="Hacket")).status_code == 403
    assert not Tilbud.objects.filter(navn__in=["Dagtilbuddet Eg", "Hacket"]).exists()


def test_the_pages_link_to_the_new_ones_for_oekonomi_only(
    client, oekonomichef, leder_a, tilbud_a, faste_a
):
    client.force_login(oekonomichef)
    central = client.get(reverse("budgets:central"), {"aar": 2026}).content.decode()
    assert reverse("budgets:tilbud-create") in central
    side = client.get(
        reverse("budgets:tilbud-detail", args=[tilbud_a.pk]), {"aar": 2026}
    ).content.decode()
    assert reverse("budgets:tilbud-ret", args=[tilbud_a.pk]) in side
    client.force_login(leder_a)
    central = client.get(reverse("budgets:central"), {"aar": 2026}).content.decode()
    assert reverse("budgets:tilbud-create") not in central
