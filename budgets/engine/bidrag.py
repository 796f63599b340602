"""One ophold's financed days and amounts per month (DOMAIN.md §6, §8).

Work is segments × months: each level segment is intersected with each month.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.grundlag import (
    Indplacering,
    Ophold,
    Prisliste,
    Prisperiode,
    Tillaeg,
)
from budgets.engine.kendt import kendt_udgave
from budgets.engine.perioder import (
    NUL,
    Maanedsbeloeb,
    Maanedstal,
    dage_pr_maaned,
    dagen_foer,
    finansieret_til,
    hverdage_pr_maaned,
)


@dataclass(frozen=True)
class Segment:
    """A stretch of the financed period at one level; ``slut`` None is open."""

    indplacering: Indplacering
    start: date
    slut: date | None


def sorterede_indplaceringer(ophold: Ophold) -> list[Indplacering]:
    """Those in force by gyldig_fra; of two on one date the later listed wins.

    An annulled indplacering never was in force.
    """
    gaeldende = (i for i in ophold.indplaceringer if i.annulleret is None)
    return sorted(gaeldende, key=lambda i: i.gyldig_fra)


def finansieret_slut(ophold: Ophold) -> date | None:
    """DOMAIN.md §6/§8: the last financed day of an ophold (None: open).

    The month + 1 rule, cut short by a return to the same tilbud: the day before
    the borger's next tilgang there, so a borger-day is financed at most once per
    tilbud. Example: afgang 10.03, return 15.04 → financed through 14.04, not 30.04.
    """
    slut = finansieret_til(ophold.afgang)
    if ophold.genindflytning is not None:
        afkortet = dagen_foer(ophold.genindflytning)
        slut = afkortet if slut is None else min(slut, afkortet)
    return slut


def uden_dage(ophold: Ophold) -> bool:
    """A stay [d, d): the borger never lived there, so it finances nothing, no
    run-off either, and is no return that cuts an earlier stay's run-off."""
    return ophold.afgang is not None and ophold.afgang <= ophold.tilgang


def segmenter(ophold: Ophold) -> tuple[Segment, ...]:
    """DOMAIN.md §8: indplaceringer cut the financed period into level segments.

    A segment runs to the day before the next one; the last runs to the end of the
    financed period. Days before the first indplacering have no level. A
    zero-length stay (afgang on the tilgang day) finances nothing.
    """
    if ophold.annulleret is not None or uden_dage(ophold):
        return ()
    indplaceringer = sorterede_indplaceringer(ophold)
    finansieret_slut_ = finansieret_slut(ophold)
    segmenter_: list[Segment] = []
    for i, indplacering in enumerate(indplaceringer):
        start = max(indplacering.gyldig_fra, ophold.tilgang)
        slut = finansieret_slut_
        if i + 1 < len(indplaceringer):
            naeste = dagen_foer(indplaceringer[i + 1].gyldig_fra)
            slut = naeste if slut is None else min(slut, naeste)
        if slut is None or start <= slut:
            segmenter_.append(Segment(indplacering, start, slut))
    return tuple(segmenter_)


def tillaeg_perioder(
    ophold: Ophold,
) -> Iterator[tuple[Tillaeg, date, date | None]]:
    """Issue 17: each tillægstakst in force, as the inclusive days it is paid.

    Rule: a tillæg follows the ophold's financed period (its level segments,
    so the run-off after an afgang too, cut short by a return), capped by its
    own [fra, til). It is part of the borger's døgntakst on those days, as the
    level is; days before the first level are not financed, so neither is the
    tillæg. Example: tillæg from 10.03 open, afgang 15.04: paid 10.03-31.05.
    """
    if not ophold.tillaeg:
        return
    dele = segmenter(ophold)
    if not dele:
        return
    start_, slut_ = dele[0].start, dele[-1].slut
    for tillaeg in ophold.tillaeg:
        if tillaeg.annulleret is not None:
            continue
        start = max(tillaeg.fra, start_)
        slut = slut_
        if tillaeg.til is not None:
            sidste = dagen_foer(tillaeg.til)
            slut = sidste if slut is None else min(slut, sidste)
        if slut is None or start <= slut:
            yield tillaeg, start, slut


