"""The økonomichef's scenario pages (issue 16 #1): create, change, result beside
the base, Excel with SUM formulas; other roles get 403.

Anna lives in tilbud A (8 pladser, 97 %, faste udgifter 2,900,000 kr.) at
niveau 2 (1,476.21 kr. per døgn) from 1 February 2026.
"""

import io

import openpyxl
import pytest
from django.urls import reverse

from budgets.engine.scenarie_laes import IKKE_POSITIV, KRAEVET
from budgets.models import Budgetaar, TilbudAar
from budgets.models_scenarie import Scenarieaendring, Scenario
from budgets.selectors.scenarie import FORSKELLIGE_GRUNDLAG
from budgets.selectors.scenarie_vedtag import IKKE_BORGERE, UAENDRET
from budgets.services import scenarie as services
from budgets.services.rollover import PROCENT_UDEN_FOR
from budgets.services.scenarie_vedtag import AAR_LAAST
from tests.factories import BudgetaarFactory


@pytest.fixture
def scenario(oekonomichef, anna_i_a):
    return services.scenario_create(
        navn="Plan", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )


def test_oekonomi_creates_a_scenario_and_lands_on_it(client, oekonomichef, anna_i_a):
    client.force_login(oekonomichef)
    svar = client.post(
        reverse("budgets:scenarie-list"),
        {"navn": "Plan A", "aar": "2026", "grundlag": "aktuelt"},
    )
    scenario = Scenario.objects.get()
    assert svar["Location"] == reverse("budgets:scenarie-detail", args=[scenario.pk])
    assert "Plan A" in client.get(reverse("budgets:scenarie-list")).content.decode()


def test_pladser_typed_on_the_page_give_the_new_basistakst(
    client, oekonomichef, scenario, tilbud_a
):
    # 2,900,000 / (10 × 365 × 0.97) = 819.09 kr. per døgn (base 1,023.87 kr.).
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-detail", args=[scenario.pk])
    svar = client.post(
        url, {"art": "tilbud_pladser", "tilbud": tilbud_a.pk, "pladser": "10"}
    )
    assert svar.status_code == 302
    side = client.get(url).content.decode()
    assert "1.023,87 kr." in side and "819,09 kr." in side


def test_a_danish_decimal_reaches_the_service(client, oekonomichef, scenario):
    # egen sygdom 6,0 %: timepris 498,46 kr. (DOMAIN.md §2 with 1 point more).
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-detail", args=[scenario.pk])
    client.post(
        url,
        {"art": "fravaer_linje", "fravaer_kategori": "egen_sygdom", "procent": "6,0"},
    )
    assert Scenarieaendring.objects.get().vaerdi == {
        "kategori": "egen_sygdom",
        "procent": "6.0",
    }
    assert "498,46 kr." in client.get(url).content.decode()


def test_a_bad_change_shows_a_danish_error_and_saves_nothing(
    client, oekonomichef, scenario, tilbud_a
):
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-detail", args=[scenario.pk])
    svar = client.post(url, {"art": "tilbud_pladser", "tilbud": tilbud_a.pk})
    assert svar.status_code == 200
    assert "Feltet skal udfyldes." in svar.content.decode()
    assert not Scenarieaendring.objects.exists()


def test_excel_has_one_sheet_per_table_and_sum_formulas(
    client, oekonomichef, scenario, tilbud_a, tilbud_b
):
    services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-detail", args=[scenario.pk])
    bog = openpyxl.load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    assert bog.sheetnames == [
        "Takster",
        "Budget for året",
        "Budget pr. måned, grundlag",
        "Budget pr. måned, scenarie",
        "Bemanding",
    ]
    aaret = bog["Budget for året"]
    # Two tilbud in rows 2–3, the total in row 4.
    assert aaret["B4"].value == "=SUM(B2:B3)"
    assert aaret["D2"].value == "=C2-B2"
    assert bog["Budget pr. måned, scenarie"]["N2"].value == "=SUM(B2:M2)"


def test_deleting_a_change_and_the_scenario(client, oekonomichef, scenario, tilbud_a):
    aendring = services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    client.post(
        reverse("budgets:scenarie-aendring-delete", args=[scenario.pk, aendring.pk])
    )
    assert not Scenarieaendring.objects.exists()
    client.post(reverse("budgets:scenarie-delete", args=[scenario.pk]))
    assert not Scenario.objects.exists()


