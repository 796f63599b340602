"""Issue 19 #1–#2: the pure prognose of one tilbud's year, on worked examples
computed by hand (budgets.engine.prognose)."""

import datetime
from decimal import Decimal

from budgets.engine.grundlag import TilbudGrundlag, Tildelingsprincip
from budgets.engine.prognose import (
    ForventetTilgang,
    Prognosegrundlag,
    aktivitet_pr_doegn,
    prognose,
    tilbageblik,
)

D = datetime.date
K = Decimal
DAG = D(2026, 9, 15)
# January–August have actuals of 100,000 kr. each; September–December are ahead.
FORBRUG = (K(100000),) * 8 + (None,) * 4
# The korrigeret budget by days: 1,000 kr. a day (30, 31, 30, 31 days ahead).
KORRIGERET = (K(31000),) * 8 + (K(30000), K(31000), K(30000), K(31000))


def _grundlag(**kw) -> Prognosegrundlag:
    return Prognosegrundlag(
        aar=2026, dag=DAG, korrigeret=KORRIGERET, forbrug=FORBRUG, **kw
    )


def test_the_months_behind_are_their_forbrug_and_ahead_the_budget_by_days():
    p = prognose(_grundlag())
    assert [m.i_alt for m in p.maaneder[:8]] == [K(100000)] * 8
    assert [m.kendt for m in p.maaneder[8:]] == [K(30000), K(31000), K(30000), K(31000)]
    assert not p.saesonprofil
    # 8 × 100,000 + 122,000 = 922,000
    assert p.i_alt == K(922000)


def test_the_budget_ahead_is_phased_by_last_years_forbrug():
    # Last year September–November 10,000 each, December 20,000 (holiday pay):
    # 50,000 in all. The 122,000 ahead: 122,000 × 10,000 / 50,000 = 24,400 for
    # each of September–November, December the rest 122,000 − 73,200 = 48,800.
    sidste = (K(1),) * 8 + (K(10000), K(10000), K(10000), K(20000))
    p = prognose(_grundlag(sidste_aars_forbrug=sidste))
    assert p.saesonprofil
    assert [m.kendt for m in p.maaneder[8:]] == [
        K("24400.00"),
        K("24400.00"),
        K("24400.00"),
        K("48800.00"),
    ]
    assert p.i_alt == K(922000)  # phasing moves money between months, never adds


def test_a_phased_remainder_goes_to_the_last_month_ahead():
    # 122,000 shared 1:1:1: 40,666.666… → 40,666.67 twice, the last
    # 122,000 − 81,333.34 = 40,666.66 (three months ahead: from October).
    forbrug = (K(100000),) * 9 + (None,) * 3
    sidste = (K(1),) * 9 + (K(5), K(5), K(5))
    korrigeret = (K(0),) * 9 + (K(40000), K(41000), K(41000))
    p = prognose(
        Prognosegrundlag(
            aar=2026,
            dag=D(2026, 10, 5),
            korrigeret=korrigeret,
            forbrug=forbrug,
            sidste_aars_forbrug=sidste,
        )
    )
    assert [m.kendt for m in p.maaneder[9:]] == [
        K("40666.67"),
        K("40666.67"),
        K("40666.66"),
    ]


def test_a_month_without_last_years_forbrug_keeps_the_budget_by_days():
    sidste = (K(1),) * 8 + (K(10000), None, K(10000), K(20000))
    p = prognose(_grundlag(sidste_aars_forbrug=sidste))
    assert not p.saesonprofil
    assert [m.kendt for m in p.maaneder[8:]] == list(KORRIGERET[8:])


def test_an_expected_tilgang_counts_from_its_date_times_its_probability():
    # 50 % likely from 20 October at 1,500 kr. a day:
    # October 12 days (20–31) × 1,500 × 0.5 = 9,000; November 30 × 750 = 22,500;
    # December 31 × 750 = 23,250. September nothing.
    t = ForventetTilgang(D(2026, 10, 20), K("0.5"), K(1500))
    p = prognose(_grundlag(tilgange=[t]))
    assert [m.tilgange for m in p.maaneder[8:]] == [
        K(0),
        K("9000.00"),
        K("22500.00"),
        K("23250.00"),
    ]
    # 922,000 + 54,750 = 976,750
    assert p.i_alt == K(976750)