def tillaeg_paa(ophold: Ophold, dato: date) -> tuple[Tillaeg, ...]:
    """The tillægstakster paid on the day (tillaeg_perioder holds it)."""
    return tuple(
        t
        for t, fra, til in tillaeg_perioder(ophold)
        if fra <= dato and (til is None or dato <= til)
    )


def med_genindflytning(opholdene: Iterable[Ophold]) -> tuple[Ophold, ...]:
    """DOMAIN.md §8: mark each stay that the same borger's next stay follows.

    ``opholdene`` are one tilbud's. A return during the run-off ends the earlier
    stay's run-off (see ``finansieret_slut``); a return after it changes nothing.
    Ophold without ``borger_id`` are left as they are. Idempotent.
    """
    pr_borger: dict[int, list[Ophold]] = defaultdict(list)
    for ophold in opholdene:
        if (
            ophold.borger_id is not None
            and ophold.annulleret is None
            and not uden_dage(ophold)
        ):
            pr_borger[ophold.borger_id].append(ophold)
    naeste: dict[int, Ophold] = {}
    for egne in pr_borger.values():
        egne.sort(key=lambda o: o.tilgang)
        for foer, efter in zip(egne, egne[1:], strict=False):
            naeste[foer.id] = efter
    return tuple(_genindflyttet(o, naeste.get(o.id)) for o in opholdene)


def _genindflyttet(ophold: Ophold, naeste: Ophold | None) -> Ophold:
    run_off = finansieret_til(ophold.afgang)
    if naeste is None or run_off is None or naeste.tilgang > run_off:
        if ophold.genindflytning is None and ophold.genindflytning_registreret is None:
            return ophold  # nothing to change: copying every ophold is costly
        return dataclasses.replace(
            ophold, genindflytning=None, genindflytning_registreret=None
        )
    return dataclasses.replace(
        ophold,
        genindflytning=naeste.tilgang,
        genindflytning_registreret=naeste.tilgang_registreret,
    )


def finansieret_periode(ophold: Ophold | None, aar: int) -> tuple[date, date] | None:
    """The ophold's financed days with a level inside the year, as one interval.

    The segments of one ophold are contiguous, so their union is one interval.
    """
    dele = segmenter(ophold) if ophold is not None else ()
    if not dele:
        return None
    start = max(dele[0].start, date(aar, 1, 1))
    slut = date(aar, 12, 31) if dele[-1].slut is None else dele[-1].slut
    slut = min(slut, date(aar, 12, 31))
    return (start, slut) if start <= slut else None


def segment_dage(ophold: Ophold, aar: int) -> Iterator[tuple[Indplacering, Maanedstal]]:
    """Each segment with days in the year, with its financed days per month."""
    for segment in segmenter(ophold):
        dage = dage_pr_maaned(segment.start, segment.slut, aar)
        # Segments outside the year are skipped before any takst lookup: an old
        # level code need not exist in this year's takstmodel.
        if dage is not None:
            yield segment.indplacering, dage


@dataclass(frozen=True)
class Finansiering:
    """One ophold's financed days and servicetakst × days per month of a year."""

    dage: Maanedstal
    service: Maanedsbeloeb

    def med_basistakst(self, basistakst: Decimal) -> Maanedsbeloeb:
        """Døgntakst × days: service plus basistakst × days (DOMAIN.md §4)."""
        return tuple(
            s + basistakst * d for s, d in zip(self.service, self.dage, strict=True)
        )


INGEN_FINANSIERING = Finansiering(dage=(0,) * 12, service=(NUL,) * 12)


