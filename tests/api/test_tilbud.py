import pytest

from budgets.models import FastUdgift
from offers.models import Tilbud

URL = "/api/v1/tilbud/"
NYT = {
    "navn": "Botilbuddet Eg",
    "tilbudstype": "botilbud_108",
    "pladser": 10,
    "tildelingsprincip": "hybrid",
    "forudsat_belaegning": "97.00",
    "reguleringsandel": "100.00",
}


def test_oekonomi_creates_a_tilbud(oekonomi_api, db):
    response = oekonomi_api.post(URL, NYT, format="json")
    assert response.status_code == 201
    assert Tilbud.objects.get(navn="Botilbuddet Eg").pladser == 10


def test_tilbud_with_zero_pladser_is_400_and_writes_nothing(oekonomi_api, db):
    response = oekonomi_api.post(URL, {**NYT, "pladser": 0}, format="json")
    assert response.json()["pladser"] == [
        "Tjek at værdien er større end eller lig med 1."
    ]
    assert not Tilbud.objects.exists()


def test_unknown_tilbudstype_is_a_danish_field_error(oekonomi_api, db):
    response = oekonomi_api.post(URL, {**NYT, "tilbudstype": "hotel"}, format="json")
    assert response.json()["tilbudstype"] == ['"hotel" er ikke et gyldigt valg.']


def test_raadgiver_may_not_create_a_tilbud(raadgiver_api):
    assert raadgiver_api.post(URL, NYT, format="json").status_code == 403


def test_anonymous_may_not_list_tilbud(anonym, db):
    assert anonym.get(URL).status_code == 401


def test_leder_lists_only_their_own_tilbud(leder_a_api, tilbud_b):
    navne = [t["navn"] for t in leder_a_api.get(URL).json()]
    assert navne == ["Bofællesskabet Ahorn"]


def test_leder_reaching_another_tilbud_gets_404(leder_b_api, tilbud_a):
    assert leder_b_api.get(f"{URL}{tilbud_a.pk}/").status_code == 404


def test_leder_changing_another_tilbud_gets_404(leder_b_api, tilbud_a):
    response = leder_b_api.put(f"{URL}{tilbud_a.pk}/", NYT, format="json")
    assert response.status_code == 404


def test_leder_may_not_change_their_own_tilbud(leder_a_api, tilbud_a):
    response = leder_a_api.patch(f"{URL}{tilbud_a.pk}/", {"pladser": 9}, format="json")
    assert response.status_code == 403


def test_oekonomi_changes_pladser(oekonomi_api, tilbud_a):
    oekonomi_api.patch(f"{URL}{tilbud_a.pk}/", {"pladser": 9}, format="json")
    tilbud_a.refresh_from_db()
    assert tilbud_a.pladser == 9


# --- Faste udgifter ------------------------------------------------------------


def _faste_url(tilbud):
    return f"{URL}{tilbud.pk}/faste-udgifter/"


LINJE = {"aar": 2026, "kategori": "ledelse", "beloeb": "900000.00"}


def test_oekonomi_sets_a_fixed_cost(oekonomi_api, tilbud_a):
    response = oekonomi_api.post(_faste_url(tilbud_a), LINJE, format="json")
    assert response.status_code == 201
    assert response.json()["beloeb"] == "900000.00"


def test_setting_the_same_kategori_again_replaces_the_amount(oekonomi_api, tilbud_a):
    oekonomi_api.post(_faste_url(tilbud_a), LINJE, format="json")
    oekonomi_api.post(_faste_url(tilbud_a), {**LINJE, "beloeb": "1"}, format="json")
    assert list(FastUdgift.objects.values_list("beloeb", flat=True)) == [1]


def test_fixed_costs_are_listed_by_year(oekonomi_api, tilbud_a):
    oekonomi_api.post(_faste_url(tilbud_a), LINJE, format="json")
    oekonomi_api.post(_faste_url(tilbud_a), {**LINJE, "aar": 2027}, format="json")
    rows = oekonomi_api.get(_faste_url(tilbud_a), {"aar": 2027}).json()
    assert [r["aar"] for r in rows] == [2027]


