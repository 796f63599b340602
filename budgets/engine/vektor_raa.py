"""The common ophold of a year as arrays, without an Ophold object each (issue 16 #2).

budgets.engine.vektor walks each ophold in Python to build its segments; at
national scale that walk (and building the Ophold objects it needs) was most of
a full computation. Here the segments of every *plain* ophold are built at once
in numpy from flat rows (what the database returns), and give the same rows
(tilbud, first day, last day, øre per day) the walk gives. An ophold that is not
plain is handed to the walk, which stays the one place its rules are spelled out.

Plain (``almindelige``): not annulled, with no annulled level or afgang and no
tillægstakst (issue 17: the walk prices those, bidrag.tillaeg_perioder), with days
(afgang after tilgang), the borger's only ophold in the tilbud among those read
(so no return cuts its run-off), every item registered by ``kendt_pr`` (so the
oprindeligt budget sees it as it is). That is nearly every ophold; the rules the
walk applies to the others (bidrag.med_genindflytning, kendt.kendt_udgave) change
nothing for these, which is why the shortcut is exact.
tests/budgets/test_vektor_lige.py holds the two paths equal.

Days are date ordinals; ``AABEN`` (date.max) stands for an open end.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from budgets.engine.grundlag import Ophold
from budgets.engine.maanedstal import Idagtal
from budgets.engine.perioder import finansieret_til, i_aaret

AABEN = date.max.toordinal()
INGEN = 0  # the day number of a missing registration or annulment


def kendt_fra(dag: np.ndarray, registreret: np.ndarray) -> np.ndarray:
    """kendt.er_kendt's day: the registration, or (INGEN) the effective day."""
    return np.where(registreret == INGEN, dag, registreret)


def ophold_kendt_fra(
    tilgang: np.ndarray,
    afgang: np.ndarray,
    tilgang_reg: np.ndarray,
    afgang_reg: np.ndarray,
) -> np.ndarray:
    """kendt._uden_sene's days of the ophold itself: the later of when its
    tilgang and (if any) its afgang were known."""
    afgang_kendt = np.where(afgang == AABEN, INGEN, kendt_fra(afgang, afgang_reg))
    return np.maximum(kendt_fra(tilgang, tilgang_reg), afgang_kendt)


I64 = np.int64


@dataclass(frozen=True)
class RaaOphold:
    """One entry per ophold; ``tilbud`` indexes the list of tilbud computed.

    ``afgang`` is AABEN for none; ``registreret`` is when the ophold as it is
    was known (ophold_kendt_fra), for the kendt_pr test; ``saerlig`` marks what
    only the walk handles (annulled, an annulled afgang, a tillægstakst).
    """

    id: np.ndarray
    tilbud: np.ndarray
    borger: np.ndarray
    tilgang: np.ndarray
    afgang: np.ndarray
    registreret: np.ndarray
    saerlig: np.ndarray
    ekstern_af: np.ndarray  # the key of the ophold's periods in RaaEksterne
    annulleret: np.ndarray  # bool: annulled (never was; only the walk shows it)


