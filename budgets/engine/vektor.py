"""The stored months of every tilbud of a year at once, in integer øre (issue 16 #2).

The plain ophold (nearly all) come as arrays from vektor_raa; the walk below
handles the others (returns, annulments, late registrations) one by one.

The reference engine (tilbud_budget, noegletal, maanedstal.maaneder_af) stays
the readable specification; this engine gives the same figures to the øre
(tests/budgets/test_vektor_lige.py holds the two equal) and is what the
whole-year recomputation uses.

Why it is exact: every takst is rounded to øre once (config.lib.money), so every
activity figure is a sum of whole øre × days, an int64. The reference's only
roundings after that are per tilbud and month (the aktivitet principle's
regulation, ramme's tillæg, the spread of a yearly frame); those are done here
by the reference's own Beregner on the same Decimal sums, tilbud × 12 values.

Where the time goes in the reference (a profile of a year's recomputation):
per ophold it rebuilds the segments five times, adds Decimal tuples month by
month and cuts sold periods into months one ophold copy at a time. Here the
segments of an ophold are built once with the reference's own pure functions
(segmenter, kendt_udgave, med_genindflytning) into flat rows (tilbud, first
day, last day, øre per day), and a few numpy steps turn all rows into the
monthly sums (``dage_gange_vaerdi``). The oprindeligt rows of an ophold all
known by kendt_pr (the common case) come from those same segments
(``_oprindeligt``); only an ophold with an item registered later takes
oprindelig_udgave's copy (``_oprindeligt_kendt``). Tests hold both paths equal
to the reference.
"""

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

import numpy as np

from budgets.engine import vektor_raa
from budgets.engine.bidrag import (
    Segment,
    er_beboer_1_januar,
    indplacering_paa,
    med_genindflytning,
    oprindelig_udgave,
    segmenter,
    tillaeg_perioder,
)
from budgets.engine.grundlag import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Tildelingsprincip,
    Vedtaget,
)
from budgets.engine.kendt import kendt_udgave
from budgets.engine.maanedstal import Maaneder, maaneder_af
from budgets.engine.noegletal import noegletal, sidste_dag_i_tilbud
from budgets.engine.perioder import (
    NUL,
    NUL_MAANEDER,
    Maanedsbeloeb,
    Maanedstal,
    dage_pr_maaned,
    dagen_efter,
    dagen_foer,
    finansieret_til,
    maaned_perioder,
)
from budgets.engine.principper import (
    Aktivitet,
    Beregner,
    aktivitet_fast,
    beregner_for,
    forudsat_pr_maaned,
)
from budgets.engine.tilbud import _opfoelgning, tilbud_budget
from config.lib.money import kroner_af_oere, round_to_oere
from tariffs.engine import HUNDREDE


class IkkeOere(ValueError):
    """A takst that is not a whole number of øre: this engine cannot be exact."""


@dataclass(frozen=True)
class Tilbudsdata:
    """One tilbud's inputs, as the reference engine's tilbud_budget takes them."""

    grundlag: TilbudGrundlag
    opholdene: tuple[Ophold, ...]
    prisliste: Prisliste
    vedtaget: Vedtaget | None = None


# The residents on 1 January per level: only kode and own hours price one.
Niveauer = Counter[Indplacering]


def prisnoegle(
    kode: str, timer: Decimal | None, uge_timer: Decimal | None = None
) -> Indplacering:
    """A level as a price key: only kode, særtakst-timer and (bostøtte)
    visiterede timer pr. uge change its takst."""
    return Indplacering(date.min, kode, timer, visiterede_timer_pr_uge=uge_timer)


def _noegle(i: Indplacering) -> tuple[str, Decimal | None, Decimal | None]:
    """The price key of a placement, as vektor_raa.Raa.noegler holds it."""
    return (i.niveau_kode, i.saertakst_timer, i.visiterede_timer_pr_uge)


class IkkeFaelles(ValueError):
    """The tilbud's takster differ in their periods (or lack a code): the
    arrays of vektor_raa cannot price them; the walk can."""


def _samme_takster(a: Prisliste, b: Prisliste) -> bool:
    """The same takster in the same periods: the periods (Prisliste.perioder)
    follow from the skift and the newest takster alone, so these are compared,
    not the periods built (1,500 tilbud, twice each, was a quarter second)."""
    return a is b or (
        a.skift == b.skift
        and a.timepris_direkte == b.timepris_direkte
        and a.timepris_ekstratimer == b.timepris_ekstratimer
        and a.servicetakster == b.servicetakster
    )


