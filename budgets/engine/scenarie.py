"""Scenarios (issue 16 #1): a budget year's engine inputs with changed assumptions.

Pure: the selector (budgets.selectors.scenarie) reads the year once into
``Inddata``; ``anvend`` applies the changes in their order and ``beregn`` prices
base and scenario the same way, so every difference comes from a change.

Rules chosen here, and why:
- A scenario prices the whole year at one set of takster, the year's newest,
  changed as the scenario says (a takstændring in the running year is not
  replayed: a scenario asks "what if the assumptions were these").
- The budget of a month is the korrigeret budget: fast + aktivitet +
  overkapacitet of every ophold as the scenario makes them (DOMAIN.md §6, §8).
- A planned tilgang is N anonymous stays "Planlagt k/N" on the level from the
  date (open, no borger: never a real one). Negative ids keep them apart from
  real ophold.
- A planned afgang ends N stays present in the tilbud on the date, the most
  recent tilgange first (a later tilgang before an earlier one; of one date the
  higher id, so real stays before planned ones, which have negative ids). Planned
  tilgange count as soon as an earlier change added them. With fewer stays
  present, all of them end. The usual run-off applies (DOMAIN.md §6).
- A closed tilbud ends every stay at the date (run-off as above; a stay from the
  date on finances nothing) and its fast budget stops the day before.
- A new tilbud (id −n for change number n) is open from its date: its faste
  udgifter are the yearly amount, and its fast budget is that of the days open.

Speed (issue 16: a result within 1 s at national scale): ``beregn`` prices every
tilbud of a side at once with the vectorised engine (budgets.engine.vektor), equal
to the reference tilbud_budget to the øre; a takst that is not whole øre (only
from inputs the services never write) falls back to the reference, one tilbud at
a time. The result needs no ledger: only the korrigeret months by part.
The base keeps its plain stays as arrays (``Opholdsdata``): a scenario side
reuses them, and only the stays of a tilbud a change touched are walked
(a change of the timepris prices the same arrays anew). The staffing's required
hours come from the same arrays (``_paakraevede``).
"""

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from budgets.engine import vektor_raa
from budgets.engine.bemanding import Bemanding, bemanding, stoettebudget
from budgets.engine.bidrag import paakraevede_timer, timer_for
from budgets.engine.grundlag import (
    Indplacering,
    Ophold,
    TilbudGrundlag,
)
from budgets.engine.perioder import (
    NUL,
    Maanedsbeloeb,
    aarstotal,
    dage_i_maaned,
    dage_pr_maaned,
    dagen_foer,
    maaned_sum,
)
from budgets.engine.scenarie_laes import MAKS_ANTAL, Aendring, Art
from budgets.engine.tilbud import tilbud_budget
from budgets.engine.vektor import (
    IkkeFaelles,
    IkkeOere,
    Tilbudsdata,
    kun_reference,
    maaneder_for_aaret,
    prisnoegle,
)
from config.lib.money import round_to_oere
from tariffs import engine as tariff_engine

# --- Applying changes -----------------------------------------------------------


@dataclass(frozen=True)
class Inddata:
    """A budget year's engine inputs (issue 16 #1).

    ``niveauer`` are the takstmodel's in its unit ``enhed``; ``ophold`` maps a
    tilbud's id to its stays; ``aaben`` maps a tilbud's id to the inclusive days
    it is open in the year (absent: all year). ``egne_timeprismodeller`` maps
    the id of a tilbud's own timeprismodel (TilbudGrundlag.timeprismodel,
    issue 17) to its inputs: such a tilbud's levels are priced with it, and a
    change of the timepris acts on ``timeprisgrundlag`` (the takstmodel's) only.
    """

    aar: int
    timeprisgrundlag: tariff_engine.Timeprisgrundlag
    enhed: str
    niveauer: tuple[tariff_engine.Niveau, ...]
    tilbud: tuple[TilbudGrundlag, ...]
    ophold: Mapping[int, tuple[Ophold, ...]]
    aaben: Mapping[int, tuple[date, date]] = dataclasses.field(default_factory=dict)
    egne_timeprismodeller: Mapping[int, tariff_engine.Timeprisgrundlag] = (
        dataclasses.field(default_factory=dict)
    )


class ScenarieFejl(ValueError):
    """A change that the inputs cannot take (an unknown tilbud or level)."""


