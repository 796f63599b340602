"""Issue 17 in the API: a tilbud's gennemsnitstakst per year (PUT
tilbud/{id}/aar/{aar}/), on the tilbud, and on its takstblad.

Tilbud A: basistakst 1.023,87 kr. in 2026 (DOMAIN.md §4); gennemsnitstakst
1.234,56 → døgntakst 2.258,43 on every level.
"""

import pytest

from budgets.models import TilbudAar

URL = "/api/v1/tilbud/"
AAR = {
    "pladser": 8,
    "tildelingsprincip": "hybrid",
    "forudsat_belaegning": "97.00",
    "reguleringsandel": "100.00",
    "gennemsnitstakst": "1234.56",
}


@pytest.fixture
def sat(oekonomi_api, tilbud_a, faste_a):
    svar = oekonomi_api.put(f"{URL}{tilbud_a.pk}/aar/2026/", AAR, format="json")
    assert svar.status_code == 200
    return svar.json()


def test_put_answers_the_gennemsnitstakst(sat):
    assert sat["gennemsnitstakst"] == "1234.56"


def test_the_takstblad_gives_the_gennemsnitstakst(oekonomi_api, tilbud_a, sat):
    blad = oekonomi_api.get(f"{URL}{tilbud_a.pk}/takstblad/", {"aar": 2026}).json()
    doegn = {n["kode"]: n["doegntakst"] for n in blad["niveauer"]}
    assert (blad["gennemsnitstakst_pr_doegn"], doegn) == (
        "1234.56",
        {"1": "2258.43", "2": "2258.43", "3": "2258.43", "S1": "2258.43"},
    )


def test_a_negative_gennemsnitstakst_is_400_and_writes_nothing(
    oekonomi_api, tilbud_a, faste_a
):
    body = {**AAR, "gennemsnitstakst": "-1.00"}
    svar = oekonomi_api.put(f"{URL}{tilbud_a.pk}/aar/2026/", body, format="json")
    assert (svar.status_code, list(svar.json())) == (400, ["gennemsnitstakst"])
    assert not TilbudAar.objects.exists()


def test_the_tilbud_carries_its_gennemsnitstakst(oekonomi_api, tilbud_a, faste_a):
    body = {"gennemsnitstakst": "1234.56"}
    oekonomi_api.patch(f"{URL}{tilbud_a.pk}/", body, format="json")
    svar = oekonomi_api.get(f"{URL}{tilbud_a.pk}/").json()
    assert svar["gennemsnitstakst"] == "1234.56"


def test_a_leder_may_not_set_it(leder_a_api, tilbud_a, faste_a):
    svar = leder_a_api.put(f"{URL}{tilbud_a.pk}/aar/2026/", AAR, format="json")
    assert svar.status_code == 403
    assert not TilbudAar.objects.exists()