def test_negative_fixed_cost_is_400_and_writes_nothing(oekonomi_api, tilbud_a):
    body = {**LINJE, "beloeb": "-5"}
    response = oekonomi_api.post(_faste_url(tilbud_a), body, format="json")
    assert "beloeb" in response.json()
    assert not FastUdgift.objects.exists()


def test_fixed_cost_in_a_lukket_year_is_409_with_a_field_error(oekonomi_api, tilbud_a):
    from budgets.models import Budgetaar
    from budgets.services import AAR_LAAST

    Budgetaar.objects.create(aar=2026, status="lukket")
    response = oekonomi_api.post(_faste_url(tilbud_a), LINJE, format="json")
    assert response.status_code == 409
    assert response.json() == {"aar": [AAR_LAAST.format(aar=2026)]}
    assert not FastUdgift.objects.exists()


def test_leder_may_read_their_own_fixed_costs(leder_a_api, tilbud_a):
    assert leder_a_api.get(_faste_url(tilbud_a)).status_code == 200


def test_leder_may_not_set_fixed_costs(leder_a_api, tilbud_a):
    response = leder_a_api.post(_faste_url(tilbud_a), LINJE, format="json")
    assert response.status_code == 403


def test_leder_reaching_another_tilbuds_fixed_costs_gets_404(leder_b_api, tilbud_a):
    assert leder_b_api.get(_faste_url(tilbud_a)).status_code == 404


def test_anonymous_may_not_read_fixed_costs(anonym, tilbud_a):
    assert anonym.get(_faste_url(tilbud_a)).status_code == 401


# --- Takstblad -----------------------------------------------------------------


@pytest.fixture
def takstblad(oekonomi_api, tilbud_a, faste_a, takstmodel_2026):
    return oekonomi_api.get(f"{URL}{tilbud_a.pk}/takstblad/", {"aar": 2026}).json()


def test_takstblad_basistakst_follows_the_worked_example(takstblad):
    assert takstblad["basistakst_pr_doegn"] == "1023.87"


def test_takstblad_doegntakst_is_basis_plus_service(takstblad):
    niveau_2 = next(n for n in takstblad["niveauer"] if n["kode"] == "2")
    assert (niveau_2["servicetakst_pr_doegn"], niveau_2["doegntakst"]) == (
        "1476.21",
        "2500.08",
    )


def test_takstblad_saertakst_has_no_fixed_takst(takstblad):
    saertakst = next(n for n in takstblad["niveauer"] if n["kode"] == "S1")
    assert (saertakst["servicetakst_pr_doegn"], saertakst["doegntakst"]) == (None, None)


def test_takstblad_without_aar_is_400(oekonomi_api, tilbud_a):
    response = oekonomi_api.get(f"{URL}{tilbud_a.pk}/takstblad/")
    assert response.json() == {"aar": ["Dette felt er påkrævet."]}


def test_takstblad_for_a_year_without_takstmodel_is_404(oekonomi_api, tilbud_a):
    response = oekonomi_api.get(f"{URL}{tilbud_a.pk}/takstblad/", {"aar": 2031})
    assert response.status_code == 404
    assert response.json()["detail"] == "Der er ingen takstmodel for 2031."


def test_leder_reaching_another_tilbuds_takstblad_gets_404(
    leder_b_api, tilbud_a, takstmodel_2026
):
    response = leder_b_api.get(f"{URL}{tilbud_a.pk}/takstblad/", {"aar": 2026})
    assert response.status_code == 404


def test_anonymous_may_not_read_a_takstblad(anonym, tilbud_a):
    response = anonym.get(f"{URL}{tilbud_a.pk}/takstblad/", {"aar": 2026})
    assert response.status_code == 401
