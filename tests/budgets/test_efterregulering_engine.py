"""Efterregulering of a closed year (issue 18 #3), the pure calculation."""

from decimal import Decimal

from budgets.engine.efterregulering import (
    Efterreguleringsregel,
    efterregulering,
    efterregulering_pr_doegn,
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
