"""/api/v1/scenarier/ (issue 16 #1): økonomi only, Danish 400s, base vs scenario.

Anna (tests/api/conftest.py) lives in tilbud A from 1 February 2026 at niveau 2:
3 h × 492.07 = 1,476.21 kr. per døgn (DOMAIN.md §2-§3).
"""

from decimal import Decimal

import pytest

from budgets.engine.scenarie_laes import IKKE_POSITIV
from budgets.models import TilbudAar
from budgets.models_scenarie import Scenarieaendring, Scenario
from budgets.selectors.scenarie_vedtag import IKKE_BORGERE
from budgets.services import scenarie as services
from budgets.services.rollover import PROCENT_UDEN_FOR
from budgets.services.scenarie_vedtag import AAR_LAAST
from tariffs.selectors import takstmodel_for_aar, timepriser_for
from tests.factories import BudgetaarFactory

URL = "/api/v1/scenarier/"


@pytest.fixture
def scenario(oekonomichef, anna, faste_a):
    return services.scenario_create(
        navn="Plan", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )


def test_oekonomi_creates_lists_renames_and_deletes(oekonomi_api, takstmodel_2026):
    svar = oekonomi_api.post(URL, {"navn": "Plan A", "aar": 2026}, format="json")
    assert svar.status_code == 201, svar.json()
    pk = svar.json()["id"]
    assert svar.json()["grundlag"] == "aktuelt"
    assert [s["navn"] for s in oekonomi_api.get(URL).json()] == ["Plan A"]
    svar = oekonomi_api.patch(f"{URL}{pk}/", {"navn": "Plan B"}, format="json")
    assert svar.json()["navn"] == "Plan B"
    assert oekonomi_api.delete(f"{URL}{pk}/").status_code == 204
    assert not Scenario.objects.exists()


def test_create_without_a_takstmodel_is_a_danish_400(oekonomi_api, db):
    svar = oekonomi_api.post(URL, {"navn": "X", "aar": 2031}, format="json")
    assert svar.status_code == 400
    assert svar.json() == {"aar": [services.INGEN_TAKSTMODEL.format(aar=2031)]}


@pytest.mark.parametrize("klient", ["raadgiver_api", "leder_a_api"])
def test_other_roles_get_403_and_write_nothing(request, klient, scenario):
    api = request.getfixturevalue(klient)
    assert api.get(URL).status_code == 403
    assert api.get(f"{URL}{scenario.pk}/resultat/").status_code == 403
    svar = api.post(URL, {"navn": "X", "aar": 2026}, format="json")
    assert svar.status_code == 403
    assert Scenario.objects.count() == 1


def test_anonymous_gets_401(anonym, scenario):
    assert anonym.get(f"{URL}{scenario.pk}/").status_code == 401


def test_a_bad_change_is_a_400_with_danish_field_errors(
    oekonomi_api, scenario, tilbud_a
):
    svar = oekonomi_api.post(
        f"{URL}{scenario.pk}/aendringer/",
        {"art": "tilbud_pladser", "vaerdi": {"tilbud": tilbud_a.pk, "pladser": 0}},
        format="json",
    )
    assert svar.status_code == 400
    assert svar.json() == {"pladser": [IKKE_POSITIV]}
    assert not Scenarieaendring.objects.exists()


def test_planned_borgere_show_in_the_result_beside_the_base(
    oekonomi_api, scenario, tilbud_a
):
    # 2 × 1,476.21 × 184 days (July–December) = 543,245.28 kr. more in tilbud A.
    # Base: Anna from 1 February, 334 days × 1,476.21 = 493,054.14 kr. activity
    # plus faste udgifter 2,900,000 kr. = 3,393,054.14 kr.
    svar = oekonomi_api.post(
        f"{URL}{scenario.pk}/aendringer/",
        {
            "art": "planlagt_tilgang",
            "vaerdi": {
                "antal": 2,
                "niveau": "2",
                "tilbud": tilbud_a.pk,
                "dato": "2026-07-01",
            },
        },
        format="json",
    )
    assert svar.status_code == 201, svar.json()
    resultat = oekonomi_api.get(f"{URL}{scenario.pk}/resultat/").json()
    (a,) = [t for t in resultat["tilbud"] if t["id"] == tilbud_a.pk]
    assert a["base"]["total"] == "3393054.14"
    assert a["scenarie"]["total"] == "3936299.42"  # 3,393,054.14 + 543,245.28
    niveau_2 = next(t for t in resultat["servicetakster"] if t["kode"] == "2")
    assert (niveau_2["base"], niveau_2["scenarie"]) == ("1476.21", "1476.21")


