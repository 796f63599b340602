"""Issue 13 #3: takster changed in a running year from a gyldig_fra date.

Takster from 1 July 2026: servicetakst 600 kr. (level 1), 1,000 kr. (level 2)
and 1,200 kr. (level 3, new), timepris 500 kr. Before: 500 and 800 kr., no
level 3, timepris 400 kr. No basistakst; 2026 has 365 days: 1 January - 30
June is 181 days, 1 July - 31 December 184. Anna lives in the tilbud since 1
June 2025 at level 1 unless said otherwise.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    Ramme,
    TilbudGrundlag,
    noegletal,
    tilbud_budget,
)
from budgets.forklaring import regulering_tekst
from tariffs.engine import Takstskift

AAR = 2026
JULI = date(2026, 7, 1)
GAMLE = {"1": Decimal("500"), "2": Decimal("800")}
SKIFT = Takstskift(JULI, date(2026, 6, 15), Decimal("400"), GAMLE)
NYE = {"1": Decimal("600"), "2": Decimal("1000"), "3": Decimal("1200")}
PRISLISTE = Prisliste(AAR, Decimal("500"), NYE, Decimal(0), skift=(SKIFT,))
HYBRID = TilbudGrundlag(
    1, "Solbakken", 8, "hybrid", Decimal(97), Decimal(100), Decimal(0)
)
ANNA = Ophold(1, "Anna", date(2025, 6, 1), None, (Indplacering(date(2025, 6, 1), "1"),))


def bo(tilgang=date(2026, 3, 1), kode="2") -> Ophold:
    return Ophold(2, "Bo", tilgang, None, (Indplacering(tilgang, kode),))


def budget(*opholdene, prisliste=PRISLISTE, tilbud=HYBRID):
    return tilbud_budget(tilbud, opholdene, prisliste, AAR)


def entries(b):
    return [(r.haendelse, r.beloeb) for r in b.ledger]


def telescopes(b) -> bool:
    pr_maaned = [sum((r.maaneder[m] for r in b.ledger), Decimal(0)) for m in range(12)]
    forskel = [
        k - o for k, o in zip(b.total_korrigeret, b.total_oprindeligt, strict=True)
    ]
    return pr_maaned == forskel


def med_skift(gyldig_fra: date) -> Prisliste:
    skift = dataclasses.replace(SKIFT, gyldig_fra=gyldig_fra)
    return dataclasses.replace(PRISLISTE, skift=(skift,))


def test_oprindeligt_is_priced_at_the_takster_of_1_january():
    # 365 × 500
    assert budget(ANNA).aktivitet_oprindeligt_aar == Decimal("182500")


def test_korrigeret_prices_each_day_at_the_takster_in_force():
    # 181 × 500 + 184 × 600 = 90,500 + 110,400
    assert budget(ANNA).aktivitet_korrigeret_aar == Decimal("200900")


def test_june_is_priced_at_the_old_takster_and_july_at_the_new():
    # Anna and Bo: June 30 × (500 + 800), July 31 × (600 + 1,000)
    b = budget(ANNA, bo())
    assert (b.aktivitet_korrigeret[5], b.aktivitet_korrigeret[6]) == (
        Decimal("39000"),
        Decimal("49600"),
    )


def test_a_segment_crossing_the_change_is_split_at_its_date():
    # Bo from 1 March at level 2: 1 March - 30 June 122 × 800 = 97,600;
    # 1 July - 31 December 184 × 1,000 = 184,000.
    assert budget(bo()).aktivitet_korrigeret_aar == Decimal("281600")


def test_a_change_on_15_july_splits_july_by_days():
    # 14 days × 500 + 17 days × 600
    assert budget(ANNA, prisliste=med_skift(date(2026, 7, 15))).aktivitet_korrigeret[
        6
    ] == Decimal("17200")


def test_the_takstaendring_is_one_entry_for_the_whole_tilbud():
    # Bo's tilgang 1 March comes first, at the old takster: 306 × 800 = 244,800.
    # Then the change reprices 1 July - 31 December: Anna 184 × 100 = 18,400,
    # Bo 184 × 200 = 36,800: +55,200.
    b = budget(ANNA, bo())
    assert entries(b) == [
        ("tilgang", Decimal("244800")),
        ("takstaendring", Decimal("55200")),
    ]
    # korrigeret 200,900 + 281,600 − oprindeligt 182,500 = 300,000
    assert b.total_korrigeret_aar - b.total_oprindeligt_aar == Decimal("300000")
    assert telescopes(b)


def test_the_takstaendring_entry_has_its_dates_and_reads_well():
    takst = budget(ANNA, bo()).ledger[1]
    assert (takst.virkning_fra, takst.dato_registreret, takst.ophold_id) == (
        JULI,
        date(2026, 6, 15),
        None,
    )
    assert regulering_tekst(takst) == (
        "Takstændring 01.07.2026: aktivitetsbudget +55.200,00 kr. fra 1. juli"
    )


def test_the_takstaendring_changes_no_month_before_its_date():
    # July: 31 × (100 + 200) = 9,300
    takst = budget(ANNA, bo()).ledger[1]
    assert takst.maaneder[:7] == (Decimal(0),) * 6 + (Decimal("9300"),)


def test_takstaendring_and_a_later_afgang_in_the_same_month():
    # Afgang 10 July, financed through 31 August. The change (1 July) comes
    # first: +184 × 100 = 18,400. The afgang then takes September - December
    # at the new takst: −122 × 600 = −73,200. Korrigeret 181 × 500 + 62 × 600
    # = 127,700; 127,700 − 182,500 = −54,800.
    anna = dataclasses.replace(
        ANNA, afgang=date(2026, 7, 10), afgang_registreret=date(2026, 7, 10)
    )
    b = budget(anna)
    assert entries(b) == [
        ("takstaendring", Decimal("18400")),
        ("afgang", Decimal("-73200")),
    ]
    assert b.aktivitet_korrigeret_aar == Decimal("127700")


def test_an_afgang_before_a_change_in_the_same_month():
    # Afgang 10 July, change 15 July. The afgang comes first, at the old takst:
    # −122 × 500 = −61,000. The change reprices 15 July - 31 August: 48 × 100.
    # Korrigeret 195 × 500 + 48 × 600 = 126,300; 126,300 − 182,500 = −56,200.
    anna = dataclasses.replace(
        ANNA, afgang=date(2026, 7, 10), afgang_registreret=date(2026, 7, 10)
    )
    b = budget(anna, prisliste=med_skift(date(2026, 7, 15)))
    assert entries(b) == [
        ("afgang", Decimal("-61000")),
        ("takstaendring", Decimal("4800")),
    ]
    assert b.aktivitet_korrigeret_aar == Decimal("126300")


def test_a_zero_length_stay_leaves_a_run_off_across_the_change_as_it_is():
    # Anna leaves 22 June and is financed through 31 July (month + 1). A stay
    # of hers [22 June, 22 June) is no return (issue 14): she never lived there
    # again, so the run-off is not cut. June 30 × 500 = 15,000 at the old
    # takst, July 31 × 600 = 18,600 at the new, August nothing. Year: 1 January
    # - 31 May 151 × 500 = 75,500 + 15,000 + 18,600 = 109,100. (Cut the day
    # before the zero-length stay: June 21 × 500 = 10,500 and July 0.)
    juni = date(2026, 6, 22)
    anna = dataclasses.replace(ANNA, afgang=juni, borger_id=1)
    igen = Ophold(2, "Anna", juni, juni, (Indplacering(juni, "1"),), borger_id=1)
    b = budget(anna, igen)
    assert b.aktivitet_korrigeret[5:8] == (
        Decimal("15000"),
        Decimal("18600"),
        Decimal(0),
    )
    assert b.aktivitet_korrigeret_aar == Decimal("109100")


def test_a_level_the_change_adds_is_priced_from_the_change_only():
    # Level 3 has no old takst; Bo from 1 August: 153 × 1,200 = 183,600.
    b = budget(ANNA, bo(date(2026, 8, 1), "3"))
    assert entries(b) == [
        ("takstaendring", Decimal("18400")),
        ("tilgang", Decimal("183600")),
    ]


def test_saertakst_follows_the_timepris_in_force():
    # 2 hours × 400 = 800 kr. before, 2 × 500 = 1,000 kr. from 1 July:
    # 181 × 800 + 184 × 1,000 = 328,800; oprindeligt 365 × 800 = 292,000.
    dora = Ophold(
        3,
        "Dora",
        date(2025, 6, 1),
        None,
        (Indplacering(date(2025, 6, 1), "S", saertakst_timer=Decimal(2)),),
    )
    b = budget(dora)
    assert (b.aktivitet_oprindeligt_aar, b.aktivitet_korrigeret_aar) == (
        Decimal("292000"),
        Decimal("328800"),
    )


def test_two_changes_are_two_entries_that_telescope():
    # 400 kr. to 31 March, 500 kr. to 30 September, then 600 kr.:
    # 90 × 400 + 183 × 500 + 92 × 600 = 36,000 + 91,500 + 55,200 = 182,700;
    # oprindeligt 365 × 400 = 146,000. Entries: 1 April - 31 December
    # 275 × 100 = 27,500; 1 October - 31 December 92 × 100 = 9,200.
    prisliste = dataclasses.replace(
        PRISLISTE,
        skift=(
            Takstskift(
                date(2026, 4, 1), date(2026, 3, 20), Decimal(400), {"1": Decimal(400)}
            ),
            Takstskift(
                date(2026, 10, 1), date(2026, 9, 20), Decimal(400), {"1": Decimal(500)}
            ),
        ),
    )
    b = budget(ANNA, prisliste=prisliste)
    assert (b.aktivitet_oprindeligt_aar, b.aktivitet_korrigeret_aar) == (
        Decimal("146000"),
        Decimal("182700"),
    )
    assert entries(b) == [
        ("takstaendring", Decimal("27500")),
        ("takstaendring", Decimal("9200")),
    ]


def test_aktivitet_principle_passes_a_takst_change_through_in_full():
    # One place at 100 % belægning, reguleringsandel 50 %: the forudsat moves
    # with the takster (181 × 500 + 184 × 600 = 200,900), so the budget is the
    # full 200,900, not 182,500 + 50 % × 18,400 = 191,700.
    aktivitet = TilbudGrundlag(
        1, "Solbakken", 1, "aktivitet", Decimal(100), Decimal(50), Decimal(0)
    )
    b = budget(ANNA, tilbud=aktivitet)
    assert (b.aktivitet_oprindeligt_aar, b.aktivitet_korrigeret_aar) == (
        Decimal("182500"),
        Decimal("200900"),
    )
    assert entries(b) == [("takstaendring", Decimal("18400"))]


def test_ramme_forudsat_aktivitet_follows_the_timepris_in_force():
    # 2 borgere × 3 hours × 400 kr. = 2,400 kr. per day in June (30 days),
    # × 500 kr. = 3,000 kr. per day in July (31 days).
    ramme = Ramme(Decimal("1000000"), 2, Decimal(0), Decimal(2), Decimal(3))
    tilbud = TilbudGrundlag(
        1, "Solbakken", 2, "ramme", Decimal(100), Decimal(100), Decimal(0), ramme
    )
    b = budget(ANNA, tilbud=tilbud)
    assert b.forudsat_aktivitet[5:7] == (Decimal("72000"), Decimal("93000"))


def test_ramme_takstaendring_entry_changes_nothing_and_says_so():
    ramme = Ramme(Decimal("1000000"), 2, Decimal(0), Decimal(2), Decimal(3))
    tilbud = TilbudGrundlag(
        1, "Solbakken", 2, "ramme", Decimal(100), Decimal(100), Decimal(0), ramme
    )
    (takst,) = budget(ANNA, tilbud=tilbud).ledger
    assert regulering_tekst(takst) == (
        "Takstændring 01.07.2026: ingen ændring af overkapacitetstillæg"
    )


def test_sold_place_income_is_priced_at_the_takster_in_force():
    # Sold all year: 181 × 500 + 184 × 600 (no basistakst)
    anna = dataclasses.replace(ANNA, eksterne=((date(2000, 1, 1), None),))
    tal = noegletal(HYBRID, [anna], PRISLISTE, budget(anna), {}, AAR, date(2026, 8, 1))
    assert tal.indtaegt_salg == Decimal("200900")


def test_prisliste_paa_gives_the_takster_of_the_day():
    assert (
        PRISLISTE.paa(date(2026, 6, 30)).servicetakster["1"],
        PRISLISTE.paa(JULI).servicetakster["1"],
    ) == (Decimal("500"), Decimal("600"))


def test_skift_out_of_order_is_refused():
    tidlig = dataclasses.replace(SKIFT, gyldig_fra=date(2026, 3, 1))
    with pytest.raises(ValueError, match="sorteret"):
        dataclasses.replace(PRISLISTE, skift=(SKIFT, tidlig))


def test_a_price_list_without_skift_prices_as_before():
    uden = dataclasses.replace(PRISLISTE, skift=())
    # 365 × 600, no entry
    b = budget(ANNA, prisliste=uden)
    assert (b.aktivitet_korrigeret_aar, b.ledger) == (Decimal("219000"), ())
