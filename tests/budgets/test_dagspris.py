"""Issue 17: STU and dagtilbud priced per day (budgets.engine.dagspris), by hand.

STU (DOMAIN.md §6/§8, ramme with an amount per borger above N): 640 kr. per
student-day, dimensioned for 10 students, 12 enrolled since the school year
began 1 August 2025 (no afgang). 2026 has 365 days.
  frame for the year = 10 × 640 × 365 = 2.336.000 kr.; June (30 days) takes
  2.336.000 × 30/365 = 10 × 640 × 30 = 192.000 kr.
  above N in June: 2 students × 640 × 30 = 38.400 kr.
  above N in the year: 2 × 640 × 365 = 467.200 kr.
  the year in all: 2.336.000 + 467.200 = 2.803.200 = 12 × 640 × 365.
A yearly price of 233.600 kr. per student is 233.600 / 365 = 640,00 kr. per day:
the same figures. 200.000 kr. per year is 547,945… → 547,95 kr. per day.

Dagtilbud § 104 (hybrid, no faste udgifter), 500 kr. per attendance day, paid
for the weekdays (Mon–Fri) of the financed period. 1 August 2026 is a Saturday:
August's 31 days are 4 whole weeks (20 weekdays) and 29, 30, 31 August (Sat,
Sun, Mon) = 21 weekdays. A half place from 1 August: 0,5 × 500 × 21 = 5.250 kr.;
a full place: 500 × 21 = 10.500 kr. September 2026 (1 Sep a Tuesday): 4 weeks
(20) + 29, 30 Sep (Tue, Wed) = 22 weekdays; 1–14 Sep = 10 weekdays (Tue–Fri 4,
7–11 Sep 5, Mon 14 Sep 1), 15–30 Sep = 12.
"""

from datetime import date
from decimal import Decimal

import pytest

from budgets.engine import Indplacering, Ophold, TilbudGrundlag, tilbud_budget
from budgets.engine.dagspris import pladspris, pris_pr_dag
from budgets.engine.perioder import hverdage, hverdage_pr_maaned
from tests.budgets.test_engine_properties import SERVICETAKSTER

NUL = Decimal(0)
HALV = Decimal("0.5")


def stu(**felter) -> TilbudGrundlag:
    return TilbudGrundlag(
        id=1,
        navn="STU Vestegnen",
        pladser=12,
        tildelingsprincip=felter.pop("tildelingsprincip", "ramme"),
        forudsat_belaegning=Decimal(100),
        reguleringsandel=Decimal(100),
        faste_udgifter=NUL,
        **felter,
    )


def dagtilbud() -> TilbudGrundlag:
    return TilbudGrundlag(
        id=2,
        navn="Værkstedet",
        pladser=20,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal(97),
        reguleringsandel=Decimal(100),
        faste_udgifter=NUL,
        dagspris=Decimal(500),
        dagsgrundlag="hverdage",
    )


def elev(n: int, tilgang: date, afgang: date | None = None) -> Ophold:
    return Ophold(
        id=n,
        borger=f"Elev {n}",
        tilgang=tilgang,
        afgang=afgang,
        indplaceringer=(Indplacering(tilgang, "1"),),
        borger_id=n,
    )


def budget(tilbud: TilbudGrundlag, opholdene, aar: int = 2026):
    prisliste = tilbud.prisliste(aar, Decimal("492.07"), SERVICETAKSTER, Decimal(1))
    return tilbud_budget(tilbud, opholdene, prisliste, aar)


def test_weekdays_counted_by_hand():
    assert hverdage(date(2026, 8, 1), date(2026, 8, 31)) == 21
    assert hverdage(date(2026, 9, 1), date(2026, 9, 14)) == 10
    assert hverdage(date(2026, 8, 1), date(2026, 8, 2)) == 0  # Sat, Sun
    assert hverdage(date(2026, 8, 2), date(2026, 8, 1)) == 0  # empty
    assert hverdage_pr_maaned(date(2026, 8, 1), None, 2026)[7:9] == (21, 22)


