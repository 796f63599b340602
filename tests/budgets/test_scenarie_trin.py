"""Issue 17 in scenarios: the scenario engine prices each level at its tier's
timepris, as the takstmodel does (budgets.engine.scenarie._servicetakster).

Base: DOMAIN.md §2's worked example (fremmøde 1.500,72 t, timepris_direkte
492,07 kr.) with one tier, niveau 2 and up at 60 % direct time:
    1.500,72 × 0,60 = 900,432 t; 480.000 / 900,432 = 533,0774… -> 533,08 kr.
"""

import dataclasses
from decimal import Decimal

from budgets.engine.scenarie import anvend, beregn
from budgets.engine.scenarie_laes import Art, aendring_af
from tariffs.engine import Timeprisgruppe
from tests.budgets.test_scenarie_engine import AAR, KATEGORIER, _inddata


def _med_trin():
    ind = _inddata()
    g = dataclasses.replace(
        ind.timeprisgrundlag, grupper=(Timeprisgruppe(2, None, Decimal("60")),)
    )
    return dataclasses.replace(ind, timeprisgrundlag=g)


def test_a_level_in_no_tier_keeps_timepris_direkte():
    # niveau 1: 1 t × 492,07
    assert beregn(_med_trin()).servicetakster["1"] == Decimal("492.07")


def test_a_level_in_a_tier_uses_its_timepris():
    # niveau 2: 3 t × 533,08 = 1.599,24
    assert beregn(_med_trin()).servicetakster["2"] == Decimal("1599.24")


def test_sick_leave_in_a_scenario_reprices_the_tier():
    # egen sygdom 5 % -> 6 %: fravær 23 % of 1.924 = 442,52 t; fremmøde 1.481,48 t;
    # × 0,60 = 888,888 t; 480.000 / 888,888 = 540,0005… -> 540,00 kr.;
    # niveau 3: 5 t × 540,00 = 2.700,00
    aendring = aendring_af(
        Art.FRAVAER_LINJE, {"kategori": "egen_sygdom", "procent": "6"}, AAR, KATEGORIER
    )
    ind = anvend(_med_trin(), [(1, aendring)])
    assert beregn(ind).servicetakster["3"] == Decimal("2700.00")
