"""The ledger of regulations from oprindeligt to korrigeret budget (DOMAIN.md §8).

Every event of every ophold is applied in global order (effective date,
registration date, ophold id) to the state of the whole tilbud, starting from the
oprindeligt state. An entry is the tilbud's total budget after the event minus
before it, so the entries sum exactly to korrigeret − oprindeligt (telescoping),
whatever the principle. Only the changed ophold is recomputed per event: the
summed activity is updated by its difference, which is exact in Decimal.
"""

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import (
    indplacering_paa,
    med_genindflytning,
    oprindelig_udgave,
)
from budgets.engine.grundlag import Ophold, Prisliste, Tildelingsprincip
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


class Haendelsesart:
    """DOMAIN.md §8: what an event does to its ophold."""

    TILGANG = "tilgang"
    AFGANG = "afgang"
    INDPLACERING = "indplacering"
    OMPLACERING_TILGANG = "omplacering_tilgang"
    OMPLACERING_AFGANG = "omplacering_afgang"
    GENINDFLYTNING = "genindflytning"


ETIKETTER = {
    Haendelsesart.TILGANG: "Tilgang",
    Haendelsesart.AFGANG: "Afgang",
    Haendelsesart.INDPLACERING: "Indplacering",
    Haendelsesart.OMPLACERING_TILGANG: "Omplacering fra",
    Haendelsesart.OMPLACERING_AFGANG: "Omplacering til",
    Haendelsesart.GENINDFLYTNING: "Genindflytning (afløbet afkortes)",
}


@dataclass(frozen=True)
class Haendelse:
    """One event and the ophold as it leaves it (None: not yet in the tilbud)."""

    ophold: Ophold
    nummer: int  # order within the ophold
    art: str
    virkning_fra: date
    registreret: date | None
    niveau_kode: str | None
    udgave: Ophold | None

    @property
    def noegle(self) -> tuple[date, date, bool, int, int]:
        """Global order. A missing registration counts as on the effective date.

        A return's cut of the run-off follows the tilgang that causes it.
        """
        registreret = self.registreret or self.virkning_fra
        efter = self.art == Haendelsesart.GENINDFLYTNING
        return (self.virkning_fra, registreret, efter, self.ophold.id, self.nummer)


@dataclass(frozen=True)
class _Trin:
    art: str
    virkning_fra: date
    registreret: date | None
    niveau_kode: str | None
    indeks: tuple[int, ...] = ()  # indplaceringer (by position) the event adds
    afgang: bool = False
    genindflytning: bool = False


def _trin(ophold: Ophold, aar: int) -> list[_Trin]:
    """The events not already in the base state, sorted within the ophold."""
    resident = oprindelig_udgave(ophold, aar) is not None
    # A resident's indplaceringer up to 1 January are in the base; a newcomer's
    # indplaceringer up to its tilgang belong to the tilgang event.
    skel = date(aar, 1, 1) if resident else ophold.tilgang
    trin = [] if resident else [_tilgangstrin(ophold)]
    for i, indplacering in enumerate(ophold.indplaceringer):
        if indplacering.gyldig_fra > skel:
            trin.append(
                _Trin(
                    Haendelsesart.INDPLACERING,
                    indplacering.gyldig_fra,
                    indplacering.registreret,
                    indplacering.niveau_kode,
                    indeks=(i,),
                )
            )
    if ophold.afgang is not None:
        trin.append(_afgangstrin(ophold))
    if ophold.genindflytning is not None:
        trin.append(_genindflytningstrin(ophold))
    return sorted(trin, key=lambda t: (t.virkning_fra, t.registreret or t.virkning_fra))


def _tilgangstrin(ophold: Ophold) -> _Trin:
    art = Haendelsesart.TILGANG
    if ophold.omplacering_fra is not None:
        art = Haendelsesart.OMPLACERING_TILGANG
    indeks = tuple(
        i for i, p in enumerate(ophold.indplaceringer) if p.gyldig_fra <= ophold.tilgang
    )
    gaeldende = indplacering_paa(ophold, ophold.tilgang)
    kode = gaeldende.niveau_kode if gaeldende else None
    return _Trin(art, ophold.tilgang, ophold.tilgang_registreret, kode, indeks)


def _afgangstrin(ophold: Ophold) -> _Trin:
    assert ophold.afgang is not None
    art = Haendelsesart.AFGANG
    if ophold.omplacering_til is not None:
        art = Haendelsesart.OMPLACERING_AFGANG
    return _Trin(art, ophold.afgang, ophold.afgang_registreret, None, afgang=True)


def _genindflytningstrin(ophold: Ophold) -> _Trin:
    """The return to the tilbud ends this stay's run-off (DOMAIN.md §8).

    It implies the afgang (a return needs one), so its state never depends on the
    order of the two when their dates tie.
    """
    assert ophold.genindflytning is not None
    return _Trin(
        Haendelsesart.GENINDFLYTNING,
        ophold.genindflytning,
        ophold.genindflytning_registreret,
        None,
        afgang=True,
        genindflytning=True,
    )


def _basis(ophold: Ophold, aar: int) -> set[int]:
    """The indplaceringer (by position) in a resident's oprindeligt base state."""
    nytaar = date(aar, 1, 1)
    return {i for i, p in enumerate(ophold.indplaceringer) if p.gyldig_fra <= nytaar}


def _udgave(
    ophold: Ophold, anvendte: set[int], afgang: bool, genindflytning: bool
) -> Ophold:
    """The ophold with only the applied events (original order kept)."""
    return dataclasses.replace(
        ophold,
        afgang=ophold.afgang if afgang else None,
        genindflytning=ophold.genindflytning if genindflytning else None,
        indplaceringer=tuple(
            p for i, p in enumerate(ophold.indplaceringer) if i in anvendte
        ),
    )


def haendelser(ophold: Ophold, aar: int) -> tuple[Haendelse, ...]:
    """DOMAIN.md §8: the ophold's events, each with the ophold it leaves behind.

    Events effective before 1 January are collapsed into the last of them.
    """
    findes = oprindelig_udgave(ophold, aar) is not None
    anvendte = _basis(ophold, aar) if findes else set()
    afgang = genindflytning = False
    resultat = []
    for nummer, t in enumerate(_trin(ophold, aar)):
        findes = findes or t.art in _TILGANGE
        anvendte |= set(t.indeks)
        afgang = afgang or t.afgang
        genindflytning = genindflytning or t.genindflytning
        udgave = None
        if findes:
            udgave = _udgave(ophold, anvendte, afgang, genindflytning)
        resultat.append(
            Haendelse(
                ophold,
                nummer,
                t.art,
                t.virkning_fra,
                t.registreret,
                t.niveau_kode,
                udgave,
            )
        )
    foer = [h for h in resultat if h.virkning_fra < date(aar, 1, 1)]
    return tuple(foer[-1:] + resultat[len(foer) :])


_TILGANGE = (Haendelsesart.TILGANG, Haendelsesart.OMPLACERING_TILGANG)


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
