"""Issue 17 (DOMAIN.md §2 variants): a separate timepris for ekstratimer.

The worked example, computed by hand:

    årsløn 450.000 kr.; årsnorm 1.924 t
    fravær: ferie 224 t + egen sygdom 100 t                   = 324 t
    fremmøde: 1.924 − 324                                     = 1.600 t
    tidsanvendelse: dokumentation 25 % af fremmødet: 0,25 × 1.600 = 400 t
    direkte: 1.600 − 400                                      = 1.200 t
    timepris_direkte = 450.000 / 1.200                        = 375,00 kr.
    ekstratimer, 85 % direkte tid: 1.600 × 0,85               = 1.360 t
    timepris_ekstratimer = 450.000 / 1.360 = 330,882352… ->     330,88 kr.

A borger's tillægstakst of 1,5 timer pr. døgn (ekstratimer):
    1,5 × 330,88 = 496,32 kr. pr. døgn (without the share: 1,5 × 375 = 562,50)
    10.–31. marts (til 1. april) = 22 døgn: 22 × 496,32 = 10.919,04 kr.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Tillaeg,
    tilbud_budget,
)
from budgets.engine.vektor import Tilbudsdata, maaneder_for_aaret, reference_maaneder
from tariffs.engine import (
    EKSTRATIMER_PROCENT_FEJL,
    Linje,
    Takstskift,
    Timeprisgrundlag,
    fremmoede_timer,
    timepris_direkte,
    timepris_ekstratimer,
    timepris_hvis,
    timepriser,
)

D = Decimal


def eksempel(procent: str | None = "85") -> Timeprisgrundlag:
    return Timeprisgrundlag(
        aarsloen=D("450000"),
        aarsnorm_timer=D("1924"),
        fravaer=(
            Linje("ferie", timer=D("224")),
            Linje("egen_sygdom", timer=D("100")),
        ),
        tidsanvendelse=(Linje("dokumentation", procent=D("25")),),
        ekstratimer_direkte_procent=None if procent is None else D(procent),
    )


def test_the_worked_example_by_hand():
    g = eksempel()
    assert fremmoede_timer(g) == D("1600")
    assert timepris_direkte(g) == D("375.00")
    assert timepris_ekstratimer(g) == D("330.88")
    t = timepriser(g)
    assert t.ekstratimer_direkte_timer == D("1360")  # 1.600 × 0,85
    assert t.timepris_ekstratimer == D("330.88")
    assert t.ekstratimepris == D("330.88")


def test_without_a_share_ekstratimer_cost_timepris_direkte():
    t = timepriser(eksempel(None))
    assert t.timepris_ekstratimer is None
    assert t.ekstratimer_direkte_timer is None
    assert t.ekstratimepris == D("375.00")


@pytest.mark.parametrize("procent", ["0", "100.001", "-5"])
def test_a_share_outside_0_to_100_is_refused(procent):
    with pytest.raises(ValueError, match=EKSTRATIMER_PROCENT_FEJL):
        timepris_ekstratimer(eksempel(procent))


def test_a_what_if_keeps_the_share_and_its_difference():
    # Årsløn 459.000: ekstratimer 459.000 / 1.360 = 337,50 kr., +6,62 kr.
    hvis = timepris_hvis(eksempel(), aarsloen=D("459000"))
    assert hvis.efter.timepris_ekstratimer == D("337.50")
    assert hvis.forskel.timepris_ekstratimer == D("6.62")
    uden = timepris_hvis(eksempel(None), aarsloen=D("459000"))
    assert uden.forskel.timepris_ekstratimer is None


# --- The budget: a tillæg in hours is priced at the ekstratimer's timepris -------

HYBRID = TilbudGrundlag(1, "Solbakken", 8, "hybrid", D(97), D(100), D(0))
TILLAEG = Tillaeg(
    date(2026, 3, 10), date(2026, 4, 1), D("1.5"), None, registreret=date(2026, 3, 5)
)


def _ophold() -> Ophold:
    return Ophold(
        1,
        "Anna (010190-xxxx)",
        date(2025, 6, 1),
        None,
        (Indplacering(date(2025, 6, 1), "1"),),
        borger_id=7,
        tillaeg=(TILLAEG,),
    )


def _prisliste(ekstra: str | None) -> Prisliste:
    """Level 1's servicetakst 375,00 (1 t × 375,00); basistakst 100."""
    return Prisliste(
        2026,
        D("375.00"),
        {"1": D("375.00")},
        D("100"),
        timepris_ekstratimer=None if ekstra is None else D(ekstra),
    )


def test_the_tillaeg_costs_hours_times_the_ekstratimer_timepris():
    # March: 31 × 375,00 = 11.625,00 + 22 × 496,32 = 10.919,04 -> 22.544,04.
    b = tilbud_budget(HYBRID, [_ophold()], _prisliste("330.88"), 2026)
    assert b.aktivitet_korrigeret[2] == D("22544.04")
    # Without the share: 11.625,00 + 22 × 562,50 = 12.375,00 -> 24.000,00.
    b = tilbud_budget(HYBRID, [_ophold()], _prisliste(None), 2026)
    assert b.aktivitet_korrigeret[2] == D("24000.00")


def test_a_dated_change_prices_the_days_before_it_at_the_old_timepris():
    # Up to 20 March ekstratimer cost timepris_direkte (562,50 pr. døgn), from 21
    # March 330,88 (496,32 pr. døgn): 10.–20. = 11 × 562,50 = 6.187,50;
    # 21.–31. = 11 × 496,32 = 5.459,52; March 11.625,00 + 11.647,02 = 23.272,02.
    skift = Takstskift(
        date(2026, 3, 21), date(2026, 3, 5), D("375.00"), {"1": D("375.00")}, None
    )
    pl = dataclasses.replace(_prisliste("330.88"), skift=(skift,))
    b = tilbud_budget(HYBRID, [_ophold()], pl, 2026)
    assert b.aktivitet_korrigeret[2] == D("23272.02")


def test_the_vectorised_engine_prices_it_as_the_reference():
    # The same March, 22.544,04 kr., from budgets.engine.vektor.
    data = Tilbudsdata(HYBRID, (_ophold(),), _prisliste("330.88"))
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_korrigeret[2] == D("22544.04")
    assert m == reference_maaneder(data, 2026, None)
