"""Pure rules of stays (STYLE.md 2.1): dates in, answers out; "today" is an argument."""

import datetime
from collections.abc import Iterable
from typing import Protocol, TypeVar

# An afgang further ahead than this is more often a typing error than a plan.
AFGANG_ADVARSEL_DAGE = 365


class _Periode(Protocol):
    tilgang: datetime.date
    afgang: datetime.date | None


P = TypeVar("P", bound=_Periode)


def bor_der(ophold: _Periode, dato: datetime.date) -> bool:
    """DOMAIN.md §8: a stay is [tilgang, afgang). A registered afgang in the future
    does not end it early; on the afgang day itself the borger has left."""
    return ophold.tilgang <= dato and (ophold.afgang is None or dato < ophold.afgang)


def aktuelt_ophold(ophold: Iterable[P], dato: datetime.date) -> P | None:
    """The stay the borger lives in on ``dato``, or None."""
    return next((o for o in ophold if bor_der(o, dato)), None)


def kommende_ophold(ophold: Iterable[P], dato: datetime.date) -> P | None:
    """The first stay that begins after ``dato``, or None."""
    senere = [o for o in ophold if o.tilgang > dato]
    return min(senere, key=lambda o: o.tilgang, default=None)


def afgang_langt_ude(dato: datetime.date, idag: datetime.date) -> bool:
    """Issue 12 item 10: an afgang more than a year (365 days) after today needs
    an explicit confirmation. Exactly 365 days ahead does not."""
    return dato > idag + datetime.timedelta(days=AFGANG_ADVARSEL_DAGE)
