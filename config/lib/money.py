"""The one rounding rule: half up, written out here and nowhere else.

DOMAIN.md §2 and §4, STYLE.md 3.2: timepriser and per-døgn takster are rounded to
øre once, half up. Every other rounding (a percent on a page, a chart value, an
API decimal, a whole number in the demo data) is display or data preparation,
and it rounds half up too, through the functions below.

Python's round() and Decimal's default context round half to even (banker's
rounding: round(Decimal("97.25"), 1) is 97.2), which made a chart show 97,2 where
the table showed 97,3. So no other module calls round() or names a rounding mode;
tests/test_rounding.py keeps it so. Half up means half away from zero, as in
ROUND_HALF_UP and Django's floatformat: 97.25 → 97.3, −2.5 → −3.
"""

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

OERE = Decimal("0.01")

# The mode, for an API that takes one (DRF's DecimalField(rounding=...)).
AFRUNDING = ROUND_HALF_UP


def round_to_oere(value: Decimal) -> Decimal:
    """Round kroner to øre (2 decimals), half up."""
    return value.quantize(OERE, rounding=ROUND_HALF_UP)


def kroner_af_oere(oere: Iterable[int]) -> list[Decimal]:
    """Whole øre as kroner with two places, exactly: no rounding. × 0.01 stays
    well inside the context's 28 digits and runs in C, without a Python call
    per value (the vectorised engine converts some 50,000 a year)."""
    return list(map(OERE.__mul__, map(Decimal, oere)))


def round_half_up(value: Decimal | int, places: int = 0) -> Decimal:
    """Round to ``places`` decimals, half up: 97.25 → 97.3 with 1 place."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def naermeste_heltal(value: Decimal | Fraction | float | int) -> int:
    """The nearest whole number, half up: 2.5 → 3 (round() gives 2), −2.5 → −3.

    Exact for a float or a Fraction: no detour through a decimal string.
    """
    eksakt = Fraction(value)
    heltal = math.floor(abs(eksakt) + Fraction(1, 2))
    return heltal if eksakt >= 0 else -heltal