@dataclass(frozen=True)
class RaaIndplaceringer:
    """One entry per indplacering: ``ophold`` indexes RaaOphold, ``noegle``
    indexes the price keys (kode, særtakst-timer), ``id`` orders two on a date."""

    ophold: np.ndarray
    gyldig_fra: np.ndarray
    noegle: np.ndarray
    registreret: np.ndarray
    annulleret: np.ndarray
    id: np.ndarray
    # As read (registreret, annulleret; 0: none), to build the walk's objects.
    datoer: tuple[np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class RaaEksterne:
    """The periods another municipality pays (til AABEN: open), per key: the
    borger read from the database, the ophold in ``fra_ophold``."""

    borger: np.ndarray
    fra: np.ndarray
    til: np.ndarray


@dataclass(frozen=True)
class Priser:
    """The øre per day the plain ophold are priced with.

    Price periods are shared by every tilbud: ``fra``/``til`` (k) the periods of
    the year; ``service`` (k, noegle) øre per døgn; ``service_foer`` (noegle)
    the takster in force on 1 January, for the oprindeligt budget (one open
    period); ``basis`` (tilbud) øre per døgn; ``gennemsnit`` (tilbud) the
    tilbud's gennemsnitstakst in øre per døgn, every placement's servicetakst
    whatever its level (Prisliste.servicetakst), or UDEN_GENNEMSNIT.
    """

    fra: np.ndarray
    til: np.ndarray
    service: np.ndarray
    service_foer: np.ndarray
    basis: np.ndarray
    gennemsnit: np.ndarray

    def service_i(self, tabel: np.ndarray, tilbud: np.ndarray) -> np.ndarray:
        """The servicetakst of each row (``tabel``: by the level's price key),
        or its tilbud's gennemsnitstakst where it has one."""
        gennemsnit = self.gennemsnit[tilbud]
        return np.where(gennemsnit == UDEN_GENNEMSNIT, tabel, gennemsnit)


UDEN_GENNEMSNIT = -1


def _i_aar(aar: int) -> tuple[int, int]:
    return date(aar, 1, 1).toordinal(), date(aar, 12, 31).toordinal()


def almindelige(
    oph: RaaOphold, ind: RaaIndplaceringer, kendt_pr: date | None
) -> np.ndarray:
    """The mask of plain ophold (see the module's docstring)."""
    n = len(oph.id)
    plain = ~oph.saerlig & (oph.afgang > oph.tilgang)
    # An annulled level: the walk decides when it was known and in force.
    plain &= np.bincount(ind.ophold[ind.annulleret], minlength=n) == 0
    # The borger's only ophold in the tilbud: no return can cut its run-off.
    par = oph.tilbud.astype(I64) * (int(oph.borger.max(initial=0)) + 1) + oph.borger
    _, hvor, antal = np.unique(par, return_inverse=True, return_counts=True)
    plain &= antal[hvor] == 1
    if kendt_pr is not None:
        kendt = kendt_pr.toordinal()
        plain &= oph.registreret <= kendt
        sene = ind.ophold[ind.registreret > kendt]
        plain[sene] = False
    return plain


def finansieret_til_ord(afgang: np.ndarray) -> np.ndarray:
    """perioder.finansieret_til of each afgang ordinal (AABEN stays AABEN),
    computed once per distinct date."""
    datoer, hvor = np.unique(afgang, return_inverse=True)
    til = np.array(
        [
            AABEN
            if d == AABEN
            else finansieret_til(date.fromordinal(int(d))).toordinal()
            for d in datoer
        ],
        dtype=I64,
    )
    return til[hvor].reshape(afgang.shape)


@dataclass(frozen=True)
class Segmenter:
    """bidrag.segmenter of every plain ophold: one entry per segment."""

    ophold: np.ndarray  # index into RaaOphold
    start: np.ndarray
    slut: np.ndarray  # AABEN: open
    noegle: np.ndarray


def segmenter(
    oph: RaaOphold, ind: RaaIndplaceringer, plain: np.ndarray, finansieret: np.ndarray
) -> Segmenter:
    """Levels cut the financed period: each runs to the day before the next
    (of two on one date the later wins: the earlier has no day), the last to
    the end of the financing; days before the first level have none."""
    valgt = plain[ind.ophold]
    o, fra = ind.ophold[valgt], ind.gyldig_fra[valgt]
    noegle, ids = ind.noegle[valgt], ind.id[valgt]
    orden = np.lexsort((ids, fra, o))
    o, fra, noegle = o[orden], fra[orden], noegle[orden]
    slut = finansieret[o].copy()
    samme = o[1:] == o[:-1]
    naeste = fra[1:] - 1
    slut[:-1] = np.where(samme, np.minimum(slut[:-1], naeste), slut[:-1])
    start = np.maximum(fra, oph.tilgang[o])
    har_dage = start <= slut
    return Segmenter(o[har_dage], start[har_dage], slut[har_dage], noegle[har_dage])


@dataclass(frozen=True)
class Hoved:
    """vektor._hoved's head counts of the plain ophold (none is annulled)."""

    tilbud: np.ndarray
    tilgang: np.ndarray
    sidste: np.ndarray  # the last day lived there; AABEN: still there
    i_tilbud: np.ndarray  # rows (tilbud, first day, last day, 1) in the year
    nye: np.ndarray  # (tilbud, 12): first day there in the year, by month
    tilgange: np.ndarray  # (tilbud, 12)
    afgange: np.ndarray  # (tilbud, 12)


@dataclass(frozen=True)
class Blokke:
    """Row blocks for vektor.Raekker: (tilbud, first day, last day, values…)."""

    korrigeret: list[np.ndarray]
    oprindeligt: list[np.ndarray]
    salg: list[np.ndarray]
    hoved: Hoved
    niveauer: np.ndarray  # (tilbud, noegle): residents on 1 January per level
    # Head-count changes (tilbud, day, ±1) of the financed intervals in the
    # year, for ramme's tillæg above N (vektor._tael): korrigeret, oprindeligt.
    skift_korrigeret: np.ndarray
    skift_oprindeligt: np.ndarray


def _raekker(tilbud, start, slut, *vaerdier) -> np.ndarray:
    return np.column_stack((tilbud, start, slut, *vaerdier)).astype(I64, copy=False)


def _maaned(dag: np.ndarray, aar: int) -> np.ndarray:
    """The month index (0-11) of days inside the year."""
    foerste = np.array([date(aar, m, 1).toordinal() for m in range(1, 13)])
    return np.searchsorted(foerste, dag, side="right") - 1


def _tael(antal: int, tilbud: np.ndarray, dag: np.ndarray, aar: int) -> np.ndarray:
    """(antal, 12): how many days fall in each tilbud's months."""
    ud = np.zeros(antal * 12, dtype=I64)
    np.add.at(ud, tilbud * 12 + _maaned(dag, aar), 1)
    return ud.reshape(antal, 12)


@dataclass(frozen=True)
class Raa:
    """The year's plain ophold as arrays (``plain`` masks ``ophold``), and the
    price keys (kode, særtakst-timer, visiterede timer pr. uge)
    ``indplaceringer.noegle`` indexes."""

    aar: int
    ophold: RaaOphold
    indplaceringer: RaaIndplaceringer
    eksterne: RaaEksterne
    noegler: Sequence[tuple[str, Decimal | None, Decimal | None]]
    plain: np.ndarray

    def faste_koder(self) -> set[str]:
        """The codes any indplacering (plain or not) uses without own hours
        (særtakst or bostøtte): each needs a servicetakst
        (niveaukoder.alle_prissat)."""
        brugt = np.unique(self.indplaceringer.noegle).tolist()
        return {
            kode
            for kode, timer, uge in map(self.noegler.__getitem__, brugt)
            if timer is None and uge is None
        }

    def noegler_i_brug(self) -> list[int]:
        """The price keys the plain ophold use: only these need a price."""
        ind = self.indplaceringer
        return np.unique(ind.noegle[self.plain[ind.ophold]]).tolist()


def blokke(raa: Raa, priser: Priser, antal_tilbud: int) -> Blokke:
    """The rows and counts of the plain ophold, as vektor._ophold_tal makes
    them for each (korrigeret, oprindeligt, salg, head counts)."""
    oph, ind, eksterne = raa.ophold, raa.indplaceringer, raa.eksterne
    plain, aar = raa.plain, raa.aar
    finansieret = finansieret_til_ord(oph.afgang)
    seg = segmenter(oph, ind, plain, finansieret)
    oprindeligt, niveauer = _oprindeligt(
        oph, seg, priser, finansieret, aar, antal_tilbud
    )
    return Blokke(
        korrigeret=_korrigeret(oph, seg, priser, aar),
        oprindeligt=oprindeligt,
        salg=_salg(oph, seg, eksterne, priser, aar),
        hoved=_hoved(oph, plain, aar, antal_tilbud),
        niveauer=niveauer,
        skift_korrigeret=_skift(*_finansieret_i_aaret(oph, seg, aar)),
        skift_oprindeligt=_skift(*(oprindeligt[0][:, j] for j in range(3))),
    )


def doegn_pr_noegle(raa: Raa, antal_tilbud: int) -> np.ndarray:
    """(tilbud, price key): the plain ophold's financed days in the year at each
    level, the days bidrag.paakraevede_timer multiplies by the level's hours."""
    oph = raa.ophold
    seg = segmenter(oph, raa.indplaceringer, raa.plain, finansieret_til_ord(oph.afgang))
    nytaar, nytaarsaften = _i_aar(raa.aar)
    a, b = np.maximum(seg.start, nytaar), np.minimum(seg.slut, nytaarsaften)
    m = a <= b
    bredde = len(raa.noegler)
    ud = np.zeros(antal_tilbud * bredde, dtype=I64)
    np.add.at(ud, oph.tilbud[seg.ophold[m]] * bredde + seg.noegle[m], b[m] - a[m] + 1)
    return ud.reshape(antal_tilbud, bredde)


def _finansieret_i_aaret(
    oph: RaaOphold, seg: Segmenter, aar: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """bidrag.finansieret_periode: per ophold with segments, from its first
    segment's start to its last's end, cut to the year (tilbud, first, last)."""
    nytaar, nytaarsaften = _i_aar(aar)
    if not len(seg.ophold):
        return (np.empty(0, I64),) * 3
    ny = np.flatnonzero(np.r_[True, seg.ophold[1:] != seg.ophold[:-1]])
    sidste = np.r_[ny[1:] - 1, len(seg.ophold) - 1]
    a = np.maximum(seg.start[ny], nytaar)
    b = np.minimum(seg.slut[sidste], nytaarsaften)
    m = a <= b
    return oph.tilbud[seg.ophold[ny][m]], a[m], b[m]


def _skift(tilbud: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(tilbud, day, ±1): one arrives on ``a``, is gone from the day after ``b``."""
    return np.column_stack(
        (
            np.r_[tilbud, tilbud],
            np.r_[a, b + 1],
            np.r_[np.ones(len(a), I64), -np.ones(len(b), I64)],
        )
    ).astype(I64, copy=False)


def _korrigeret(
    oph: RaaOphold, seg: Segmenter, priser: Priser, aar: int
) -> list[np.ndarray]:
    """Each segment × price period, cut to the year (bidrag.finansiering):
    rows (service, døgn)."""
    nytaar, nytaarsaften = _i_aar(aar)
    tilbud = oph.tilbud[seg.ophold]
    basis = priser.basis[tilbud]
    raekker = []
    for k in range(len(priser.fra)):
        a = np.maximum(np.maximum(seg.start, priser.fra[k]), nytaar)
        b = np.minimum(np.minimum(seg.slut, priser.til[k]), nytaarsaften)
        m = a <= b
        service = priser.service_i(priser.service[k, seg.noegle[m]], tilbud[m])
        raekker.append(_raekker(tilbud[m], a[m], b[m], service, service + basis[m]))
    return raekker


def _oprindeligt(
    oph: RaaOphold,
    seg: Segmenter,
    priser: Priser,
    finansieret: np.ndarray,
    aar: int,
    antal_tilbud: int,
) -> tuple[list[np.ndarray], np.ndarray]:
    """vektor._oprindeligt for every plain ophold: the level in force on
    1 January from 1 January to the end of the run-off of an afgang already
    made (a resident: the year's end), at the takster of 1 January."""
    nytaar, nytaarsaften = _i_aar(aar)
    # The segment holding 1 January: at most one per ophold.
    holder = (seg.start <= nytaar) & (nytaar <= seg.slut)
    o, noegle = seg.ophold[holder], seg.noegle[holder]
    # tilgang after 1 January or financed only before it: not in oprindeligt
    # (the segment holding 1 January already implies both).
    beboer = oph.afgang[o] > nytaar
    slut = np.where(beboer, nytaarsaften, np.minimum(finansieret[o], nytaarsaften))
    tilbud = oph.tilbud[o]
    service = priser.service_i(priser.service_foer[noegle], tilbud)
    basis = priser.basis[tilbud]
    raekker = _raekker(tilbud, np.full(len(o), nytaar), slut, service, service + basis)
    niveauer = np.zeros((antal_tilbud, priser.service.shape[1]), dtype=I64)
    np.add.at(niveauer, (tilbud[beboer], noegle[beboer]), 1)
    return [raekker], niveauer


def _salg(
    oph: RaaOphold,
    seg: Segmenter,
    eksterne: RaaEksterne,
    priser: Priser,
    aar: int,
) -> list[np.ndarray]:
    """Sold days: each segment × price period × the borger's ekstern periods,
    cut to the year (noegletal.indtaegt_salg), at the døgntakst."""
    if not len(eksterne.borger) or not len(seg.ophold):
        return []
    nytaar, nytaarsaften = _i_aar(aar)
    orden = np.argsort(eksterne.borger, kind="stable")
    e_borger, e_fra, e_til = (
        eksterne.borger[orden],
        eksterne.fra[orden],
        eksterne.til[orden],
    )
    borger = oph.ekstern_af[seg.ophold]
    lo = np.searchsorted(e_borger, borger, side="left")
    hi = np.searchsorted(e_borger, borger, side="right")
    antal = hi - lo
    s = np.repeat(np.arange(len(borger)), antal)
    if not len(s):
        return []
    # The ekstern period of each repeated segment: lo + its rank in the run.
    foerste = np.repeat(np.cumsum(antal) - antal, antal)
    e = np.repeat(lo, antal) + (np.arange(len(s)) - foerste)
    tilbud = oph.tilbud[seg.ophold[s]]
    basis = priser.basis[tilbud]
    blokke_ = []
    for k in range(len(priser.fra)):
        a = np.maximum.reduce([seg.start[s], np.full(len(s), priser.fra[k]), e_fra[e]])
        a = np.maximum(a, nytaar)
        b = np.minimum.reduce([seg.slut[s], np.full(len(s), priser.til[k]), e_til[e]])
        b = np.minimum(b, nytaarsaften)
        m = a <= b
        service = priser.service_i(priser.service[k, seg.noegle[s][m]], tilbud[m])
        doegn = service + basis[m]
        blokke_.append(_raekker(tilbud[m], a[m], b[m], doegn))
    return blokke_


def _hoved(oph: RaaOphold, plain: np.ndarray, aar: int, antal: int) -> Hoved:
    """vektor._hoved for every plain ophold: days lived there in the year, new
    ones, tilgange and afgange per month."""
    nytaar, nytaarsaften = _i_aar(aar)
    tilbud, tilgang, afgang = oph.tilbud[plain], oph.tilgang[plain], oph.afgang[plain]
    sidste = np.where(afgang == AABEN, AABEN, afgang - 1)
    a, b = np.maximum(tilgang, nytaar), np.minimum(sidste, nytaarsaften)
    boet = a <= b
    tilgaaet = (nytaar <= tilgang) & (tilgang <= nytaarsaften)
    gaaet = (nytaar <= afgang) & (afgang <= nytaarsaften)
    return Hoved(
        tilbud=tilbud,
        tilgang=tilgang,
        sidste=sidste,
        i_tilbud=_raekker(
            tilbud[boet], a[boet], b[boet], np.ones(int(boet.sum()), I64)
        ),
        nye=_tael(antal, tilbud[boet], a[boet], aar),
        tilgange=_tael(antal, tilbud[tilgaaet], tilgang[tilgaaet], aar),
        afgange=_tael(antal, tilbud[gaaet], afgang[gaaet], aar),
    )


def idagtal(raa: Raa, tilbud_ids: Sequence[int], idag: date) -> dict[int, Idagtal]:
    """The head counts on ``idag`` (clamped into the year) and the tilgange and
    afgange of the year up to and including it, per tilbud id (``tilbud_ids``:
    the ids ``ophold.tilbud`` indexes), from every ophold of the arrays, plain
    or not: what budgets.selectors.central._idagtal reads in SQL (the year's
    ophold hold every stay lived in on a day of the year).

    An annulled ophold or level never was; a stay is [tilgang, afgang); the
    level on the day is the latest in force from on or before it; a stay is
    sold when its borger is in an ekstern period on the day."""
    oph, ind, eksterne = raa.ophold, raa.indplaceringer, raa.eksterne
    antal = len(tilbud_ids)
    dag = i_aaret(idag, raa.aar).toordinal()
    fra = date(raa.aar, 1, 1).toordinal()
    til = min(idag, date(raa.aar, 12, 31)).toordinal()
    gaeldende = ~oph.annulleret
    paa = gaeldende & (oph.tilgang <= dag) & (oph.afgang > dag)
    solgt = np.isin(oph.ekstern_af, eksterne.borger[_i_kraft(eksterne, dag)]) & paa
    tilgange = gaeldende & (fra <= oph.tilgang) & (oph.tilgang <= til)
    afgange = gaeldende & (fra <= oph.afgang) & (oph.afgang <= til)
    niveauer = _niveauer_paa(ind, paa, dag, oph.tilbud, antal, len(raa.noegler))
    return {
        t: Idagtal(
            borgere_pr_niveau=_pr_kode(niveauer[i], raa.noegler),
            solgte_pladser=int(n_solgt),
            tilgange_realiseret=int(n_til),
            afgange_realiseret=int(n_af),
        )
        for i, (t, n_solgt, n_til, n_af) in enumerate(
            zip(
                tilbud_ids,
                *(
                    np.bincount(oph.tilbud[m], minlength=antal).tolist()
                    for m in (solgt, tilgange, afgange)
                ),
                strict=True,
            )
        )
    }


def _i_kraft(eksterne: RaaEksterne, dag: int) -> np.ndarray:
    """The mask of the ekstern periods holding the day."""
    return (eksterne.fra <= dag) & (dag <= eksterne.til)


def _niveauer_paa(
    ind: RaaIndplaceringer,
    paa: np.ndarray,
    dag: int,
    tilbud: np.ndarray,
    antal: int,
    bredde: int,
) -> np.ndarray:
    """(tilbud, price key): the stays in ``paa`` by the level in force on the
    day (the latest not annulled from on or before it; of two on one date the
    later id); a stay without one is not counted."""
    valgt = np.flatnonzero(~ind.annulleret & (ind.gyldig_fra <= dag) & paa[ind.ophold])
    orden = valgt[np.lexsort((ind.id[valgt], ind.gyldig_fra[valgt], ind.ophold[valgt]))]
    o = ind.ophold[orden]
    sidste = orden[np.r_[o[1:] != o[:-1], True]] if len(o) else orden
    ud = np.zeros(antal * bredde, dtype=I64)
    np.add.at(ud, tilbud[ind.ophold[sidste]] * bredde + ind.noegle[sidste], 1)
    return ud.reshape(antal, bredde)


def _pr_kode(
    pr_noegle: np.ndarray, noegler: Sequence[tuple[str, Decimal | None, Decimal | None]]
) -> dict[str, int]:
    """Counts by price key added up by the level's kode (own hours or not)."""
    ud: dict[str, int] = {}
    for j in np.flatnonzero(pr_noegle).tolist():
        kode = noegler[j][0]
        ud[kode] = ud.get(kode, 0) + int(pr_noegle[j])
    return ud


def _dag(dato: date | None, ingen: int = AABEN) -> int:
    return ingen if dato is None else dato.toordinal()


def fra_ophold(
    opholdene: Sequence[Sequence[Ophold]], aar: int, kendt_pr: date | None
) -> tuple[Raa, list[tuple[Ophold, ...]]]:
    """Raa of engine.Ophold (per tilbud, in the tilbud's order), and per
    tilbud the ophold that are not plain, for the walk.

    What the selector (budgets.selectors.raa) reads from the database, built
    from the objects the scenarios and the tests hold. An ophold already
    marked with a return (genindflytning) or without borger_id is left to the
    walk, which knows what to make of it.
    """
    o_rader: list[tuple] = []
    i_rader: list[tuple] = []
    e_rader: list[tuple] = []
    noegler: dict[tuple, int] = {}
    liste: list[Ophold] = []
    for i, egne in enumerate(opholdene):
        for o in egne:
            k = len(liste)
            liste.append(o)
            saerlig = (
                o.annulleret is not None
                or bool(o.annullerede_afgange)
                or o.genindflytning is not None
                or o.genindflytning_registreret is not None
                or o.borger_id is None
                or bool(o.tillaeg)  # issue 17: a tillægstakst is the walk's
            )
            o_rader.append(
                (
                    o.id,
                    i,
                    o.borger_id or 0,
                    o.tilgang.toordinal(),
                    _dag(o.afgang),
                    _dag(o.tilgang_registreret, INGEN),
                    _dag(o.afgang_registreret, INGEN),
                    saerlig,
                    k,
                    o.annulleret is not None,
                )
            )
            for j, p in enumerate(o.indplaceringer):
                noegle = (p.niveau_kode, p.saertakst_timer, p.visiterede_timer_pr_uge)
                n = noegler.setdefault(noegle, len(noegler))
                i_rader.append(
                    (
                        k,
                        p.gyldig_fra.toordinal(),
                        n,
                        _dag(p.registreret, INGEN),
                        p.annulleret is not None,
                        j,
                    )
                )
            e_rader += [(k, fra.toordinal(), _dag(til)) for fra, til in o.eksterne]
    o_kol = _kolonner(o_rader, 10)
    i_kol = _kolonner(i_rader, 6)
    e_kol = _kolonner(e_rader, 3)
    oph = RaaOphold(
        id=o_kol[0],
        tilbud=o_kol[1],
        borger=o_kol[2],
        tilgang=o_kol[3],
        afgang=o_kol[4],
        registreret=ophold_kendt_fra(*o_kol[3:7]),
        saerlig=o_kol[7].astype(bool),
        ekstern_af=o_kol[8],
        annulleret=o_kol[9].astype(bool),
    )
    ind = RaaIndplaceringer(
        ophold=i_kol[0],
        gyldig_fra=i_kol[1],
        noegle=i_kol[2],
        registreret=kendt_fra(i_kol[1], i_kol[3]),
        annulleret=i_kol[4].astype(bool),
        id=i_kol[5],
    )
    eksterne = RaaEksterne(borger=e_kol[0], fra=e_kol[1], til=e_kol[2])
    plain = almindelige(oph, ind, kendt_pr)
    andre: list[list[Ophold]] = [[] for _ in opholdene]
    for k in np.flatnonzero(~plain).tolist():
        andre[int(oph.tilbud[k])].append(liste[k])
    raa = Raa(aar, oph, ind, eksterne, list(noegler), plain)
    return raa, [tuple(a) for a in andre]


def _kolonner(rader: list[tuple], bredde: int) -> list[np.ndarray]:
    tabel = np.array(rader, dtype=I64).reshape(len(rader), bredde)
    return [tabel[:, j] for j in range(bredde)]
