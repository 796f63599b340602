"""Issue 17: the Nyt tilbud page takes the dagspris of a STU or a dagtilbud
(dagspris, kr. pr. dag or år, the days paid, dimensioneret til), with the
tilbudstype's days as the default; a bostøtte tilbud is created without them.
The pladsandel (hel or halv) is each borger's, chosen on the indplacering.

By hand:
- STU Lærken, ramme, 640 kr. pr. dag on every calendar day, dimensioneret til
  10: the frame 2026 is 10 × 640 × 365 = 2.336.000 kr.
- Dagtilbuddet Eg § 103, 156.000 kr. pr. år on weekdays: 2026 begins on a
  Thursday, 365 = 52 weeks + 1 Thursday, so 52 × 5 + 1 = 261 weekdays;
  156.000 / 261 = 597,7011… -> 597,70 kr. pr. dag, a half place 298,85 kr.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import TilbudAar
from budgets.selectors.visning import takstblad_for
from budgets.services import DIMENSIONERET_KRAEVER
from offers.models import Tilbud

pytestmark = pytest.mark.django_db


def _body(**aendringer) -> dict:
    body = {
        "navn": "STU Lærken",
        "tilbudstype": "stu",
        "pladser": "12",
        "tildelingsprincip": "ramme",
        "forudsat_belaegning": "100",
        "reguleringsandel": "100",
        "dagspris": "640",
        "dagspris_enhed": "dag",
        "dagsgrundlag": "",
        "dimensioneret_til": "10",
    }
    return {**body, **aendringer}


@pytest.fixture
def oekonomi(client, oekonomichef, faste_a):
    """Signed in as økonomi; faste_a opened 2026 with its takstmodel."""
    client.force_login(oekonomichef)
    return client


def test_the_page_offers_the_dagspris_fields_with_their_defaults(oekonomi):
    side = oekonomi.get(reverse("budgets:tilbud-create")).content.decode()
    assert 'id="dagspris-felter"' in side
    assert 'data-tilbudstyper="stu dagtilbud_103 dagtilbud_104"' in side
    for felt in ("dagspris", "dagspris_enhed", "dagsgrundlag", "dimensioneret_til"):
        assert f'name="{felt}"' in side
    assert "Efter tilbudstype (STU: alle kalenderdage; dagtilbud: hverdage)" in side
    assert "pladsandelen (hel eller halv plads, standard hel)" in side


def test_a_stu_is_created_with_its_dagspris_and_frame(oekonomi):
    svar = oekonomi.post(reverse("budgets:tilbud-create"), _body())
    assert svar.status_code == 302
    stu = Tilbud.objects.get(navn="STU Lærken")
    assert (stu.dagspris, stu.dagspris_enhed, stu.dagsgrundlag) == (
        640,
        "dag",
        "kalenderdage",
    )
    raekke = TilbudAar.objects.get(tilbud=stu, budgetaar__aar=2026)
    assert (raekke.dagspris, raekke.dimensioneret_til) == (640, 10)
    blad = takstblad_for(stu, 2026)
    assert blad.dagspris_pr_dag == 640
    assert blad.rammebeloeb == 2336000  # 10 × 640 × 365


def test_a_dagtilbud_pays_its_weekdays_by_default(oekonomi):
    body = _body(
        navn="Dagtilbuddet Eg",
        tilbudstype="dagtilbud_103",
        pladser="20",
        tildelingsprincip="hybrid",
        dagspris="156.000",
        dagspris_enhed="aar",
        dimensioneret_til="",
    )
    assert oekonomi.post(reverse("budgets:tilbud-create"), body).status_code == 302
    eg = Tilbud.objects.get(navn="Dagtilbuddet Eg")
    assert eg.dagsgrundlag == "hverdage"
    blad = takstblad_for(eg, 2026)
    assert (blad.dagspris_pr_dag, blad.halv_plads_pr_dag) == (
        Decimal("597.70"),
        Decimal("298.85"),  # 597,70 × 0,5
    )


def test_a_bostoette_tilbud_needs_no_dagspris_fields(oekonomi):
    body = {
        "navn": "Bostøtten Syd",
        "tilbudstype": "bostoette_85",
        "pladser": "30",
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "97",
        "reguleringsandel": "100",
    }
    assert oekonomi.post(reverse("budgets:tilbud-create"), body).status_code == 302
    syd = Tilbud.objects.get(navn="Bostøtten Syd")
    assert (syd.dagspris, syd.dimensioneret_til, syd.dagsgrundlag) == (
        None,
        None,
        "kalenderdage",
    )


def test_a_frame_without_ramme_is_refused_in_danish_and_nothing_is_written(oekonomi):
    svar = oekonomi.post(
        reverse("budgets:tilbud-create"), _body(tildelingsprincip="hybrid")
    )
    assert svar.status_code == 200
    assert svar.context["form"].errors["dimensioneret_til"] == [DIMENSIONERET_KRAEVER]
    assert DIMENSIONERET_KRAEVER in svar.content.decode()
    assert not Tilbud.objects.filter(navn="STU Lærken").exists()


def test_a_bad_dagspris_is_a_field_error(oekonomi):
    svar = oekonomi.post(reverse("budgets:tilbud-create"), _body(dagspris="mange"))
    assert svar.status_code == 200
    assert "dagspris" in svar.context["form"].errors
    assert not Tilbud.objects.filter(navn="STU Lærken").exists()


def test_the_edit_page_shows_and_keeps_the_dagspris(oekonomi):
    oekonomi.post(reverse("budgets:tilbud-create"), _body())
    stu = Tilbud.objects.get(navn="STU Lærken")
    side = oekonomi.get(reverse("budgets:tilbud-ret", args=[stu.pk])).content
    assert 'value="640,00"' in side.decode()