def test_a_new_tilbud_has_no_base(oekonomi_api, scenario):
    svar = oekonomi_api.post(
        f"{URL}{scenario.pk}/aendringer/",
        {
            "art": "nyt_tilbud",
            "vaerdi": {
                "navn": "Nyt",
                "pladser": 4,
                "belaegning": "100",
                "princip": "hybrid",
                "faste_udgifter": "365000",
                "dato": "2026-07-01",
            },
        },
        format="json",
    )
    resultat = oekonomi_api.get(f"{URL}{scenario.pk}/resultat/").json()
    (nyt,) = [t for t in resultat["tilbud"] if t["id"] == -svar.json()["id"]]
    # Open from 1 July: 184 days × 365,000 / 365 = 184,000 kr.
    assert (nyt["base"], nyt["scenarie"]["total"]) == (None, "184000.00")


def test_delete_a_change(oekonomi_api, scenario, oekonomichef, tilbud_a):
    aendring = services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    url = f"{URL}{scenario.pk}/aendringer/{aendring.pk}/"
    assert oekonomi_api.delete(url).status_code == 204
    assert oekonomi_api.delete(url).status_code == 404


def test_patch_changes_a_change_in_place(
    oekonomi_api, scenario, oekonomichef, tilbud_a
):
    foerste = services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    services.aendring_add(
        scenario=scenario,
        art="tilbud_belaegning",
        vaerdi={"tilbud": tilbud_a.pk, "belaegning": "90"},
        acting_user=oekonomichef,
    )
    url = f"{URL}{scenario.pk}/aendringer/{foerste.pk}/"
    svar = oekonomi_api.patch(
        url, {"vaerdi": {"tilbud": tilbud_a.pk, "pladser": 12}}, format="json"
    )
    assert svar.status_code == 200, svar.json()
    assert svar.json()["id"] == foerste.pk  # the same change, in its place
    assert [a.vaerdi.get("pladser") for a in scenario.aendringer.order_by("pk")] == [
        12,
        None,
    ]
    # 2,900,000 / (12 × 365 × 0.90 = 3,942) = 735.667… → 735.67 kr.
    resultat = oekonomi_api.get(f"{URL}{scenario.pk}/resultat/").json()
    a = next(t for t in resultat["tilbud"] if t["id"] == tilbud_a.pk)
    assert a["scenarie"]["basistakst"] == "735.67"
    assert foerste.history.latest().history_user == oekonomichef


def test_patch_with_a_bad_value_is_a_danish_400_and_keeps_the_old(
    oekonomi_api, scenario, oekonomichef, tilbud_a
):
    aendring = services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    svar = oekonomi_api.patch(
        f"{URL}{scenario.pk}/aendringer/{aendring.pk}/",
        {"vaerdi": {"tilbud": tilbud_a.pk, "pladser": 0}},
        format="json",
    )
    assert svar.status_code == 400
    assert svar.json() == {"pladser": [IKKE_POSITIV]}
    aendring.refresh_from_db()
    assert aendring.vaerdi["pladser"] == 10


