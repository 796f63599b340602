"""The one rounding rule for money (DOMAIN.md §2 and §4, STYLE.md 3.2).

Timepriser and per-døgn takster are rounded to øre once, half up. Python's
default is banker's rounding, so the mode is written out here and nowhere else.
"""

from decimal import ROUND_HALF_UP, Decimal

OERE = Decimal("0.01")


def round_to_oere(value: Decimal) -> Decimal:
    """Round kroner to øre (2 decimals), half up."""
    return value.quantize(OERE, rounding=ROUND_HALF_UP)