UKENDT_TILBUD = "Tilbuddet ({id}) findes ikke i scenariet."
UKENDT_NIVEAU = "Takstniveau '{kode}' findes ikke i takstmodellen."
UDEN_FOR_AABNING = "Tilbuddet '{navn}' er kun åbent fra {fra} til {til}."
SAERTAKST_UDEN_TIMER = "Særtakst '{kode}' har ingen faste timer: vælg et andet niveau."


def _tilbud_index(ind: Inddata, tilbud_id: int | None) -> int:
    for i, t in enumerate(ind.tilbud):
        if t.id == tilbud_id:
            return i
    raise ScenarieFejl(UKENDT_TILBUD.format(id=tilbud_id))


def _med_tilbud(ind: Inddata, tilbud_id: int | None, **felter) -> Inddata:
    i = _tilbud_index(ind, tilbud_id)
    nyt = dataclasses.replace(ind.tilbud[i], **felter)
    return dataclasses.replace(
        ind, tilbud=ind.tilbud[:i] + (nyt,) + ind.tilbud[i + 1 :]
    )


def _niveau_index(ind: Inddata, kode: str | None, fast: bool = True) -> int:
    for i, n in enumerate(ind.niveauer):
        if n.kode == kode:
            if fast and n.saertakst:
                raise ScenarieFejl(SAERTAKST_UDEN_TIMER.format(kode=kode))
            return i
    raise ScenarieFejl(UKENDT_NIVEAU.format(kode=kode))


def _med_niveau(ind: Inddata, kode: str | None, **felter) -> Inddata:
    i = _niveau_index(ind, kode)
    nyt = dataclasses.replace(ind.niveauer[i], **felter)
    niveauer = ind.niveauer[:i] + (nyt,) + ind.niveauer[i + 1 :]
    return dataclasses.replace(ind, niveauer=niveauer)


def _med_ophold(ind: Inddata, tilbud_id: int, ophold: Sequence[Ophold]) -> Inddata:
    return dataclasses.replace(ind, ophold={**ind.ophold, tilbud_id: tuple(ophold)})


def _planlagte(a: Aendring, nr: int) -> list[Ophold]:
    """``a.antal`` anonymous stays "Planlagt k/N" on the level from the date."""
    assert a.antal is not None and a.dato is not None and a.niveau is not None
    return [
        Ophold(
            id=-(nr * MAKS_ANTAL + k),
            borger=f"Planlagt {k}/{a.antal}",
            tilgang=a.dato,
            afgang=None,
            indplaceringer=(Indplacering(a.dato, a.niveau),),
        )
        for k in range(1, a.antal + 1)
    ]


def _til_stede(o: Ophold, dato: date) -> bool:
    """In the tilbud on the date, with the afgang still to come."""
    return (
        o.annulleret is None
        and o.tilgang < dato
        and (o.afgang is None or o.afgang > dato)
    )


def _afsluttet(o: Ophold, dato: date) -> Ophold:
    """The stay ended at ``dato`` (a stay from the date on gets no days)."""
    slut = max(o.tilgang, dato)
    if o.afgang is not None and o.afgang <= slut:
        return o
    return dataclasses.replace(o, afgang=slut, afgang_registreret=None)


def _planlagt_afgang(ophold: Sequence[Ophold], antal: int, dato: date) -> list[Ophold]:
    """End the ``antal`` most recent tilgange present on the date (module doc)."""
    kandidater = sorted(
        (o for o in ophold if _til_stede(o, dato)),
        key=lambda o: (o.tilgang, o.id),
        reverse=True,
    )
    slutter = {o.id for o in kandidater[:antal]}
    return [_afsluttet(o, dato) if o.id in slutter else o for o in ophold]


def _nyt_tilbud_grundlag(a: Aendring, nr: int) -> TilbudGrundlag:
    assert a.pladser is not None and a.princip is not None and a.navn is not None
    return TilbudGrundlag(
        id=-nr,
        navn=a.navn,
        pladser=a.pladser,
        tildelingsprincip=a.princip,
        forudsat_belaegning=a.belaegning or Decimal(100),
        reguleringsandel=Decimal(100),
        faste_udgifter=a.faste_udgifter or NUL,
    )