def _raa_priser(
    raa: vektor_raa.Raa, tilbudene: Sequence[Tilbudsdata], takster: "_Takster"
) -> vektor_raa.Priser:
    """The øre per day of every price key in each shared price period."""
    if not tilbudene:
        raise IkkeFaelles("Ingen tilbud.")
    forbillede = tilbudene[0].prisliste
    for data in tilbudene:
        if not _samme_takster(data.prisliste, forbillede):
            raise IkkeFaelles("Tilbuddenes takster har forskellige perioder.")
    brugt = raa.noegler_i_brug()
    bredde = len(raa.noegler)

    def tabel(priser: Prisliste) -> np.ndarray:
        ud = np.zeros(bredde, dtype=np.int64)
        for j in brugt:
            try:
                ud[j] = takster.service(priser, prisnoegle(*raa.noegler[j]))
            except ValueError as fejl:  # a code without price: the walk says where
                raise IkkeFaelles(str(fejl)) from fejl
        return ud

    return vektor_raa.Priser(
        fra=np.array(
            [0 if p.fra is None else p.fra.toordinal() for p in forbillede.perioder]
        ),
        til=np.array(
            [
                vektor_raa.AABEN if p.til is None else p.til.toordinal()
                for p in forbillede.perioder
            ]
        ),
        service=np.array([tabel(p.priser) for p in forbillede.perioder]),
        service_foer=tabel(forbillede.efter_skift(0).perioder[0].priser),
        basis=np.array([takster.basis(d.prisliste) for d in tilbudene], dtype=np.int64),
        gennemsnit=np.array(
            [
                vektor_raa.UDEN_GENNEMSNIT
                if d.prisliste.gennemsnitstakst is None
                else oere(d.prisliste.gennemsnitstakst)
                for d in tilbudene
            ],
            dtype=np.int64,
        ),
    )


def oere(beloeb: Decimal) -> int:
    """Kroner to whole øre; refuses a takst that was not rounded to øre."""
    hele = beloeb.scaleb(2)
    if hele != hele.to_integral_value():
        raise IkkeOere(f"{beloeb} er ikke et helt antal øre.")
    return int(hele)


def _maaneds_graenser(aar: int) -> tuple[np.ndarray, np.ndarray]:
    perioder = maaned_perioder(aar)
    foerste = np.array([f.toordinal() for f, _ in perioder], dtype=np.int64)
    sidste = np.array([s.toordinal() for _, s in perioder], dtype=np.int64)
    return foerste, sidste


@dataclass
class Raekker:
    """Flat rows of inclusive day intervals with one or more values per day.

    Each row is (the tilbud's index, first day, last day, value, …), days as
    date ordinals: one tuple appended per row, the cheapest in Python.
    ``pr_maaned`` sums days × value per tilbud and month: the reference's
    Σ overlap_days(segment, month) × takst, for all rows at once.
    """

    bredde: int
    rader: list[tuple[int, ...]] = field(default_factory=list)
    blokke: list[np.ndarray] = field(default_factory=list)  # from vektor_raa

    def tilfoej(self, raekke: int, start: date, slut: date, *vaerdi: int) -> None:
        self.rader.append((raekke, start.toordinal(), slut.toordinal(), *vaerdi))

    def pr_maaned(self, antal: int, aar: int) -> np.ndarray:
        """(antal, 12, bredde) int64: Σ days in the month × value per day."""
        dele = [b for b in self.blokke if len(b)]
        if self.rader:
            dele.append(np.array(self.rader, dtype=np.int64))
        if not dele:
            return np.zeros((antal, 12, self.bredde), dtype=np.int64)
        rader = np.concatenate(dele)
        return dage_gange_vaerdi(
            rader[:, 0], rader[:, 1], rader[:, 2], rader[:, 3:], antal, aar
        )


