"""The inputs of the budget engine (DOMAIN.md §6, §8), built by the services."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.perioder import indenfor
from tariffs.engine import Takstskift, saertakst_pr_doegn

# An inclusive period of days; an end of None is open.
Periode = tuple[date, date | None]


class Tildelingsprincip:
    """DOMAIN.md §1, §9."""

    HYBRID = "hybrid"
    AKTIVITET = "aktivitet"
    RAMME = "ramme"
    ALLE = (HYBRID, AKTIVITET, RAMME)


@dataclass(frozen=True)
class Indplacering:
    """A decided takstniveau from a date (DOMAIN.md §5).

    ``saertakst_timer`` (hours per døgn) is set for a særtakst level only; it
    makes the servicetakst individual.
    """

    gyldig_fra: date
    niveau_kode: str
    saertakst_timer: Decimal | None = None
    registreret: date | None = None
    annulleret: date | None = None  # the day it was annulled as wrongly registered


@dataclass(frozen=True)
class AnnulleretAfgang:
    """An afgang registered and later annulled (issue 12 item 11)."""

    dato: date
    registreret: date | None
    annulleret: date


@dataclass(frozen=True)
class Ophold:
    """One stay of one borger in one tilbud (DOMAIN.md §8).

    ``borger`` is an already masked label. ``eksterne`` are the disjoint inclusive
    periods (``til`` None: open) in which another municipality is the borger's
    betalingskommune: on those days the place is sold (DOMAIN.md §9, issue 13).
    They are the borger's, not cut to the stay. The omplacering fields only
    label ledger rows.

    A stay is [tilgang, afgang): the afgang day belongs to the next stay.
    ``borger_id`` identifies the borger across ophold: a return to the same tilbud
    during the run-off ends this stay's run-off (``genindflytning``, set by
    ``bidrag.med_genindflytning`` from the borger's next ophold, never by hand).
    ``annulleret`` is the day its tilgang was annulled: it then finances nothing,
    and the ledger shows the annulment as an entry of its own (as it does for an
    annulled indplacering or one of ``annullerede_afgange``).
    """

    id: int
    borger: str
    tilgang: date
    afgang: date | None
    indplaceringer: tuple[Indplacering, ...]
    eksterne: tuple[Periode, ...] = ()
    tilgang_registreret: date | None = None
    afgang_registreret: date | None = None
    omplacering_fra: str | None = None
    omplacering_til: str | None = None
    borger_id: int | None = None
    genindflytning: date | None = None
    genindflytning_registreret: date | None = None
    annulleret: date | None = None
    annullerede_afgange: tuple[AnnulleretAfgang, ...] = ()

    def __post_init__(self) -> None:
        if self.afgang is not None and self.afgang < self.tilgang:
            raise ValueError("Afgangen kan ikke ligge før tilgangen.")

    def ekstern_paa(self, dato: date) -> bool:
        """Paid for by another municipality on the date: a sold place that day."""
        return any(indenfor(dato, fra, til) for fra, til in self.eksterne)


@dataclass(frozen=True)
class Prisliste:
    """The year's rounded takster for one tilbud (DOMAIN.md §3-§4).

    ``servicetakster`` maps each non-særtakst kode to its servicetakst per døgn.
    """

    aar: int
    timepris_direkte: Decimal
    servicetakster: Mapping[str, Decimal]
    basistakst: Decimal
    skift: tuple[Takstskift, ...] = ()

    def servicetakst(self, indplacering: Indplacering) -> Decimal:
        """The servicetakst per døgn of a placement; særtakst from its own hours."""
        if indplacering.saertakst_timer is not None:
            return saertakst_pr_doegn(
                indplacering.saertakst_timer, self.timepris_direkte
            )
        try:
            return self.servicetakster[indplacering.niveau_kode]
        except KeyError:
            raise ValueError(
                f"Takstniveau '{indplacering.niveau_kode}' har ingen servicetakst "
                f"i {self.aar}; en særtakst kræver timer pr. døgn."
            ) from None

    def doegntakst(self, indplacering: Indplacering) -> Decimal:
        """DOMAIN.md §4: basistakst + servicetakst."""
        return self.basistakst + self.servicetakst(indplacering)


@dataclass(frozen=True)
class Ramme:
    """The frame and its forudsætninger for the ramme principle (DOMAIN.md §6)."""

    rammebeloeb: Decimal
    dimensioneret_pladser: int
    tillaeg_pr_borger_pr_maaned: Decimal
    forventede_borgere: Decimal
    timer_pr_borger_pr_doegn: Decimal


@dataclass(frozen=True)
class TilbudGrundlag:
    """One tilbud's budget settings (DOMAIN.md §6). Percentages are 0-100.

    ``ramme`` is None for a ramme tilbud whose frame for the year is not saved:
    it is budgeted with fast budget 0 and no tillæg, and engine.advarsler says
    so (issue 12 #5: a tilbud never drops out of the central model).
    """

    id: int
    navn: str
    pladser: int
    tildelingsprincip: str
    forudsat_belaegning: Decimal
    reguleringsandel: Decimal
    faste_udgifter: Decimal
    ramme: Ramme | None = None

    def __post_init__(self) -> None:
        if self.tildelingsprincip not in Tildelingsprincip.ALLE:
            raise ValueError(f"Ukendt tildelingsprincip '{self.tildelingsprincip}'.")
