"""Issue 17 through the services, selectors, pages and API: STU and dagtilbud
priced per day (budgets.engine.dagspris; hand figures in test_dagspris.py).

STU (tilbud A as an STU, ramme): 640 kr. per day, dimensioned for 10 students,
12 enrolled from 1 January 2026. June (30 days): frame 10 × 640 × 30 =
192.000 kr., above N 2 × 640 × 30 = 38.400 kr. With 10 from 1 January and 2
more from 1 August (the school year's intake): August above N is 2 × 640 × 31 =
39.680 kr., nothing before August.

Dagtilbud (tilbud B, hybrid, no faste udgifter): 500 kr. per weekday; a half
place from 1 August 2026 (21 weekdays in August): 0,5 × 500 × 21 = 5.250 kr.

Central model by tilbudstype: A (stu) 2.803.200 kr. for the year (12 × 640 ×
365, the frame 2.336.000 + 467.200 above N) and B (dagtilbud_104) the half
place's 250 kr. × the weekdays of August–December 2026 (21 + 22 + 22 + 21 +
23 = 109) = 27.250 kr.; the total 2.830.450 kr.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import TilbudAar
from budgets.selectors import central_for, takstblad_for, tilbud_resultat
from budgets.selectors.maanedstal import maaneder_beregnet, maaneder_vektor
from budgets.services import (
    DAGSPRIS_AKTIVITET,
    DIMENSIONERET_KRAEVER,
    tilbud_aar_save,
)
from offers import services
from offers.models import Indplacering

D = datetime.date
IDAG = D(2026, 11, 20)
HALV = Decimal("0.5")


def _saet(tilbud, user, **felter):
    tilbud_aar_save(
        tilbud=tilbud,
        aar=2026,
        pladser=tilbud.pladser,
        tildelingsprincip=felter.pop("tildelingsprincip", "hybrid"),
        forudsat_belaegning=Decimal(100),
        reguleringsandel=Decimal(100),
        acting_user=user,
        **felter,
    )


def _elever(tilbud, niveau, raadgiver, datoer):
    for n, dato in enumerate(datoer):
        borger = services.borger_create(
            cpr=f"{n + 1:02d}0299-1234", navn=f"Elev {n + 1}", acting_user=raadgiver
        )
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud,
            dato=dato,
            takstniveau=niveau["1"],
            acting_user=raadgiver,
        )


@pytest.fixture
def stu(tilbud_a, oekonomichef, takstmodel_2026):
    tilbud_a.tilbudstype = "stu"
    tilbud_a.pladser = 12
    tilbud_a.save()
    _saet(
        tilbud_a,
        oekonomichef,
        tildelingsprincip="ramme",
        dagspris=Decimal(640),
        dimensioneret_til=10,
    )
    return tilbud_a


@pytest.fixture
def dagtilbud(tilbud_b, oekonomichef, takstmodel_2026):
    tilbud_b.tilbudstype = "dagtilbud_104"
    tilbud_b.save()
    _saet(tilbud_b, oekonomichef, dagspris=Decimal(500), dagsgrundlag="hverdage")
    return tilbud_b


@pytest.fixture
def halv_plads(dagtilbud, anna, niveau, raadgiver):
    services.borger_tilgang(
        borger=anna,
        tilbud=dagtilbud,
        dato=D(2026, 8, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        pladsandel=HALV,
    )
    return dagtilbud


def test_stu_june_is_the_frame_for_10_and_640_kr_per_day_above(stu, niveau, raadgiver):
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 12)
    budget = tilbud_resultat(stu, 2026, IDAG).budget
    assert budget.fast[5] == Decimal("192000.00")  # 10 × 640 × 30
    assert budget.overkapacitet[5] == Decimal("38400.00")  # 2 × 640 × 30
    assert budget.total_korrigeret_aar == Decimal("2803200.00")  # 12 × 640 × 365


def test_stu_august_intake(stu, niveau, raadgiver):
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 10 + [D(2026, 8, 1)] * 2)
    budget = tilbud_resultat(stu, 2026, IDAG).budget
    assert budget.overkapacitet[:7] == (Decimal(0),) * 7
    assert budget.overkapacitet[7] == Decimal("39680.00")  # 2 × 640 × 31


def test_stu_a_yearly_price_gives_the_same_figures(
    stu, niveau, raadgiver, oekonomichef
):
    # 233.600 kr. per year / 365 days = 640,00 kr. per day
    _saet(
        stu,
        oekonomichef,
        tildelingsprincip="ramme",
        dagspris=Decimal(233600),
        dagspris_enhed="aar",
        dimensioneret_til=10,
    )
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 12)
    budget = tilbud_resultat(stu, 2026, IDAG).budget
    assert (budget.fast[5], budget.overkapacitet[5]) == (
        Decimal("192000.00"),
        Decimal("38400.00"),
    )


def test_dagtilbud_half_place_in_august(halv_plads):
    budget = tilbud_resultat(halv_plads, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[7] == Decimal("5250.00")  # 0,5 × 500 × 21
    assert Indplacering.objects.get().pladsandel == HALV


def test_the_stored_months_take_the_reference_for_a_dagspris(
    stu, halv_plads, niveau, raadgiver
):
    """maaneder_vektor sends a dagspris tilbud to the reference engine."""
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 12)
    ids = [stu.pk, halv_plads.pk]
    assert maaneder_vektor(ids, 2026) == maaneder_beregnet(ids, 2026)


def test_the_central_model_is_grouped_by_tilbudstype(
    stu, halv_plads, niveau, raadgiver
):
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 12)
    central = central_for(None, 2026, IDAG)
    grupper = {g.tilbudstype: g for g in central.grupper()}
    assert grupper["stu"].subtotal.total_korrigeret_aar == Decimal("2803200.00")
    # 250 × (21 + 22 + 22 + 21 + 23 weekdays, August–December) = 250 × 109
    assert grupper["dagtilbud_104"].subtotal.total_korrigeret_aar == Decimal("27250.00")
    assert central.total.total_korrigeret_aar == Decimal("2830450.00")


def test_the_takstblad_shows_the_price_per_day(stu):
    blad = takstblad_for(stu, 2026)
    assert (blad.dagspris_pr_dag, blad.halv_plads_pr_dag) == (
        Decimal(640),
        Decimal("320.00"),
    )
    assert blad.rammebeloeb == Decimal("2336000.00")  # 10 × 640 × 365
    assert blad.basistakst_pr_doegn == 0  # the day's price is the whole price
    assert {n.doegntakst for n in blad.niveauer} == {Decimal(640)}


@pytest.mark.parametrize(
    ("felter", "felt", "besked"),
    [
        (
            {"tildelingsprincip": "aktivitet", "dagspris": Decimal(640)},
            "dagspris",
            DAGSPRIS_AKTIVITET,
        ),
        (
            {"dimensioneret_til": 10, "dagspris": Decimal(640)},
            "dimensioneret_til",
            DIMENSIONERET_KRAEVER,
        ),
        (
            {"tildelingsprincip": "ramme", "dimensioneret_til": 10},
            "dimensioneret_til",
            DIMENSIONERET_KRAEVER,
        ),
    ],
)
def test_settings_that_do_not_fit_are_refused_and_write_nothing(
    tilbud_a, oekonomichef, takstmodel_2026, felter, felt, besked
):
    with pytest.raises(ValidationError) as fejl:
        _saet(tilbud_a, oekonomichef, **felter)
    assert fejl.value.message_dict == {felt: [besked]}
    assert not TilbudAar.objects.exists()


# --- Pages ------------------------------------------------------------------------


def test_the_year_page_sets_a_stu_up_the_danish_way(
    client, oekonomichef, tilbud_a, takstmodel_2026
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-aar", args=[tilbud_a.pk]) + "?aar=2026"
    svar = client.post(
        url,
        {
            "pladser": "12",
            "tildelingsprincip": "ramme",
            "forudsat_belaegning": "100",
            "reguleringsandel": "100",
            "dagspris": "233.600,00",
            "dagspris_enhed": "aar",
            "dagsgrundlag": "kalenderdage",
            "dimensioneret_til": "10",
        },
    )
    assert svar.status_code == 302
    raekke = TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2026)
    assert (raekke.dagspris, raekke.dagspris_enhed, raekke.dimensioneret_til) == (
        Decimal(233600),
        "aar",
        10,
    )
    side = client.get(url).content.decode()
    assert 'name="dagspris" value="233.600,00"' in side
    assert "640,00" in side  # the price per day: 233.600 / 365


def test_the_year_page_says_in_danish_what_does_not_fit(
    client, oekonomichef, tilbud_a, takstmodel_2026
):
    client.force_login(oekonomichef)
    url = reverse("budgets:tilbud-aar", args=[tilbud_a.pk]) + "?aar=2026"
    svar = client.post(
        url,
        {
            "pladser": "8",
            "tildelingsprincip": "aktivitet",
            "forudsat_belaegning": "97",
            "reguleringsandel": "100",
            "dagspris": "640",
        },
    )
    assert svar.status_code == 200
    assert DAGSPRIS_AKTIVITET in svar.content.decode()
    assert not TilbudAar.objects.exists()


def test_the_pages_show_the_price_per_day(client, oekonomichef, stu, niveau, raadgiver):
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 10 + [D(2026, 8, 1)] * 2)
    client.force_login(oekonomichef)
    blad = client.get(reverse("budgets:takstblad", args=[stu.pk]), {"aar": 2026})
    tekst = blad.content.decode()
    assert 'id="takstblad-dagspris">640,00' in tekst
    assert 'id="takstblad-ramme">2.336.000,00' in tekst
    side = client.get(reverse("budgets:tilbud-detail", args=[stu.pk]), {"aar": 2026})
    tekst = side.content.decode()
    assert 'id="dagspris">640,00' in tekst
    # Students by the school year they started: 10 in 2025/26, 2 in 2026/27.
    assert '<th scope="row">2025/26</th><td class="num">10</td>' in tekst
    assert '<th scope="row">2026/27</th><td class="num">2</td>' in tekst


def test_the_central_page_and_its_excel_group_by_tilbudstype(
    client, oekonomichef, stu, halv_plads, niveau, raadgiver
):
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 12)
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:central"), {"aar": 2026}).content.decode()
    assert 'id="typetabel"' in side
    assert "2.803.200,00" in side and "27.250,00" in side
    svar = client.get(reverse("budgets:central"), {"aar": 2026, "format": "xlsx"})
    bog = load_workbook(io.BytesIO(svar.content))
    assert len(bog.worksheets) == 3
    grupperet = [[c.value for c in raekke] for raekke in bog.worksheets[2].iter_rows()]
    navne = [r[0] for r in grupperet]
    assert navne.index("I alt STU") == navne.index(stu.navn) + 1
    assert "I alt Dagtilbud § 104" in navne
    # The total is a row of values, not a =SUM over tilbud and subtotals.
    kolonne = grupperet[0].index("Budget i alt (korrigeret)")
    assert grupperet[-1][0] == "I alt"
    assert Decimal(str(grupperet[-1][kolonne])) == Decimal("2830450")
    typer = [[c.value for c in r] for r in bog.worksheets[1].iter_rows()]
    assert [r[0] for r in typer[1:]] == ["Dagtilbud § 104", "STU", "I alt"]


def test_the_tilgang_page_places_a_borger_on_a_half_place(
    client, raadgiver, anna, dagtilbud, niveau
):
    """The rådgiver chooses "Halv plads" on the tilgang form: August 2026 in the
    dagtilbud is then 0,5 × 500 × 21 = 5.250 kr."""
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    side = client.get(url).content.decode()
    assert "Halv plads" in side
    data = {
        "tilbud": dagtilbud.pk,
        "dato": "2026-08-01",
        "niveau": "2",
        "pladsandel": "0.50",
        "begrundelse_uden_doegnskema": "Akut behov.",  # no døgnskema (issue 19)
    }
    assert client.post(url, data).status_code == 302
    assert Indplacering.objects.get().pladsandel == HALV
    budget = tilbud_resultat(dagtilbud, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[7] == Decimal("5250.00")


def test_the_explanation_names_the_stu_frame(
    client, oekonomichef, stu, niveau, raadgiver
):
    """Fast budget = 10 × 640 × 365 = 2.336.000 kr.; the support-hours budget is
    the frame − faste udgifter (none) + above N (2 × 640 × 365 = 467.200)."""
    _elever(stu, niveau, raadgiver, [D(2026, 1, 1)] * 12)
    client.force_login(oekonomichef)
    fast = client.get(
        reverse("budgets:forklaring", args=[stu.pk, "fast"]), {"aar": 2026}
    ).content.decode()
    assert "10 × pris pr. dag (640,00 kr.) × årets dage = 2.336.000,00 kr." in fast
    assert "467.200,00" in fast
    bemanding = client.get(
        reverse("budgets:forklaring", args=[stu.pk, "bemanding"]), {"aar": 2026}
    ).content.decode()
    assert "rammebeløbet (2.336.000,00 kr.)" in bemanding
