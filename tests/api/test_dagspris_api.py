"""Issue 17 in the API: STU and dagtilbud priced per day (budgets.engine.dagspris).

PUT tilbud/{id}/aar/{aar}/ sets the dagspris, its unit, the days paid and a STU
frame dimensioned for N; the takstblad gives the price per day (233.600 kr. per
year / 365 days = 640,00 kr.; a half place 320,00) and the frame 10 × 640 × 365
= 2.336.000 kr.; tilgang and indplacering carry a pladsandel; the central model
groups the tilbud by tilbudstype with subtotals that sum to the total.
"""

from decimal import Decimal

import pytest

from budgets.models import TilbudAar
from budgets.services import DAGSPRIS_AKTIVITET
from offers.models import Indplacering

URL = "/api/v1/tilbud/"
STU = {
    "pladser": 12,
    "tildelingsprincip": "ramme",
    "forudsat_belaegning": "100.00",
    "reguleringsandel": "100.00",
    "dagspris": "233600.00",
    "dagspris_enhed": "aar",
    "dagsgrundlag": "kalenderdage",
    "dimensioneret_til": 10,
}


@pytest.fixture
def stu(oekonomi_api, tilbud_a, takstmodel_2026):
    svar = oekonomi_api.put(f"{URL}{tilbud_a.pk}/aar/2026/", STU, format="json")
    assert svar.status_code == 200
    return svar.json()


def test_put_answers_the_settings_and_the_price_per_day(stu):
    assert {k: stu[k] for k in STU} == STU
    assert stu["pris_pr_dag"] == "640.00"  # 233.600 / 365


def test_the_takstblad_gives_the_price_per_day_and_the_frame(
    oekonomi_api, tilbud_a, stu
):
    blad = oekonomi_api.get(f"{URL}{tilbud_a.pk}/takstblad/", {"aar": 2026}).json()
    assert (
        blad["dagspris_pr_dag"],
        blad["halv_plads_pr_dag"],
        blad["dagsgrundlag"],
        blad["dimensioneret_til"],
        blad["rammebeloeb"],
    ) == ("640.00", "320.00", "kalenderdage", 10, "2336000.00")


def test_settings_that_do_not_fit_are_400_by_field_and_write_nothing(
    oekonomi_api, tilbud_a, takstmodel_2026
):
    body = {**STU, "tildelingsprincip": "aktivitet", "dimensioneret_til": None}
    svar = oekonomi_api.put(f"{URL}{tilbud_a.pk}/aar/2026/", body, format="json")
    assert (svar.status_code, svar.json()) == (400, {"dagspris": [DAGSPRIS_AKTIVITET]})
    assert not TilbudAar.objects.exists()


def test_an_unknown_unit_is_a_field_error(oekonomi_api, tilbud_a, takstmodel_2026):
    body = {**STU, "dagspris_enhed": "uge"}
    svar = oekonomi_api.put(f"{URL}{tilbud_a.pk}/aar/2026/", body, format="json")
    assert (svar.status_code, list(svar.json())) == (400, ["dagspris_enhed"])


def test_the_tilbud_carries_the_dagspris_fields(oekonomi_api, tilbud_a, stu):
    svar = oekonomi_api.get(f"{URL}{tilbud_a.pk}/").json()
    assert svar["tilbudstype"] == tilbud_a.tilbudstype
    assert {"dagspris", "dagspris_enhed", "dagsgrundlag", "dimensioneret_til"} <= set(
        svar
    )


def test_a_tilgang_on_a_half_place(raadgiver_api, raadgiver, tilbud_a, niveau):
    from offers import services

    borger = services.borger_create(
        cpr="010299-1234", navn="Halv", acting_user=raadgiver
    )
    body = {
        "tilbud": tilbud_a.pk,
        "dato": "2026-08-03",
        "takstniveau": niveau["1"].pk,
        "pladsandel": "0.50",
        "begrundelse_uden_doegnskema": "Akut behov.",
    }
    svar = raadgiver_api.post(
        f"/api/v1/borgere/{borger.pk}/tilgang/", body, format="json"
    )
    assert svar.status_code == 201, svar.json()
    assert Indplacering.objects.get().pladsandel == Decimal("0.50")
    liste = raadgiver_api.get(f"/api/v1/borgere/{borger.pk}/indplaceringer/").json()
    assert [i["pladsandel"] for i in liste] == ["0.50"]


def test_a_pladsandel_other_than_whole_or_half_is_a_field_error(
    raadgiver_api, raadgiver, tilbud_a, niveau
):
    from offers import services

    borger = services.borger_create(
        cpr="020299-1234", navn="Kvart", acting_user=raadgiver
    )
    body = {
        "tilbud": tilbud_a.pk,
        "dato": "2026-08-03",
        "takstniveau": niveau["1"].pk,
        "pladsandel": "0.25",
    }
    svar = raadgiver_api.post(
        f"/api/v1/borgere/{borger.pk}/tilgang/", body, format="json"
    )
    assert (svar.status_code, list(svar.json())) == (400, ["pladsandel"])
    assert not Indplacering.objects.exists()


def test_the_central_api_groups_by_tilbudstype(
    oekonomi_api, tilbud_a, tilbud_b, faste_a
):
    """Tilbud A and B are both of the factory's tilbudstype unless set: make B an
    STU; each group's subtotal is its tilbud's figures, and they sum to the total."""
    tilbud_b.tilbudstype = "stu"
    tilbud_b.save()
    data = oekonomi_api.get("/api/v1/budgetter/2026/central/").json()
    typer = {g["tilbudstype"]: g for g in data["tilbudstyper"]}
    assert typer["stu"]["tilbud"] == [tilbud_b.pk]
    assert typer["stu"]["navn"] == "STU"
    assert tilbud_a.pk in typer[tilbud_a.tilbudstype]["tilbud"]
    summen = sum(Decimal(g["subtotal"]["total_korrigeret"]) for g in typer.values())
    assert summen == Decimal(data["total"]["total_korrigeret"])
    raekker = {r["tilbud"]: r["tilbudstype"] for r in data["tilbud"]}
    assert raekker[tilbud_b.pk] == "stu"


def test_a_tilbud_patched_to_a_dagspris_under_aktivitet_is_400(
    oekonomi_api, tilbud_a, takstmodel_2026
):
    body = {"tildelingsprincip": "aktivitet", "dagspris": "640.00"}
    svar = oekonomi_api.patch(f"{URL}{tilbud_a.pk}/", body, format="json")
    assert (svar.status_code, svar.json()) == (400, {"dagspris": [DAGSPRIS_AKTIVITET]})
    tilbud_a.refresh_from_db()
    assert tilbud_a.dagspris is None


def test_a_tilbud_created_as_an_stu_gets_its_dagspris_in_every_open_year(
    oekonomi_api, takstmodel_2026
):
    body = {
        "navn": "STU Øst",
        "tilbudstype": "stu",
        "pladser": 12,
        "tildelingsprincip": "ramme",
        "forudsat_belaegning": "100.00",
        "reguleringsandel": "100.00",
        "dagspris": "640.00",
        "dimensioneret_til": 10,
    }
    svar = oekonomi_api.post(URL, body, format="json")
    assert svar.status_code == 201, svar.json()
    aaret = oekonomi_api.get(f"{URL}{svar.json()['id']}/aar/2026/").json()
    assert (aaret["dagspris"], aaret["dimensioneret_til"], aaret["pris_pr_dag"]) == (
        "640.00",
        10,
        "640.00",
    )
