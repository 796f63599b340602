"""Warnings after a tilgang about the tilbud's places (issue 19 #3).

Pladser are the budget year's (budgets.TilbudAar), and the apps depend one way
only, tariffs <- offers <- budgets (STYLE.md 1.2). As with offers.doegntakst,
budgets registers its reader when it is ready (budgets.apps); without it a
tilgang has no warnings.
"""

from collections.abc import Callable

Laeser = Callable[[object], tuple[str, ...]]
_laeser: Laeser | None = None


def registrer(laeser: Laeser) -> None:
    global _laeser
    _laeser = laeser


def tilgang_advarsler(ophold) -> tuple[str, ...]:
    """Danish warnings about the new stay (over pladser); () if none."""
    if ophold is None or _laeser is None:
        return ()
    return _laeser(ophold)
