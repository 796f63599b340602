"""Which budget years are lukket, for the writes of every app (issue 13 #2).

After the accounts a budget year is lukket, and no write may change its figures.
The state lives in budgets (Budgetaar), but the writes that change figures live
in tariffs and offers too, and those apps must not import budgets: the apps
depend one way only, tariffs <- offers <- budgets (STYLE.md 1.2). So the rule is
inverted: this module, in the lowest app, holds the checks and their messages,
and budgets registers how to read the lukket years when it is ready
(budgets.apps). Without budgets installed no year is lukket.

Two kinds of data, two checks:

* data that belongs to one year (a takstmodel, the faste udgifter of a year):
  ``kraev_aabent_aar``, refused when that year is lukket;
* an event effective on a date (tilgang, afgang, indplacering, betalingskommune,
  an annulment): ``kraev_aabent_fra``. A change effective on date d moves the
  figures from d on (an open stay runs on through every later year), so it is
  refused while a lukket year ends on or after d, not only when d itself lies in
  a lukket year: a tilgang on 1.3.2024 registered after 2025 was lukket would
  move 2025 too.
"""

import datetime
from collections.abc import Callable, Iterable

from config.lib.konflikt import Konflikt

AAR_LAAST = "Budgetåret {aar} er lukket; intet, der ændrer årets tal, kan gemmes."
AAR_LAAST_FRA = (
    "Budgetåret {aar} er lukket; en ændring med virkning fra {dato} ville ændre "
    "årets tal. Ændringer kan kun have virkning fra {fra} eller senere."
)


class AarLaast(Konflikt):
    """A write that would change a lukket year's figures (409 in the API)."""


def _ingen() -> Iterable[int]:
    return ()


def _ingen_for_tilbud(tilbud_id: int) -> Iterable[int]:
    return ()


def _forslag(aar: int) -> str:
    return "forslag"


_laesere: dict[str, Callable] = {
    "lukkede_aar": _ingen,
    "tilbud_aar": _ingen_for_tilbud,
    "budgetaar_status": _forslag,
}


def registrer(
    *,
    lukkede_aar: Callable[[], Iterable[int]],
    tilbud_aar: Callable[[int], Iterable[int]],
    budgetaar_status: Callable[[int], str] = _forslag,
) -> None:
    """Called once by budgets when it is ready.

    ``lukkede_aar()`` gives the lukket years; ``tilbud_aar(tilbud_id)`` the years
    in which the tilbud has rows of its own in budgets (faste udgifter, frames,
    year settings, forbrug, the vedtaget budget): deleting the tilbud would
    delete them; ``budgetaar_status(aar)`` a year's state ("forslag",
    "vedtaget" or "lukket"), budgets' one reader of it.
    """
    _laesere["lukkede_aar"] = lukkede_aar
    _laesere["tilbud_aar"] = tilbud_aar
    _laesere["budgetaar_status"] = budgetaar_status


def budgetaar_status(aar: int) -> str:
    """The year's state as budgets reads it; without budgets, a forslag."""
    return _laesere["budgetaar_status"](aar)


def lukkede_aar() -> frozenset[int]:
    return frozenset(_laesere["lukkede_aar"]())


def _fmt(dato: datetime.date) -> str:
    return dato.strftime("%d.%m.%Y")


def besked_aar(*aarene: int) -> str | None:
    """Why data of these years may not change (the first lukket one), or None."""
    laaste = sorted(frozenset(aarene) & lukkede_aar())
    return AAR_LAAST.format(aar=laaste[0]) if laaste else None


def besked_fra(*datoer: datetime.date | None) -> str | None:
    """Why a change effective on the earliest of ``datoer`` may not be made (it
    would move a lukket year), or None. Dates that are None are left out."""
    datoer_ = [d for d in datoer if d is not None]
    aarene = lukkede_aar()
    if not datoer_ or not aarene:
        return None
    dato = min(datoer_)
    senere = [aar for aar in aarene if aar >= dato.year]
    if not senere:
        return None
    fra = datetime.date(max(aarene) + 1, 1, 1)
    return AAR_LAAST_FRA.format(aar=min(senere), dato=_fmt(dato), fra=_fmt(fra))


def kraev_aabent_aar(aar: int, felt: str = "aar") -> None:
    """Refuse a write to data of year ``aar`` when that year is lukket."""
    if besked := besked_aar(aar):
        raise AarLaast({felt: besked})


def kraev_aabent_fra(dato: datetime.date, felt: str = "dato") -> None:
    """Refuse a change effective on ``dato`` that would move a lukket year."""
    if besked := besked_fra(dato):
        raise AarLaast({felt: besked})


def besked_tilbud(tilbud_id: int) -> str | None:
    """Why the tilbud may not be deleted: it has rows in budgets in a lukket
    year, or None (its stays are checked by their dates, offers.admin)."""
    return besked_aar(*_laesere["tilbud_aar"](tilbud_id))
