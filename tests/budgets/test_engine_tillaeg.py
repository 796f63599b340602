"""Tillægstakst: a temporary add-on to one borger's døgntakst (issue 17).

Worked by hand. Timepris (direkte) 400 kr.; level 1 has a servicetakst of 500
kr. per døgn and the basistakst is 100 kr.; hybrid, so the aktivitetsbudget is
Σ servicetakst (+ tillæg) × financed days. 2026 and 2027 have 365 days.

The rule (budgets.engine.bidrag.tillaeg_perioder): a tillæg is paid on the days
of [fra, til) that the ophold is financed, so through the run-off after an
afgang (the last day of the month after it), capped by its own til.
"""

import dataclasses
from datetime import date
from decimal import Decimal

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Tillaeg,
    indtaegt_salg,
    paakraevede_timer,
    tilbud_budget,
    tillaeg_paa,
)
from budgets.forklaring import budgeteffekt_tekst, regulering_tekst
from tariffs.engine import Takstskift


def prisliste(aar: int = 2026) -> Prisliste:
    return Prisliste(aar, Decimal("400"), {"1": Decimal("500")}, Decimal("100"))


HYBRID = TilbudGrundlag(
    1, "Solbakken", 8, "hybrid", Decimal(97), Decimal(100), Decimal(0)
)
NATTEVAGT = "Ekstra nattevagt"


def ophold(
    tillaeg: tuple[Tillaeg, ...],
    tilgang: date = date(2025, 6, 1),
    afgang: date | None = None,
    **kw,
) -> Ophold:
    return Ophold(
        1,
        "Anna (010190-xxxx)",
        tilgang,
        afgang,
        (Indplacering(tilgang, "1"),),
        borger_id=7,
        tillaeg=tillaeg,
        **kw,
    )


def timer(
    fra: date, til: date | None, antal: str = "1.5", **kw
) -> Tillaeg:  # 1,5 timer
    return Tillaeg(fra, til, Decimal(antal), None, begrundelse=NATTEVAGT, **kw)


def kr(fra: date, til: date | None, beloeb: str = "250", **kw) -> Tillaeg:
    return Tillaeg(fra, til, None, Decimal(beloeb), begrundelse=NATTEVAGT, **kw)


MARTS = timer(date(2026, 3, 10), date(2026, 4, 1), registreret=date(2026, 3, 5))


def test_hours_for_22_days_in_march():
    # 1,5 timer × 400 kr. = 600,00 kr. pr. døgn; 10-31 March = 22 days (1 April
    # is the first day without): 22 × 600 = 13.200 kr. on top of the level's
    # 31 × 500 = 15.500 kr. in March: 28.700 kr.; February and April unchanged.
    b = tilbud_budget(HYBRID, [ophold((MARTS,))], prisliste(), 2026)
    assert b.aktivitet_korrigeret[1:4] == (
        Decimal("14000"),  # 28 × 500
        Decimal("28700"),
        Decimal("15000"),  # 30 × 500
    )
    assert b.aktivitet_korrigeret_aar - b.aktivitet_oprindeligt_aar == Decimal("13200")


def test_the_ledger_shows_its_start_and_its_end_like_a_level_change():
    # Registered 5 March, after 1 January: not in the oprindeligt budget. The
    # start, open: 10 March-31 December = 22 + 275 = 297 days × 600 = 178.200;
    # the end from 1 April: −275 × 600 = −165.000 (April 30, May 31, June 30,
    # July 31, August 31, September 30, October 31, November 30, December 31
    # = 275 days). Together 13.200 kr.
    b = tilbud_budget(HYBRID, [ophold((MARTS,))], prisliste(), 2026)
    poster = [(r.haendelse, r.virkning_fra, r.beloeb) for r in b.ledger]
    assert poster == [
        ("tillaeg", date(2026, 3, 10), Decimal("178200")),
        ("tillaeg_slut", date(2026, 4, 1), Decimal("-165000")),
    ]
    start, slut = b.ledger
    assert regulering_tekst(start, 2026) == (
        "Tillægstakst 1,5 timer pr. døgn fra 10. marts 2026: Ekstra nattevagt – "
        "aktivitetsbudget +178.200,00 kr. fra 10. marts"
    )
    assert regulering_tekst(slut, 2026) == (
        "Tillægstakst 1,5 timer pr. døgn slutter 1. april 2026: Ekstra nattevagt "
        "– aktivitetsbudget −165.000,00 kr. fra 1. april"
    )
    assert budgeteffekt_tekst(start, "Solbakken") == (
        "Tillægstakst 1,5 timer pr. døgn fra 10. marts 2026: Ekstra nattevagt. "
        "aktivitetsbudget for Solbakken: +178.200,00 kr. fra 10. marts 2026"
    )


