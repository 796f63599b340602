"""/api/v1/borgere/{id}/tillaeg/: a borger's tillægstakster (issue 17).

Anna lives in tilbud A from 1 February 2026 at niveau 2. The timepris (direkte)
is 492,07 kr. (tests/conftest: DOMAIN.md §2), so 1,5 timer pr. døgn is
1,5 × 492,07 = 738,105 → 738,11 kr. pr. døgn (rounded to øre once).
"""

import datetime

import pytest
from django.utils import timezone

from offers.models import TILLAEG_EN_AF, TILLAEG_TIL_EFTER_FRA, Ophold, Tillaegstakst
from offers.services.tillaeg import BEGRUNDELSE_KRAEVES

D = datetime.date


@pytest.fixture
def idag_5_marts(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 3, 5))


def _url(borger, pk=None) -> str:
    hale = f"{pk}/" if pk else ""
    return f"/api/v1/borgere/{borger.pk}/tillaeg/{hale}"


def _body(borger, **extra) -> dict:
    return {
        "ophold": Ophold.objects.get(borger=borger).pk,
        "fra": "2026-03-10",
        "til": "2026-04-01",
        "timer_pr_doegn": "1.5",
        "begrundelse": "Ekstra nattevagt.",
        **extra,
    }


def test_a_tillaeg_is_created_with_201(raadgiver_api, anna, idag_5_marts):
    svar = raadgiver_api.post(_url(anna), _body(anna), format="json")
    assert svar.status_code == 201, svar.content
    data = svar.json()
    assert (data["fra"], data["til"], data["timer_pr_doegn"], data["kr_pr_doegn"]) == (
        "2026-03-10",
        "2026-04-01",
        "1.50",
        None,
    )
    assert data["registreret"] == "2026-03-05"
    assert data["besluttet_af"] == "raadgiver"


def test_the_budget_shows_its_start_and_end_as_reguleringer(
    raadgiver_api, oekonomi_api, anna, tilbud_a, faste_a, idag_5_marts
):
    raadgiver_api.post(_url(anna), _body(anna), format="json")
    budget = oekonomi_api.get(
        f"/api/v1/budgetter/2026/tilbud/{tilbud_a.pk}/", {"idag": "2026-06-30"}
    ).json()
    rows = [
        (r["haendelse"], r["virkning_fra"], r["beloeb"])
        for r in budget["reguleringer"]
        if r["haendelse"].startswith("tillaeg")
    ]
    # Open from 10 March: 22 + 275 = 297 døgn × 738,11 = 219.218,67; ended from
    # 1 April: −275 × 738,11 = −202.980,25. Net 22 × 738,11 = 16.238,42.
    assert rows == [
        ("tillaeg", "2026-03-10", "219218.67"),
        ("tillaeg_slut", "2026-04-01", "-202980.25"),
    ]


@pytest.mark.parametrize(
    ("aendring", "felt", "besked"),
    [
        ({"kr_pr_doegn": "250.00"}, "timer_pr_doegn", TILLAEG_EN_AF),
        ({"timer_pr_doegn": None}, "timer_pr_doegn", TILLAEG_EN_AF),
        ({"til": "2026-03-10"}, "til", TILLAEG_TIL_EFTER_FRA),
        ({"begrundelse": ""}, "begrundelse", BEGRUNDELSE_KRAEVES),
        ({"timer_pr_doegn": "25"}, "timer_pr_doegn", None),
        ({"fra": "2026-01-31"}, "fra", None),  # the day before the tilgang
        ({"fra": "31-01-2026"}, "fra", None),
    ],
)
def test_bad_input_is_400_with_a_field_error_and_writes_nothing(
    raadgiver_api, anna, aendring, felt, besked
):
    svar = raadgiver_api.post(_url(anna), _body(anna, **aendring), format="json")
    assert svar.status_code == 400
    fejl = svar.json()
    assert felt in fejl, fejl
    if besked:
        assert fejl[felt] == [besked]
    assert not Tillaegstakst.alle.exists()


def test_another_borgers_ophold_is_400_like_an_unknown_id(
    raadgiver_api, anna, raadgiver, tilbud_a, niveau
):
    from offers import services

    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=bo,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    body = _body(anna, ophold=Ophold.objects.get(borger=bo).pk)
    svar = raadgiver_api.post(_url(anna), body, format="json")
    assert svar.status_code == 400
    assert "ophold" in svar.json()


def test_patch_ends_it_and_a_bad_end_is_400(raadgiver_api, anna):
    pk = raadgiver_api.post(_url(anna), _body(anna, til=None), format="json").json()[
        "id"
    ]
    svar = raadgiver_api.patch(_url(anna, pk), {"til": "2026-03-01"}, format="json")
    assert (svar.status_code, svar.json()) == (400, {"til": [TILLAEG_TIL_EFTER_FRA]})
    svar = raadgiver_api.patch(_url(anna, pk), {"til": "2026-05-01"}, format="json")
    assert svar.status_code == 200
    assert Tillaegstakst.objects.get(pk=pk).til == D(2026, 5, 1)
    # Only the reason: the end stays.
    svar = raadgiver_api.patch(_url(anna, pk), {"begrundelse": "Uro."}, format="json")
    assert (svar.json()["til"], svar.json()["begrundelse"]) == ("2026-05-01", "Uro.")


def test_annulled_through_annuller_and_twice_is_400_not_500(raadgiver_api, anna):
    pk = raadgiver_api.post(_url(anna), _body(anna), format="json").json()["id"]
    body = {
        "haendelse": "tillaeg",
        "ophold": Ophold.objects.get(borger=anna).pk,
        "tillaegstakst": pk,
        "begrundelse": "Forkert borger.",
    }
    url = f"/api/v1/borgere/{anna.pk}/annuller/"
    svar = raadgiver_api.post(url, body, format="json")
    assert svar.status_code == 201
    assert svar.json()["tillaegstakst"] == pk
    assert Tillaegstakst.alle.get(pk=pk).annulleret is not None
    assert raadgiver_api.get(_url(anna)).json() == []
    assert raadgiver_api.post(url, body, format="json").status_code == 400
    uden = {**body, "tillaegstakst": None}
    assert raadgiver_api.post(url, uden, format="json").status_code == 400


def test_access(raadgiver_api, leder_a_api, leder_b_api, oekonomi_api, anna):
    raadgiver_api.post(_url(anna), _body(anna), format="json")
    assert len(leder_a_api.get(_url(anna)).json()) == 1  # Anna lives in A
    assert leder_b_api.get(_url(anna)).status_code == 404
    assert leder_a_api.post(_url(anna), _body(anna), format="json").status_code == 403
    assert oekonomi_api.post(_url(anna), _body(anna), format="json").status_code == 403
    assert Tillaegstakst.objects.count() == 1


def test_the_openapi_schema_documents_the_routes(raadgiver_api):
    schema = raadgiver_api.get("/api/schema/", {"format": "json"}).json()
    liste = schema["paths"]["/api/v1/borgere/{id}/tillaeg/"]
    assert set(liste) >= {"get", "post"}
    detalje = schema["paths"]["/api/v1/borgere/{id}/tillaeg/{tillaeg_pk}/"]
    assert "patch" in detalje
    assert "Tillaeg" in str(liste["post"]["requestBody"])
