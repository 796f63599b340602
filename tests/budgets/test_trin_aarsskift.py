"""Issue 17: a new budget year, and a scenario adopted into it, keep the tiers,
the salary items and a line given per fremmødedag."""

from decimal import Decimal

import pytest

from budgets.engine.scenarie_laes import Art
from budgets.services import scenarie as services
from budgets.services.scenarie_vedtag import scenario_vedtag
from tariffs.selectors import takstmodel_for_aar
from tariffs.services import timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL
from tests.scenarier import tilfoej

D = Decimal


@pytest.fixture
def med_trin(oekonomichef, faste_a):
    """conftest's 2026 timeprismodel with pauser per fremmødedag, two salary
    items and a tier from niveau 2."""
    tp = takstmodel_for_aar(2026).timeprismodel
    return timeprismodel_save(
        acting_user=oekonomichef,
        timeprismodel=tp,
        aar=2026,
        navn=tp.navn,
        aarsloen=tp.aarsloen,
        aarsnorm_timer=tp.aarsnorm_timer,
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=[{"kategori": "pauser", "timer_pr_dag": D("0.5")}],
        loenposter=[
            {"kategori": "vikar", "beloeb": D("12000")},
            {"kategori": "dagpengerefusion", "beloeb": D("-8000")},
        ],
        grupper=[{"fra": 2, "til": None, "direkte_procent": D("62")}],
    )


@pytest.fixture
def aar_2027(med_trin, oekonomichef):
    scenario = services.scenario_create(
        navn="Plan 2027", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )
    tilfoej(
        scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="egen_sygdom", procent="6"
    )
    scenario_vedtag(
        scenario=scenario,
        fremskrivning_loen_pct="0",
        fremskrivning_oevrige_pct="0",
        acting_user=oekonomichef,
    )
    return takstmodel_for_aar(2027).timeprismodel


def test_the_adopted_year_keeps_the_tiers(aar_2027):
    assert [(g.fra, g.til, g.direkte_procent) for g in aar_2027.grupper.all()] == [
        (2, None, D("62"))
    ]


def test_the_adopted_year_keeps_the_salary_items(aar_2027):
    assert {p.kategori: p.beloeb for p in aar_2027.loenposter.all()} == {
        "vikar": D("12000"),
        "dagpengerefusion": D("-8000"),
    }


def test_the_adopted_year_keeps_a_line_per_fremmoededag(aar_2027):
    pauser = aar_2027.tidsanvendelse.get(kategori="pauser")
    assert (pauser.timer, pauser.timer_pr_dag) == (None, D("0.5"))