def test_hours_are_rounded_to_oere_once_per_doegn():
    # Timepris 492,07: 1,5 × 492,07 = 738,105 → 738,11 kr. pr. døgn (half up,
    # once), × 10 days (1-10 March) = 7.381,10 kr. (not 7.381,05).
    pl = dataclasses.replace(prisliste(), timepris_direkte=Decimal("492.07"))
    t = timer(date(2026, 3, 1), date(2026, 3, 11))
    b = tilbud_budget(HYBRID, [ophold((t,))], pl, 2026)
    assert b.aktivitet_korrigeret[2] == Decimal("15500") + Decimal("7381.10")


def test_a_kr_tillaeg_runs_through_the_afgang_into_the_run_off():
    # 250 kr. pr. døgn from 1 March, open; afgang 10 April: financed through
    # 31 May, and so is the tillæg: March 31 × 250 = 7.750, April 30 × 250 =
    # 7.500, May 31 × 250 = 7.750, June 0. In all 92 × 250 = 23.000 kr.
    o = ophold((kr(date(2026, 3, 1), None),), afgang=date(2026, 4, 10))
    b = tilbud_budget(HYBRID, [o], prisliste(), 2026)
    level = (Decimal(15500), Decimal(15000), Decimal(15500), Decimal(0))
    tillaeg = (Decimal(7750), Decimal(7500), Decimal(7750), Decimal(0))
    assert b.aktivitet_korrigeret[2:6] == tuple(
        a + t for a, t in zip(level, tillaeg, strict=True)
    )


def test_its_own_end_caps_it_inside_the_run_off():
    # The same, ended from 15 May: 1 March-14 May = 31 + 30 + 14 = 75 days ×
    # 250 = 18.750 kr.; May holds 14 × 250 = 3.500.
    o = ophold((kr(date(2026, 3, 1), date(2026, 5, 15)),), afgang=date(2026, 4, 10))
    b = tilbud_budget(HYBRID, [o], prisliste(), 2026)
    assert b.aktivitet_korrigeret[4] == Decimal(15500) + Decimal(3500)
    uden = tilbud_budget(
        HYBRID, [ophold((), afgang=date(2026, 4, 10))], prisliste(), 2026
    )
    assert b.aktivitet_korrigeret_aar - uden.aktivitet_korrigeret_aar == Decimal(
        "18750"
    )


def test_a_december_afgang_carries_the_tillaeg_into_january():
    # 100 kr. from 1 December, open; afgang 10 December 2026: financed through
    # 31 January 2027. 2026: December 31 × 100 = 3.100 kr. 2027: the afgang was
    # registered (10 December) before 1 January, so the run-off is in the
    # oprindeligt budget, and the tillæg in force on 1 January with it:
    # January 31 × (500 + 100) = 18.600 kr., February nothing.
    t = kr(date(2026, 12, 1), None, "100", registreret=date(2026, 11, 20))
    o = ophold(
        (t,),
        afgang=date(2026, 12, 10),
        afgang_registreret=date(2026, 12, 10),
    )
    b26 = tilbud_budget(HYBRID, [o], prisliste(2026), 2026)
    assert b26.aktivitet_korrigeret[11] == Decimal(15500) + Decimal(3100)
    b27 = tilbud_budget(HYBRID, [o], prisliste(2027), 2027)
    assert b27.aktivitet_oprindeligt[:2] == (Decimal("18600"), Decimal(0))
    assert b27.aktivitet_korrigeret[:2] == (Decimal("18600"), Decimal(0))
    assert b27.ledger == ()


