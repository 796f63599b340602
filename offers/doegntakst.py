"""The døgntakst a borger's stay costs today, for the borger page (issue 15 #4).

The døgntakst is budgets' figure (DOMAIN.md §4: the tilbud's basistakst, from
its faste udgifter, plus the servicetakst of the level in force), yet the page
is offers', and the apps depend one way only, tariffs <- offers <- budgets
(STYLE.md 1.2). As with tariffs.budgetvirkning, budgets registers its reader
when it is ready (budgets.apps); without it no stay has a døgntakst.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Doegntakst:
    """The takster in force on a day, per døgn, as the takstblad prices them.

    ``tillaeg``: the borger's tillægstakster paid that day (issue 17), part of
    ``doegntakst``. ``efterregulering``: a closed year's resultat carried into
    the year's takst, per døgn (issue 18 #3), part of ``doegntakst`` too.
    """

    niveau_kode: str
    basistakst: Decimal
    servicetakst: Decimal
    doegntakst: Decimal
    tillaeg: Decimal = Decimal(0)
    efterregulering: Decimal = Decimal(0)


Laeser = Callable[[object, datetime.date], Doegntakst | None]
_laeser: Laeser | None = None


def registrer(laeser: Laeser) -> None:
    global _laeser
    _laeser = laeser


def doegntakst_paa(ophold, dag: datetime.date) -> Doegntakst | None:
    """The stay's døgntakst on ``dag``; None if it cannot be priced (no
    takstmodel for the year) or budgets is not installed."""
    if ophold is None or _laeser is None:
        return None
    return _laeser(ophold, dag)
