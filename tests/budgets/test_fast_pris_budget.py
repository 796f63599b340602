"""Issue 17: a fixed-price level's servicetakst reaches the budget unchanged
(through Prisliste.servicetakst), also across a dated change of its price.

Tilbud A (hybrid) on the 12-step ladder (tests/tariffs/test_fast_pris.py);
Anna on step P8 (1.560,00 kr. pr. døgn) from 1 March 2026, no afgang.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.models import Budgetaar, FastUdgift
from budgets.selectors import tilbud_resultat
from offers import services
from tariffs.services import takstmodel_save
from tests.tariffs.test_fast_pris import stige_model, stige_niveauer

D = datetime.date
IDAG = D(2026, 6, 30)


@pytest.fixture
def stige(oekonomichef, tilbud_a):
    FastUdgift.objects.create(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get_or_create(aar=2026)[0],
        kategori="ledelse",
        beloeb=Decimal("2900000"),
    )
    return stige_model(2026, oekonomichef)


@pytest.fixture
def anna_p8(stige, tilbud_a, raadgiver):
    borger = services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=stige.niveauer.get(kode="P8"),
        acting_user=raadgiver,
    )
    return borger


def _ny_pris(stige, oekonomichef, kr: str, gyldig_fra=None):
    niveauer = stige_niveauer()
    niveauer[7]["fast_pris"] = Decimal(kr)
    takstmodel_save(
        acting_user=oekonomichef,
        takstmodel=stige,
        aar=2026,
        navn=stige.navn,
        enhed=stige.enhed,
        timeprismodel=stige.timeprismodel,
        niveauer=niveauer,
        gyldig_fra=gyldig_fra,
    )


def test_a_month_is_days_times_the_fixed_price(tilbud_a, anna_p8):
    # March: 31 × 1.560,00 = 48.360,00.
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[2] == Decimal("48360.00")


def test_the_days_before_a_price_change_keep_the_old_price(
    tilbud_a, anna_p8, stige, oekonomichef
):
    # P8 costs 1.600,00 from 1 July: June 30 × 1.560,00 = 46.800,00; July
    # 31 × 1.600,00 = 49.600,00.
    _ny_pris(stige, oekonomichef, "1600.00", gyldig_fra=D(2026, 7, 1))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[5:7] == (
        Decimal("46800.00"),
        Decimal("49600.00"),
    )


def test_the_change_adds_184_days_times_the_price_difference(
    tilbud_a, anna_p8, stige, oekonomichef
):
    # July-December: 184 days × (1.600,00 − 1.560,00) = 7.360,00.
    foer = tilbud_resultat(tilbud_a, 2026, IDAG).budget.aktivitet_korrigeret_aar
    _ny_pris(stige, oekonomichef, "1600.00", gyldig_fra=D(2026, 7, 1))
    efter = tilbud_resultat(tilbud_a, 2026, IDAG).budget.aktivitet_korrigeret_aar
    assert efter - foer == Decimal("7360.00")