def test_a_change_of_another_scenario_is_404(
    oekonomi_api, scenario, oekonomichef, tilbud_a
):
    anden = services.scenario_copy(
        scenario=scenario, navn="Anden", acting_user=oekonomichef
    )
    aendring = services.aendring_add(
        scenario=anden,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    url = f"{URL}{scenario.pk}/aendringer/{aendring.pk}/"
    assert oekonomi_api.delete(url).status_code == 404
    assert Scenarieaendring.objects.filter(pk=aendring.pk).exists()


def test_copy_keeps_the_changes(oekonomi_api, scenario, oekonomichef, tilbud_a):
    services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    svar = oekonomi_api.post(
        f"{URL}{scenario.pk}/kopier/", {"navn": "Kopi"}, format="json"
    )
    assert svar.status_code == 201
    assert [a["art"] for a in svar.json()["aendringer"]] == ["tilbud_pladser"]


def test_the_routes_are_in_the_openapi_schema(oekonomi_api):
    paths = oekonomi_api.get("/api/schema/", HTTP_ACCEPT="application/json").json()[
        "paths"
    ]
    for path in (
        "/api/v1/scenarier/",
        "/api/v1/scenarier/{id}/",
        "/api/v1/scenarier/{id}/aendringer/",
        "/api/v1/scenarier/{id}/kopi/",
        "/api/v1/scenarier/{id}/aendringer/{aendring_pk}/",
        "/api/v1/scenarier/{id}/resultat/",
        "/api/v1/scenarier/{id}/vedtag/",
    ):
        assert path in paths
    assert "patch" in paths["/api/v1/scenarier/{id}/aendringer/{aendring_pk}/"]


def test_two_scenarios_side_by_side_with_their_base(
    oekonomi_api, scenario, oekonomichef, tilbud_a
):
    # Plan: pladser 10 changes only the basistakst, not the hybrid budget
    # (faste udgifter stay 2,900,000 kr.); Plan 2: 2 borgere from 1 July add
    # 2 × 1,476.21 × 184 = 543,245.28 kr. to the base 3,393,054.14 kr.
    services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    anden = services.scenario_create(
        navn="Plan 2", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )
    services.aendring_add(
        scenario=anden,
        art="planlagt_tilgang",
        vaerdi={"antal": 2, "niveau": "2", "tilbud": tilbud_a.pk, "dato": "2026-07-01"},
        acting_user=oekonomichef,
    )
    svar = oekonomi_api.get(f"{URL}sammenlign/?id={scenario.pk}&id={anden.pk}")
    assert svar.status_code == 200, svar.json()
    data = svar.json()
    assert data["base"]["total"] == "3393054.14"
    totaler = [(s["navn"], s["resultat"]["total"]) for s in data["scenarier"]]
    assert totaler == [("Plan", "3393054.14"), ("Plan 2", "3936299.42")]


def test_comparing_an_unknown_scenario_is_404(oekonomi_api, scenario):
    svar = oekonomi_api.get(f"{URL}sammenlign/?id={scenario.pk}&id=999999")
    assert svar.status_code == 404


def test_an_id_beyond_the_database_integer_is_a_field_error(oekonomi_api, scenario):
    """Schemathesis found it: 2**63 overflowed the database's integer (a 500)."""
    svar = oekonomi_api.get(f"{URL}sammenlign/?id={2**63}")
    assert svar.status_code == 400
    assert "id" in svar.json()


# --- vedtag som forslag ------------------------------------------------------------


def test_vedtag_writes_next_year_and_lists_what_was_not_written(
    oekonomi_api, scenario, tilbud_a
):
    services.aendring_add(
        scenario=scenario,
        art="fravaer_linje",
        vaerdi={"kategori": "egen_sygdom", "procent": "6"},
        acting_user=scenario.created_by,
    )
    services.aendring_add(
        scenario=scenario,
        art="planlagt_tilgang",
        vaerdi={"antal": 1, "niveau": "2", "tilbud": tilbud_a.pk, "dato": "2026-07-01"},
        acting_user=scenario.created_by,
    )
    svar = oekonomi_api.post(
        f"{URL}{scenario.pk}/vedtag/",
        {"fremskrivning_loen_pct": "0", "fremskrivning_oevrige_pct": "0"},
        format="json",
    )
    assert svar.status_code == 200, svar.json()
    data = svar.json()
    assert (data["aar"], data["status"]) == (2027, "forslag")
    assert [p["art"] for p in data["skrevet"]] == ["fravaer_linje"]
    assert [p["grund"] for p in data["ikke_skrevet"]] == [IKKE_BORGERE]
    # 0 %: årsløn 480,000; egen sygdom 6 %: direkte 962.962 h → 498.46 kr.
    model = takstmodel_for_aar(2027).timeprismodel
    assert timepriser_for(model).timepris_direkte == Decimal("498.46")
    assert TilbudAar.objects.filter(budgetaar__aar=2027).exists()


def test_vedtag_without_percentages_is_a_danish_400(oekonomi_api, scenario):
    svar = oekonomi_api.post(f"{URL}{scenario.pk}/vedtag/", {}, format="json")
    assert svar.status_code == 400
    assert svar.json() == {
        "fremskrivning_loen_pct": [PROCENT_UDEN_FOR],
        "fremskrivning_oevrige_pct": [PROCENT_UDEN_FOR],
    }


def test_vedtag_into_a_lukket_year_is_409(oekonomi_api, scenario):
    BudgetaarFactory(aar=2027, status="lukket")
    svar = oekonomi_api.post(
        f"{URL}{scenario.pk}/vedtag/",
        {"fremskrivning_loen_pct": "2,5", "fremskrivning_oevrige_pct": "2"},
        format="json",
    )
    assert svar.status_code == 409
    assert svar.json() == {"aar": [AAR_LAAST.format(aar=2027, status="lukket")]}


def test_vedtag_is_refused_to_other_roles(raadgiver_api, scenario):
    svar = raadgiver_api.post(
        f"{URL}{scenario.pk}/vedtag/",
        {"fremskrivning_loen_pct": "0", "fremskrivning_oevrige_pct": "0"},
        format="json",
    )
    assert svar.status_code == 403


def test_kopi_returns_the_new_scenario_as_kopi_af(
    oekonomi_api, scenario, oekonomichef, tilbud_a
):
    services.aendring_add(
        scenario=scenario,
        art="tilbud_pladser",
        vaerdi={"tilbud": tilbud_a.pk, "pladser": 10},
        acting_user=oekonomichef,
    )
    svar = oekonomi_api.post(f"{URL}{scenario.pk}/kopi/")
    assert svar.status_code == 201
    body = svar.json()
    assert body["id"] != scenario.pk
    assert body["navn"] == f"Kopi af {scenario.navn}"
    assert [a["art"] for a in body["aendringer"]] == ["tilbud_pladser"]
    assert [a["vaerdi"] for a in body["aendringer"]] == [
        {"tilbud": tilbud_a.pk, "pladser": 10}
    ]


@pytest.mark.parametrize("persona", ["raadgiver_api", "leder_a_api"])
def test_kopi_is_refused_for_other_roles(request, persona, scenario):
    api = request.getfixturevalue(persona)
    assert api.post(f"{URL}{scenario.pk}/kopi/").status_code == 403
    assert Scenario.objects.count() == 1
