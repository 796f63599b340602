"""Prices per day: STU and dagtilbud § 103/§ 104 (issue 17; DOMAIN.md §1, §6, §8).

Configuration of the one engine, not a second one. A tilbud (per budget year)
may have a **dagspris**: then every placement costs that price per day it is
financed, whatever its takstniveau, with no basistakst on top (the price is the
whole price of a day, as the sources quote STU at 575, 640 or 772 kr. per day).

- ``dagspris_enhed``: ``dag`` (kr. per day) or ``aar`` (kr. per year). A yearly
  price is turned into a price per day once, rounded to øre half up:
  pris pr. dag = kr. pr. år ÷ the year's days on the dagsgrundlag, rounded. Every
  amount is then that rounded price × days (so 12 months of a full year may
  differ from the yearly price by the rounding, a few øre).
- ``dagsgrundlag``: ``kalenderdage`` (every day of the financed period: STU) or
  ``hverdage`` (Monday–Friday of the financed period: the attendance days of a
  dagtilbud; public holidays are not subtracted).
- A placement's **pladsandel** (indplacering: hel plads 1, halv plads 0,5) scales
  the price: dagspris × pladsandel per day, rounded to øre once.
- ``dimensioneret_til`` N (ramme only): the frame is N × pris pr. dag × the
  year's days on the dagsgrundlag, spread over the months by calendar days as
  every frame is (principper.fordel_efter_dage; on kalenderdage that is exactly
  N × pris × the month's days), plus pris pr. dag for each financed borger-day
  above N (activity money, DOMAIN.md §8 "Ramme with an amount per borger above
  N"; on hverdage only weekdays count).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from budgets.engine.perioder import hverdage
from config.lib.money import round_to_oere
from tariffs.engine import dage_i_aaret


class Prisenhed:
    DAG = "dag"
    AAR = "aar"
    ALLE = (DAG, AAR)


class Dagsgrundlag:
    KALENDERDAGE = "kalenderdage"
    HVERDAGE = "hverdage"
    ALLE = (KALENDERDAGE, HVERDAGE)


HEL_PLADS = Decimal(1)
HALV_PLADS = Decimal("0.5")


def aarets_dage(dagsgrundlag: str, aar: int) -> int:
    """The days of the year on the dagsgrundlag: 365/366, or its weekdays."""
    if dagsgrundlag == Dagsgrundlag.HVERDAGE:
        return hverdage(date(aar, 1, 1), date(aar, 12, 31))
    return dage_i_aaret(aar)


def pris_pr_dag(beloeb: Decimal, enhed: str, dagsgrundlag: str, aar: int) -> Decimal:
    """The price per day; a yearly price ÷ the year's days, rounded to øre once.

    Example: 233,600 kr. per year on kalenderdage in 2026 (365 days) = 640.00 kr.
    per day; 200,000 kr. per year = 547.945… → 547.95 kr.
    """
    if enhed not in Prisenhed.ALLE:
        raise ValueError(f"Ukendt prisenhed '{enhed}'.")
    if enhed == Prisenhed.DAG:
        return beloeb
    return round_to_oere(beloeb / aarets_dage(dagsgrundlag, aar))


def pladspris(pris: Decimal, pladsandel: Decimal) -> Decimal:
    """A placement's price per day: pris × pladsandel, rounded to øre once.

    Example: a half place at 500 kr. per day = 250.00 kr.; at 575.25 kr. =
    287.625 → 287.63 kr.
    """
    return round_to_oere(pris * pladsandel)


def rammebeloeb(
    dimensioneret_til: int, pris: Decimal, dagsgrundlag: str, aar: int
) -> Decimal:
    """The frame of a tilbud dimensioned for N: N × pris pr. dag × the year's days.

    Example: 10 students × 640 kr. × 365 days = 2,336,000 kr. (a 30-day month
    of it is 10 × 640 × 30 = 192,000 kr.).
    """
    return dimensioneret_til * pris * aarets_dage(dagsgrundlag, aar)


def skoleaar(dato: date) -> int:
    """The school year a date falls in, by its first year: August–December of Y
    and January–July of Y + 1 are school year Y/Y+1 (STU intakes are in August).
    """
    return dato.year if dato.month >= 8 else dato.year - 1


def elever_pr_skoleaar(tilgange: Iterable[date]) -> tuple[tuple[str, int], ...]:
    """Students by the school year they started (an STU's intake), oldest first,
    labelled "2025/26". Example: tilgange 1.8.2025, 3.8.2026 and 15.1.2026 give
    (("2025/26", 2), ("2026/27", 1))."""
    antal: dict[int, int] = {}
    for dato in tilgange:
        antal[skoleaar(dato)] = antal.get(skoleaar(dato), 0) + 1
    return tuple((f"{aar}/{(aar + 1) % 100:02d}", antal[aar]) for aar in sorted(antal))
