"""Danish display formatting for texts built outside templates (ledger descriptions).

Display only: a formatted number never feeds back into a sum (STYLE.md 3.2).
"""

from datetime import date
from decimal import Decimal

from config.lib.money import round_to_oere

MINUS = "\u2212"  # typographic minus, as Danish reports print it


def format_kr(beloeb: Decimal, fortegn: bool = False) -> str:
    """Kroner as "41.234,56 kr."; negative with "−", and "+" too when ``fortegn``."""
    afrundet = round_to_oere(beloeb)
    tal = f"{abs(afrundet):,.2f}".replace(",", "_").replace(".", ",")
    tal = tal.replace("_", ".")
    if afrundet < 0:
        return f"{MINUS}{tal} kr."
    if fortegn and afrundet > 0:
        return f"+{tal} kr."
    return f"{tal} kr."


def format_dato(dato: date) -> str:
    """A date as dd.mm.yyyy."""
    return f"{dato.day:02d}.{dato.month:02d}.{dato.year:04d}"
