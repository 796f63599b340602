"""Stays are [tilgang, afgang) and a borger-day is financed once per tilbud.

Issue 12, items 1, 2 and 7 (DOMAIN.md §8 "Stays and days"). Takst 500 kr. per
døgn (servicetakst) and a basistakst of 100 kr.; 2026 has 365 days.
"""

from datetime import date
from decimal import Decimal

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    aarstotal,
    noegletal,
    tilbud_budget,
)

AAR = 2026
PRISLISTE = Prisliste(AAR, Decimal("492.07"), {"1": Decimal("500")}, Decimal("100"))
HYBRID = TilbudGrundlag(
    1, "Solbakken", 8, "hybrid", Decimal(97), Decimal(100), Decimal(0)
)


# Paid for by another municipality since before any stay.
SOLGT = ((date(2000, 1, 1), None),)


def stay(
    id: int, tilgang: date, afgang: date | None = None, borger_id: int = 7, **kw
) -> Ophold:
    return Ophold(
        id,
        "Anna (010190-xxxx)",
        tilgang,
        afgang,
        (Indplacering(tilgang, "1"),),
        borger_id=borger_id,
        **kw,
    )


def budget(opholdene, t=HYBRID, prisliste=PRISLISTE, aar=AAR):
    return tilbud_budget(t, opholdene, prisliste, aar)


def noegle(opholdene, idag=date(2026, 3, 31)):
    return noegletal(HYBRID, opholdene, PRISLISTE, budget(opholdene), {}, AAR, idag)


# --- Item 1: re-entry during the run-off ---

LEAVES_10_MARCH_RETURNS_15_APRIL = [
    stay(1, date(2025, 6, 1), date(2026, 3, 10)),
    stay(2, date(2026, 4, 15), tilgang_registreret=date(2026, 4, 15)),
]


def test_return_during_the_run_off_is_financed_once():
    # 1 Jan-14 Apr (31 + 28 + 31 + 14 = 104 days) + 15 Apr-31 Dec (261 days)
    # = 365 days × 500 = 182,500 kr. (not 120 + 261 = 381 days = 190,500 kr.)
    result = budget(LEAVES_10_MARCH_RETURNS_15_APRIL)
    assert result.aktivitet_korrigeret_aar == Decimal("182500")


def test_return_during_the_run_off_pays_april_once():
    # April: 14 days of the first stay + 16 days of the second = 30 × 500
    assert budget(LEAVES_10_MARCH_RETURNS_15_APRIL).aktivitet_korrigeret[3] == Decimal(
        "15000"
    )


def test_return_during_the_run_off_shows_the_cut_as_its_own_entry():
    # The 16 days 15-30 April of the run-off: −16 × 500 = −8,000 kr.
    ledger = budget(LEAVES_10_MARCH_RETURNS_15_APRIL).ledger
    cut = [r for r in ledger if r.haendelse == "genindflytning"]
    assert [(r.virkning_fra, r.beloeb) for r in cut] == [
        (date(2026, 4, 15), Decimal("-8000"))
    ]


def test_return_during_the_run_off_keeps_the_ledger_sum():
    # Afgang −(365 − 120) × 500 = −122,500; tilgang +261 × 500 = +130,500;
    # cut −8,000: the sum 0 is korrigeret 182,500 − oprindeligt 182,500.
    ledger = budget(LEAVES_10_MARCH_RETURNS_15_APRIL).ledger
    assert [r.beloeb for r in ledger] == [
        Decimal("-122500"),
        Decimal("130500"),
        Decimal("-8000"),
    ]


def test_return_after_the_run_off_changes_nothing():
    # Afgang 10 March financed through 30 April (120 days); back 1 May (245 days):
    # 365 × 500 = 182,500 and no cut entry.
    opholdene = [
        stay(1, date(2025, 6, 1), date(2026, 3, 10)),
        stay(2, date(2026, 5, 1)),
    ]
    result = budget(opholdene)
    assert result.aktivitet_korrigeret_aar == Decimal("182500")
    assert all(r.haendelse != "genindflytning" for r in result.ledger)


