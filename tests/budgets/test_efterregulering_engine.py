"""Efterregulering of a closed year (issue 18 #3), the pure calculation."""

import dataclasses
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.engine import Indplacering, Ophold, TilbudGrundlag
from budgets.engine.afregning import Salgsophold, afregning
from budgets.engine.efterregulering import (
    Efterreguleringsregel,
    efterregulering,
    efterregulering_pr_doegn,
)
from budgets.engine.principper import beregner_for
from budgets.engine.vektor import (
    Tilbudsdata,
    maaneder_for_aaret,
    reference_maaneder,
)
from tests.budgets.test_engine_properties import (
    dateret,
    opholdene,
    tilbudene,
)


def test_a_6_percent_overskud_gives_5_percent_to_the_frame_and_1_to_the_takst():
    # Takst basis 10,000,000; realised 9,400,000 → overskud 600,000 = 6 %.
    # Band 5 % = 500,000 → frame 2027; the rest 100,000 → takst 2028.
    e = efterregulering(2026, Decimal("10000000"), Decimal("9400000"))
    assert e.resultat == Decimal("600000")
    assert e.procent == Decimal("6")
    assert e.graense == Decimal("500000.00")
    assert (e.ramme_aar, e.til_ramme) == (2027, Decimal("500000"))
    assert (e.takst_aar, e.til_takst) == (2028, Decimal("100000"))


def test_the_overskud_lowers_the_takst_two_years_later_per_doegn():
    # 2028 has 366 days: 8 × 366 × 97 % = 2,840.16 døgn;
    # −100,000 / 2,840.16 = −35.2093… → −35.21 kr. per døgn.
    assert efterregulering_pr_doegn(
        Decimal("100000"), 8, 2028, Decimal("97")
    ) == Decimal("-35.21")


def test_an_underskud_within_the_band_goes_to_the_frame_only():
    # 1,000,000 − 1,030,000 = −30,000 (−3 %), band 50,000.
    e = efterregulering(2026, Decimal("1000000"), Decimal("1030000"))
    assert (e.til_ramme, e.til_takst) == (Decimal("-30000"), Decimal("0"))


def test_an_underskud_beyond_the_band_raises_the_takst():
    # −80,000: −50,000 to the frame, −30,000 into the takst; 2027: 10 pladser ×
    # 365 × 100 % = 3,650 døgn; 30,000 / 3,650 = 8.2191… → +8.22 kr. per døgn.
    e = efterregulering(2025, Decimal("1000000"), Decimal("1080000"))
    assert (e.til_ramme, e.til_takst) == (Decimal("-50000.00"), Decimal("-30000.00"))
    assert efterregulering_pr_doegn(e.til_takst, 10, 2027, Decimal("100")) == Decimal(
        "8.22"
    )


def test_the_band_and_the_delay_are_settings():
    # 3 % of 1,000,000 = 30,000; overskud 50,000 → 20,000 into the takst of 2027.
    regel = Efterreguleringsregel(baand_procent=Decimal("3"), takst_aar_senere=1)
    e = efterregulering(2026, Decimal("1000000"), Decimal("950000"), regel)
    assert (e.til_ramme, e.til_takst, e.takst_aar) == (
        Decimal("30000.00"),
        Decimal("20000.00"),
        2027,
    )


def test_no_forudsatte_doegn_gives_no_line():
    assert efterregulering_pr_doegn(Decimal("100"), 8, 2028, Decimal("0")) is None


# ---------------------------------------------------------------- in the prices
# Issue 18 #3: the line is part of every døgntakst (the basistakst part) and
# the booked parts move the fast budget. Tilbud of the worked example: 8
# pladser, 97 %; 2028 has 366 days, so 8 × 366 × 0.97 = 2,840.16 forudsatte
# døgn; til_takst 29,000 → −29,000 / 2,840.16 = −10.2107… → −10.21 kr.

SERVICE = {"1": Decimal("492.07"), "2": Decimal("1476.21")}


