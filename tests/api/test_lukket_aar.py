"""Issue 13 #2: through the API, a write that would move a lukket year is a 409
with the Danish message under its field, and writes nothing.

``lukket_2025`` (tests/conftest.py): 2025 lukket, 2026 a forslag; Bent lives in
tilbud A from 1 March 2025 at niveau 2.
"""

import pytest

from offers import services
from offers.models import Annullering, Betalingskommune, Indplacering, Ophold
from tariffs.lukkede_aar import AAR_LAAST, AAR_LAAST_FRA
from tariffs.models import Takstmodel, Timeprismodel


def _fra(dato: str) -> str:
    return AAR_LAAST_FRA.format(aar=2025, dato=dato, fra="01.01.2026")


def _borger_url(borger, handling: str) -> str:
    return f"/api/v1/borgere/{borger.pk}/{handling}/"


@pytest.fixture
def bent(lukket_2025):
    return lukket_2025.borger


@pytest.fixture
def niveau_2025(lukket_2025):
    model = lukket_2025.indplaceringer.get().takstniveau.takstmodel
    return {n.kode: n for n in model.niveauer.all()}


def _409(response, felt: str, besked: str) -> None:
    assert (response.status_code, response.json()) == (409, {felt: [besked]})


def test_a_tilgang_in_the_lukket_year_is_409(
    raadgiver_api, raadgiver, tilbud_b, niveau_2025
):
    ny = services.borger_create(cpr="020290-1234", navn="Ny", acting_user=raadgiver)
    body = {
        "tilbud": tilbud_b.pk,
        "dato": "2025-10-01",
        "takstniveau": niveau_2025["2"].pk,
    }
    response = raadgiver_api.post(_borger_url(ny, "tilgang"), body, format="json")
    _409(response, "dato", _fra("01.10.2025"))
    assert not Ophold.objects.filter(borger=ny).exists()


def test_an_afgang_in_the_lukket_year_is_409(raadgiver_api, bent):
    body = {"dato": "2025-11-30"}
    response = raadgiver_api.post(_borger_url(bent, "afgang"), body, format="json")
    _409(response, "dato", _fra("30.11.2025"))
    assert Ophold.objects.get(borger=bent).afgang is None


def test_an_indplacering_in_the_lukket_year_is_409(raadgiver_api, bent, niveau_2025):
    body = {"gyldig_fra": "2025-09-01", "takstniveau": niveau_2025["3"].pk}
    url = _borger_url(bent, "indplaceringer")
    response = raadgiver_api.post(url, body, format="json")
    _409(response, "gyldig_fra", _fra("01.09.2025"))
    assert Indplacering.objects.filter(ophold__borger=bent).count() == 1


def test_an_omplacering_in_the_lukket_year_is_409(
    raadgiver_api, bent, tilbud_b, niveau_2025
):
    body = {
        "tilbud": tilbud_b.pk,
        "dato": "2025-12-01",
        "takstniveau": niveau_2025["2"].pk,
    }
    url = _borger_url(bent, "omplacering")
    response = raadgiver_api.post(url, body, format="json")
    _409(response, "dato", _fra("01.12.2025"))
    assert Ophold.objects.filter(borger=bent).count() == 1


def test_annulling_a_tilgang_in_the_lukket_year_is_409(
    raadgiver_api, bent, lukket_2025
):
    body = {
        "haendelse": "tilgang",
        "ophold": lukket_2025.pk,
        "begrundelse": "Forkert borger.",
    }
    response = raadgiver_api.post(_borger_url(bent, "annuller"), body, format="json")
    _409(response, "haendelse", _fra("01.03.2025"))
    assert not Annullering.objects.exists()


def test_a_betalingskommune_from_the_lukket_year_is_409(raadgiver_api, bent):
    body = {"kommunekode": "751", "gyldig_fra": "2025-05-01"}
    url = _borger_url(bent, "betalingskommune")
    response = raadgiver_api.post(url, body, format="json")
    _409(response, "gyldig_fra", _fra("01.05.2025"))
    assert not Betalingskommune.objects.filter(borger=bent).exists()


def test_the_lukket_years_timeprismodel_is_409(oekonomi_api, lukket_2025):
    model = Timeprismodel.objects.get(aar=2025)
    body = {
        "aar": 2025,
        "navn": model.navn,
        "aarsloen": "500000.00",
        "aarsnorm_timer": "1924.00",
        "fravaer": [
            {"kategori": "ferie", "procent": "17"},
            {"kategori": "egen_sygdom", "procent": "5"},
        ],
        "tidsanvendelse": [{"kategori": "pauser", "procent": "35"}],
    }
    url = f"/api/v1/timeprismodeller/{model.pk}/"
    response = oekonomi_api.put(url, body, format="json")
    _409(response, "aar", AAR_LAAST.format(aar=2025))
    assert Timeprismodel.objects.get(pk=model.pk).aarsloen == 480000


def test_the_lukket_years_takstmodel_is_409(oekonomi_api, lukket_2025):
    model = Takstmodel.objects.get(aar=2025)
    niveauer = [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": str(n.nedre),
            "oevre": None if n.oevre is None else str(n.oevre),
            "saertakst": n.saertakst,
        }
        for n in model.niveauer.order_by("raekkefoelge")
    ]
    niveauer[0]["navn"] = "Let støtte"
    body = {
        "aar": 2025,
        "navn": model.navn,
        "enhed": model.enhed,
        "timeprismodel": model.timeprismodel_id,
        "niveauer": niveauer,
    }
    url = f"/api/v1/takstmodeller/{model.pk}/"
    response = oekonomi_api.put(url, body, format="json")
    _409(response, "aar", AAR_LAAST.format(aar=2025))
    assert model.niveauer.get(kode="1").navn == "Niveau 1"
