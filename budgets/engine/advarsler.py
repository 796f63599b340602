"""What is missing behind a tilbud's budget settings (issue 12 #5).

Every tilbud is in the central model, whatever is missing. What is missing is
budgeted as zero and said in words beside the figures, never left out: a ramme
tilbud without its frame for the year, or a hybrid or aktivitet tilbud without
faste udgifter (its basistakst is then 0, DOMAIN.md §4); a tilbud priced by
a dagspris (issue 17) needs neither. What is missing follows
from the TilbudGrundlag alone, which the central model reads with the stored
monthly figures (budgets.models.Maanedstal), as a fresh computation does. The
engine names it (Mangel); budgets.forklaring says it in Danish.
"""

from budgets.engine.grundlag import TilbudGrundlag, Tildelingsprincip


class Mangel:
    """What a tilbud's figures lack for the year; words in budgets.forklaring."""

    RAMME = "ramme"  # a ramme tilbud without its frame: fast budget 0
    FASTE_UDGIFTER = "faste_udgifter"  # no faste udgifter: basistakst 0


def mangler(tilbud: TilbudGrundlag) -> tuple[str, ...]:
    """What is missing behind the tilbud's figures (Mangel codes); () if nothing."""
    if tilbud.tildelingsprincip == Tildelingsprincip.RAMME:
        # A STU frame dimensioned for N at a dagspris needs no saved frame.
        har_ramme = tilbud.ramme is not None or (
            tilbud.dimensioneret_til is not None and tilbud.dagspris is not None
        )
        return () if har_ramme else (Mangel.RAMME,)
    if tilbud.faste_udgifter == 0 and tilbud.dagspris is None:
        return (Mangel.FASTE_UDGIFTER,)
    return ()
