"""The ledger of regulations from oprindeligt to korrigeret budget (DOMAIN.md §8).

Every event of every ophold is applied in global order (effective date,
registration date, ophold id) to the state of the whole tilbud, starting from the
oprindeligt state. An entry is the tilbud's total budget after the event minus
before it, so the entries sum exactly to korrigeret − oprindeligt (telescoping),
whatever the principle. Only the changed ophold is recomputed per event: the
summed activity is updated by its difference, which is exact in Decimal.

A change of takster in the running year (issue 13 #3) is an event of the whole
tilbud: every ophold's state is priced again, from then on with the new takster
from the change's gyldig_fra. The oprindeligt state is priced at the takster in
force at the start of the year, so the entries still telescope.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import med_genindflytning, oprindelig_udgave
from budgets.engine.grundlag import Ophold, Prisliste, Tildelingsprincip, Tillaeg
from budgets.engine.haendelser import Haendelse, Haendelsesart, haendelser
from budgets.engine.perioder import NUL, Maanedsbeloeb, maaned_forskel
from budgets.engine.principper import (
    Beregner,
    aktivitet_af,
    sum_aktivitet,
)
from tariffs.engine import Takstskift


class Budgetpost:
    """The part of the budget a ledger entry moves; words in budgets.forklaring."""

    AKTIVITETSBUDGET = "aktivitetsbudget"
    OVERKAPACITETSTILLAEG = "overkapacitetstillaeg"  # a ramme tilbud (§5)
    BUDGET = "budget"  # the whole budget: an ændret grundlag (issue 13 #2)


@dataclass(frozen=True)
class Regulering:
    """One ledger entry (DOMAIN.md §8): who, what, from when, how much.

    Figures and labels only; budgets.forklaring words them for people.
    ``haendelse`` is a Haendelsesart, ``budgetpost`` a Budgetpost, ``borger``
    the borger's masked label. ``beloeb`` is the change of the tilbud's year
    budget; ``maaneder`` per month. ``modpart`` names the other tilbud of an
    omplacering. An entry of the whole tilbud (takstændring, ændret grundlag)
    has no ophold and borger "".
    """

    ophold_id: int | None
    borger: str
    haendelse: str
    dato_registreret: date | None
    virkning_fra: date
    niveau_kode: str | None
    beloeb: Decimal
    maaneder: Maanedsbeloeb
    budgetpost: str = Budgetpost.AKTIVITETSBUDGET
    modpart: str | None = None
    tillaeg: Tillaeg | None = None  # issue 17: the tillægstakst of its event

    @property
    def fra_maaned(self) -> int | None:
        """The first month (1-12) the entry changes; None if it changes none."""
        return next((m for m, b in enumerate(self.maaneder, start=1) if b != 0), None)


def _budgetpost(princip: str) -> str:
    if princip == Tildelingsprincip.RAMME:
        return Budgetpost.OVERKAPACITETSTILLAEG
    return Budgetpost.AKTIVITETSBUDGET


def _regulering(h: Haendelse, maaneder: Maanedsbeloeb, budgetpost: str) -> Regulering:
    omplacering = {
        Haendelsesart.OMPLACERING_TILGANG: h.ophold.omplacering_fra,
        Haendelsesart.OMPLACERING_AFGANG: h.ophold.omplacering_til,
    }
    return Regulering(
        ophold_id=h.ophold.id,
        borger=h.ophold.borger,
        haendelse=h.art,
        dato_registreret=h.registreret,
        virkning_fra=h.virkning_fra,
        niveau_kode=h.niveau_kode,
        beloeb=sum(maaneder, NUL),
        maaneder=maaneder,
        budgetpost=budgetpost,
        modpart=omplacering.get(h.art),
        tillaeg=h.tillaeg,
    )


@dataclass(frozen=True)
class Takstaendring:
    """A change of takster as an event of the ledger: the ``nummer``'th skift.

    On its gyldig_fra day it comes before the ophold's events: a day is priced
    at the takster in force that day, so an event from that day is priced at
    the new ones (a level the change adds has no old price).
    """

    nummer: int
    skift: Takstskift

    @property
    def noegle(self) -> tuple[date, date, bool, int, int]:
        return (self.skift.gyldig_fra, date.min, False, -1, self.nummer)


def _takstregulering(
    t: Takstaendring, maaneder: Maanedsbeloeb, budgetpost: str
) -> Regulering:
    return Regulering(
        ophold_id=None,
        borger="",
        haendelse=Haendelsesart.TAKSTAENDRING,
        dato_registreret=t.skift.registreret,
        virkning_fra=t.skift.gyldig_fra,
        niveau_kode=None,
        beloeb=sum(maaneder, NUL),
        maaneder=maaneder,
        budgetpost=budgetpost,
    )


# Stored figures are in øre: less than half an øre is their rounding (below).
HALV_OERE = Decimal("0.005")


def aendret_grundlag(
    beregnet: Maanedsbeloeb, vedtaget: Maanedsbeloeb, aar: int, budgetpost: str
) -> Regulering | None:
    """Issue 13 #2: the entry from the adopted oprindeligt budget (``vedtaget``,
    the stored totals) to the one the engine finds now (``beregnet``): fixed
    costs, pladser or an item known on the day of vedtagelse changed after the
    adoption. None when nothing changed.

    The stored figures are the engine's rounded to øre when stored; the engine's
    figures are sums of takster and amounts in øre, so a difference under half an
    øre in every month is that rounding, not a change, and makes no entry.
    """
    forskel = maaned_forskel(beregnet, vedtaget)
    if all(abs(m) < HALV_OERE for m in forskel):
        return None
    return Regulering(
        ophold_id=None,
        borger="",
        haendelse=Haendelsesart.AENDRET_GRUNDLAG,
        dato_registreret=None,
        virkning_fra=date(aar, 1, 1),
        niveau_kode=None,
        beloeb=sum(forskel, NUL),
        maaneder=forskel,
        budgetpost=budgetpost,
    )


def _i_global_orden(
    opholdene: Iterable[Ophold],
    aar: int,
    kendt_pr: date | None,
    skift: Sequence[Takstskift],
) -> list[Haendelse | Takstaendring]:
    alle: list[Haendelse | Takstaendring] = [
        h for ophold in opholdene for h in haendelser(ophold, aar, kendt_pr)
    ]
    alle += [Takstaendring(nummer, s) for nummer, s in enumerate(skift)]
    return sorted(alle, key=lambda h: h.noegle)


class _Stand:
    """The whole tilbud as the ledger steps through it: each ophold's state and
    its activity at the takster known at that point, and their sum."""

    def __init__(
        self,
        beregner: Beregner,
        priser: Prisliste,
        udgaver: dict[int, Ophold | None],
        aar: int,
    ) -> None:
        self.aar, self.udgaver = aar, udgaver
        self.pris(beregner, priser)

    def pris(self, beregner: Beregner, priser: Prisliste) -> None:
        """Price every ophold's state again (the base, or a change of takster)."""
        self.beregner, self.priser = beregner, priser
        self.tilstand = {
            i: aktivitet_af(u, priser, self.aar, beregner.med_dage)
            for i, u in self.udgaver.items()
        }
        self.samlet = sum_aktivitet(self.tilstand.values())

    def anvend(self, h: Haendelse) -> None:
        """One ophold's event: only that ophold is priced again."""
        ny = aktivitet_af(h.udgave, self.priser, self.aar, self.beregner.med_dage)
        self.samlet = self.samlet.minus(self.tilstand[h.ophold.id]).plus(ny)
        self.tilstand[h.ophold.id], self.udgaver[h.ophold.id] = ny, h.udgave

    @property
    def total(self) -> Maanedsbeloeb:
        return self.beregner.total(self.samlet)


