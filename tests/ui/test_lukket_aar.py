"""Issue 13 #2: on the pages, a write that would move a lukket year is a Danish
form error, and nothing is written.

``lukket_2025`` (tests/conftest.py): 2025 lukket, 2026 a forslag; Bent lives in
tilbud A from 1 March 2025 at niveau 2.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import FastUdgift
from offers import services
from offers.models import Annullering, Betalingskommune, Indplacering, Ophold
from tariffs.lukkede_aar import AAR_LAAST, AAR_LAAST_FRA
from tariffs.models import Takstmodel, Takstniveau, Timeprismodel

# An afgang on the page takes a reason (issue 15 #2).
AARSAG = {"afgangsaarsag": "egen_bolig"}

LAAST_2025 = AAR_LAAST.format(aar=2025)


def _fra(dato: str) -> str:
    return AAR_LAAST_FRA.format(aar=2025, dato=dato, fra="01.01.2026")


def _fejl(response, felt: str | None = None) -> list[str]:
    form = response.context["form"]
    return form.non_field_errors() if felt is None else form.errors[felt]


@pytest.fixture
def bent(lukket_2025):
    return lukket_2025.borger


@pytest.fixture
def myndighed(client, raadgiver):
    client.force_login(raadgiver)
    return client


@pytest.fixture
def oekonomi(client, oekonomichef):
    client.force_login(oekonomichef)
    return client


def test_a_tilgang_form_in_the_lukket_year_shows_the_error(
    myndighed, raadgiver, tilbud_b, lukket_2025
):
    ny = services.borger_create(cpr="020290-1234", navn="Ny", acting_user=raadgiver)
    url = reverse("offers:tilgang-create", args=[ny.pk])
    data = {"tilbud": tilbud_b.pk, "dato": "2025-10-01", "niveau": "2"}
    data["begrundelse_uden_doegnskema"] = "Akut behov."  # no døgnskema (issue 19)
    response = myndighed.post(url, data)
    assert _fejl(response, "dato") == [_fra("01.10.2025")]
    assert not Ophold.objects.filter(borger=ny).exists()


def test_an_afgang_form_in_the_lukket_year_shows_the_error(myndighed, bent):
    url = reverse("offers:afgang-create", args=[bent.pk])
    response = myndighed.post(url, {"dato": "2025-11-30", **AARSAG})
    assert _fejl(response, "dato") == [_fra("30.11.2025")]
    assert Ophold.objects.get(borger=bent).afgang is None


def test_an_indplacering_form_in_the_lukket_year_shows_the_error(myndighed, bent):
    url = reverse("offers:indplacering-create", args=[bent.pk])
    response = myndighed.post(url, {"gyldig_fra": "2025-09-01", "niveau": "3"})
    assert _fejl(response, "gyldig_fra") == [_fra("01.09.2025")]
    assert Indplacering.objects.filter(ophold__borger=bent).count() == 1


def test_an_omplacering_form_in_the_lukket_year_shows_the_error(
    myndighed, bent, tilbud_b
):
    url = reverse("offers:omplacering-create", args=[bent.pk])
    data = {"tilbud": tilbud_b.pk, "dato": "2025-12-01", "niveau": "2"}
    response = myndighed.post(url, data)
    assert _fejl(response, "dato") == [_fra("01.12.2025")]
    assert Ophold.objects.filter(borger=bent).count() == 1


def test_annulling_a_tilgang_in_the_lukket_year_shows_the_error(
    myndighed, bent, lukket_2025
):
    url = reverse("offers:annullering-create", args=[bent.pk])
    url += f"?haendelse=tilgang&ophold={lukket_2025.pk}"
    response = myndighed.post(url, {"begrundelse": "Forkert borger."})
    assert _fejl(response) == [_fra("01.03.2025")]
    assert not Annullering.objects.exists()


def test_a_betalingskommune_form_from_the_lukket_year_shows_the_error(myndighed, bent):
    url = reverse("offers:betalingskommune-create", args=[bent.pk])
    response = myndighed.post(url, {"kommunekode": "751", "gyldig_fra": "2025-05-01"})
    assert _fejl(response, "gyldig_fra") == [_fra("01.05.2025")]
    assert not Betalingskommune.objects.filter(borger=bent).exists()


def test_the_faste_udgifter_of_the_lukket_year_show_the_error(
    oekonomi, tilbud_a, lukket_2025
):
    url = reverse("budgets:faste-udgifter", args=[tilbud_a.pk]) + "?aar=2025"
    linjer = {
        "ledelse": "1.000.000",
        "administration": "0",
        "bygningsdrift": "0",
        "nattevagt": "0",
        "uddannelse": "0",
        "oevrige": "0",
    }
    response = oekonomi.post(url, linjer)
    assert LAAST_2025 in _fejl(response)
    assert not FastUdgift.objects.filter(budgetaar__aar=2025).exists()


def test_the_timepris_page_of_the_lukket_year_shows_the_error(oekonomi, lukket_2025):
    takstmodel = Takstmodel.objects.get(aar=2025)
    url = reverse("tariffs:timepris-update", args=[takstmodel.pk])
    data = {
        "navn": "Timepris 2025",
        "aarsloen": "500.000",
        "aarsnorm_timer": "1924",
        "fravaer_ferie_procent": "17",
        "fravaer_egen_sygdom_procent": "5",
        "tidsanvendelse_pauser_procent": "35",
        "gem": "1",
    }
    response = oekonomi.post(url, data)
    assert _fejl(response) == [LAAST_2025]
    assert Timeprismodel.objects.get(aar=2025).aarsloen == Decimal("480000")


def test_the_takstniveau_page_of_the_lukket_year_shows_the_error(oekonomi, lukket_2025):
    takstmodel = Takstmodel.objects.get(aar=2025)
    url = reverse("tariffs:takstmodel-update", args=[takstmodel.pk])
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, (kode, nedre, oevre) in enumerate([("1", 0, 2), ("2", 2, 4), ("3", 4, 6)]):
        data.update(
            {
                f"form-{i}-kode": kode,
                f"form-{i}-navn": f"Nyt {kode}",
                f"form-{i}-nedre": nedre,
                f"form-{i}-oevre": oevre,
            }
        )
    response = oekonomi.post(url, data)
    assert list(response.context["formset"].non_form_errors()) == [LAAST_2025]
    assert Takstniveau.objects.get(takstmodel=takstmodel, kode="1").navn == "Niveau 1"