def dage_gange_vaerdi(
    raekke: np.ndarray,
    start: np.ndarray,
    slut: np.ndarray,
    vaerdier: np.ndarray,
    antal: int,
    aar: int,
) -> np.ndarray:
    """(antal, 12, bredde) int64: per row index and month, Σ over the rows of
    the days of [start, slut] (inclusive ordinals) in the month × the values.

    Without a rows × 12 array (at ten municipalities 200 MB, walked by memory
    rather than by cache): a row's days in month m are D_m(slut + 1) − D_m(start),
    where D_m(x) is how many days of month m lie before day x: the whole month
    for a month before x's, x's offset in its own month, none after. So each
    row adds its value at x = slut + 1 and subtracts it at x = start, into
    ``efter`` (by x's month) and ``ind`` (value × x's offset), and month m is
    its length × Σ ``efter`` of the later months + ``ind`` of its own. Whole
    numbers throughout: exact.
    """
    starter = _maanedsstarter(aar)  # 13: day index of each 1st, and the year's length
    # A row ending before it starts has no day (as a clipped count of days).
    x = np.concatenate((np.maximum(slut + 1, start), start))
    x -= date(aar, 1, 1).toordinal()
    np.clip(x, 0, starter[-1], out=x)  # before the year: 0; after: its length
    maaned = np.searchsorted(starter, x, side="right") - 1  # 12: after the year
    plads = np.concatenate((raekke, raekke)) * 13 + maaned
    offset = x - starter[maaned]
    bredde = vaerdier.shape[1]
    efter = np.zeros((bredde, antal * 13), dtype=np.int64)
    ind = np.zeros((bredde, antal * 13), dtype=np.int64)
    for j in range(bredde):
        v = np.concatenate((vaerdier[:, j], -vaerdier[:, j]))
        np.add.at(efter[j], plads, v)  # 1-D: numpy's fast path
        np.add.at(ind[j], plads, v * offset)
    efter = efter.reshape(bredde, antal, 13)
    # Σ over the months after m (the 13th, after the year, included).
    senere = np.cumsum(efter[:, :, :0:-1], axis=2)[:, :, ::-1]
    laengde = np.diff(starter)
    ud = laengde * senere + ind.reshape(bredde, antal, 13)[:, :, :12]
    return np.ascontiguousarray(np.moveaxis(ud, 0, 2))


@cache
def _maanedsstarter(aar: int) -> np.ndarray:
    nytaar = date(aar, 1, 1).toordinal()
    dage = [date(aar, m, 1).toordinal() - nytaar for m in range(1, 13)]
    starter = np.array([*dage, date(aar + 1, 1, 1).toordinal() - nytaar])
    starter.flags.writeable = False  # cached: shared by every call
    return starter


@cache
def _aarets_dage(aar: int) -> tuple[date, date]:
    return date(aar, 1, 1), date(aar, 12, 31)


def _i_aaret(start: date, slut: date | None, aar: int) -> tuple[date, date] | None:
    """The inclusive interval cut to the year; None when no day is left."""
    nytaar, nytaarsaften = _aarets_dage(aar)
    fra = start if start > nytaar else nytaar
    til = nytaarsaften if slut is None or slut > nytaarsaften else slut
    return (fra, til) if fra <= til else None


def _snit(
    start: date, slut: date | None, fra: date | None, til: date | None
) -> tuple[date, date | None]:
    """An interval cut to another (``fra``/``til`` None: unbounded)."""
    if fra is not None:
        start = max(start, fra)
    if til is not None:
        slut = til if slut is None else min(slut, til)
    return start, slut


class _Takster:
    """The øre per day of a placement at a price list, looked up once per code."""

    def __init__(self) -> None:
        self._service: dict[tuple, int] = {}
        self._basis: dict[int, int] = {}

    def service(self, priser: Prisliste, indplacering: Indplacering) -> int:
        noegle = (
            id(priser),
            indplacering.niveau_kode,
            indplacering.saertakst_timer,
            indplacering.visiterede_timer_pr_uge,
        )
        takst = self._service.get(noegle)
        if takst is None:
            takst = self._service[noegle] = oere(priser.servicetakst(indplacering))
        return takst

    def basis(self, priser: Prisliste) -> int:
        takst = self._basis.get(id(priser))
        if takst is None:
            takst = self._basis[id(priser)] = oere(priser.basisdel)
        return takst


def _finansiering(
    rk: Raekker,
    i: int,
    dele: Sequence[Segment],
    prisliste: Prisliste,
    aar: int,
    takster: _Takster,
) -> tuple[date, date] | None:
    """Rows (service, døgn) of an ophold's segments × price periods in the year,
    as bidrag.finansiering; returns the financed interval in the year
    (bidrag.finansieret_periode) for ramme's head counts."""
    if not dele:
        return None
    perioder = prisliste.perioder
    basis = takster.basis(prisliste)
    for segment in dele:
        for periode in perioder:
            start, slut = _snit(segment.start, segment.slut, periode.fra, periode.til)
            i_aaret = _i_aaret(start, slut, aar)
            if i_aaret is None:  # no takst lookup: an old code need not be priced
                continue
            service = takster.service(periode.priser, segment.indplacering)
            rk.tilfoej(i, *i_aaret, service, service + basis)
    return _i_aaret(dele[0].start, dele[-1].slut, aar)


def _salg(
    rk: Raekker,
    i: int,
    ophold: Ophold,
    dele: Sequence[Segment],
    prisliste: Prisliste,
    aar: int,
    t: _Takster,
) -> None:
    """Rows (døgntakst) of the sold financed days: noegletal.indtaegt_salg's
    segment × price period × ekstern period, cut to the year."""
    for segment in dele:
        for periode in prisliste.perioder:
            start, slut = _snit(segment.start, segment.slut, periode.fra, periode.til)
            for fra, til in ophold.eksterne:
                i_aaret = _i_aaret(*_snit(start, slut, fra, til), aar)
                if i_aaret is None:
                    continue
                priser = periode.priser
                doegn = t.service(priser, segment.indplacering) + t.basis(priser)
                rk.tilfoej(i, *i_aaret, doegn)