@pytest.mark.parametrize("persona", ["raadgiver", "leder_a"])
def test_other_roles_get_403(request, client, persona, scenario):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("budgets:scenarie-list")).status_code == 403
    url = reverse("budgets:scenarie-detail", args=[scenario.pk])
    assert client.get(url).status_code == 403


def test_zero_pladser_shows_the_services_danish_message(
    client, oekonomichef, scenario, tilbud_a
):
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-detail", args=[scenario.pk])
    svar = client.post(
        url, {"art": "tilbud_pladser", "tilbud": tilbud_a.pk, "pladser": "0"}
    )
    assert IKKE_POSITIV in svar.content.decode()
    assert not Scenarieaendring.objects.exists()


def test_two_scenarios_compared_with_a_sum_in_excel(
    client, oekonomichef, scenario, tilbud_a
):
    # Plan 2: 2 borgere from 1 July: base 3,393,054.14 kr. (Anna's 334 days ×
    # 1,476.21 + 2,900,000) + 543,245.28 = 3.936.299,42 kr.
    anden = services.scenario_create(
        navn="Plan 2", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )
    services.aendring_add(
        scenario=anden,
        art="planlagt_tilgang",
        vaerdi={"antal": 2, "niveau": "2", "tilbud": tilbud_a.pk, "dato": "2026-07-01"},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-sammenlign") + f"?id={scenario.pk}&id={anden.pk}"
    side = client.get(url).content.decode()
    assert "3.393.054,14 kr." in side and "3.936.299,42 kr." in side
    bog = openpyxl.load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))
    ark = bog["Budget for året"]
    # One tilbud in row 2; base, Plan and Plan 2 in columns B–D; the total row 3.
    assert [ark["D3"].value, ark["D2"].value] == ["=SUM(D2:D2)", 3936299.42]


def test_scenarios_of_different_years_are_not_compared(
    client, oekonomichef, scenario, lukket_2025
):
    andet_aar = services.scenario_create(
        navn="2025", aar=2025, grundlag="aktuelt", acting_user=oekonomichef
    )
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-sammenlign")
    svar = client.get(url + f"?id={scenario.pk}&id={andet_aar.pk}")
    assert FORSKELLIGE_GRUNDLAG in svar.content.decode()


# --- labels: required per kind ---------------------------------------------------


def test_a_field_the_kind_needs_is_not_labelled_valgfrit(
    client, oekonomichef, scenario
):
    # Every field a kind uses is required by the service, except the upper bound
    # of a span and the choice between timer and procent: only those say so.
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:scenarie-detail", args=[scenario.pk]))
    html = side.content.decode()
    label = html.split('for="id_pladser">')[1].split("</label>")[0]
    assert label == "Pladser"
    assert html.count("(valgfrit)") == 1
    assert 'data-arter="niveau_spaend" hidden>(valgfrit)</span>' in html
    assert html.count('data-arter="fravaer_linje tidsanvendelse_linje" hidden>') == 2


# --- vedtag som forslag ------------------------------------------------------------


def test_the_confirmation_page_lists_what_is_written_and_what_is_not(
    client, oekonomichef, scenario, tilbud_a
):
    services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    services.aendring_add(
        scenario=scenario,
        art="planlagt_afgang",
        vaerdi={"antal": 1, "tilbud": tilbud_a.pk, "dato": "2026-08-01"},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:scenarie-vedtag", args=[scenario.pk]))
    html = side.content.decode()
    skrives = html.split('id="skrives"')[1].split("</table>")[0]
    assert "Bofællesskabet Ahorn: pladser" in skrives and UAENDRET in skrives
    ikke = html.split('id="skrives-ikke"')[1].split("</table>")[0]
    assert IKKE_BORGERE in ikke
    assert 'id="vedtag-aarsskifte"' in html  # 2027 does not exist: rollover first
    assert not TilbudAar.objects.filter(
        budgetaar__aar=2027
    ).exists()  # GET writes nothing


def test_confirming_writes_next_year_and_shows_the_rollover_summary(
    client, oekonomichef, scenario, tilbud_a
):
    services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    svar = client.post(
        reverse("budgets:scenarie-vedtag", args=[scenario.pk]),
        {"fremskrivning_loen_pct": "2,5", "fremskrivning_oevrige_pct": "2,0"},
    )
    assert svar.status_code == 302
    assert svar["Location"] == (
        reverse("budgets:budgetaar-oprettet", args=[2027]) + "?fra=2026"
    )
    assert TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2027).pladser == 10


