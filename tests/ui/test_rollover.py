"""The økonomichef's "Opret budgetår" page (issue 13 #4).

2026: DOMAIN.md §2's timepris (årsløn 480.000 kr., direkte 975,468 timer →
492,07 kr.) and tilbud A's faste udgifter 2.900.000 kr. (tests/conftest.py).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.forms import FREMSKRIVNING_LOEN_HJAELP
from budgets.models import Budgetaar, FastUdgift
from budgets.services.rollover import BUDGETAAR_FINDES, PROCENT_UDEN_FOR
from budgets.views_rollover import TAKSTMODEL_BEHOLDT
from offers import services as offers_services
from offers.models import Indplacering
from tariffs.models import Takstmodel
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL

D = datetime.date
URL = reverse("budgets:budgetaar-create")
FELTER = {
    "aar": "2027",
    "kopier_fra": "2026",
    "fremskrivning_loen_pct": "2,5",
    "fremskrivning_oevrige_pct": "2,0",
}


@pytest.fixture
def aar_2026(faste_a):
    """Budgetår 2026 with its takstmodel and tilbud A's faste udgifter."""
    return faste_a


def _tekst(response) -> str:
    return response.content.decode()


def test_the_page_proposes_the_next_year_from_the_latest(
    client, oekonomichef, aar_2026
):
    client.force_login(oekonomichef)
    tekst = _tekst(client.get(URL))
    assert 'name="aar" value="2027"' in tekst
    assert '<option value="2026" selected>2026</option>' in tekst
    assert FREMSKRIVNING_LOEN_HJAELP.replace("'", "&#x27;") in tekst
    assert "KL offentliggør hvert år pris- og lønskøn" in tekst


def test_creating_2027_shows_what_was_made(client, oekonomichef, aar_2026, tilbud_a):
    client.force_login(oekonomichef)
    response = client.post(URL, FELTER, follow=True)
    tekst = _tekst(response)
    assert "Budgetåret 2027 er oprettet ud fra 2026." in tekst
    # årsløn 480.000 × 1,025 = 492.000; timepris 492.000 / 975,468 = 504,373… →
    # 504,37; faste udgifter 2.900.000 × 1,02 = 2.958.000
    assert (
        '<tr id="aarsloen"><th scope="row">Årsløn i timeprismodellen</th>'
        '<td class="num">480.000,00 kr.</td><td class="num">492.000,00 kr.</td>'
    ) in tekst
    assert '<td class="num">492,07 kr.</td><td class="num">504,37 kr.</td>' in tekst
    assert (
        '<td class="num">2.900.000,00 kr.</td><td class="num">2.958.000,00 kr.</td>'
    ) in tekst
    assert FastUdgift.objects.get(budgetaar__aar=2027).beloeb == Decimal("2958000.00")


def test_the_summary_links_to_editing_the_new_year(
    client, oekonomichef, aar_2026, tilbud_a
):
    client.force_login(oekonomichef)
    tekst = _tekst(client.post(URL, FELTER, follow=True))
    ny = Takstmodel.objects.get(aar=2027)
    assert reverse("tariffs:timepris-update", args=[ny.pk]) in tekst
    assert reverse("tariffs:takstmodel-update", args=[ny.pk]) in tekst
    faste = reverse("budgets:faste-udgifter", args=[tilbud_a.pk])
    assert f"{faste}?aar=2027" in tekst


def test_the_new_years_faste_udgifter_page_opens(
    client, oekonomichef, aar_2026, tilbud_a
):
    client.force_login(oekonomichef)
    client.post(URL, FELTER)
    faste = reverse("budgets:faste-udgifter", args=[tilbud_a.pk])
    response = client.get(f"{faste}?aar=2027")
    assert 'id="faste-i-alt">2.958.000,00 kr.<' in _tekst(response)


def test_an_existing_year_is_refused_in_danish_and_nothing_written(
    client, oekonomichef, aar_2026
):
    client.force_login(oekonomichef)
    response = client.post(URL, {**FELTER, "aar": "2026", "kopier_fra": "2026"})
    assert response.status_code == 200
    assert BUDGETAAR_FINDES.format(aar=2026) in _tekst(response)
    assert Takstmodel.objects.count() == 1


def test_a_percentage_out_of_range_is_a_field_error(client, oekonomichef, aar_2026):
    client.force_login(oekonomichef)
    response = client.post(URL, {**FELTER, "fremskrivning_oevrige_pct": "150"})
    assert 'id="id_fremskrivning_oevrige_pct_fejl"' in _tekst(response)
    assert PROCENT_UDEN_FOR in _tekst(response)
    assert not Budgetaar.objects.filter(aar=2027).exists()


# --- a level code that disappears ---------------------------------------------------