def finansiering(ophold: Ophold | None, prisliste: Prisliste, aar: int) -> Finansiering:
    """DOMAIN.md §8: Σ over segments of overlap days × servicetakst, per month.

    ``dage`` are calendar days; on a price list paid by weekdays (issue 17,
    dagtilbud) the amount counts only the Monday–Friday days among them.

    A dated price list (issue 13 #3) cuts each segment at its change dates:
    segments × price periods × months, never a loop over days. ``None`` (an
    ophold that does not exist yet) finances nothing.
    """
    if ophold is None:
        return INGEN_FINANSIERING
    dage = [0] * 12
    service = [NUL] * 12
    perioder = prisliste.perioder
    for segment in segmenter(ophold):
        for periode in perioder:
            start, slut = _i_perioden(segment.start, segment.slut, periode)
            segmentdage = dage_pr_maaned(start, slut, aar)
            # Skipped before any takst lookup: an old level code need not exist
            # in this year's takstmodel, nor a new one in the old takster.
            if segmentdage is None:
                continue
            takst = periode.priser.servicetakst(segment.indplacering)
            # Issue 17: a dagtilbud pays its weekdays only (engine.dagspris).
            betalte = segmentdage
            if periode.priser.hverdage:
                betalte = hverdage_pr_maaned(start, slut, aar) or segmentdage
            for m, antal in enumerate(segmentdage):
                if antal:
                    dage[m] += antal
                    service[m] += takst * betalte[m]
    # Issue 17: a tillægstakst adds its kr per døgn (at the timepris in force
    # that day) to the service part; the financed days are already counted.
    # It is paid per calendar day, also in a dagtilbud (a døgn add-on).
    for tillaeg, fra, til in tillaeg_perioder(ophold):
        for periode in perioder:
            tillaegsdage = dage_pr_maaned(*_i_perioden(fra, til, periode), aar)
            if tillaegsdage is None:
                continue
            kr = periode.priser.tillaeg_pr_doegn(tillaeg)
            for m, antal in enumerate(tillaegsdage):
                service[m] += kr * antal
    return Finansiering(dage=tuple(dage), service=tuple(service))


def _i_perioden(
    start: date, slut: date | None, periode: Prisperiode
) -> tuple[date, date | None]:
    """The inclusive interval cut to a price period (possibly empty)."""
    if periode.fra is not None:
        start = max(start, periode.fra)
    if periode.til is not None:
        slut = periode.til if slut is None else min(slut, periode.til)
    return start, slut


def bidrag(
    ophold: Ophold, prisliste: Prisliste, aar: int, inkl_basistakst: bool
) -> Maanedsbeloeb:
    """DOMAIN.md §8: the ophold's amount per month (index 0 = January).

    Exact sums of rounded takster × days; no further rounding.
    """
    f = finansiering(ophold, prisliste, aar)
    return f.med_basistakst(prisliste.basisdel) if inkl_basistakst else f.service


def er_beboer_1_januar(ophold: Ophold, aar: int) -> bool:
    """DOMAIN.md §6: living in the tilbud on 1 January, [tilgang, afgang)."""
    nytaar = date(aar, 1, 1)
    if ophold.annulleret is not None:
        return False
    return ophold.tilgang <= nytaar and (
        ophold.afgang is None or ophold.afgang > nytaar
    )


def i_oprindeligt(ophold: Ophold, aar: int) -> bool:
    """DOMAIN.md §8: in the year's oprindeligt budget, i.e. financed on 1 January.

    A 1 January resident, or a borger whose afgang (on or before 1 January) is
    already registered and whose run-off reaches into the year.
    """
    nytaar = date(aar, 1, 1)
    if not segmenter(ophold) or ophold.tilgang > nytaar:
        return False
    slut = finansieret_til(ophold.afgang)
    if ophold.genindflytning is not None and ophold.genindflytning <= nytaar:
        slut = dagen_foer(ophold.genindflytning)  # back before the year began
    return slut is None or slut >= nytaar


