"""The monthly settlement with the buying municipalities (issue 18 #1), by hand.

Prices as in test_engine_salg: basistakst 100 kr.; level 1 servicetakst 900
(døgntakst 1,000), level 2 servicetakst 1,400 (døgntakst 1,500). Year 2026.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from budgets.engine import Indplacering, Ophold, Prisliste, indtaegt_salg
from budgets.engine.afregning import (
    Afloeb,
    Salgsophold,
    afregning,
    frist_naermer_sig,
    kommuneperioder,
    kravfrist,
    maaneder_med_varsel,
)
from budgets.engine.grundlag import Tillaeg
from tariffs.engine import Takstskift

AAR = 2026
PRISLISTE = Prisliste(
    AAR, Decimal("492.07"), {"1": Decimal("900"), "2": Decimal("1400")}, Decimal("100")
)
EGNE = ("", "707")


def salg(skift, tilgang, afgang=None, niveauer=None, prisliste=PRISLISTE):
    niveauer = niveauer or ((tilgang, "1"),)
    kommuner = kommuneperioder(skift, EGNE)
    eksterne = tuple(p for perioder in kommuner.values() for p in perioder)
    ophold = Ophold(
        1,
        "Anna (010190-xxxx)",
        tilgang,
        afgang,
        tuple(Indplacering(fra, kode) for fra, kode in niveauer),
        eksterne=tuple(sorted(eksterne)),
        borger_id=7,
    )
    return Salgsophold(ophold, 3, "Ahorn", kommuner), prisliste


SOLGT_10_MARTS = salg(
    [(date(2026, 3, 10), "751")], date(2026, 3, 10), date(2026, 8, 20)
)


def maaned(s, m, afloeb=Afloeb.MAANED_PLUS_1):
    return afregning([s], AAR, m, afloeb)


def test_sold_from_10_march_bills_22_days_in_march():
    # 10-31 March = 22 days × 1,000 kr. = 22,000 kr., to 751.
    a = maaned(SOLGT_10_MARTS, 3)
    (k,) = a.kommuner
    assert (k.kommunekode, k.dage, k.beloeb) == ("751", 22, Decimal("22000"))


def test_afgang_20_august_is_billed_through_30_september_by_default():
    # Month + 1: August all 31 days (31,000), September 30 days (30,000).
    assert maaned(SOLGT_10_MARTS, 8).beloeb == Decimal("31000")
    (linje,) = maaned(SOLGT_10_MARTS, 9).kommuner[0].linjer
    assert (linje.fra, linje.til, linje.beloeb) == (
        date(2026, 9, 1),
        date(2026, 9, 30),
        Decimal("30000"),
    )
    assert maaned(SOLGT_10_MARTS, 10).kommuner == ()


def test_the_year_of_the_10_march_borger_is_205_days():
    # 22 + 30 + 31 + 30 + 31 + 31 + 30 = 205 days × 1,000 = 205,000 kr.
    total = sum(maaned(SOLGT_10_MARTS, m).beloeb for m in range(1, 13))
    assert total == Decimal("205000")


def test_the_years_settlement_equals_the_engines_sold_income():
    s, prisliste = SOLGT_10_MARTS
    total = sum(maaned(SOLGT_10_MARTS, m).beloeb for m in range(1, 13))
    assert total == indtaegt_salg(s.ophold, prisliste, AAR)


def test_afgang_rule_stops_at_the_day_before_the_afgang():
    # Through 19 August: 19 days × 1,000 = 19,000 kr.; nothing in September.
    # Year: 22 + 30 + 31 + 30 + 31 + 19 = 163 days = 163,000 kr.
    assert maaned(SOLGT_10_MARTS, 8, Afloeb.AFGANG).beloeb == Decimal("19000")
    assert maaned(SOLGT_10_MARTS, 9, Afloeb.AFGANG).kommuner == ()
    total = sum(maaned(SOLGT_10_MARTS, m, Afloeb.AFGANG).beloeb for m in range(1, 13))
    assert total == Decimal("163000")


def test_a_level_change_mid_month_gives_two_lines():
    # Level 1 to 15 May: 15 × 1,000 = 15,000; level 2 from 16 May: 16 × 1,500
    # = 24,000; May 39,000 kr.
    s = salg(
        [(date(2025, 1, 1), "751")],
        date(2025, 1, 1),
        niveauer=((date(2025, 1, 1), "1"), (date(2026, 5, 16), "2")),
    )
    (k,) = maaned(s, 5).kommuner
    assert [(li.niveau_kode, li.dage, li.doegntakst, li.beloeb) for li in k.linjer] == [
        ("1", 15, Decimal("1000"), Decimal("15000")),
        ("2", 16, Decimal("1500"), Decimal("24000")),
    ]
    assert k.beloeb == Decimal("39000")


def test_a_takst_change_mid_month_gives_two_lines():
    # A takst change from 16 June: before it level 1's servicetakst was 800
    # (døgntakst 900): 1-15 June = 15 × 900 = 13,500; from 16 June 900
    # (døgntakst 1,000) × 15 = 15,000; June 28,500 kr.
    skift = Takstskift(
        date(2026, 6, 16),
        None,
        Decimal("400"),
        {"1": Decimal("800"), "2": Decimal("1300")},
    )
    prisliste = Prisliste(
        AAR,
        Decimal("492.07"),
        {"1": Decimal("900"), "2": Decimal("1400")},
        Decimal("100"),
        skift=(skift,),
    )
    s = salg([(date(2025, 1, 1), "751")], date(2025, 1, 1), prisliste=prisliste)
    (k,) = maaned(s, 6).kommuner
    assert [(li.dage, li.doegntakst) for li in k.linjer] == [
        (15, Decimal("900")),
        (15, Decimal("1000")),
    ]
    assert k.beloeb == Decimal("28500")


def test_a_new_betalingskommune_mid_month_splits_the_month_by_buyer():
    # 751 to 14 June (14 days = 14,000), 730 from 15 June (16 days = 16,000).
    s = salg([(date(2025, 1, 1), "751"), (date(2026, 6, 15), "730")], date(2025, 1, 1))
    a = maaned(s, 6)
    assert [(k.kommunekode, k.beloeb) for k in a.kommuner] == [
        ("730", Decimal("16000")),
        ("751", Decimal("14000")),
    ]


def test_the_own_municipality_is_never_billed():
    s = salg([(date(2025, 1, 1), "751"), (date(2026, 6, 1), "")], date(2025, 1, 1))
    assert maaned(s, 6).kommuner == ()


def test_a_saertakst_line_shows_its_hours():
    # Særtakst 8 h × 492.07 = 3,936.56 kr. + basistakst 100 = 4,036.56 per døgn;
    # April 30 days = 121,096.80 kr.
    s, p = salg([(date(2026, 1, 1), "751")], date(2026, 1, 1))
    ophold = Ophold(
        1,
        "Anna",
        date(2026, 1, 1),
        None,
        (Indplacering(date(2026, 1, 1), "S1", Decimal("8")),),
        eksterne=s.ophold.eksterne,
    )
    s = Salgsophold(ophold, 3, "Ahorn", s.kommuner)
    (linje,) = maaned((s, p), 4).kommuner[0].linjer
    assert linje.saertakst_timer == Decimal("8")
    assert linje.beloeb == Decimal("121096.80")


def test_a_bad_month_is_refused():
    with pytest.raises(ValueError):
        afregning([], AAR, 13)


def test_march_2026_must_be_invoiced_by_31_march_2027():
    assert kravfrist(2026, 3, 12) == date(2027, 3, 31)


def test_the_warning_starts_three_months_before_the_deadline():
    # Deadline 31.03.2027; warning after 31.12.2026.
    assert not frist_naermer_sig(2026, 3, 12, date(2026, 12, 31))
    assert frist_naermer_sig(2026, 3, 12, date(2027, 1, 1))


def test_on_3_december_2026_february_2026_is_the_newest_month_warned():
    # February 2026: deadline 28.02.2027, warned after 30.11.2026. March is not
    # yet (see above). The oldest: December 2024, deadline 31.12.2025, passed
    # less than a year ago.
    maaneder = maaneder_med_varsel(date(2026, 12, 3), 12)
    assert maaneder[-1] == (2026, 2)
    assert maaneder[0] == (2024, 12)


def _med_tillaeg(*tillaeg):
    s, prisliste = SOLGT_10_MARTS
    ophold = dataclasses.replace(s.ophold, tillaeg=tillaeg)
    return dataclasses.replace(s, ophold=ophold), prisliste


def test_a_tillaegstakst_is_billed_on_its_own_line_with_its_reason():
    # Tillæg 250 kr. per døgn from 16 April to 1 May ([16.04, 01.05): 15 days):
    # April: 30 × 1,000 = 30,000 (level 1) + 15 × 250 = 3,750 (tillæg)
    # = 33,750 kr.
    s = _med_tillaeg(
        Tillaeg(
            date(2026, 4, 16),
            date(2026, 5, 1),
            kr_pr_doegn=Decimal("250"),
            begrundelse="Ekstra nattevagt",
        )
    )
    (k,) = maaned(s, 4).kommuner
    niveau, tillaeg = k.linjer
    assert (niveau.dage, niveau.beloeb) == (30, Decimal("30000"))
    assert (tillaeg.fra, tillaeg.til, tillaeg.beloeb) == (
        date(2026, 4, 16),
        date(2026, 4, 30),
        Decimal("3750"),
    )
    assert tillaeg.tillaeg == "Ekstra nattevagt"
    assert k.beloeb == Decimal("33750")


def test_an_open_tillaeg_runs_off_with_the_place_and_the_year_is_the_sold_income():
    # Tillæg 1.5 hours from 1 August, open; afgang 20 August, financed through
    # 30 September: 61 days × 1.5 × 492.07 = 738.105 → 738.11 kr. per døgn
    # = 45,024.71 kr. The year: 205 × 1,000 + 45,024.71 = 250,024.71 kr.,
    # the engine's sold income to the øre.
    s = _med_tillaeg(Tillaeg(date(2026, 8, 1), None, timer_pr_doegn=Decimal("1.5")))
    aaret = sum((maaned(s, m).beloeb for m in range(1, 13)), Decimal(0))
    assert aaret == Decimal("250024.71")
    assert aaret == indtaegt_salg(s[0].ophold, PRISLISTE, AAR)
    # With the afgang rule: 1-19 August, 19 × 738.11 = 14,024.09 kr.
    (k,) = maaned(s, 8, Afloeb.AFGANG).kommuner
    assert k.linjer[-1].beloeb == Decimal("14024.09")