def test_a_yearly_price_is_divided_by_the_days_of_the_year_once():
    assert pris_pr_dag(Decimal(233600), "aar", "kalenderdage", 2026) == Decimal(640)
    # 200.000 / 365 = 547,945… → 547,95
    assert pris_pr_dag(Decimal(200000), "aar", "kalenderdage", 2026) == Decimal(
        "547.95"
    )
    # 2028 is a leap year: 233.600 / 366 = 638,251… → 638,25
    assert pris_pr_dag(Decimal(233600), "aar", "kalenderdage", 2028) == Decimal(
        "638.25"
    )
    assert pris_pr_dag(Decimal(640), "dag", "kalenderdage", 2026) == Decimal(640)
    # A half place at 575,25: 287,625 → 287,63 (rounded to øre once, half up)
    assert pladspris(Decimal("575.25"), HALV) == Decimal("287.63")


@pytest.mark.parametrize(
    "pris",
    [
        {"dagspris": Decimal(640)},
        {"dagspris": Decimal(233600), "dagspris_enhed": "aar"},
    ],
)
def test_stu_frame_for_ten_and_the_price_per_day_above(pris):
    tilbud = stu(dimensioneret_til=10, **pris)
    elever = [elev(n, date(2025, 8, 1)) for n in range(12)]
    b = budget(tilbud, elever)
    assert b.fast[5] == Decimal("192000.00")  # June: 10 × 640 × 30
    assert b.overkapacitet[5] == Decimal("38400.00")  # June: 2 × 640 × 30
    assert b.fast_aar == Decimal("2336000.00")  # 10 × 640 × 365
    assert b.overkapacitet_aar == Decimal("467200.00")  # 2 × 640 × 365
    assert b.total_korrigeret_aar == Decimal("2803200.00")  # 12 × 640 × 365
    assert b.aktivitet_korrigeret == (NUL,) * 12  # ramme: activity above N only


def test_stu_intake_in_august_is_activity_above_n_from_august():
    """10 students since August 2025 and 2 more from 1 August 2026 (the new
    school year): nothing above N until August, then 2 × 640 × 31 = 39.680 kr.
    in August (31 days), 2 × 640 × 30 = 38.400 in September; in the year
    2 × 640 × (31 + 30 + 31 + 30 + 31) = 2 × 640 × 153 = 195.840 kr. The
    oprindeligt budget knows only the 1 January residents: nothing above N."""
    elever = [elev(n, date(2025, 8, 1)) for n in range(10)]
    elever += [elev(n, date(2026, 8, 1)) for n in range(10, 12)]
    b = budget(stu(dimensioneret_til=10, dagspris=Decimal(640)), elever)
    assert b.overkapacitet[:7] == (NUL,) * 7
    assert b.overkapacitet[7] == Decimal("39680.00")
    assert b.overkapacitet[8] == Decimal("38400.00")
    assert b.overkapacitet_aar == Decimal("195840.00")
    assert b.overkapacitet_oprindeligt == (NUL,) * 12
    assert b.fast[7] == Decimal("198400.00")  # August: 10 × 640 × 31
    # The ledger explains the difference: the two tilgange.
    assert sum(r.beloeb for r in b.ledger) == Decimal("195840.00")


def test_stu_without_a_frame_is_pure_activity_per_day():
    """Hybrid, no faste udgifter: 3 students × 640 × 30 = 57.600 kr. in June."""
    elever = [elev(n, date(2025, 8, 1)) for n in range(3)]
    b = budget(stu(tildelingsprincip="hybrid", dagspris=Decimal(640)), elever)
    assert b.aktivitet_korrigeret[5] == Decimal("57600.00")
    assert b.fast == (NUL,) * 12