def _aabent(ind: Inddata, tilbud_id: int, fra: date | None, til: date | None):
    """The tilbud's open days cut to [fra, til] (None: unchanged end)."""
    start, slut = ind.aaben.get(tilbud_id, (date(ind.aar, 1, 1), date(ind.aar, 12, 31)))
    ny = (max(start, fra) if fra else start, min(slut, til) if til else slut)
    return dataclasses.replace(ind, aaben={**ind.aaben, tilbud_id: ny})


def _kraev_aaben(ind: Inddata, tilbud_id: int, dato: date) -> None:
    """A planned tilgang must fall on a day the tilbud is open (new or closed)."""
    aaben = ind.aaben.get(tilbud_id)
    if aaben is not None and not aaben[0] <= dato <= aaben[1]:
        navn = ind.tilbud[_tilbud_index(ind, tilbud_id)].navn
        fra, til = (d.strftime("%d.%m.%Y") for d in aaben)
        raise ScenarieFejl(UDEN_FOR_AABNING.format(navn=navn, fra=fra, til=til))


def _anvend_tilbud(ind: Inddata, a: Aendring, nr: int) -> Inddata:
    """The changes that act on one tilbud and its stays."""
    match a.art:
        case Art.TILBUD_PLADSER:
            return _med_tilbud(ind, a.tilbud, pladser=a.pladser)
        case Art.TILBUD_BELAEGNING:
            return _med_tilbud(ind, a.tilbud, forudsat_belaegning=a.belaegning)
        case Art.TILBUD_PRINCIP:
            return _med_tilbud(ind, a.tilbud, tildelingsprincip=a.princip)
        case Art.TILBUD_FASTE_UDGIFTER:
            return _med_tilbud(ind, a.tilbud, faste_udgifter=a.faste_udgifter)
    tilbud_id = ind.tilbud[_tilbud_index(ind, a.tilbud)].id
    ophold = list(ind.ophold.get(tilbud_id, ()))
    assert a.dato is not None
    match a.art:
        case Art.PLANLAGT_TILGANG:
            _niveau_index(ind, a.niveau)
            _kraev_aaben(ind, tilbud_id, a.dato)
            return _med_ophold(ind, tilbud_id, ophold + _planlagte(a, nr))
        case Art.PLANLAGT_AFGANG:
            assert a.antal is not None
            return _med_ophold(
                ind, tilbud_id, _planlagt_afgang(ophold, a.antal, a.dato)
            )
    # LUKKET_TILBUD
    ind = _med_ophold(ind, tilbud_id, [_afsluttet(o, a.dato) for o in ophold])
    return _aabent(ind, tilbud_id, None, dagen_foer(a.dato))


def _anvend_en(ind: Inddata, a: Aendring, nr: int) -> Inddata:
    g = ind.timeprisgrundlag
    match a.art:
        case Art.TIMEPRIS_FELT:
            g = dataclasses.replace(g, **{a.felt: a.tal})
            return dataclasses.replace(ind, timeprisgrundlag=g)
        case Art.FRAVAER_LINJE | Art.TIDSANVENDELSE_LINJE:
            gruppe = (
                tariff_engine.FRAVAER
                if a.art == Art.FRAVAER_LINJE
                else tariff_engine.TIDSANVENDELSE
            )
            linje = tariff_engine.Linje(a.kategori, timer=a.timer, procent=a.procent)
            g = tariff_engine.med_linje(g, gruppe, linje)
            return dataclasses.replace(ind, timeprisgrundlag=g)
        case Art.NIVEAU_TIMER:
            return _med_niveau(ind, a.niveau, takstgivende=a.timer)
        case Art.NIVEAU_SPAEND:
            return _med_niveau(ind, a.niveau, nedre=a.nedre, oevre=a.oevre)
        case Art.NYT_TILBUD:
            assert a.dato is not None
            ind = dataclasses.replace(
                ind, tilbud=ind.tilbud + (_nyt_tilbud_grundlag(a, nr),)
            )
            return _aabent(ind, -nr, a.dato, None)
    return _anvend_tilbud(ind, a, nr)


def anvend(ind: Inddata, aendringer: Sequence[tuple[int, Aendring]]) -> Inddata:
    """The inputs with each change applied in order; ``nr`` numbers each change
    (its id: a new tilbud is −nr, planned stays −(nr × 1000 + k)).

    Raises ScenarieFejl for a change the inputs cannot take."""
    for nr, aendring in aendringer:
        ind = _anvend_en(ind, aendring, nr)
    return ind


# --- Computing a result ---------------------------------------------------------