def test_a_tillaeg_in_force_on_1_january_is_in_the_oprindeligt_budget():
    # 250 kr. from 1 November 2025 until 1 March 2026: in force on 1 January,
    # so in the oprindeligt budget as open (like the level then in force); its
    # end from 1 March is an entry: −(365 − 59) = −306 days × 250 = −76.500.
    # Korrigeret: January-February 59 × 250 = 14.750 kr. of tillæg.
    t = kr(date(2025, 11, 1), date(2026, 3, 1), registreret=date(2025, 10, 28))
    b = tilbud_budget(HYBRID, [ophold((t,))], prisliste(), 2026)
    assert b.aktivitet_oprindeligt_aar == Decimal(365 * 500 + 365 * 250)
    assert b.aktivitet_korrigeret_aar == Decimal(365 * 500 + 14750)
    assert [(r.haendelse, r.beloeb) for r in b.ledger] == [
        ("tillaeg_slut", Decimal("-76500"))
    ]


def test_an_annulled_tillaeg_finances_nothing_and_its_annulment_is_an_entry():
    # The March tillæg, annulled on 20 March. The annulment takes effect from
    # its first day, 10 March, so it comes before the end (1 April) in the
    # ledger's order: +178.200 (the open tillæg), −178.200 (annulled), and the
    # end then changes nothing: 0.
    t = dataclasses.replace(MARTS, annulleret=date(2026, 3, 20))
    b = tilbud_budget(HYBRID, [ophold((t,))], prisliste(), 2026)
    assert b.aktivitet_korrigeret_aar == Decimal(365 * 500)
    assert [(r.haendelse, r.beloeb) for r in b.ledger] == [
        ("tillaeg", Decimal("178200")),
        ("annulleret_tillaeg", Decimal("-178200")),
        ("tillaeg_slut", Decimal(0)),
    ]


def test_a_sold_borger_pays_the_tillaeg_too():
    # Bought by another municipality all year. Døgntakst 100 + 500 = 600 ×
    # 365 = 219.000 kr.; tillæg 250 kr. from 1 July to 1 October = 31 + 31 +
    # 30 = 92 days × 250 = 23.000 kr. Sold income 242.000 kr.
    t = kr(date(2026, 7, 1), date(2026, 10, 1))
    o = ophold((t,), eksterne=((date(2000, 1, 1), None),))
    assert indtaegt_salg(o, prisliste(), 2026) == Decimal("242000")


def test_a_tillaeg_is_priced_at_the_timepris_in_force_that_day():
    # A takstskift from 16 March: timepris 400 until 15 March, 420 from then.
    # The March tillæg: 10-15 March 6 × 600 = 3.600; 16-31 March 16 × 630
    # (1,5 × 420) = 10.080; in all 13.680 kr.
    skift = Takstskift(date(2026, 3, 16), None, Decimal("400"), {"1": Decimal("500")})
    pl = dataclasses.replace(
        prisliste(), timepris_direkte=Decimal("420"), skift=(skift,)
    )
    b = tilbud_budget(HYBRID, [ophold((MARTS,))], pl, 2026)
    assert b.aktivitet_korrigeret[2] == Decimal(15500) + Decimal("13680")


def test_days_before_the_first_level_pay_no_tillaeg():
    # Tilgang 1 March, first level from 10 March: the tillæg from 1 March is
    # paid from 10 March only, 22 days × 250 = 5.500 kr. in March.
    o = Ophold(
        1,
        "B",
        date(2026, 3, 1),
        None,
        (Indplacering(date(2026, 3, 10), "1"),),
        tillaeg=(kr(date(2026, 3, 1), date(2026, 4, 1)),),
    )
    b = tilbud_budget(HYBRID, [o], prisliste(), 2026)
    assert b.aktivitet_korrigeret[2] == Decimal(22 * 500 + 5500)


def test_the_doegntakst_of_a_day_includes_the_tillaeg_then():
    o = ophold((MARTS,))
    assert tillaeg_paa(o, date(2026, 3, 31)) == (MARTS,)
    assert tillaeg_paa(o, date(2026, 4, 1)) == ()  # til is the first day without
    assert prisliste().tillaeg_pr_doegn(MARTS) == Decimal("600.00")


def test_hours_tillaeg_adds_required_hours_and_kr_none():
    # Level 1 at 1,25 timer pr. døgn × 365 = 456,25 timer; the March tillæg
    # 1,5 × 22 = 33 timer more. A kr tillæg brings no hours.
    timer_pr_kode = {"1": Decimal("1.25")}
    o = ophold((MARTS, kr(date(2026, 5, 1), None)))
    assert paakraevede_timer([o], timer_pr_kode, 2026) == Decimal("489.25")