def reguleringer(
    beregnere: Sequence[Beregner],
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
    aar: int,
    kendt_pr: date | None = None,
) -> tuple[Regulering, ...]:
    """DOMAIN.md §8: the ledger; entries sum to korrigeret − oprindeligt.

    ``beregnere[n]`` is the tilbud's Beregner priced as after the first n of
    ``prisliste.skift`` (the aktivitet principle's forudsat follows the
    takster). The base is what was registered by ``kendt_pr``. Entries of
    events outside the year that change nothing are dropped.
    """
    opholdene = med_genindflytning(opholdene)
    udgaver = {o.id: oprindelig_udgave(o, aar, kendt_pr) for o in opholdene}
    if len(udgaver) != len(opholdene):
        raise ValueError("Opholdene skal have forskellige id'er.")
    stand = _Stand(beregnere[0], prisliste.efter_skift(0), udgaver, aar)
    foer = stand.total
    budgetpost = _budgetpost(stand.beregner.princip)
    poster = []
    for h in _i_global_orden(opholdene, aar, kendt_pr, prisliste.skift):
        if isinstance(h, Takstaendring):
            stand.pris(beregnere[h.nummer + 1], prisliste.efter_skift(h.nummer + 1))
        else:
            stand.anvend(h)
        efter = stand.total
        maaneder, foer = maaned_forskel(efter, foer), efter
        if isinstance(h, Takstaendring):
            regulering = _takstregulering(h, maaneder, budgetpost)
        else:
            regulering = _regulering(h, maaneder, budgetpost)
        if regulering.virkning_fra.year == aar or any(regulering.maaneder):
            poster.append(regulering)
    return tuple(poster)