@dataclass(frozen=True)
class TilbudTal:
    """One tilbud's figures in a result: takst, budget by month, staffing.

    ``fast`` and ``aktivitet`` (aktivitet + overkapacitet) are korrigeret, per
    month; ``bemanding`` is what the support part buys (engine.bemanding).
    """

    id: int
    navn: str
    pladser: int
    basistakst: Decimal
    fast: Maanedsbeloeb
    aktivitet: Maanedsbeloeb
    bemanding: Bemanding

    @property
    def maaneder(self) -> Maanedsbeloeb:
        return maaned_sum(self.fast, self.aktivitet)

    @property
    def total(self) -> Decimal:
        return aarstotal(self.maaneder)


@dataclass(frozen=True)
class Opholdsdata:
    """A side's stays as the vectorised engine takes them: the plain ones as
    arrays (``raa``, indexed by the position in ``tilbud``), the others per
    tilbud (``andre``), for the walk. Kept with a base's result so a scenario
    on it reuses the arrays (module doc: Speed)."""

    tilbud: tuple[int, ...]
    raa: vektor_raa.Raa
    andre: tuple[tuple[Ophold, ...], ...]


@dataclass(frozen=True)
class Resultat:
    """Every takst, every tilbud's budget by month, the total and the staffing.

    ``opholdsdata``: the stays of every tilbud as computed (None when part of
    the result was taken from an earlier one); not a figure, so not compared.
    """

    timepriser: tariff_engine.Timepriser
    servicetakster: Mapping[str, Decimal]
    tilbud: tuple[TilbudTal, ...]
    opholdsdata: Opholdsdata | None = dataclasses.field(
        default=None, compare=False, repr=False
    )

    @property
    def maaneder(self) -> Maanedsbeloeb:
        total: Maanedsbeloeb = (NUL,) * 12
        for t in self.tilbud:
            total = maaned_sum(total, t.maaneder)
        return total

    @property
    def total(self) -> Decimal:
        return aarstotal(self.maaneder)

    @property
    def aarsvaerk(self) -> Decimal:
        return sum((t.bemanding.aarsvaerk for t in self.tilbud), NUL)


def _servicetakster(ind: Inddata) -> dict[str, Decimal]:
    """Each level at the timepris of its tier, as the takstmodel prices it
    (issue 17; ``ind.niveauer`` in the model's order, the first rækkefølge 1)."""
    return tariff_engine.servicetakster(ind.timeprisgrundlag, ind.niveauer, ind.enhed)


def _timer_pr_kode(ind: Inddata) -> dict[str, Decimal]:
    return {
        n.kode: tariff_engine.timer_pr_doegn(
            tariff_engine.takstgivende_timer(n), ind.enhed
        )
        for n in ind.niveauer
        if not n.saertakst
    }


def _aaben_fast(fast: Maanedsbeloeb, aaben: tuple[date, date] | None, aar: int):
    """The fast budget of the days open (module doc): each month × open days /
    its days, to øre. All year open: unchanged."""
    if aaben is None:
        return fast
    dage = dage_pr_maaned(aaben[0], aaben[1], aar) if aaben[0] <= aaben[1] else None
    if dage is None:
        return (NUL,) * 12
    return tuple(
        round_to_oere(f * d / i) if d != i else f
        for f, d, i in zip(fast, dage, dage_i_maaned(aar), strict=True)
    )


@dataclass(frozen=True)
class _Priser:
    timepriser: tariff_engine.Timepriser
    servicetakster: Mapping[str, Decimal]
    timer_pr_kode: Mapping[str, Decimal]
    aarsloen: Decimal = NUL
    egen: bool = False  # a tilbud's own timeprismodel (issue 17)


def _egne_priser(ind: Inddata, p: _Priser) -> dict[int | None, _Priser]:
    """The prices of each tilbud's timeprismodel by its id (None and the ids
    not in ``ind.egne_timeprismodeller``: the takstmodel's, ``p``)."""
    priser: dict[int | None, _Priser] = {}
    for tp_id, g in ind.egne_timeprismodeller.items():
        priser[tp_id] = _Priser(
            tariff_engine.timepriser(g),
            tariff_engine.servicetakster(g, ind.niveauer, ind.enhed),
            p.timer_pr_kode,
            g.aarsloen,
            egen=True,
        )
    return priser