@pytest.fixture
def anna_paa_3(aar_2026, oekonomichef, anna, tilbud_a, niveau, raadgiver):
    """2027 already has a takstmodel (levels 1, 2 and 4, no 3); Anna lives in A at
    level 3 from 1 March 2026."""
    timepris = timeprismodel_save(
        acting_user=oekonomichef,
        aar=2027,
        navn="Timepris 2027 (importeret)",
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    takstmodel_save(
        acting_user=oekonomichef,
        aar=2027,
        navn="Takstmodel 2027",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=[
            {"kode": "1", "navn": "Niveau 1", "nedre": Decimal(0), "oevre": Decimal(2)},
            {"kode": "2", "navn": "Niveau 2", "nedre": Decimal(2), "oevre": Decimal(4)},
            {"kode": "4", "navn": "Niveau 4", "nedre": Decimal(4), "oevre": Decimal(8)},
        ],
    )
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    return anna


def test_a_disappearing_code_asks_for_each_borgers_new_level(
    client, oekonomichef, anna_paa_3
):
    client.force_login(oekonomichef)
    tekst = _tekst(client.post(URL, FELTER))
    assert 'id="nye-koder"' in tekst
    assert f'name="kode_{anna_paa_3.pk}"' in tekst
    assert "Anna (010190-xxxx), Bofællesskabet Ahorn: niveau 3" in tekst
    assert '<option value="4">4 Niveau 4</option>' in tekst
    assert not Budgetaar.objects.filter(aar=2027).exists()


def test_the_chosen_level_is_placed_from_1_january_and_shown(
    client, oekonomichef, anna_paa_3
):
    client.force_login(oekonomichef)
    svar = {**FELTER, "nye_koder_trin": "1", f"kode_{anna_paa_3.pk}": "4"}
    tekst = _tekst(client.post(URL, svar, follow=True))
    ny = Indplacering.objects.get(ophold__borger=anna_paa_3, gyldig_fra=D(2027, 1, 1))
    assert ny.takstniveau.kode == "4"
    assert (
        '<tr><th scope="row">Anna (010190-xxxx)</th><td>Bofællesskabet Ahorn</td>'
        "<td>3</td><td>4</td></tr>"
    ) in tekst


def test_a_takstmodel_the_year_had_is_said_to_be_kept(client, oekonomichef, anna_paa_3):
    client.force_login(oekonomichef)
    svar = {**FELTER, "nye_koder_trin": "1", f"kode_{anna_paa_3.pk}": "4"}
    tekst = _tekst(client.post(URL, svar, follow=True))
    assert TAKSTMODEL_BEHOLDT.format(aar=2027) in tekst
    # the kept model's årsløn, not 480.000 × 1,025
    assert (
        '<td class="num">480.000,00 kr.</td><td class="num">480.000,00 kr.</td>'
        in tekst
    )


def test_a_borger_left_without_a_level_is_a_field_error_and_nothing_written(
    client, oekonomichef, anna_paa_3
):
    client.force_login(oekonomichef)
    svar = {**FELTER, "nye_koder_trin": "1", f"kode_{anna_paa_3.pk}": ""}
    tekst = _tekst(client.post(URL, svar))
    assert f'id="id_kode_{anna_paa_3.pk}_fejl"' in tekst
    assert not Budgetaar.objects.filter(aar=2027).exists()


# --- who may ------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, aar_2026):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["raadgiver", "leder_a"])
def test_other_roles_may_not_create_a_budget_year(client, request, persona, aar_2026):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    response = client.post(URL, FELTER)
    assert response.status_code == 403
    assert not Budgetaar.objects.filter(aar=2027).exists()


def test_other_roles_may_not_see_the_summary(client, oekonomichef, leder_a, aar_2026):
    client.force_login(oekonomichef)
    client.post(URL, FELTER)
    client.force_login(leder_a)
    url = reverse("budgets:budgetaar-oprettet", args=[2027]) + "?fra=2026"
    assert client.get(url).status_code == 403


def test_a_summary_of_a_year_without_a_takstmodel_is_404(
    client, oekonomichef, aar_2026
):
    client.force_login(oekonomichef)
    url = reverse("budgets:budgetaar-oprettet", args=[2031])
    assert client.get(url).status_code == 404


def test_the_takst_page_links_to_it_for_oekonomi_only(
    client, oekonomichef, raadgiver, aar_2026
):
    client.force_login(oekonomichef)
    assert URL in _tekst(client.get(reverse("tariffs:takstmodel-list")))
    client.force_login(raadgiver)
    assert URL not in _tekst(client.get(reverse("tariffs:takstmodel-list")))


def test_the_start_page_links_to_it_for_oekonomi(client, oekonomichef, aar_2026):
    client.force_login(oekonomichef)
    assert URL in _tekst(client.get(reverse("start")))
