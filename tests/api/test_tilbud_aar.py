"""GET/PUT /api/v1/tilbud/{id}/aar/{aar}/ and a locked year (issue 13 #1).

Tilbud A: 8 pladser, forudsat belægning 97 %, faste udgifter 2.900.000 kr. in
2026 and in 2027 (365 days each). 2026 is låst, 2027 is open.
"""

from decimal import Decimal

import pytest

from budgets.models import Budgetaar, TilbudAar
from budgets.services import AAR_LAAST
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory, FastUdgiftFactory

URL = "/api/v1/tilbud/"
AAR_2027 = {
    "pladser": 10,
    "tildelingsprincip": "hybrid",
    "forudsat_belaegning": "97.00",
    "reguleringsandel": "100.00",
}


@pytest.fixture
def to_aar(tilbud_a, faste_a, takstmodel_2026, oekonomichef):
    """2026 låst and 2027 open, each with 2.900.000 kr. of faste udgifter."""
    make_takstmodel(2027, oekonomichef)
    FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2027), beloeb=Decimal("2900000")
    )
    Budgetaar.objects.filter(aar=2026).update(status="lukket")


def _aar_url(tilbud, aar: int) -> str:
    return f"{URL}{tilbud.pk}/aar/{aar}/"


def _basistakst(api, tilbud, aar: int) -> str:
    takstblad = api.get(f"{URL}{tilbud.pk}/takstblad/", {"aar": aar}).json()
    return takstblad["basistakst_pr_doegn"]


def test_pladser_10_in_2027_gives_its_basistakst(oekonomi_api, tilbud_a, to_aar):
    oekonomi_api.put(_aar_url(tilbud_a, 2027), AAR_2027, format="json")
    # 2.900.000 / (10 × 365 × 97 %) = 2.900.000 / 3.540,5 = 819,093… → 819,09
    assert _basistakst(oekonomi_api, tilbud_a, 2027) == "819.09"


def test_pladser_10_in_2027_leaves_2026s_basistakst(oekonomi_api, tilbud_a, to_aar):
    oekonomi_api.put(_aar_url(tilbud_a, 2027), AAR_2027, format="json")
    # 2.900.000 / (8 × 365 × 97 %) = 2.900.000 / 2.832,4 = 1.023,866… → 1.023,87
    assert _basistakst(oekonomi_api, tilbud_a, 2026) == "1023.87"


def test_changing_the_tilbuds_pladser_leaves_the_locked_year(
    oekonomi_api, tilbud_a, to_aar
):
    # Issue 13: 8 → 10 on the tilbud moved 2026's basistakst 1.023,87 → 819,09.
    oekonomi_api.patch(f"{URL}{tilbud_a.pk}/", {"pladser": 10}, format="json")
    assert (
        _basistakst(oekonomi_api, tilbud_a, 2026),
        _basistakst(oekonomi_api, tilbud_a, 2027),
    ) == ("1023.87", "819.09")


def test_changing_the_tilbuds_principle_leaves_the_locked_year(
    oekonomi_api, tilbud_a, to_aar
):
    body = {"tildelingsprincip": "aktivitet"}
    oekonomi_api.patch(f"{URL}{tilbud_a.pk}/", body, format="json")
    principper = [
        oekonomi_api.get(f"/api/v1/budgetter/{aar}/tilbud/{tilbud_a.pk}/").json()[
            "tildelingsprincip"
        ]
        for aar in (2026, 2027)
    ]
    assert principper == ["hybrid", "aktivitet"]


def test_get_gives_the_years_settings(oekonomi_api, tilbud_a, to_aar):
    body = {**AAR_2027, "forudsat_belaegning": "95.50", "reguleringsandel": "40.00"}
    oekonomi_api.put(_aar_url(tilbud_a, 2027), body, format="json")
    assert oekonomi_api.get(_aar_url(tilbud_a, 2027)).json() == {
        **body,
        "tilbud": tilbud_a.pk,
        "aar": 2027,
        "gennemsnitstakst": None,  # issue 17: none given, the takst follows levels
        # issue 17: no dagspris given, the takstmodel prices the year
        "dagspris": None,
        "dagspris_enhed": "dag",
        "dagsgrundlag": "kalenderdage",
        "dimensioneret_til": None,
        "pris_pr_dag": None,
        "egne_indstillinger": True,
        "laast": False,
        # issue 17: no own timeprismodel, the takstmodel's prices the year
        "timeprismodel": None,
        "timeprismodel_navn": "Timepris 2027",
    }