@dataclass(frozen=True)
class _Korrigeret:
    """The korrigeret months a result shows of one tilbud (either engine's)."""

    fast: Maanedsbeloeb
    aktivitet: Maanedsbeloeb
    overkapacitet: Maanedsbeloeb
    service: Maanedsbeloeb


def _tilbudsdata(
    ind: Inddata, p: _Priser, egne: Mapping[int | None, _Priser]
) -> list[Tilbudsdata]:
    """Each tilbud with its stays and its price list (its own basistakst, and
    its own timeprismodel's takster, issue 17)."""
    dage = tariff_engine.dage_i_aaret(ind.aar)
    data = []
    for t in ind.tilbud:
        basistakst = tariff_engine.basistakst_pr_doegn(
            t.faste_udgifter, t.pladser, dage, t.forudsat_belaegning
        )
        tp = egne.get(t.timeprismodel, p)
        prisliste = t.prisliste(
            ind.aar,
            tp.timepriser.timepris_direkte,
            tp.servicetakster,
            basistakst,
            egen_timeprismodel=tp.egen,
            timepris_ekstratimer=tp.timepriser.timepris_ekstratimer,
        )
        data.append(Tilbudsdata(t, ind.ophold.get(t.id, ()), prisliste))
    return data


def _opholdsdata(
    ind: Inddata,
    data: Sequence[Tilbudsdata],
    tidligere: tuple[Inddata, Resultat] | None,
) -> Opholdsdata:
    """The side's stays for the vectorised engine: the earlier side's arrays when
    its tilbud lead this side's, with the stays of each tilbud whose stays
    differ taken out of them and walked; else made from the stays."""
    ids = tuple(d.grundlag.id for d in data)
    foer = tidligere[1].opholdsdata if tidligere else None
    if tidligere is None or foer is None or ids[: len(foer.tilbud)] != foer.tilbud:
        raa, andre = vektor_raa.fra_ophold([d.opholdene for d in data], ind.aar, None)
        return Opholdsdata(ids, raa, tuple(andre))
    foer_ind = tidligere[0]
    aendret = np.array(
        [not _samme(ind.ophold.get(i), foer_ind.ophold.get(i)) for i in foer.tilbud],
        dtype=bool,
    )
    plain = foer.raa.plain & ~aendret[foer.raa.ophold.tilbud]
    andre = tuple(
        foer.andre[k] if k < len(foer.tilbud) and not aendret[k] else d.opholdene
        for k, d in enumerate(data)
    )
    return Opholdsdata(ids, dataclasses.replace(foer.raa, plain=plain), andre)


def _korrigeret(
    data: Sequence[Tilbudsdata], aar: int, ophold: Opholdsdata
) -> list[_Korrigeret]:
    """Every tilbud's korrigeret months at once (module doc: Speed). A tilbud
    priced by a dagspris (vektor.kun_reference) is the reference engine's; then
    the others' arrays are made here, not reused."""
    med_andre = [
        dataclasses.replace(d, opholdene=andre)
        for d, andre in zip(data, ophold.andre, strict=True)
    ]
    try:
        try:
            if any(kun_reference(d) for d in data):
                alle = maaneder_for_aaret(data, aar)
            else:
                alle = maaneder_for_aaret(med_andre, aar, raa=ophold.raa)
        except IkkeFaelles:  # takster in different periods: walk them all
            alle = maaneder_for_aaret(data, aar, som_raekker=False)
    except IkkeOere:
        return [_korrigeret_reference(d, aar) for d in data]
    return [
        _Korrigeret(
            m.fast,
            m.aktivitet_korrigeret,
            m.overkapacitet_korrigeret,
            m.service_korrigeret,
        )
        for m in alle
    ]


def _paakraevede(
    data: Sequence[Tilbudsdata],
    ophold: Opholdsdata,
    timer_pr_kode: Mapping[str, Decimal],
    aar: int,
) -> list[Decimal]:
    """bidrag.paakraevede_timer of each tilbud: the plain stays' financed days
    per price key from the arrays, the others walked. Exact for hours in whole
    hundredths (timer pr. døgn); hours per week ÷ 7 may differ from the walk's
    sum in the 28th digit, far below the two decimals shown."""
    dage = vektor_raa.doegn_pr_noegle(ophold.raa, len(data))
    brugt = np.flatnonzero(dage.any(axis=0)).tolist()
    timer = {
        j: timer_for(prisnoegle(*ophold.raa.noegler[j]), timer_pr_kode) for j in brugt
    }
    return [
        sum(
            (timer[j] * int(dage[i, j]) for j in brugt if dage[i, j]),
            paakraevede_timer(andre, timer_pr_kode, aar),
        )
        for i, andre in enumerate(ophold.andre)
    ]


