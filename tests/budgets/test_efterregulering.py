"""Efterregulering of a closed year from the database (issue 18 #3).

Tilbud A, hybrid, 8 pladser, 97 % belægning, no borgere: 2026's korrigeret
budget is its faste udgifter, 2,900,000 kr. Forbrug 2026: løn 12 × 200,000 =
2,400,000 + drift 326,000 in December = 2,726,000 kr. Overskud 174,000 kr. =
6 % of 2,900,000; band 5 % = 145,000 kr. to the frame of 2027; the rest 29,000
kr. into the takst of 2028: 8 × 366 × 97 % = 2,840.16 døgn, −29,000 / 2,840.16
= −10.2107… → −10.21 kr. per døgn.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets import services as budget_services
from budgets.selectors.efterregulering import (
    efterregulering_for,
    efterregulering_i_takst,
)
from budgets.services.budgetaar import luk, vedtag
from tests.api.conftest import client_for
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory

D = datetime.date
API = "/api/v1/tilbud/{pk}/efterregulering/"


def _forbrug(tilbud, user):
    budgetaar = BudgetaarFactory(aar=2026)
    for maaned in range(1, 13):
        budget_services.forbrug_save(
            tilbud_id=tilbud.pk,
            budgetaar=budgetaar,
            maaned=maaned,
            art="loen",
            beloeb=Decimal("200000"),
            acting_user=user,
        )
    budget_services.forbrug_save(
        tilbud_id=tilbud.pk,
        budgetaar=budgetaar,
        maaned=12,
        art="drift",
        beloeb=Decimal("326000"),
        acting_user=user,
    )


@pytest.fixture
def aaben_2026(tilbud_a, faste_a, oekonomichef):
    _forbrug(tilbud_a, oekonomichef)
    return tilbud_a


@pytest.fixture
def lukket_2026(aaben_2026, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    return aaben_2026


def test_the_closed_years_overskud_is_6_percent(lukket_2026):
    b = efterregulering_for(lukket_2026, 2026).beregning
    assert (b.takstfinansieret, b.realiseret) == (
        Decimal("2900000.00"),
        Decimal("2726000.00"),
    )
    assert b.resultat == Decimal("174000.00")
    assert b.procent == Decimal("6")


def test_5_percent_goes_to_2027s_frame_and_1_percent_into_2028s_takst(lukket_2026):
    opg = efterregulering_for(lukket_2026, 2026)
    assert (opg.beregning.ramme_aar, opg.beregning.til_ramme) == (
        2027,
        Decimal("145000.00"),
    )
    assert (opg.beregning.takst_aar, opg.beregning.til_takst) == (
        2028,
        Decimal("29000.00"),
    )
    assert opg.pr_doegn == Decimal("-10.21")


def test_the_takst_of_2028_carries_the_line(lukket_2026):
    assert efterregulering_i_takst(lukket_2026, 2028).pr_doegn == Decimal("-10.21")
    assert efterregulering_i_takst(lukket_2026, 2027) is None


def test_the_2028_takstblad_shows_its_own_line(client, lukket_2026, oekonomichef):
    make_takstmodel(2028, oekonomichef)
    client.force_login(oekonomichef)
    url = reverse("budgets:takstblad", args=[lukket_2026.pk])
    tekst = client.get(url, {"aar": "2028"}).content.decode()
    assert 'id="takstblad-efterregulering"' in tekst
    assert "Efterregulering af 2026 pr. døgn" in tekst and "\u221210,21 kr." in tekst


def test_the_basistakst_explanation_of_2028_names_it(client, lukket_2026, oekonomichef):
    make_takstmodel(2028, oekonomichef)
    client.force_login(oekonomichef)
    url = reverse("budgets:forklaring", args=[lukket_2026.pk, "basistakst"])
    tekst = client.get(url, {"aar": "2028"}).content.decode()
    assert 'id="blok-efterregulering"' in tekst
    assert "29.000,00 kr." in tekst and "\u221210,21 kr." in tekst


def test_the_2028_takstblad_api_has_the_line(lukket_2026, oekonomichef):
    make_takstmodel(2028, oekonomichef)
    url = f"/api/v1/tilbud/{lukket_2026.pk}/takstblad/"
    data = client_for(oekonomichef).get(url, {"aar": 2028}).json()
    assert (data["efterregulering_aar"], data["efterregulering_pr_doegn"]) == (
        2026,
        "-10.21",
    )
    data_2026 = client_for(oekonomichef).get(url, {"aar": 2026}).json()
    assert data_2026["efterregulering_pr_doegn"] is None


def test_an_open_year_is_not_regulated(client, aaben_2026, oekonomichef):
    client.force_login(oekonomichef)
    url = reverse("budgets:efterregulering", args=[aaben_2026.pk])
    tekst = client.get(url, {"aar": "2026"}).content.decode()
    assert "Året 2026 er ikke lukket" in tekst


def test_the_page_shows_frame_and_takst_parts(client, lukket_2026, oekonomichef):
    client.force_login(oekonomichef)
    url = reverse("budgets:efterregulering", args=[lukket_2026.pk])
    tekst = client.get(url).content.decode()  # the newest lukket year
    assert "174.000,00 kr." in tekst
    assert "145.000,00 kr." in tekst and "29.000,00 kr." in tekst


def test_the_tilbudsleder_reads_their_own(client, lukket_2026, leder_a):
    client.force_login(leder_a)
    url = reverse("budgets:efterregulering", args=[lukket_2026.pk])
    assert client.get(url).status_code == 200


def test_another_tilbudsleder_gets_404(client, lukket_2026, leder_b):
    client.force_login(leder_b)
    url = reverse("budgets:efterregulering", args=[lukket_2026.pk])
    assert client.get(url).status_code == 404


def test_a_raadgiver_is_refused(client, lukket_2026, raadgiver):
    client.force_login(raadgiver)
    url = reverse("budgets:efterregulering", args=[lukket_2026.pk])
    assert client.get(url).status_code == 403


# ------------------------------------------------------------------ the API


def test_the_api_gives_the_figures(lukket_2026, oekonomichef):
    data = (
        client_for(oekonomichef)
        .get(API.format(pk=lukket_2026.pk), {"aar": 2026})
        .json()
    )
    assert data["resultat"] == "174000.00"
    assert data["resultat_procent"] == "6.00"
    assert (data["til_ramme"], data["ramme_aar"]) == ("145000.00", 2027)
    assert (data["til_takst"], data["takst_aar"]) == ("29000.00", 2028)
    assert data["pr_doegn"] == "-10.21"


def test_the_api_without_aar_is_a_400(lukket_2026, oekonomichef):
    svar = client_for(oekonomichef).get(API.format(pk=lukket_2026.pk))
    assert svar.status_code == 400 and "aar" in svar.json()


def test_the_api_for_an_open_year_is_a_409(aaben_2026, oekonomichef):
    svar = client_for(oekonomichef).get(API.format(pk=aaben_2026.pk), {"aar": 2026})
    assert svar.status_code == 409
    assert "ikke lukket" in svar.json()["aar"][0]


def test_the_api_for_another_leders_tilbud_is_a_404(lukket_2026, leder_b):
    svar = client_for(leder_b).get(API.format(pk=lukket_2026.pk), {"aar": 2026})
    assert svar.status_code == 404


def test_the_api_refuses_anonymous(client, lukket_2026):
    svar = client.get(API.format(pk=lukket_2026.pk), {"aar": 2026})
    assert svar.status_code in (401, 403)


def test_without_a_closed_year_the_page_says_so(client, aaben_2026, oekonomichef):
    client.force_login(oekonomichef)
    url = reverse("budgets:efterregulering", args=[aaben_2026.pk])
    tekst = client.get(url).content.decode()
    assert "Der er endnu intet lukket budgetår" in tekst