def test_return_in_january_cuts_a_december_run_off():
    # Afgang 10.12.2025 is financed through 31.01.2026; back 15.01.2026: 2026 has
    # 14 days of the first stay + 351 of the second = 365 × 500 = 182,500 kr.
    opholdene = [
        stay(1, date(2025, 6, 1), date(2025, 12, 10)),
        stay(2, date(2026, 1, 15)),
    ]
    assert budget(opholdene).aktivitet_korrigeret_aar == Decimal("182500")


def test_another_borgers_tilgang_does_not_cut_the_run_off():
    # Borger 7 leaves 10 March (120 days); borger 8 arrives 15 April (261 days).
    opholdene = [
        stay(1, date(2025, 6, 1), date(2026, 3, 10)),
        stay(2, date(2026, 4, 15), borger_id=8),
    ]
    # (120 + 261) × 500 = 190,500 kr.
    assert budget(opholdene).aktivitet_korrigeret_aar == Decimal("190500")


def test_sold_place_income_of_a_return_is_paid_once():
    # 365 financed days × døgntakst (100 + 500) = 219,000 kr.
    opholdene = [
        stay(1, date(2025, 6, 1), date(2026, 3, 10), eksterne=SOLGT),
        stay(2, date(2026, 4, 15), eksterne=SOLGT),
    ]
    assert noegle(opholdene).indtaegt_salg == Decimal("219000")


def test_zero_length_stay_finances_nothing():
    # [10 March, 10 March) holds no day, so no run-off either.
    assert aarstotal(
        budget([stay(1, date(2026, 3, 10), date(2026, 3, 10))]).aktivitet_korrigeret
    ) == Decimal(0)


# --- Item 2: the omplacering day is counted once ---

# Resident of tilbud A since 2025, moved to tilbud B on 31 March 2026.
I_A = stay(1, date(2025, 6, 1), date(2026, 3, 31), omplacering_til="B")
I_B = stay(2, date(2026, 3, 31), omplacering_fra="A")


def test_omplacering_day_belongs_to_the_new_tilbud_in_borgerdage():
    # A: 1 Jan-30 Mar = 31 + 28 + 30 = 89 days; B: 31 Mar-31 Dec = 1 + 275 = 276.
    # 89 + 276 = 365, the days of the year (not 90 + 276 = 366).
    assert (noegle([I_A]).borgerdage, noegle([I_B]).borgerdage) == (89, 276)


def test_omplacering_day_counts_one_borger_on_that_day():
    counts = (
        sum(noegle([I_A]).borgere_pr_niveau.values()),
        sum(noegle([I_B]).borgere_pr_niveau.values()),
    )
    assert counts == (0, 1)


def test_omplacering_on_the_last_day_of_the_month_counts_at_month_end_once():
    assert (noegle([I_A]).borgere_ultimo[2], noegle([I_B]).borgere_ultimo[2]) == (0, 1)


def test_helaarspersoner_of_an_omplacering_sum_to_one():
    # 89 / 365 + 276 / 365 = 1
    total = noegle([I_A]).helaarspersoner + noegle([I_B]).helaarspersoner
    assert total == Decimal(1)


def test_afgang_day_is_not_a_day_in_the_tilbud():
    # Afgang 10 March: lives there 1 Jan-9 Mar = 31 + 28 + 9 = 68 days.
    assert noegle([stay(1, date(2025, 6, 1), date(2026, 3, 10))]).borgerdage == 68


def test_sold_place_is_not_counted_on_the_afgang_day():
    o = stay(1, date(2025, 6, 1), date(2026, 3, 31), eksterne=SOLGT)
    assert noegle([o], idag=date(2026, 3, 31)).solgte_pladser == 0