def _korrigeret_reference(d: Tilbudsdata, aar: int) -> _Korrigeret:
    """One tilbud by the reference engine (a takst that is not whole øre)."""
    budget = tilbud_budget(d.grundlag, d.opholdene, d.prisliste, aar, med_ledger=False)
    return _Korrigeret(
        budget.fast,
        budget.aktivitet_korrigeret,
        budget.overkapacitet,
        budget.service_korrigeret,
    )


def _tilbud_tal(
    ind: Inddata, d: Tilbudsdata, k: _Korrigeret, p: _Priser, timer: Decimal
) -> TilbudTal:
    t = d.grundlag
    staff = bemanding(
        stoettebudget(t, aarstotal(k.service), aarstotal(k.overkapacitet), ind.aar),
        p.aarsloen,
        p.timepriser.direkte_timer,
        timer,
    )
    return TilbudTal(
        id=t.id,
        navn=t.navn,
        pladser=t.pladser,
        basistakst=d.prisliste.basistakst,
        fast=_aaben_fast(k.fast, ind.aaben.get(t.id), ind.aar),
        aktivitet=maaned_sum(k.aktivitet, k.overkapacitet),
        bemanding=staff,
    )


def _samme(a: object, b: object) -> bool:
    return a is b or a == b


def _uaendrede(ind: Inddata, tidligere: tuple[Inddata, Resultat] | None):
    """The earlier result's figures of each tilbud that nothing they depend on
    has changed for: the year, the timepris inputs, the levels, and the tilbud's
    own settings, stays and open days (``_tilbud_tal`` is a function of these
    alone). Empty when any input common to all tilbud differs."""
    if tidligere is None:
        return {}
    foer, resultat = tidligere
    if not (
        ind.aar == foer.aar
        and ind.enhed == foer.enhed
        and _samme(ind.timeprisgrundlag, foer.timeprisgrundlag)
        and _samme(ind.niveauer, foer.niveauer)
        and _samme(ind.egne_timeprismodeller, foer.egne_timeprismodeller)
    ):
        return {}
    grundlag = {t.id: t for t in foer.tilbud}
    tal = {t.id: t for t in resultat.tilbud}
    return {
        t.id: tal[t.id]
        for t in ind.tilbud
        if t.id in tal
        and _samme(t, grundlag.get(t.id))
        and _samme(ind.ophold.get(t.id, ()), foer.ophold.get(t.id, ()))
        and ind.aaben.get(t.id) == foer.aaben.get(t.id)
    }


def beregn(ind: Inddata, tidligere: tuple[Inddata, Resultat] | None = None) -> Resultat:
    """DOMAIN.md §2-§6 for the inputs: timepris, takster, each tilbud's korrigeret
    budget by month and its staffing. ValueError for impossible inputs (no
    direct time left, a level without price).

    ``tidligere``: other inputs and their result (a scenario's base); a tilbud
    whose figures cannot differ from there is taken from it, not computed
    (a change of one tilbud computes that tilbud alone)."""
    timepriser = tariff_engine.timepriser(ind.timeprisgrundlag)
    priser = _Priser(
        timepriser,
        _servicetakster(ind),
        _timer_pr_kode(ind),
        ind.timeprisgrundlag.aarsloen,
    )
    egne = _egne_priser(ind, priser)
    kendte = _uaendrede(ind, tidligere)
    data = [d for d in _tilbudsdata(ind, priser, egne) if d.grundlag.id not in kendte]
    ophold = _opholdsdata(ind, data, tidligere)
    korrigeret = _korrigeret(data, ind.aar, ophold) if data else []
    timer = _paakraevede(data, ophold, priser.timer_pr_kode, ind.aar)
    nye = {
        d.grundlag.id: _tilbud_tal(
            ind, d, k, egne.get(d.grundlag.timeprismodel, priser), t
        )
        for d, k, t in zip(data, korrigeret, timer, strict=True)
    }
    return Resultat(
        timepriser=timepriser,
        servicetakster=priser.servicetakster,
        tilbud=tuple(kendte.get(t.id) or nye[t.id] for t in ind.tilbud),
        opholdsdata=None if kendte else ophold,
    )