def _tillaeg(
    rk: Raekker,
    i: int,
    ophold: Ophold,
    prisliste: Prisliste,
    aar: int,
    eksterne: bool = False,
) -> None:
    """Issue 17: rows of the ophold's tillægstakster (bidrag.finansiering's
    tillæg × price period), as (service, døgn) rows, or with ``eksterne``
    (noegletal.indtaegt_salg) one døgn row per sold period."""
    for tillaeg, fra, til in tillaeg_perioder(ophold):
        for periode in prisliste.perioder:
            start, slut = _snit(fra, til, periode.fra, periode.til)
            kr = oere(periode.priser.tillaeg_pr_doegn(tillaeg))
            if not eksterne:
                i_aaret = _i_aaret(start, slut, aar)
                if i_aaret is not None:
                    rk.tilfoej(i, *i_aaret, kr, kr)
                continue
            for e_fra, e_til in ophold.eksterne:
                i_aaret = _i_aaret(*_snit(start, slut, e_fra, e_til), aar)
                if i_aaret is not None:
                    rk.tilfoej(i, *i_aaret, kr)


def _tael(skift: dict[date, int], periode: tuple[date, date] | None) -> None:
    """principper.aktivitet_af's head-count changes, added as _tilfoej does."""
    if periode is None:
        return
    for dato, antal in ((periode[0], 1), (dagen_efter(periode[1]), -1)):
        _flyt(skift, dato, antal)


def _flyt(skift: dict[date, int], dato: date, antal: int) -> None:
    """Add a head-count change; a day whose changes cancel is left out."""
    ny = skift.get(dato, 0) + antal
    if ny:
        skift[dato] = ny
    else:
        skift.pop(dato, None)


def _gennemsnit(niveauer: Niveauer, priser: Prisliste) -> Decimal | None:
    """principper.gennemsnitlig_doegntakst from the residents' levels: the
    same exact Decimal sum, a level's takst times its residents."""
    antal = sum(niveauer.values())
    if not antal:
        return None
    takster = [priser.doegntakst(n) * a for n, a in niveauer.items()]
    return round_to_oere(sum(takster, NUL) / antal)


def _forudsat(
    tilbud: TilbudGrundlag,
    niveauer: Niveauer,
    prisliste: Prisliste,
    aar: int,
) -> Maanedsbeloeb | None:
    """principper._forudsat from the residents' levels on 1 January (tilbud ×
    price periods × months: the same Decimal steps as the reference)."""
    perioder = prisliste.perioder
    if len(perioder) == 1:
        return forudsat_pr_maaned(tilbud, _gennemsnit(niveauer, prisliste), aar)
    belaegning = tilbud.forudsat_belaegning / HUNDREDE
    forudsat = [NUL] * 12
    for periode in perioder:
        dage = dage_pr_maaned(periode.fra or date(aar, 1, 1), periode.til, aar)
        if dage is None:
            continue
        gennemsnit = _gennemsnit(niveauer, periode.priser)
        if gennemsnit is None:
            return None
        for m, antal in enumerate(dage):
            if antal:
                forudsat[m] += tilbud.pladser * antal * belaegning * gennemsnit
    return tuple(forudsat)


def _beregner(
    tilbud: TilbudGrundlag,
    niveauer: Niveauer,
    prisliste: Prisliste,
    aar: int,
) -> Beregner:
    """principper.beregner_for without walking the ophold again."""
    if tilbud.tildelingsprincip != Tildelingsprincip.AKTIVITET:
        return beregner_for(tilbud, (), prisliste, aar)
    return Beregner(
        tilbud,
        aar,
        aktivitet_fast(tilbud, aar),
        _forudsat(tilbud, niveauer, prisliste, aar),
    )


@dataclass
class _Tilbudsrester:
    """Per tilbud what is not summed by numpy: the principle's inputs."""

    niveauer: Niveauer = field(default_factory=Counter)
    skift_oprindeligt: dict[date, int] = field(default_factory=dict)
    skift_korrigeret: dict[date, int] = field(default_factory=dict)


