"""What a change of a year's takster does to the budgets (issue 13 #3).

The økonomichef sees what a new timepris or takstmodel does to every tilbud's
aktivitetsbudget, then confirms; and a takstmodel that would leave a placement's
code without a price is refused. Both are budgets' figures over offers'
placements, yet the pages, the API and the service asking are tariffs', and the
apps depend one way only, tariffs <- offers <- budgets (STYLE.md 1.2). So, as
with the lukket years (tariffs.lukkede_aar), the dependency is inverted: this
module holds the trial save and the shape of its answer, and budgets registers
its two readers when it is ready (budgets.apps). Without budgets installed no
tilbud has a budget and no code lacks a price.

The trial save: the change is written exactly as the real save would write it
(the same service, the same checks), the budgets are computed from the database
inside that transaction, and the transaction is rolled back: no second
implementation of "what the save would do" can drift from the save. The trial
save's changes are not handed to the stored figures (config.lib.derived
.discarded): a write that is rolled back recomputes nothing.
"""

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from config.lib import derived

# Each tilbud's aktivitetsbudget (korrigeret) of a year, by id: (navn, beløb).
Aktivitet = Mapping[int, tuple[str, Decimal]]


@dataclass(frozen=True)
class Virkning:
    """An aktivitetsbudget (korrigeret, for the year) before and after."""

    foer: Decimal
    efter: Decimal

    @property
    def forskel(self) -> Decimal:
        return self.efter - self.foer


@dataclass(frozen=True)
class TilbudVirkning(Virkning):
    id: int
    navn: str


@dataclass(frozen=True)
class Takstvirkning:
    aar: int
    gyldig_fra: datetime.date | None
    tilbud: tuple[TilbudVirkning, ...]

    @property
    def i_alt(self) -> Virkning:
        return Virkning(
            foer=sum((t.foer for t in self.tilbud), Decimal(0)),
            efter=sum((t.efter for t in self.tilbud), Decimal(0)),
        )


def _ingen_aktivitet(aar: int, idag: datetime.date) -> Aktivitet:
    return {}


def _ingen_koder(aar: int, prissatte: Collection[str]) -> dict[str, tuple[str, ...]]:
    return {}


_laesere: dict[str, Callable] = {
    "aktivitet": _ingen_aktivitet,
    "koder_uden_pris": _ingen_koder,
}


def registrer(
    *,
    aktivitet: Callable[[int, datetime.date], Aktivitet],
    koder_uden_pris: Callable[[int, Collection[str]], dict[str, tuple[str, ...]]],
) -> None:
    """Called once by budgets when it is ready.

    ``aktivitet(aar, idag)`` gives each tilbud's aktivitetsbudget of the year
    from the database (a ValidationError when the year cannot be priced);
    ``koder_uden_pris(aar, prissatte)`` the codes in force on a financed day of
    the year that ``prissatte`` lacks, with the masked borgere on them.
    """
    _laesere["aktivitet"] = aktivitet
    _laesere["koder_uden_pris"] = koder_uden_pris


def koder_uden_pris(aar: int, prissatte: Collection[str]) -> dict[str, tuple[str, ...]]:
    """The codes the year's placements need that ``prissatte`` lacks, with the
    borgere on them; as budgets reads them (DOMAIN.md §6: financed days)."""
    return _laesere["koder_uden_pris"](aar, prissatte)


class _Proeve(Exception):
    """Raised to roll the trial save back, carrying what was computed in it."""


def takstaendring_virkning(
    *,
    aar: int,
    gyldig_fra: datetime.date | None,
    gem: Callable[[], object],
    idag: datetime.date,
) -> Takstvirkning:
    """What ``gem`` (a tariffs service call, as the save would make it) does to
    each tilbud's aktivitetsbudget in ``aar``. Nothing is saved: ``gem`` runs in
    a transaction that is always rolled back. Its ValidationError (or AarLaast)
    comes through as the save's would.
    """
    aktivitet = _laesere["aktivitet"]
    try:
        with transaction.atomic(), derived.discarded():
            foer = aktivitet(aar, idag)
            gem()
            raise _Proeve(foer, aktivitet(aar, idag))
    except _Proeve as proeve:
        foer, efter = proeve.args
    tilbud = tuple(
        TilbudVirkning(
            id=pk,
            navn=navn,
            foer=foer.get(pk, (navn, Decimal(0)))[1],
            efter=efter.get(pk, (navn, Decimal(0)))[1],
        )
        for pk, (navn, _) in {**foer, **efter}.items()
    )
    return Takstvirkning(aar=aar, gyldig_fra=gyldig_fra, tilbud=tilbud)