def test_dagtilbud_half_and_full_place_per_weekday():
    halv = Ophold(
        id=1,
        borger="Halv",
        tilgang=date(2026, 8, 1),
        afgang=None,
        indplaceringer=(Indplacering(date(2026, 8, 1), "1", pladsandel=HALV),),
        borger_id=1,
    )
    b = budget(dagtilbud(), [halv])
    assert b.aktivitet_korrigeret[7] == Decimal("5250.00")  # 0,5 × 500 × 21
    assert b.aktivitet_korrigeret[8] == Decimal("5500.00")  # 0,5 × 500 × 22
    hel = Ophold(
        id=2,
        borger="Hel",
        tilgang=date(2026, 8, 1),
        afgang=None,
        indplaceringer=(Indplacering(date(2026, 8, 1), "7"),),
        borger_id=2,
    )
    b = budget(dagtilbud(), [halv, hel])
    assert b.aktivitet_korrigeret[7] == Decimal("15750.00")  # 5.250 + 500 × 21


def test_dagtilbud_half_place_becomes_full_mid_month():
    """Half place from 1 August, full from 15 September: September is
    10 × 250 + 12 × 500 = 2.500 + 6.000 = 8.500 kr."""
    ophold = Ophold(
        id=1,
        borger="Skift",
        tilgang=date(2026, 8, 1),
        afgang=None,
        indplaceringer=(
            Indplacering(date(2026, 8, 1), "1", pladsandel=HALV),
            Indplacering(date(2026, 9, 15), "1"),
        ),
        borger_id=1,
    )
    b = budget(dagtilbud(), [ophold])
    assert b.aktivitet_korrigeret[8] == Decimal("8500.00")


def test_dagtilbud_afgang_run_off_is_paid_per_weekday():
    """Full place from 1 August, afgang 10 September: financed through 31
    October (the month after), October 2026 (1 Oct a Thursday) has 4 weeks +
    29, 30, 31 Oct (Thu, Fri, Sat) = 22 weekdays → 500 × 22 = 11.000 kr.;
    November nothing."""
    ophold = Ophold(
        id=1,
        borger="Afgang",
        tilgang=date(2026, 8, 1),
        afgang=date(2026, 9, 10),
        indplaceringer=(Indplacering(date(2026, 8, 1), "1"),),
        borger_id=1,
    )
    b = budget(dagtilbud(), [ophold])
    assert b.aktivitet_korrigeret[9] == Decimal("11000.00")
    assert b.aktivitet_korrigeret[10] == NUL


def test_a_frame_on_weekdays_counts_weekdays_above_n():
    """A dagtilbud under ramme, dimensioned for 1 at 500 kr. per attendance day,
    2 full places from 1 January 2026. 2026 has 261 weekdays (1 January is a
    Thursday: 52 weeks = 260 + Thursday 31 December). Frame = 1 × 500 × 261 =
    130.500 kr., spread by calendar days like every frame: August 130.500 ×
    31/365 = 11.083,561… → 11.083,56 kr. Above N in August: 1 × 500 × 21 =
    10.500 kr.; in the year 1 × 500 × 261 = 130.500 kr."""
    tilbud = TilbudGrundlag(
        id=3,
        navn="Værkstedet (ramme)",
        pladser=2,
        tildelingsprincip="ramme",
        forudsat_belaegning=Decimal(100),
        reguleringsandel=Decimal(100),
        faste_udgifter=NUL,
        dagspris=Decimal(500),
        dagsgrundlag="hverdage",
        dimensioneret_til=1,
    )
    b = budget(tilbud, [elev(n, date(2026, 1, 1)) for n in range(2)])
    assert b.fast_aar == Decimal("130500.00")
    assert b.fast[7] == Decimal("11083.56")
    assert b.overkapacitet[7] == Decimal("10500.00")
    assert b.overkapacitet_aar == Decimal("130500.00")


def test_the_head_count_question_needs_no_year():
    """vektor.med_dagtaelling asks without a year (0): a frame on weekdays at a
    yearly price must not need the year's weekdays to answer."""
    from budgets.engine.vektor import med_dagtaelling

    tilbud = stu(
        dimensioneret_til=10,
        dagspris=Decimal(233600),
        dagspris_enhed="aar",
        dagsgrundlag="hverdage",
    )
    assert med_dagtaelling(tilbud) is True
    assert (
        med_dagtaelling(stu(tildelingsprincip="hybrid", dagspris=Decimal(1))) is False
    )