def oprindelig_udgave(
    ophold: Ophold, aar: int, kendt_pr: date | None = None
) -> Ophold | None:
    """DOMAIN.md §6/§8: the oprindeligt assumption as an ophold, or None.

    A 1 January resident stays all year at the level in force on 1 January: no
    afgang, no later level change. An afgang already registered on or before 1
    January counts: that borger is in the oprindeligt budget for the run-off only
    (afgang 15 December: January), with no ledger entry. Others do not exist in
    the oprindeligt budget. ``kendt_pr`` (a vedtaget year's day of vedtagelse):
    only what was registered by then counts (engine.kendt).
    """
    if kendt_pr is not None:
        kendt = kendt_udgave(ophold, kendt_pr)
        return None if kendt is None else oprindelig_udgave(kendt, aar)
    if not i_oprindeligt(ophold, aar):
        return None
    nytaar = date(aar, 1, 1)
    kendt_afgang = ophold.afgang if not er_beboer_1_januar(ophold, aar) else None
    kendte = tuple(
        i
        for i in ophold.indplaceringer
        if i.gyldig_fra <= nytaar and i.annulleret is None
    )
    return dataclasses.replace(
        ophold,
        afgang=kendt_afgang,
        indplaceringer=kendte,
        genindflytning=None,
        annullerede_afgange=(),
        tillaeg=oprindelige_tillaeg(ophold, aar),
    )


def oprindelige_tillaeg(ophold: Ophold, aar: int) -> tuple[Tillaeg, ...]:
    """Issue 17: the tillægstakster in the oprindeligt budget, as a level is:
    those in force on 1 January, kept open (their end in the year is an event,
    as a later level change is); one ended by 1 January is not there."""
    nytaar = date(aar, 1, 1)
    return tuple(
        dataclasses.replace(t, til=None, til_registreret=None)
        for t in ophold.tillaeg
        if t.annulleret is None
        and t.fra <= nytaar
        and (t.til is None or t.til > nytaar)
    )


def bidrag_oprindeligt(
    ophold: Ophold,
    prisliste: Prisliste,
    aar: int,
    inkl_basistakst: bool,
    kendt_pr: date | None = None,
) -> Maanedsbeloeb:
    """DOMAIN.md §6: the ophold's oprindeligt amount per month, at the takster in
    force on 1 January (a dated price list's oldest)."""
    prisliste = prisliste.efter_skift(0)
    f = finansiering(oprindelig_udgave(ophold, aar, kendt_pr), prisliste, aar)
    return f.med_basistakst(prisliste.basisdel) if inkl_basistakst else f.service


def indplacering_paa(ophold: Ophold, dato: date) -> Indplacering | None:
    """The indplacering in force on a date (the last with gyldig_fra ≤ dato)."""
    gaeldende = [i for i in sorterede_indplaceringer(ophold) if i.gyldig_fra <= dato]
    return gaeldende[-1] if gaeldende else None


def paakraevede_timer(
    opholdene: Iterable[Ophold], timer_pr_kode: Mapping[str, Decimal], aar: int
) -> Decimal:
    """DOMAIN.md §6: Σ takstgivende hours per døgn × financed days in the year.

    ``timer_pr_kode`` holds hours per døgn (convert with tariffs' timer_pr_doegn);
    a særtakst or bostøtte placement brings its own hours.
    """
    total = NUL
    for ophold in med_genindflytning(opholdene):
        for indplacering, dage in segment_dage(ophold, aar):
            total += timer_for(indplacering, timer_pr_kode) * sum(dage)
        # Issue 17: a tillæg in hours adds them on its days; one in kr none.
        for tillaeg, fra, til in tillaeg_perioder(ophold):
            tillaegsdage = dage_pr_maaned(fra, til, aar)
            if tillaeg.timer_pr_doegn is not None and tillaegsdage is not None:
                total += tillaeg.timer_pr_doegn * sum(tillaegsdage)
    return total


def timer_for(
    indplacering: Indplacering, timer_pr_kode: Mapping[str, Decimal]
) -> Decimal:
    """The takstgivende hours per døgn of a placement: its own (særtakst, or
    bostøtte's weekly hours ÷ 7), or its level's."""
    if indplacering.egne_timer:
        return indplacering.timer_pr_doegn
    try:
        return timer_pr_kode[indplacering.niveau_kode]
    except KeyError:
        raise ValueError(
            f"Takstniveau '{indplacering.niveau_kode}' har ingen takstgivende timer."
        ) from None
