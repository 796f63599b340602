"""The inputs of the budget engine (DOMAIN.md §6, §8), built by the services."""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from budgets.engine import dagspris as dp
from budgets.engine.efterregulering import efterregulering_pr_doegn
from budgets.engine.perioder import NUL, Maanedsbeloeb, dagen_foer, indenfor
from tariffs.engine import Takstskift, bostoette_pr_doegn, saertakst_pr_doegn

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
    makes the servicetakst individual. ``visiterede_timer_pr_uge`` (issue 17)
    is set for a bostøtte § 85 placement only: its visiterede hours per week
    price it (tariffs.engine.bostoette_pr_doegn), whatever the level.
    ``pladsandel`` (issue 17, dagtilbud: hel plads 1, halv plads 0.5) scales a
    tilbud's dagspris; other prices ignore it.
    """

    gyldig_fra: date
    niveau_kode: str
    saertakst_timer: Decimal | None = None
    registreret: date | None = None
    annulleret: date | None = None  # the day it was annulled as wrongly registered
    visiterede_timer_pr_uge: Decimal | None = None
    pladsandel: Decimal = dp.HEL_PLADS

    @property
    def egne_timer(self) -> bool:
        """Priced by its own hours (særtakst or visiterede), not by its code:
        the code then needs no servicetakst of its own."""
        return self.saertakst_timer is not None or (
            self.visiterede_timer_pr_uge is not None
        )

    @property
    def timer_pr_doegn(self) -> Decimal | None:
        """Its own hours per døgn (unrounded), None when its code gives them."""
        if self.visiterede_timer_pr_uge is not None:
            return self.visiterede_timer_pr_uge / 7
        return self.saertakst_timer


@dataclass(frozen=True)
class Tillaeg:
    """A tillægstakst (issue 17): a temporary add-on to the borger's døgntakst.

    In force on [fra, til) (``til`` None: open), on the days the ophold is
    financed (bidrag.tillaeg_perioder: the run-off too, capped by ``til``).
    Exactly one of ``timer_pr_doegn`` (× the timepris in force that day,
    rounded to øre once per døgn, as a særtakst) and ``kr_pr_doegn`` (fixed).
    ``til_registreret`` is when the end was registered (None: with the tillæg
    itself); ``begrundelse`` only labels the ledger.
    """

    fra: date
    til: date | None
    timer_pr_doegn: Decimal | None = None
    kr_pr_doegn: Decimal | None = None
    registreret: date | None = None
    til_registreret: date | None = None
    annulleret: date | None = None
    begrundelse: str = ""

    def __post_init__(self) -> None:
        if (self.timer_pr_doegn is None) == (self.kr_pr_doegn is None):
            raise ValueError("Et tillæg har enten timer eller kr. pr. døgn.")
        if self.til is not None and self.til <= self.fra:
            raise ValueError("Et tillæg slutter efter sin start.")


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
    annulled indplacering or one of ``annullerede_afgange``). ``tillaeg`` are its
    tillægstakster (issue 17), annulled ones too (the ledger shows those).
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
    tillaeg: tuple[Tillaeg, ...] = ()

    def __post_init__(self) -> None:
        if self.afgang is not None and self.afgang < self.tilgang:
            raise ValueError("Afgangen kan ikke ligge før tilgangen.")

    def ekstern_paa(self, dato: date) -> bool:
        """Paid for by another municipality on the date: a sold place that day."""
        return any(indenfor(dato, fra, til) for fra, til in self.eksterne)


@dataclass(frozen=True)
class Prisperiode:
    """Inclusive days priced with one set of takster; None is open."""

    fra: date | None
    til: date | None
    priser: "Prisliste"  # without skift


@dataclass(frozen=True)
class Prisliste:
    """The year's rounded takster for one tilbud (DOMAIN.md §3-§4).

    ``servicetakster`` maps each non-særtakst kode to its servicetakst per døgn.
    ``skift`` (issue 13 #3), sorted by gyldig_fra, holds the takster in force
    before each change made in the running year; the fields themselves are the
    newest. A day is priced at the takster of the first skift whose gyldig_fra
    lies after it, else at the newest. The basistakst has no date: it follows
    the tilbud's faste udgifter and pladser, not the takstmodel.

    ``gennemsnitstakst`` (issue 17; DOMAIN.md §1, one average takst per
    tilbud): the tilbud's one service part per døgn. Set, it is every
    placement's servicetakst, whatever the level (a særtakst too), and a
    takstskift does not move it: it is the tilbud's, not the takstmodel's.

    A bostøtte placement (``visiterede_timer_pr_uge``) is priced by its hours
    per week at the timepris direkte of the day's takster, like a særtakst by
    its hours per døgn; a gennemsnitstakst still wins.

    ``timepris_ekstratimer`` (issue 17, DOMAIN.md §2 variants): the timepris of
    ekstratimer, the hours of a tillægstakst; None: they cost timepris_direkte.

    ``efterregulering`` (issue 18 #3): the per-døgn line that carries a closed
    year's resultat outside the band into this year's takst (negative: an
    overskud lowers it). It belongs to the basistakst part (``basisdel``): it
    is a tilbud-wide amount spread over the same forudsatte døgn as the faste
    udgifter (DOMAIN.md §4), the same for every borger whatever the level. So
    every døgntakst carries it (a sold place's buyer pays it), and it moves
    the budget figure the basistakst moves under each principle (DOMAIN.md §6;
    TilbudGrundlag.fast_regulering).
    """

    aar: int
    timepris_direkte: Decimal
    servicetakster: Mapping[str, Decimal]
    basistakst: Decimal
    skift: tuple[Takstskift, ...] = ()
    gennemsnitstakst: Decimal | None = None
    dagspris: Decimal | None = None
    hverdage: bool = False
    timepris_ekstratimer: Decimal | None = None
    efterregulering: Decimal = NUL
    # Issue 17: priced by the tilbud's own timeprismodel, not the takstmodel's
    # (the vectorised engine leaves such a tilbud to the reference).
    egen_timeprismodel: bool = False

    @property
    def ekstratimepris(self) -> Decimal:
        """The timepris of a tillægstakst's hours: the ekstratimer's own, else
        timepris_direkte."""
        if self.timepris_ekstratimer is None:
            return self.timepris_direkte
        return self.timepris_ekstratimer

    @property
    def basisdel(self) -> Decimal:
        """The fixed part of every døgntakst: basistakst + the efterregulering
        line (each rounded to øre on its own, as the takstblad shows them)."""
        return self.basistakst + self.efterregulering

    def __post_init__(self) -> None:
        datoer = [s.gyldig_fra for s in self.skift]
        if datoer != sorted(datoer):
            raise ValueError("Takstskiftene skal være sorteret efter gyldig fra.")

    def servicetakst(self, indplacering: Indplacering) -> Decimal:
        """The servicetakst per døgn of a placement; særtakst from its own hours.

        The newest takster: a dated price list is priced per ``perioder``.
        """
        if self.dagspris is not None:
            return dp.pladspris(self.dagspris, indplacering.pladsandel)
        if self.gennemsnitstakst is not None:
            return self.gennemsnitstakst
        if indplacering.visiterede_timer_pr_uge is not None:
            return bostoette_pr_doegn(
                indplacering.visiterede_timer_pr_uge, self.timepris_direkte
            )
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

    def tillaeg_pr_doegn(self, tillaeg: Tillaeg) -> Decimal:
        """A tillægstakst per døgn: its fixed kr, or its hours (ekstratimer) ×
        this price list's ekstratimepris rounded to øre once (as a særtakst)."""
        if tillaeg.kr_pr_doegn is not None:
            return tillaeg.kr_pr_doegn
        assert tillaeg.timer_pr_doegn is not None
        return saertakst_pr_doegn(tillaeg.timer_pr_doegn, self.ekstratimepris)

    def doegntakst(self, indplacering: Indplacering) -> Decimal:
        """DOMAIN.md §4: basistakst + servicetakst, with the efterregulering
        line in the basistakst part (``basisdel``)."""
        return self.basisdel + self.servicetakst(indplacering)

    @cached_property
    def perioder(self) -> tuple[Prisperiode, ...]:
        """The stretches of days with one set of takster, in date order.

        Without skift one open period at these takster. A skift whose period is
        empty (two changes from one date) is left out.
        """
        perioder = []
        fra: date | None = None
        for skift in self.skift:
            til = dagen_foer(skift.gyldig_fra)
            if fra is None or fra <= til:
                perioder.append(Prisperiode(fra, til, self._med(skift)))
            fra = skift.gyldig_fra
        perioder.append(Prisperiode(fra, None, self._med(None)))
        return tuple(perioder)

    def _med(self, skift: Takstskift | None) -> "Prisliste":
        """These takster without dates (None) or a skift's, without dates."""
        if skift is None:
            return dataclasses.replace(self, skift=()) if self.skift else self
        return dataclasses.replace(
            self,
            timepris_direkte=skift.timepris_direkte,
            servicetakster=skift.servicetakster,
            timepris_ekstratimer=skift.timepris_ekstratimer,
            skift=(),
        )

    def efter_skift(self, antal: int) -> "Prisliste":
        """The price list as it stood after the first ``antal`` changes.

        0 gives the takster in force at the start of the year for every day: the
        oprindeligt budget's. The ledger steps from there through each change.
        """
        if antal >= len(self.skift):
            return self
        naeste = self.skift[antal]
        return dataclasses.replace(
            self,
            timepris_direkte=naeste.timepris_direkte,
            servicetakster=naeste.servicetakster,
            timepris_ekstratimer=naeste.timepris_ekstratimer,
            skift=self.skift[:antal],
        )

    def paa(self, dato: date) -> "Prisliste":
        """The takster in force on the day, without dates."""
        for periode in self.perioder:
            if periode.til is None or dato <= periode.til:
                return periode.priser
        raise AssertionError("The last period is open.")  # pragma: no cover


@dataclass(frozen=True)
class Ramme:
    """The frame and its forudsætninger for the ramme principle (DOMAIN.md §6)."""

    rammebeloeb: Decimal
    dimensioneret_pladser: int
    tillaeg_pr_borger_pr_maaned: Decimal
    forventede_borgere: Decimal
    timer_pr_borger_pr_doegn: Decimal
    # Issue 17 (engine.dagspris): kr. per financed borger-day above N, instead
    # of (or besides) the tillæg per month.
    tillaeg_pr_dag: Decimal = NUL
    hverdage: bool = False  # the tillæg per day counts weekdays only


@dataclass(frozen=True)
class TilbudGrundlag:
    """One tilbud's budget settings (DOMAIN.md §6). Percentages are 0-100.

    ``ramme`` is None for a ramme tilbud whose frame for the year is not saved:
    it is budgeted with fast budget 0 and no tillæg, and engine.advarsler names
    it (issue 12 #5: a tilbud never drops out of the central model).
    """

    id: int
    navn: str
    pladser: int
    tildelingsprincip: str
    forudsat_belaegning: Decimal
    reguleringsandel: Decimal
    faste_udgifter: Decimal
    ramme: Ramme | None = None
    gennemsnitstakst: Decimal | None = None  # issue 17: see Prisliste
    # Issue 17, STU and dagtilbud (engine.dagspris): the price as entered.
    dagspris: Decimal | None = None
    dagspris_enhed: str = dp.Prisenhed.DAG
    dagsgrundlag: str = dp.Dagsgrundlag.KALENDERDAGE
    dimensioneret_til: int | None = None
    tilbudstype: str = ""  # groups the central model (issue 17); not priced
    # Issue 18 #3, booked when an earlier year was lukket (budgets.models
    # .Efterregulering): the part of its resultat carried into this year's
    # takst (``til_takst``; an overskud is positive and lowers the takst) and
    # the part booked into this year's frame (``til_ramme``).
    efterregulering_til_takst: Decimal = NUL
    efterregulering_til_ramme: Decimal = NUL
    # Issue 17: the id of the tilbud's own timeprismodel for the year (None:
    # the takstmodel's); the selectors price its levels with it.
    timeprismodel: int | None = None

    def __post_init__(self) -> None:
        if self.tildelingsprincip not in Tildelingsprincip.ALLE:
            raise ValueError(f"Ukendt tildelingsprincip '{self.tildelingsprincip}'.")
        if self.dagsgrundlag not in dp.Dagsgrundlag.ALLE:
            raise ValueError(f"Ukendt dagsgrundlag '{self.dagsgrundlag}'.")

    def pris_pr_dag(self, aar: int) -> Decimal | None:
        """The dagspris per day in the year (a yearly price converted once)."""
        if self.dagspris is None:
            return None
        return dp.pris_pr_dag(
            self.dagspris, self.dagspris_enhed, self.dagsgrundlag, aar
        )

    def efterregulering_pr_doegn(self, aar: int) -> Decimal:
        """The takst line of ``efterregulering_til_takst`` in the year: spread
        over pladser × days × forudsat belægning as the basistakst, rounded to
        øre once (engine.efterregulering); 0 without one or without days."""
        if not self.efterregulering_til_takst:
            return NUL
        linje = efterregulering_pr_doegn(
            self.efterregulering_til_takst,
            self.pladser,
            aar,
            self.forudsat_belaegning,
        )
        return NUL if linje is None else linje

    def fast_regulering(self) -> Decimal:
        """What the efterregulering moves the fast budget (the frame) by: the
        frame part, and (the takst line being in the basistakst part) the
        takst part as the fixed costs it corrects: faste udgifter − til_takst
        is what basistakst + line finance at the forudsat belægning."""
        return self.efterregulering_til_ramme - self.efterregulering_til_takst

    def prisliste(
        self,
        aar: int,
        timepris_direkte: Decimal,
        servicetakster: Mapping[str, Decimal],
        basistakst: Decimal,
        skift: tuple[Takstskift, ...] = (),
        timepris_ekstratimer: Decimal | None = None,
        egen_timeprismodel: bool = False,
    ) -> Prisliste:
        """The tilbud's price list for the year from the year's takster: with
        its gennemsnitstakst or dagspris (issue 17). A dagspris is the whole
        price of a day, so the basistakst is then 0 (engine.dagspris).
        ``timepris_ekstratimer``: the year's timepris of ekstratimer (None:
        timepris_direkte prices them).
        ``egen_timeprismodel``: the takster are its own timeprismodel's."""
        pris = self.pris_pr_dag(aar)
        return Prisliste(
            aar=aar,
            timepris_direkte=timepris_direkte,
            servicetakster=servicetakster,
            basistakst=basistakst if pris is None else NUL,
            skift=skift,
            gennemsnitstakst=self.gennemsnitstakst,
            dagspris=pris,
            hverdage=self.dagsgrundlag == dp.Dagsgrundlag.HVERDAGE,
            timepris_ekstratimer=timepris_ekstratimer,
            efterregulering=self.efterregulering_pr_doegn(aar),
            egen_timeprismodel=egen_timeprismodel,
        )

    def rammen(self, aar: int) -> Ramme | None:
        """The frame the year is budgeted with: a ramme tilbud dimensioned for N
        students at a dagspris has N × pris × days and pris per day above N
        (engine.dagspris); else the saved frame."""
        pris = self.pris_pr_dag(aar)
        if (
            self.tildelingsprincip != Tildelingsprincip.RAMME
            or self.dimensioneret_til is None
            or pris is None
        ):
            return self.ramme
        n = self.dimensioneret_til
        return Ramme(
            rammebeloeb=dp.rammebeloeb(n, pris, self.dagsgrundlag, aar),
            dimensioneret_pladser=n,
            tillaeg_pr_borger_pr_maaned=NUL,
            forventede_borgere=Decimal(n),
            timer_pr_borger_pr_doegn=NUL,
            tillaeg_pr_dag=pris,
            hverdage=self.dagsgrundlag == dp.Dagsgrundlag.HVERDAGE,
        )


@dataclass(frozen=True)
class Vedtaget:
    """A tilbud's oprindeligt budget as adopted and stored (issue 13 #2).

    12 months each (index 0 = January), in kroner and øre: never recomputed.
    """

    fast: Maanedsbeloeb
    aktivitet: Maanedsbeloeb
    overkapacitet: Maanedsbeloeb

    def __post_init__(self) -> None:
        if any(len(m) != 12 for m in (self.fast, self.aktivitet, self.overkapacitet)):
            raise ValueError("Et vedtaget budget har 12 måneder.")
