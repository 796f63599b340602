"""Scenarios read from the database and written by their services (issue 16 #1).

Tilbud A: 8 pladser, 97 %, faste udgifter 2,900,000 kr. (DOMAIN.md §4:
basistakst 1,023.87 kr.); Anna lives there from 1 February 2026 at niveau 2
(3 h × 492.07 = 1,476.21 kr. per døgn, DOMAIN.md §2-§3).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from budgets.engine.scenarie_laes import IKKE_POSITIV, Art
from budgets.models import FastUdgift, Maanedstal, VedtagetBudget
from budgets.models_scenarie import Scenarieaendring, Scenario
from budgets.selectors.central import central_for
from budgets.selectors.scenarie import scenario_resultat
from budgets.services import scenarie as services
from offers import services as offers_services
from tariffs.engine import OVERLAP
from tests.scenarier import tilfoej

D = datetime.date


@pytest.fixture
def placeret(raadgiver, tilbud_a, faste_a, niveau):
    anna = offers_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return anna


@pytest.fixture
def scenario(oekonomichef, placeret):
    return services.scenario_create(
        navn="Flere pladser", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )


def _tilbud(resultat, tilbud_id):
    return next((b, s) for b, s in resultat.tilbud if s.id == tilbud_id)


def test_sick_leave_plus_one_point_changes_timepris_and_servicetakst(
    scenario, oekonomichef
):
    # egen sygdom 5 → 6 %: direkte 962.962 h; 480,000 / 962.962 → 498.46 kr.;
    # niveau 2: 3 × 498.46 = 1,495.38 kr. (base 3 × 492.07 = 1,476.21 kr.).
    tilfoej(
        scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="egen_sygdom", procent="6"
    )
    resultat = scenario_resultat(scenario)
    assert resultat.base.timepriser.timepris_direkte == Decimal("492.07")
    assert resultat.scenarie.timepriser.timepris_direkte == Decimal("498.46")
    niveau_2 = next(r for r in resultat.servicetakster if r[0] == "2")
    assert niveau_2[2:] == (Decimal("1476.21"), Decimal("1495.38"))


def test_pladser_8_to_10_gives_the_new_basistakst(scenario, oekonomichef, tilbud_a):
    # 2,900,000 / (10 × 365 × 0.97 = 3,540.5) = 819.09 kr. (base 1,023.87 kr.).
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    base, efter = _tilbud(scenario_resultat(scenario), tilbud_a.pk)
    assert (base.basistakst, efter.basistakst) == (
        Decimal("1023.87"),
        Decimal("819.09"),
    )


def test_two_planned_borgere_from_1_july(scenario, oekonomichef, tilbud_a):
    # + 2 × 1,476.21 × 184 days (July–December) = 543,245.28 kr. in tilbud A;
    # July: + 2 × 1,476.21 × 31 = 91,525.02 kr.
    tilfoej(
        scenario,
        oekonomichef,
        Art.PLANLAGT_TILGANG,
        antal=2,
        niveau="2",
        tilbud=tilbud_a.pk,
        dato="2026-07-01",
    )
    resultat = scenario_resultat(scenario)
    base, efter = _tilbud(resultat, tilbud_a.pk)
    assert efter.total - base.total == Decimal("543245.28")
    assert efter.maaneder[6] - base.maaneder[6] == Decimal("91525.02")
    assert resultat.scenarie.total - resultat.base.total == Decimal("543245.28")


def test_closed_from_1_october(scenario, oekonomichef, tilbud_a):
    # Anna's stay ends 1 October: financed through 30 November (30 × 1,476.21 =
    # 44,286.30 kr.), nothing in December; the fast budget stops 30 September.
    tilfoej(
        scenario, oekonomichef, Art.LUKKET_TILBUD, tilbud=tilbud_a.pk, dato="2026-10-01"
    )
    _, efter = _tilbud(scenario_resultat(scenario), tilbud_a.pk)
    assert efter.aktivitet[10:] == (Decimal("44286.30"), Decimal(0))
    assert efter.fast[9:] == (Decimal(0),) * 3


def test_a_scenario_never_changes_the_real_budget(
    scenario, oekonomichef, tilbud_a, placeret
):
    idag = D(2026, 6, 1)
    foer_raekker = list(Maanedstal.objects.order_by("pk").values())
    foer_central = central_for(oekonomichef, 2026, idag).total
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    tilfoej(
        scenario, oekonomichef, Art.LUKKET_TILBUD, tilbud=tilbud_a.pk, dato="2026-10-01"
    )
    tilfoej(scenario, oekonomichef, Art.TIMEPRIS_FELT, felt="aarsloen", tal="520000")
    scenario_resultat(scenario)
    tilbud_a.refresh_from_db()
    assert (
        foer_raekker
        and list(Maanedstal.objects.order_by("pk").values()) == foer_raekker
    )
    assert central_for(oekonomichef, 2026, idag).total == foer_central
    assert tilbud_a.pladser == 8 and VedtagetBudget.objects.count() == 0
    assert FastUdgift.objects.get(tilbud=tilbud_a).beloeb == Decimal("2900000")


def test_only_oekonomi_may_create_a_scenario(raadgiver, takstmodel_2026):
    with pytest.raises(PermissionDenied):
        services.scenario_create(
            navn="X", aar=2026, grundlag="aktuelt", acting_user=raadgiver
        )
    assert not Scenario.objects.exists()


def test_a_bad_change_is_refused_in_danish_and_nothing_is_saved(
    scenario, oekonomichef, tilbud_a
):
    with pytest.raises(ValidationError) as fejl:
        tilfoej(
            scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=0
        )
    assert fejl.value.message_dict == {"pladser": [IKKE_POSITIV]}
    assert not Scenarieaendring.objects.exists()


def test_an_unknown_tilbud_is_refused(scenario, oekonomichef):
    with pytest.raises(ValidationError) as fejl:
        tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=999999, pladser=9)
    assert fejl.value.message_dict == {"tilbud": [services.UKENDT_TILBUD]}


def test_a_span_that_overlaps_the_next_level_is_refused(scenario, oekonomichef):
    with pytest.raises(ValidationError) as fejl:
        tilfoej(
            scenario, oekonomichef, Art.NIVEAU_SPAEND, niveau="2", nedre="2", oevre="5"
        )
    assert fejl.value.message_dict == {
        "nedre": [OVERLAP.format(forrige="2", oevre="5")]
    }


def test_no_direct_time_left_is_refused(scenario, oekonomichef):
    with pytest.raises(ValidationError) as fejl:
        tilfoej(
            scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="ferie", procent="95"
        )
    assert "vaerdi" in fejl.value.message_dict
    assert not Scenarieaendring.objects.exists()


def test_vedtaget_grundlag_needs_a_vedtaget_year(oekonomichef, takstmodel_2026):
    with pytest.raises(ValidationError) as fejl:
        services.scenario_create(
            navn="X", aar=2026, grundlag="vedtaget", acting_user=oekonomichef
        )
    assert fejl.value.message_dict == {
        "grundlag": [services.IKKE_VEDTAGET.format(aar=2026)]
    }


def test_vedtaget_grundlag_leaves_out_a_stay_registered_after_vedtagelse(
    oekonomichef, lukket_2025, tilbud_a
):
    # 2025 was adopted 10 December 2024; Bent's tilgang (1 March 2025, niveau 2)
    # was registered later, so only the aktuelt grundlag has his 306 days
    # (March–December): 306 × 1,476.21 = 451,720.26 kr.
    vedtaget, aktuelt = (
        services.scenario_create(navn=g, aar=2025, grundlag=g, acting_user=oekonomichef)
        for g in ("vedtaget", "aktuelt")
    )
    _, v = _tilbud(scenario_resultat(vedtaget), tilbud_a.pk)
    _, a = _tilbud(scenario_resultat(aktuelt), tilbud_a.pk)
    assert sum(a.aktivitet) - sum(v.aktivitet) == Decimal("451720.26")


def test_copy_moves_a_reference_to_a_new_tilbud(scenario, oekonomichef):
    nyt = tilfoej(
        scenario,
        oekonomichef,
        Art.NYT_TILBUD,
        navn="Nyt",
        pladser=4,
        belaegning="100",
        princip="hybrid",
        faste_udgifter="365000",
        dato="2026-07-01",
    )
    tilfoej(
        scenario,
        oekonomichef,
        Art.PLANLAGT_TILGANG,
        antal=1,
        niveau="1",
        nyt_tilbud=nyt.pk,
        dato="2026-08-01",
    )
    kopi = services.scenario_copy(
        scenario=scenario, navn="Kopi", acting_user=oekonomichef
    )
    ny, tilgang = kopi.aendringer.order_by("pk")
    assert tilgang.vaerdi["nyt_tilbud"] == ny.pk != nyt.pk
    # 184 days × 1,000 kr. fast + 153 days × 492.07 = 184,000 + 75,286.71.
    _, efter = _tilbud(scenario_resultat(kopi), -ny.pk)
    assert efter.total == Decimal("259286.71")


def test_deleting_a_new_tilbud_deletes_the_changes_that_name_it(scenario, oekonomichef):
    nyt = tilfoej(
        scenario,
        oekonomichef,
        Art.NYT_TILBUD,
        navn="Nyt",
        pladser=4,
        belaegning="100",
        princip="hybrid",
        faste_udgifter="0",
        dato="2026-07-01",
    )
    tilfoej(
        scenario,
        oekonomichef,
        Art.PLANLAGT_AFGANG,
        antal=1,
        nyt_tilbud=nyt.pk,
        dato="2026-08-01",
    )
    services.aendring_delete(aendring=nyt, acting_user=oekonomichef)
    assert not scenario.aendringer.exists()