def _aktivitet(
    pr_maaned: np.ndarray,
    skift: dict[date, int],
    princip: str,
    med_service: bool = False,
) -> Aktivitet:
    """Aktivitet from a tilbud's (12, ≥2) øre sums (service, døgn), in kroner
    only where read: Beregner.aktivitetsbudget reads a hybrid tilbud's service,
    an aktivitet tilbud's døgn and neither of a ramme (its tillæg counts heads
    in ``skift``); ``med_service`` for the stored service_korrigeret. The rest
    stay 0: 90,000 Decimals a year at national scale were a tenth of it."""
    service = doegn = NUL_MAANEDER
    if med_service or princip == Tildelingsprincip.HYBRID:
        service = _kroner(pr_maaned[:, 0])
    if princip == Tildelingsprincip.AKTIVITET:
        doegn = _kroner(pr_maaned[:, 1])
    return Aktivitet(service, doegn, skift)


def _antal(pr_maaned: np.ndarray) -> Maanedstal:
    return tuple(pr_maaned.tolist())


def _kroner(oere_: np.ndarray) -> Maanedsbeloeb:
    """kroner of each value; .tolist() first: Python ints convert faster."""
    return tuple(kroner_af_oere(oere_.tolist()))


def med_dagtaelling(tilbud: TilbudGrundlag) -> bool:
    """Whether the principle needs daily head counts (ramme's tillæg above N)."""
    return Beregner(tilbud, 0, NUL_MAANEDER).med_dage


@dataclass
class _Hoved:
    """The head counts of the ophold not annulled: their rows and dates."""

    raekke: list[int] = field(default_factory=list)
    tilgang: list[int] = field(default_factory=list)
    sidste: list[int] = field(default_factory=list)  # the last day lived there
    blokke: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=list
    )  # (raekke, tilgang, sidste) from vektor_raa

    def ultimo(self, antal: int, aar: int) -> np.ndarray:
        """noegletal's borgere_ultimo: living there on each month's last day."""
        ud = np.zeros((antal, 12), dtype=np.int64)
        dele = [*self.blokke, (self.raekke, self.tilgang, self.sidste)]
        raekke, tilgang, sidste = (
            np.concatenate([np.asarray(d[j], dtype=np.int64) for d in dele])
            for j in range(3)
        )
        if len(raekke):
            _, sidste_dag = _maaneds_graenser(aar)
            boede = (tilgang[:, None] <= sidste_dag) & (sidste[:, None] >= sidste_dag)
            np.add.at(ud, raekke, boede.astype(np.int64))
        return ud


def _ophold_tal(
    data: Tilbudsdata,
    i: int,
    aar: int,
    kendt_pr: date | None,
    r: "_Alle",
) -> None:
    """One tilbud's ophold into the rows; per ophold only the segments."""
    if not data.opholdene:  # all of them came as arrays (vektor_raa)
        return
    prisliste, foer_priser = data.prisliste, data.prisliste.efter_skift(0)
    tael = med_dagtaelling(data.grundlag)
    rest = r.rester[i]
    for ophold in med_genindflytning(data.opholdene):
        # korrigeret: the ophold as its events make it (bidrag.finansiering).
        dele = segmenter(ophold)
        periode = _finansiering(r.korrigeret, i, dele, prisliste, aar, r.takster)
        if ophold.tillaeg:
            _tillaeg(r.korrigeret, i, ophold, prisliste, aar)
        if tael:
            _tael(rest.skift_korrigeret, periode)
        # oprindeligt: what was known by kendt_pr, as on 1 January.
        kendt = kendt_udgave(ophold, kendt_pr)
        if kendt is ophold and not ophold.tillaeg:  # the common case, no copies
            niveau, periode = _oprindeligt(r, i, ophold, dele, foer_priser, aar)
        else:
            niveau, periode = _oprindeligt_kendt(r, i, kendt, foer_priser, aar)
        if tael:
            _tael(rest.skift_oprindeligt, periode)
        if niveau is not None:
            rest.niveauer[prisnoegle(*_noegle(niveau))] += 1
        if ophold.eksterne:
            _salg(r.salg, i, ophold, dele, prisliste, aar, r.takster)
            if ophold.tillaeg:
                _tillaeg(r.salg, i, ophold, prisliste, aar, eksterne=True)
        if ophold.annulleret is None:
            _hoved(r, i, ophold, aar)


_Oprindeligt = tuple[Indplacering | None, tuple[date, date] | None]


def _oprindeligt_kendt(
    r: "_Alle", i: int, kendt: Ophold | None, priser: Prisliste, aar: int
) -> _Oprindeligt:
    """The oprindeligt rows of an ophold as known by kendt_pr (bidrag's
    oprindelig_udgave); returns the level of a 1 January resident and the
    financed interval in the year."""
    udgave = oprindelig_udgave(kendt, aar) if kendt is not None else None
    if udgave is None:
        return None, None
    dele = segmenter(udgave)
    periode = _finansiering(r.oprindeligt, i, dele, priser, aar, r.takster)
    if udgave.tillaeg:
        _tillaeg(r.oprindeligt, i, udgave, priser, aar)
    niveau = None
    if er_beboer_1_januar(kendt, aar):
        niveau = indplacering_paa(udgave, date(aar, 1, 1))
    return niveau, periode


