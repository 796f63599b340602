"""Issue 17: a published ladder entered exactly (a takstniveau with a fast pris).

The webinar's ydelsespakke ladder gives kr and minutes per døgn that no single
timepris reproduces; each level's servicetakst is exactly its kr, whatever the
timepris. conftest's timepris_direkte is 492,07 kr. (DOMAIN.md §2).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from config.lib.money import round_half_up
from tariffs import engine
from tariffs.models import Takstniveau, Takstskift
from tariffs.selectors import servicetakster_for, takstmodel_for_aar
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL

D = Decimal

# The ladder as published: (minutes per døgn, kr per døgn), steps 1-12. The
# kr per minute fall from 7,50 (step 1: 150 / 20) to 6,35 (step 11: 3.050 /
# 480) and rise to 7,50 at step 12 (4.500 / 600: night cover included): no one
# timepris gives them all.
STIGE = [
    ("20", "150.00"),
    ("40", "285.00"),
    ("60", "420.00"),
    ("90", "615.00"),
    ("120", "810.00"),
    ("150", "1000.00"),
    ("180", "1190.00"),
    ("240", "1560.00"),
    ("300", "1935.00"),
    ("360", "2300.00"),
    ("480", "3050.00"),
    ("600", "4500.00"),
]
# Spans in minutes per døgn: step k from GRAENSER[k-1] to GRAENSER[k]; the top
# is open.
GRAENSER = ["0", "30", "50", "75", "105", "135", "165", "210", "270", "330", "420"]
GRAENSER += ["540", None]


def stige_niveauer() -> list[dict]:
    """The 12 steps as service input: takstgivende is the published minutes."""
    return [
        {
            "kode": f"P{nr}",
            "navn": f"Pakke {nr}",
            "nedre": D(GRAENSER[nr - 1]),
            "oevre": None if GRAENSER[nr] is None else D(GRAENSER[nr]),
            "takstgivende": D(minutter),
            "fast_pris": D(kr),
            "minutter_pr_doegn": D(minutter),
        }
        for nr, (minutter, kr) in enumerate(STIGE, start=1)
    ]


def stige_model(aar: int, user):
    """A takstmodel in minutes per døgn holding the 12-step ladder."""
    timepris = timeprismodel_save(
        acting_user=user,
        aar=aar,
        navn=f"Timepris {aar}",
        aarsloen=D("480000"),
        aarsnorm_timer=D("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    return takstmodel_save(
        acting_user=user,
        aar=aar,
        navn=f"Ydelsespakker {aar}",
        enhed="minutter_pr_doegn",
        timeprismodel=timepris,
        niveauer=stige_niveauer(),
    )


# --- engine -----------------------------------------------------------------------


def test_a_fixed_price_level_costs_its_price_not_hours_times_timepris():
    # 20 minutes × 492,07 / 60 would be 164,02 kr.; the published price wins.
    niveau = engine.Niveau("P1", "Pakke 1", D(0), D(30), D(20), fast_pris=D("150"))
    takst = engine.servicetakst_pr_doegn(niveau, "minutter_pr_doegn", D("492.07"))
    assert takst == D("150.00")


def test_a_fixed_price_does_not_move_with_the_timepris():
    niveau = engine.Niveau("P1", "Pakke 1", D(0), D(30), D(20), fast_pris=D("150"))
    takst = engine.servicetakst_pr_doegn(niveau, "minutter_pr_doegn", D("600"))
    assert takst == D("150.00")


def test_implied_hours_are_the_price_divided_by_the_timepris():
    # 4.500 / 492,07 = 9,14504… hours per døgn (492,07 × 9,145 = 4.499,98).
    timer = engine.implicitte_timer_pr_doegn(D("4500"), D("492.07"))
    assert round_half_up(timer, 2) == D("9.15")


def test_a_saertakst_cannot_have_a_fixed_price():
    niveau = engine.Niveau(
        "S1", "Særtakst", D(6), None, saertakst=True, fast_pris=D("100")
    )
    assert engine.niveau_fejl([niveau]) == [
        (0, "fast_pris", engine.FAST_PRIS_SAERTAKST)
    ]


# --- service, selectors, history ------------------------------------------------------


def test_the_12_step_ladder_is_priced_at_exactly_its_kroner(oekonomichef):
    model = stige_model(2026, oekonomichef)
    forventet = {f"P{nr}": D(kr) for nr, (_, kr) in enumerate(STIGE, start=1)}
    assert servicetakster_for(takstmodel_for_aar(model.aar)) == forventet


def test_the_published_minutes_are_stored_as_entered(oekonomichef):
    stige_model(2026, oekonomichef)
    minutter = list(
        Takstniveau.objects.filter(takstmodel__aar=2026)
        .order_by("raekkefoelge")
        .values_list("minutter_pr_doegn", flat=True)
    )
    assert minutter == [D(m) for m, _ in STIGE]


def test_a_changed_fixed_price_keeps_its_history(oekonomichef):
    model = stige_model(2026, oekonomichef)
    niveauer = stige_niveauer()
    niveauer[0]["fast_pris"] = D("160.00")
    takstmodel_save(
        acting_user=oekonomichef,
        takstmodel=model,
        aar=2026,
        navn=model.navn,
        enhed=model.enhed,
        timeprismodel=model.timeprismodel,
        niveauer=niveauer,
    )
    historik = Takstniveau.history.filter(kode="P1").order_by("history_date")
    assert [h.fast_pris for h in historik] == [D("150.00"), D("160.00")]


def test_a_saertakst_with_a_fixed_price_is_refused(oekonomichef):
    niveauer = stige_niveauer() + [
        {
            "kode": "S1",
            "navn": "Særtakst",
            "nedre": D(700),
            "oevre": None,
            "saertakst": True,
            "fast_pris": D("100"),
        }
    ]
    model = stige_model(2026, oekonomichef)
    with pytest.raises(ValidationError):
        takstmodel_save(
            acting_user=oekonomichef,
            takstmodel=model,
            aar=2026,
            navn=model.navn,
            enhed=model.enhed,
            timeprismodel=model.timeprismodel,
            niveauer=niveauer,
        )
    assert not Takstniveau.objects.filter(kode="S1").exists()


def test_a_new_salary_moves_no_fixed_price(oekonomichef):
    model = stige_model(2026, oekonomichef)
    tp = model.timeprismodel
    timeprismodel_save(
        acting_user=oekonomichef,
        timeprismodel=tp,
        aar=2026,
        navn=tp.navn,
        aarsloen=D("500000"),
        aarsnorm_timer=tp.aarsnorm_timer,
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    assert servicetakster_for(takstmodel_for_aar(2026))["P12"] == D("4500.00")


def test_a_dated_change_of_a_fixed_price_keeps_the_old_price_before_the_date(
    oekonomichef,
):
    """Takstskift (issue 13 #3): the price before gyldig fra is stored."""
    model = stige_model(2026, oekonomichef)
    niveauer = stige_niveauer()
    niveauer[0]["fast_pris"] = D("160.00")
    takstmodel_save(
        acting_user=oekonomichef,
        takstmodel=model,
        aar=2026,
        navn=model.navn,
        enhed=model.enhed,
        timeprismodel=model.timeprismodel,
        niveauer=niveauer,
        gyldig_fra=datetime.date(2026, 7, 1),
    )
    skift = Takstskift.objects.get(aar=2026)
    foer = {s.kode: s.servicetakst for s in skift.servicetakster.all()}
    assert (foer["P1"], foer["P12"]) == (D("150.00"), D("4500.00"))
