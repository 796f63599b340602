"""Danish display formatting for texts built outside templates (ledger descriptions).

Display only: a formatted number never feeds back into a sum (STYLE.md 3.2).
"""

from datetime import date
from decimal import Decimal

from config.lib.money import round_half_up, round_to_oere

# Month names as Danish writes them in running text (capitalise for a heading).
MAANEDSNAVNE = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

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


def format_tal(vaerdi: Decimal | int, decimaler: int = 0) -> str:
    """A number the Danish way: "1.234,5". Display only, rounded half up here."""
    afrundet = round_half_up(Decimal(vaerdi), decimaler)
    tal = f"{abs(afrundet):,.{decimaler}f}".replace(",", "_").replace(".", ",")
    tal = tal.replace("_", ".")
    return f"{MINUS}{tal}" if afrundet < 0 else tal