def _oprindeligt(
    r: "_Alle",
    i: int,
    ophold: Ophold,
    dele: Sequence[Segment],
    priser: Prisliste,
    aar: int,
) -> _Oprindeligt:
    """_oprindeligt_kendt of an ophold all known, from its own segments
    without building oprindelig_udgave's copy and its segments.

    Why it is the same: the copy keeps only levels from on or before 1 January,
    so of its segments only the last (the level in force on 1 January) has days
    in the year: from 1 January to the end of the run-off of an afgang already
    made (a resident on 1 January: open). bidrag.i_oprindeligt decides whether
    there is a copy at all; its test ``segmenter(ophold)`` is ``dele``.
    """
    nytaar = date(aar, 1, 1)
    if not dele or ophold.tilgang > nytaar:
        return None, None
    slut = finansieret_til(ophold.afgang)
    if ophold.genindflytning is not None and ophold.genindflytning <= nytaar:
        slut = dagen_foer(ophold.genindflytning)
    if slut is not None and slut < nytaar:
        return None, None
    niveau = _niveau_paa(dele, nytaar)
    if niveau is None:  # the copy has no level on a day of the year
        return None, None
    beboer = er_beboer_1_januar(ophold, aar)
    # The copy's afgang (None for a resident) and no return: its run-off end.
    periode = _i_aaret(nytaar, None if beboer else finansieret_til(ophold.afgang), aar)
    if periode is not None:
        _aars_segment(r, i, niveau, periode, priser)
    return (niveau if beboer else None), periode


def _niveau_paa(dele: Sequence[Segment], dag: date) -> Indplacering | None:
    """bidrag.indplacering_paa(ophold, dag) from the ophold's segments, for a
    day from its tilgang to the end of its financing: the segment holding the
    day is the last level from on or before it (one segment per level in force,
    each to the day before the next); none holds it before the first level."""
    for segment in dele:
        if segment.start <= dag and (segment.slut is None or dag <= segment.slut):
            return segment.indplacering
    return None


def _aars_segment(
    r: "_Alle",
    i: int,
    niveau: Indplacering,
    periode: tuple[date, date],
    priser: Prisliste,
) -> None:
    """Rows (service, døgn) of one level on an interval inside the year."""
    basis = r.takster.basis(priser)
    for p in priser.perioder:
        start, slut = _snit(periode[0], periode[1], p.fra, p.til)
        if slut is None or start > slut:
            continue
        service = r.takster.service(p.priser, niveau)
        r.oprindeligt.tilfoej(i, start, slut, service, service + basis)


def _hoved(r: "_Alle", i: int, ophold: Ophold, aar: int) -> None:
    """maanedstal._borgere and noegletal._borgerfelter's monthly counts."""
    sidste = sidste_dag_i_tilbud(ophold)
    boet = _i_aaret(ophold.tilgang, sidste, aar)
    if boet is not None:
        r.i_tilbud.tilfoej(i, *boet, 1)
        r.nye[i][boet[0].month - 1] += 1
    r.hoved.raekke.append(i)
    r.hoved.tilgang.append(ophold.tilgang.toordinal())
    r.hoved.sidste.append(
        date.max.toordinal() if sidste is None else sidste.toordinal()
    )
    if ophold.tilgang.year == aar:
        r.tilgange[i][ophold.tilgang.month - 1] += 1
    if ophold.afgang is not None and ophold.afgang.year == aar:
        r.afgange[i][ophold.afgang.month - 1] += 1