def test_a_year_without_its_own_row_shows_the_tilbuds_settings(
    oekonomi_api, tilbud_a, to_aar
):
    svar = oekonomi_api.get(_aar_url(tilbud_a, 2026)).json()
    assert (svar["pladser"], svar["egne_indstillinger"], svar["laast"]) == (
        8,
        False,
        True,
    )


def test_put_answers_the_saved_settings(oekonomi_api, tilbud_a, to_aar):
    response = oekonomi_api.put(_aar_url(tilbud_a, 2027), AAR_2027, format="json")
    assert (response.status_code, response.json()["pladser"]) == (200, 10)


def test_put_on_a_locked_year_is_409_and_writes_nothing(oekonomi_api, tilbud_a, to_aar):
    response = oekonomi_api.put(_aar_url(tilbud_a, 2026), AAR_2027, format="json")
    assert (response.status_code, response.json()) == (
        409,
        {"aar": [AAR_LAAST.format(aar=2026)]},
    )
    assert not TilbudAar.objects.exists()


def test_zero_pladser_is_400_and_writes_nothing(oekonomi_api, tilbud_a, to_aar):
    body = {**AAR_2027, "pladser": 0}
    response = oekonomi_api.put(_aar_url(tilbud_a, 2027), body, format="json")
    assert response.json() == {
        "pladser": ["Tjek at værdien er større end eller lig med 1."]
    }
    assert not TilbudAar.objects.exists()


def test_belaegning_over_100_is_400(oekonomi_api, tilbud_a, to_aar):
    body = {**AAR_2027, "forudsat_belaegning": "100.01"}
    response = oekonomi_api.put(_aar_url(tilbud_a, 2027), body, format="json")
    assert response.json() == {
        "forudsat_belaegning": ["Tjek at værdien er mindre end eller lig med 100."]
    }


def test_unknown_principle_is_a_danish_field_error(oekonomi_api, tilbud_a, to_aar):
    body = {**AAR_2027, "tildelingsprincip": "lotteri"}
    response = oekonomi_api.put(_aar_url(tilbud_a, 2027), body, format="json")
    assert response.json() == {
        "tildelingsprincip": ['"lotteri" er ikke et gyldigt valg.']
    }


def test_a_year_without_takstmodel_is_404(oekonomi_api, tilbud_a, to_aar):
    response = oekonomi_api.put(_aar_url(tilbud_a, 2031), AAR_2027, format="json")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "Der er ingen takstmodel for 2031.",
    )
    assert not Budgetaar.objects.filter(aar=2031).exists()


def test_a_new_tilbud_gets_settings_in_the_open_years_only(oekonomi_api, to_aar):
    body = {"navn": "Botilbuddet Eg", "tilbudstype": "botilbud_108", **AAR_2027}
    pk = oekonomi_api.post(URL, body, format="json").json()["id"]
    aarene = TilbudAar.objects.filter(tilbud_id=pk)
    assert list(aarene.values_list("budgetaar__aar", "pladser")) == [(2027, 10)]


def test_leder_reads_their_own_tilbuds_year(leder_a_api, tilbud_a, to_aar):
    assert leder_a_api.get(_aar_url(tilbud_a, 2027)).status_code == 200


def test_leder_may_not_change_a_year(leder_a_api, tilbud_a, to_aar):
    response = leder_a_api.put(_aar_url(tilbud_a, 2027), AAR_2027, format="json")
    assert response.status_code == 403
    assert not TilbudAar.objects.exists()


def test_raadgiver_may_not_change_a_year(raadgiver_api, tilbud_a, to_aar):
    response = raadgiver_api.put(_aar_url(tilbud_a, 2027), AAR_2027, format="json")
    assert response.status_code == 403


def test_leder_reaching_another_tilbuds_year_gets_404(leder_b_api, tilbud_a, to_aar):
    assert leder_b_api.get(_aar_url(tilbud_a, 2027)).status_code == 404


def test_anonymous_may_not_read_a_year(anonym, tilbud_a, to_aar):
    assert anonym.get(_aar_url(tilbud_a, 2027)).status_code == 401