def test_an_expected_tilgang_dated_in_the_past_counts_from_the_day():
    # Wanted from 1 September, not placed yet: from 15 September, 16 days
    # (15–30) × 1,500 × 0.5 = 12,000 in September.
    t = ForventetTilgang(D(2026, 9, 1), K("0.5"), K(1500))
    assert prognose(_grundlag(tilgange=[t])).maaneder[8].tilgange == K("12000.00")


def test_expected_afgange_follow_the_length_of_stay_and_the_run_off():
    # Residents at 1,000 and 2,000 kr. a day (3,000), stays of 1,825 days on
    # average. An afgang is past its run-off in month m only if before the first
    # day of m − 1: September and October lose nothing (1 August, 1 September
    # are before the day). November: by 1 October 16 days have passed,
    # 3,000 × 30 × 16 / 1,825 = 789.041… → −789.04. December: by 1 November
    # 47 days, 3,000 × 31 × 47 / 1,825 = 2,395.068… → −2,395.07.
    p = prognose(_grundlag(beboere=[K(1000), K(2000)], gns_opholdsdage=K(1825)))
    assert [m.afgange for m in p.maaneder[8:]] == [
        K(0),
        K(0),
        K("-789.04"),
        K("-2395.07"),
    ]
    # 922,000 − 789.04 − 2,395.07 = 918,815.89
    assert p.i_alt == K("918815.89")


def test_no_ended_stays_expect_no_afgange():
    p = prognose(_grundlag(beboere=[K(1000)], gns_opholdsdage=None))
    assert all(m.afgange == 0 for m in p.maaneder)


def test_back_testing_compares_each_month_with_the_prognose_made_before_it():
    # Prognoses made at the end of January and of February; actuals for
    # January–March. March against February's (k = 1): said 118,000, happened
    # 120,000: +2,000, 2,000 / 120,000 = 1.666… %. February against January's
    # (k = 1): said 112,000, happened 110,000: −2,000. No prognose three or six
    # months before any of them.
    jan = (K(0), K(112000), K(115000)) + (K(0),) * 9
    feb = (K(0), K(0), K(118000)) + (K(0),) * 9
    forbrug = (K(100000), K(110000), K(120000)) + (None,) * 9
    rows = tilbageblik({1: jan, 2: feb}, forbrug)
    assert [(r.maaned, r.foer, r.sagt, r.skete) for r in rows] == [
        (2, 1, K(112000), K(110000)),
        (3, 1, K(118000), K(120000)),
    ]
    assert rows[1].afvigelse == K(2000)
    assert f"{rows[1].procent:.4f}" == "1.6667"
    assert rows[0].afvigelse == K(-2000)


def _tilbud(princip: str) -> TilbudGrundlag:
    return TilbudGrundlag(
        id=1,
        navn="T",
        pladser=8,
        tildelingsprincip=princip,
        forudsat_belaegning=K(97),
        faste_udgifter=K(0),
        reguleringsandel=K(50),
    )


def test_a_borger_day_moves_the_budget_by_the_principles_activity():
    # hybrid: the servicetakst 1,476.21; aktivitet: (basistakst 800 + 1,476.21)
    # × 50 % = 1,138.105; ramme: nothing.
    assert aktivitet_pr_doegn(
        _tilbud(Tildelingsprincip.HYBRID), K(800), K("1476.21")
    ) == K("1476.21")
    assert aktivitet_pr_doegn(
        _tilbud(Tildelingsprincip.AKTIVITET), K(800), K("1476.21")
    ) == K("1138.105")
    assert (
        aktivitet_pr_doegn(_tilbud(Tildelingsprincip.RAMME), K(800), K("1476.21")) == 0
    )