@dataclass
class _Alle:
    """Every row of the year, filled tilbud by tilbud."""

    antal: int
    takster: _Takster = field(default_factory=_Takster)
    korrigeret: Raekker = field(default_factory=lambda: Raekker(2))
    oprindeligt: Raekker = field(default_factory=lambda: Raekker(2))
    salg: Raekker = field(default_factory=lambda: Raekker(1))
    i_tilbud: Raekker = field(default_factory=lambda: Raekker(1))
    hoved: _Hoved = field(default_factory=_Hoved)

    def __post_init__(self) -> None:
        self.rester = [_Tilbudsrester() for _ in range(self.antal)]
        self.nye = np.zeros((self.antal, 12), dtype=np.int64)
        self.tilgange = np.zeros((self.antal, 12), dtype=np.int64)
        self.afgange = np.zeros((self.antal, 12), dtype=np.int64)

    def med_raa(self, raa: vektor_raa.Raa, tilbudene: Sequence[Tilbudsdata]) -> None:
        """The plain ophold's rows and counts (vektor_raa), priced as the walk
        prices them."""
        priser = _raa_priser(raa, tilbudene, self.takster)
        b = vektor_raa.blokke(raa, priser, self.antal)
        self.korrigeret.blokke += b.korrigeret
        self.oprindeligt.blokke += b.oprindeligt
        self.salg.blokke += b.salg
        self.i_tilbud.blokke.append(b.hoved.i_tilbud)
        self.hoved.blokke.append((b.hoved.tilbud, b.hoved.tilgang, b.hoved.sidste))
        self.nye += b.hoved.nye
        self.tilgange += b.hoved.tilgange
        self.afgange += b.hoved.afgange
        taelles = np.array([med_dagtaelling(d.grundlag) for d in tilbudene], dtype=bool)
        for skift, navn in (
            (b.skift_korrigeret, "skift_korrigeret"),
            (b.skift_oprindeligt, "skift_oprindeligt"),
        ):
            for i, dag, antal in _pr_dag(skift[taelles[skift[:, 0]]]):
                _flyt(getattr(self.rester[i], navn), date.fromordinal(dag), antal)
        noegler = [prisnoegle(*n) for n in raa.noegler]
        ii, jj = np.nonzero(b.niveauer)
        for i, j, antal in zip(
            ii.tolist(), jj.tolist(), b.niveauer[ii, jj].tolist(), strict=True
        ):
            self.rester[i].niveauer[noegler[j]] += antal


def _pr_dag(skift: np.ndarray) -> list[list[int]]:
    """Rows (tilbud, day, ±1) added up per tilbud and day, those that cancel
    left out: one dict entry per changed day, not one _flyt per ophold."""
    if not len(skift):
        return []
    s = skift[np.lexsort((skift[:, 1], skift[:, 0]))]
    ny = np.r_[True, (s[1:, 0] != s[:-1, 0]) | (s[1:, 1] != s[:-1, 1])]
    start = np.flatnonzero(ny)
    antal = np.add.reduceat(s[:, 2], start)
    har = antal != 0
    return np.column_stack((s[start[har], :2], antal[har])).tolist()


def _budget(
    data: Tilbudsdata,
    rest: _Tilbudsrester,
    korr: np.ndarray,
    opr: np.ndarray,
    aar: int,
) -> dict[str, Maanedsbeloeb]:
    """tilbud.tilbud_budget's month fields from the summed øre (tilbud × 12)."""
    tilbud, prisliste = data.grundlag, data.prisliste

    def foer() -> Beregner:  # at the takster of 1 January
        return _beregner(tilbud, rest.niveauer, prisliste.efter_skift(0), aar)

    beregner = (
        _beregner(tilbud, rest.niveauer, prisliste, aar) if prisliste.skift else foer()
    )
    princip = tilbud.tildelingsprincip
    korrigeret = _aktivitet(korr, rest.skift_korrigeret, princip, med_service=True)
    forudsat, faktisk = _opfoelgning(beregner, korrigeret, prisliste, aar)
    # A vedtaget year's oprindeligt is stored: neither its activity nor its
    # Beregner is made (a quarter of the Decimals of the year).
    oprindeligt = data.vedtaget or _oprindeligt_budget(
        foer() if prisliste.skift else beregner,
        _aktivitet(opr, rest.skift_oprindeligt, princip),
    )
    return {
        "fast": beregner.fast,
        "fast_oprindeligt": oprindeligt.fast,
        "aktivitet_oprindeligt": oprindeligt.aktivitet,
        "aktivitet_korrigeret": beregner.aktivitetsbudget(korrigeret),
        "overkapacitet_oprindeligt": oprindeligt.overkapacitet,
        "overkapacitet_korrigeret": beregner.overkapacitet(korrigeret),
        "forudsat_aktivitet": forudsat,
        "faktisk_aktivitet": faktisk,
        "service_korrigeret": korrigeret.service,
    }


def _oprindeligt_budget(foer: Beregner, oprindelig: Aktivitet) -> Vedtaget:
    return Vedtaget(
        foer.fast, foer.aktivitetsbudget(oprindelig), foer.overkapacitet(oprindelig)
    )


