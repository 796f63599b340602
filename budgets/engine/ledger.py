"""The ledger of regulations from oprindeligt to korrigeret budget (DOMAIN.md §8).

Every event of every ophold is applied in global order (effective date,
registration date, ophold id) to the state of the whole tilbud, starting from the
oprindeligt state. An entry is the tilbud's total budget after the event minus
before it, so the entries sum exactly to korrigeret − oprindeligt (telescoping),
whatever the principle. Only the changed ophold is recomputed per event: the
summed activity is updated by its difference, which is exact in Decimal.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import med_genindflytning, oprindelig_udgave
from budgets.engine.grundlag import Ophold, Prisliste, Tildelingsprincip
from budgets.engine.haendelser import (
    ETIKETTER,
    Haendelse,
    Haendelsesart,
    haendelser,
)
from budgets.engine.perioder import NUL, Maanedsbeloeb, maaned_forskel
from budgets.engine.principper import (
    Aktivitet,
    Beregner,
    aktivitet_af,
    sum_aktivitet,
)
from config.lib.formatting import format_dato, format_kr

MAANEDSNAVNE = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class Regulering:
    """One ledger entry (DOMAIN.md §8): who, what, from when, how much.

    ``beloeb`` is the change of the tilbud's year budget; ``maaneder`` per month.
    ``modpart`` names the other tilbud of an omplacering.
    """

    ophold_id: int
    borger: str
    haendelse: str
    dato_registreret: date | None
    virkning_fra: date
    niveau_kode: str | None
    beloeb: Decimal
    maaneder: Maanedsbeloeb
    budgetpost: str = "aktivitetsbudget"
    modpart: str | None = None

    @property
    def beskrivelse(self) -> str:
        """E.g. "Afgang 10.03.2025: aktivitetsbudget −41.234,56 kr. fra 1. maj"."""
        hvad = ETIKETTER[self.haendelse]
        if self.modpart:
            hvad = f"{hvad} {self.modpart}"
        niveau = f" (niveau {self.niveau_kode})" if self.niveau_kode else ""
        hvornaar = f"{hvad} {format_dato(self.virkning_fra)}{niveau}"
        aendrede = [m for m, beloeb in enumerate(self.maaneder) if beloeb != 0]
        if not aendrede:
            return f"{hvornaar}: ingen ændring af {self.budgetpost}"
        beloeb = format_kr(self.beloeb, fortegn=True)
        fra = MAANEDSNAVNE[aendrede[0]]
        return f"{hvornaar}: {self.budgetpost} {beloeb} fra 1. {fra}"


def _budgetpost(princip: str) -> str:
    if princip == Tildelingsprincip.RAMME:
        return "overkapacitetstillæg"
    return "aktivitetsbudget"


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
    )


def _i_global_orden(opholdene: Iterable[Ophold], aar: int) -> list[Haendelse]:
    alle = [h for ophold in opholdene for h in haendelser(ophold, aar)]
    return sorted(alle, key=lambda h: h.noegle)


def reguleringer(
    beregner: Beregner, opholdene: Sequence[Ophold], prisliste: Prisliste, aar: int
) -> tuple[Regulering, ...]:
    """DOMAIN.md §8: the ledger; entries sum to korrigeret − oprindeligt.

    Entries of events outside the year that change nothing are dropped.
    """
    opholdene = med_genindflytning(opholdene)
    dage = beregner.med_dage
    tilstand: dict[int, Aktivitet] = {
        o.id: aktivitet_af(oprindelig_udgave(o, aar), prisliste, aar, dage)
        for o in opholdene
    }
    if len(tilstand) != len(opholdene):
        raise ValueError("Opholdene skal have forskellige id'er.")
    samlet = sum_aktivitet(tilstand.values())
    foer = beregner.total(samlet)
    budgetpost = _budgetpost(beregner.princip)
    poster = []
    for h in _i_global_orden(opholdene, aar):
        ny = aktivitet_af(h.udgave, prisliste, aar, dage)
        samlet = samlet.minus(tilstand[h.ophold.id]).plus(ny)
        tilstand[h.ophold.id] = ny
        efter = beregner.total(samlet)
        regulering = _regulering(h, maaned_forskel(efter, foer), budgetpost)
        foer = efter
        if h.virkning_fra.year == aar or any(regulering.maaneder):
            poster.append(regulering)
    return tuple(poster)