def _tilbud(princip: str = "hybrid", **kw) -> TilbudGrundlag:
    return TilbudGrundlag(
        id=1,
        navn="A",
        pladser=8,
        tildelingsprincip=princip,
        forudsat_belaegning=Decimal(97),
        reguleringsandel=Decimal(100),
        faste_udgifter=Decimal("2900000"),
        efterregulering_til_takst=Decimal("29000"),
        efterregulering_til_ramme=Decimal("145000"),
        **kw,
    )


def test_the_price_list_carries_the_line_in_the_basistakst_part():
    pl = _tilbud().prisliste(2028, Decimal("492.07"), SERVICE, Decimal("1021.07"))
    assert pl.efterregulering == Decimal("-10.21")
    assert pl.basisdel == Decimal("1010.86")  # 1,021.07 − 10.21
    # 1,021.07 − 10.21 + 1,476.21 = 2,487.07
    assert pl.doegntakst(Indplacering(date(2028, 1, 1), "2")) == Decimal("2487.07")


def test_no_booking_no_line():
    t = dataclasses.replace(_tilbud(), efterregulering_til_takst=Decimal(0))
    pl = t.prisliste(2028, Decimal("492.07"), SERVICE, Decimal("1021.07"))
    assert (pl.efterregulering, pl.basisdel) == (0, Decimal("1021.07"))


def test_hybrid_fast_budget_moves_by_the_frame_part_less_the_takst_part():
    pl = _tilbud().prisliste(2028, Decimal("492.07"), SERVICE, Decimal("1021.07"))
    b = beregner_for(_tilbud(), (), pl, 2028)
    # 2,900,000 + 145,000 − 29,000 = 3,016,000
    assert sum(b.fast) == Decimal("3016000")


def test_aktivitet_gets_the_frame_part_as_a_fixed_amount():
    t = _tilbud("aktivitet")
    pl = t.prisliste(2028, Decimal("492.07"), SERVICE, Decimal("1021.07"))
    b = beregner_for(t, (), pl, 2028)
    # 145,000 spread by days: January 145,000 × 31 / 366 = 12,281.420… → 12,281.42
    assert b.fast[0] == Decimal("12281.42")
    assert sum(b.fast) == Decimal("145000")


def test_the_buyer_pays_the_line():
    t = _tilbud()
    pl = t.prisliste(2028, Decimal("492.07"), SERVICE, Decimal("1021.07"))
    o = Ophold(
        id=1,
        borger="Anna (010190-xxxx)",
        tilgang=date(2028, 3, 1),
        afgang=None,
        indplaceringer=(Indplacering(date(2028, 3, 1), "2"),),
        eksterne=((date(2028, 3, 1), None),),
    )
    s = Salgsophold(o, 1, "A", {"751": ((date(2028, 3, 1), None),)})
    (linje,) = afregning([(s, pl)], 2028, 3).kommune("751").linjer
    # 31 × (1,021.07 + 1,476.21 − 10.21) = 31 × 2,487.07 = 77,099.17
    assert (linje.efterregulering_pr_doegn, linje.beloeb) == (
        Decimal("-10.21"),
        Decimal("77099.17"),
    )


regulering = st.sampled_from([Decimal(0), Decimal("29000"), Decimal("-43210.55")])


@settings(max_examples=100, deadline=None)
@given(
    tilbud=tilbudene(),
    opholdene_=opholdene(),
    dateret_=dateret(),
    til_takst=regulering,
    til_ramme=regulering,
)
def test_the_vectorised_engine_prices_the_line_as_the_reference(
    tilbud, opholdene_, dateret_, til_takst, til_ramme
):
    aar, pl = dateret_
    tilbud = dataclasses.replace(
        tilbud, efterregulering_til_takst=til_takst, efterregulering_til_ramme=til_ramme
    )
    pl = dataclasses.replace(pl, efterregulering=tilbud.efterregulering_pr_doegn(aar))
    data = Tilbudsdata(tilbud, tuple(opholdene_), pl)
    (vektor,) = maaneder_for_aaret([data], aar, None)
    assert reference_maaneder(data, aar, None) == vektor