def maaneder_for_aaret(
    tilbudene: Sequence[Tilbudsdata],
    aar: int,
    kendt_pr: date | None = None,
    raa: vektor_raa.Raa | None = None,
    som_raekker: bool = True,
) -> list[Maaneder]:
    """Each tilbud's stored months (maanedstal.Maaneder), in input order.

    Equal to the reference's maaneder_af(tilbud_budget(…, med_ledger=False),
    noegletal(…), …) with the same ``kendt_pr`` and each tilbud's ``vedtaget``.

    ``raa``: more of the tilbud's ophold as arrays (vektor_raa), its plain
    ones; each tilbud's ``opholdene`` then hold the others (the selector reads
    them so). Without it the plain ones of ``opholdene`` are made arrays here
    (vektor_raa.fra_ophold) unless ``som_raekker`` is False: then every ophold
    is walked (the tests hold both ways equal). Raises IkkeOere if a takst is
    not a whole number of øre, IkkeFaelles if ``raa`` is given and the tilbud
    do not share their takster's periods.
    """
    for data in tilbudene:
        if data.prisliste.aar != aar:
            raise ValueError(f"Prislisten gælder {data.prisliste.aar}, ikke {aar}.")
    if any(kun_reference(d) for d in tilbudene):
        if raa is not None:  # their plain ophold are in the arrays: walk them all
            raise IkkeFaelles(
                "Et tilbud med dagspris eller egen timeprismodel regnes af referencen."
            )
        return _med_reference(tilbudene, aar, kendt_pr, som_raekker)
    if raa is None and som_raekker and tilbudene:
        raa, andre = vektor_raa.fra_ophold(
            [d.opholdene for d in tilbudene], aar, kendt_pr
        )
        med_andre = [
            dataclasses.replace(d, opholdene=a)
            for d, a in zip(tilbudene, andre, strict=True)
        ]
        try:
            return _maaneder(med_andre, aar, kendt_pr, raa)
        except IkkeFaelles:  # takster in different periods: walk them all
            raa = None
    return _maaneder(tilbudene, aar, kendt_pr, raa)


def kun_reference(data: Tilbudsdata) -> bool:
    """Issue 17: a tilbud priced by a dagspris (a pladsandel in the price, paid
    weekdays, a frame per student-day) is not priced by this engine but by the
    reference (tilbud_budget + noegletal + maaneder_af), the one place those
    rules are spelled out. Such tilbud are few and small; the selectors send
    them there without reading them as arrays. So is a tilbud priced by its
    own timeprismodel (issue 17): its takster are not the others'."""
    return data.prisliste.dagspris is not None or data.prisliste.egen_timeprismodel


def reference_maaneder(data: Tilbudsdata, aar: int, kendt_pr: date | None) -> Maaneder:
    """The stored months of one tilbud by the reference engine."""
    budget = tilbud_budget(
        data.grundlag,
        data.opholdene,
        data.prisliste,
        aar,
        med_ledger=False,
        kendt_pr=kendt_pr,
        vedtaget=data.vedtaget,
    )
    tal = noegletal(
        data.grundlag,
        data.opholdene,
        data.prisliste,
        budget,
        {},
        aar,
        date(aar, 12, 31),
    )
    return maaneder_af(budget, tal, data.opholdene, data.prisliste)


def _med_reference(
    tilbudene: Sequence[Tilbudsdata],
    aar: int,
    kendt_pr: date | None,
    som_raekker: bool,
) -> list[Maaneder]:
    """maaneder_for_aaret with the kun_reference tilbud by the reference."""
    andre = [d for d in tilbudene if not kun_reference(d)]
    beregnet = iter(
        maaneder_for_aaret(andre, aar, kendt_pr, som_raekker=som_raekker)
        if andre
        else ()
    )
    return [
        reference_maaneder(d, aar, kendt_pr) if kun_reference(d) else next(beregnet)
        for d in tilbudene
    ]


def _maaneder(
    tilbudene: Sequence[Tilbudsdata],
    aar: int,
    kendt_pr: date | None,
    raa: vektor_raa.Raa | None,
) -> list[Maaneder]:
    n = len(tilbudene)
    r = _Alle(n)
    if raa is not None:
        r.med_raa(raa, tilbudene)
    for i, data in enumerate(tilbudene):
        _ophold_tal(data, i, aar, kendt_pr, r)
    korr, opr = r.korrigeret.pr_maaned(n, aar), r.oprindeligt.pr_maaned(n, aar)
    solgt, dage = r.salg.pr_maaned(n, aar), r.i_tilbud.pr_maaned(n, aar)
    ultimo = r.hoved.ultimo(n, aar)
    return [
        Maaneder(
            **_budget(data, r.rester[i], korr[i], opr[i], aar),
            indtaegt_salg=_kroner(solgt[i, :, 0]),
            borgere_nye=_antal(r.nye[i]),
            borgerdage=_antal(dage[i, :, 0]),
            borgere_ultimo=_antal(ultimo[i]),
            tilgange=_antal(r.tilgange[i]),
            afgange=_antal(r.afgange[i]),
        )
        for i, data in enumerate(tilbudene)
    ]
