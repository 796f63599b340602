"""Warnings on a tilbud's budget settings (issue 12 #5).

Every tilbud is in the central model, whatever is missing. What is missing is
budgeted as zero and said in words beside the figures, never left out: a ramme
tilbud without its frame for the year, or a hybrid or aktivitet tilbud without
faste udgifter (its basistakst is then 0, DOMAIN.md §4). The warnings follow
from the TilbudGrundlag alone, which the central model reads with the stored
monthly figures (budgets.models.Maanedstal), as a fresh computation does.
"""

from budgets.engine.grundlag import TilbudGrundlag, Tildelingsprincip

UDEN_RAMME = (
    "Rammestyret tilbud uden budgetramme for {aar}: fast budget vises som 0 kr."
)
UDEN_FASTE_UDGIFTER = (
    "Ingen faste udgifter registreret for {aar}: basistaksten er 0 kr."
)


def advarsler(tilbud: TilbudGrundlag, aar: int) -> tuple[str, ...]:
    """The warnings to show with the tilbud's figures for ``aar``; () if none."""
    if tilbud.tildelingsprincip == Tildelingsprincip.RAMME:
        return (UDEN_RAMME.format(aar=aar),) if tilbud.ramme is None else ()
    if tilbud.faste_udgifter == 0:
        return (UDEN_FASTE_UDGIFTER.format(aar=aar),)
    return ()