def test_a_bad_percentage_is_shown_on_its_field(client, oekonomichef, scenario):
    client.force_login(oekonomichef)
    side = client.post(
        reverse("budgets:scenarie-vedtag", args=[scenario.pk]),
        {"fremskrivning_loen_pct": "200", "fremskrivning_oevrige_pct": "2"},
    )
    assert side.status_code == 200
    assert side.context["form"].errors == {"fremskrivning_loen_pct": [PROCENT_UDEN_FOR]}
    assert not Budgetaar.objects.filter(aar=2027).exists()


def test_a_vedtaget_next_year_shows_why_and_offers_no_button(
    client, oekonomichef, scenario
):
    BudgetaarFactory(aar=2027, status="vedtaget")
    client.force_login(oekonomichef)
    html = client.get(
        reverse("budgets:scenarie-vedtag", args=[scenario.pk])
    ).content.decode()
    assert AAR_LAAST.format(aar=2027, status="vedtaget") in html
    assert 'id="vedtag-form"' not in html


def test_the_confirmation_page_is_refused_to_a_leder(client, leder_a, scenario):
    client.force_login(leder_a)
    svar = client.get(reverse("budgets:scenarie-vedtag", args=[scenario.pk]))
    assert svar.status_code == 403


# --- editing a change in place -----------------------------------------------------


def test_a_change_is_edited_in_place_from_its_link(client, oekonomichef, scenario):
    aendring = services.aendring_add(
        scenario=scenario,
        art="niveau_timer",
        vaerdi={"niveau": "2", "timer": "3.5"},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    detalje = reverse("budgets:scenarie-detail", args=[scenario.pk])
    url = reverse("budgets:scenarie-aendring-update", args=[scenario.pk, aendring.pk])
    assert f'href="{url}"' in client.get(detalje).content.decode()
    side = client.get(url).content.decode()
    # The stored 3.5 is shown the Danish way, so saving it unchanged keeps 3,5.
    assert 'value="3,5"' in side
    svar = client.post(url, {"niveau": "2", "timer": "2,5"})
    assert svar.status_code == 302 and svar["Location"] == detalje
    aendring.refresh_from_db()
    assert aendring.vaerdi == {"niveau": "2", "timer": "2.5"}
    assert aendring.art == "niveau_timer"
    assert Scenarieaendring.objects.count() == 1


def test_an_edit_with_a_bad_value_shows_the_error_and_keeps_the_old(
    client, oekonomichef, scenario
):
    aendring = services.aendring_add(
        scenario=scenario,
        art="niveau_timer",
        vaerdi={"niveau": "2", "timer": "3.5"},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    url = reverse("budgets:scenarie-aendring-update", args=[scenario.pk, aendring.pk])
    side = client.post(url, {"niveau": "2", "timer": ""})
    assert side.status_code == 200
    assert side.context["form"].errors == {"timer": [KRAEVET]}
    aendring.refresh_from_db()
    assert aendring.vaerdi["timer"] == "3.5"


def test_kopier_makes_kopi_af_with_the_same_changes(
    client, oekonomichef, scenario, tilbud_a
):
    aendring = services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:scenarie-detail", args=[scenario.pk]))
    assert 'id="scenarie-kopi"' in side.content.decode()
    svar = client.post(reverse("budgets:scenarie-kopi", args=[scenario.pk]))
    kopi = Scenario.objects.get(navn="Kopi af Plan")
    assert kopi.pk != scenario.pk
    assert svar["Location"] == reverse("budgets:scenarie-detail", args=[kopi.pk])
    assert (kopi.aar, kopi.grundlag) == (scenario.aar, scenario.grundlag)
    kopierede = list(kopi.aendringer.values_list("art", "tilbud", "vaerdi"))
    assert kopierede == [("tilbud_pladser", tilbud_a.pk, aendring.vaerdi)]
    assert kopi.aendringer.get().pk != aendring.pk
    # History as other scenario writes: the copy and its change, by the user.
    assert kopi.history.get().history_user == oekonomichef
    assert kopi.aendringer.get().history.get().history_user == oekonomichef


@pytest.mark.parametrize("persona", ["raadgiver", "leder_a"])
def test_other_roles_cannot_copy(request, client, persona, scenario):
    client.force_login(request.getfixturevalue(persona))
    svar = client.post(reverse("budgets:scenarie-kopi", args=[scenario.pk]))
    assert svar.status_code == 403
    assert list(Scenario.objects.values_list("navn", flat=True)) == ["Plan"]
