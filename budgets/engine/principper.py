"""The three tildelingsprincipper as functions of summed activity (DOMAIN.md §6).

Every budget figure of a tilbud is computed here from a ``Aktivitet``, the sum of
its ophold's financing. The oprindeligt budget, the korrigeret budget and each
ledger step all go through ``Beregner.total``, so the ledger telescopes exactly.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import (
    Finansiering,
    er_beboer_1_januar,
    finansieret_periode,
    finansiering,
    indplacering_paa,
    oprindelig_udgave,
)
from budgets.engine.grundlag import (
    Ophold,
    Prisliste,
    Ramme,
    TilbudGrundlag,
    Tildelingsprincip,
)
from budgets.engine.perioder import (
    NUL,
    NUL_MAANEDER,
    Maanedsbeloeb,
    dage_i_maaned,
    dage_over,
    dage_pr_maaned,
    dagen_efter,
    hverdage,
    maaned_forskel,
    maaned_sum,
)
from config.lib.money import round_to_oere
from tariffs.engine import HUNDREDE, dage_i_aaret


@dataclass(frozen=True)
class Aktivitet:
    """Summed financing of a set of ophold, per month.

    ``skift`` counts financed borgere by day as changes (+1 on the first financed
    day in the year, −1 the day after the last); only kept where a principle
    needs daily head counts (ramme's tillæg above N), else empty.
    """

    service: Maanedsbeloeb  # Σ servicetakst × financed days
    doegn: Maanedsbeloeb  # Σ (basistakst part + servicetakst) × financed days
    skift: Mapping[date, int] = field(default_factory=dict)

    def plus(self, other: "Aktivitet", fortegn: int = 1) -> "Aktivitet":
        skift = dict(self.skift)
        _tilfoej(skift, other.skift, fortegn)
        if fortegn < 0:
            return Aktivitet(
                maaned_forskel(self.service, other.service),
                maaned_forskel(self.doegn, other.doegn),
                skift,
            )
        return Aktivitet(
            maaned_sum(self.service, other.service),
            maaned_sum(self.doegn, other.doegn),
            skift,
        )

    def minus(self, other: "Aktivitet") -> "Aktivitet":
        return self.plus(other, fortegn=-1)


def _tilfoej(skift: dict[date, int], andre: Mapping[date, int], fortegn: int) -> None:
    """Add ``andre`` × fortegn into ``skift`` in place, dropping zeros."""
    for dato, antal in andre.items():
        ny = skift.get(dato, 0) + fortegn * antal
        if ny:
            skift[dato] = ny
        else:
            skift.pop(dato, None)


INGEN_AKTIVITET = Aktivitet(NUL_MAANEDER, NUL_MAANEDER)


def aktivitet_af(
    ophold: Ophold | None, prisliste: Prisliste, aar: int, med_dage: bool = False
) -> Aktivitet:
    """One ophold's activity (None: the ophold does not exist in this state).

    ``med_dage`` also records the financed interval for daily head counts.
    """
    f: Finansiering = finansiering(ophold, prisliste, aar)
    skift: dict[date, int] = {}
    periode = finansieret_periode(ophold, aar) if med_dage else None
    if periode is not None:
        skift = {periode[0]: 1, dagen_efter(periode[1]): -1}
    return Aktivitet(f.service, f.med_basistakst(prisliste.basisdel), skift)


def sum_aktivitet(aktiviteter: Iterable[Aktivitet]) -> Aktivitet:
    """The sum; the day changes are merged in place (linear in the ophold)."""
    service, doegn = NUL_MAANEDER, NUL_MAANEDER
    skift: dict[date, int] = {}
    for aktivitet in aktiviteter:
        service = maaned_sum(service, aktivitet.service)
        doegn = maaned_sum(doegn, aktivitet.doegn)
        _tilfoej(skift, aktivitet.skift, 1)
    return Aktivitet(service, doegn, skift)


def fordel_efter_dage(beloeb: Decimal, aar: int) -> Maanedsbeloeb:
    """A yearly amount spread over months by days, to øre; December takes the rest.

    The remainder keeps the 12 months summing exactly to the yearly amount.
    """
    dage = dage_i_maaned(aar)
    aarsdage = dage_i_aaret(aar)
    maaneder = [round_to_oere(beloeb * d / aarsdage) for d in dage[:11]]
    return tuple(maaneder) + (beloeb - sum(maaneder, NUL),)


def gennemsnitlig_doegntakst(
    opholdene: Iterable[Ophold], prisliste: Prisliste, aar: int
) -> Decimal | None:
    """DOMAIN.md §6: the average døgntakst of the 1 January residents, to øre.

    Residents without a level on 1 January are left out; None if none remain.
    """
    takster = []
    for ophold in opholdene:
        if not er_beboer_1_januar(ophold, aar):
            continue  # a December leaver's run-off is not a resident
        udgave = oprindelig_udgave(ophold, aar)
        gaeldende = indplacering_paa(udgave, date(aar, 1, 1)) if udgave else None
        if gaeldende:
            takster.append(prisliste.doegntakst(gaeldende))
    if not takster:
        return None
    return round_to_oere(sum(takster, NUL) / len(takster))


@dataclass(frozen=True)
class Beregner:
    """A tilbud's principle plus the parts of its budget that events do not move.

    ``forudsat`` is the aktivitet principle's F per month, unrounded; None means
    F := A (no 1 January residents to take an average døgntakst from).
    """

    tilbud: TilbudGrundlag
    aar: int
    fast: Maanedsbeloeb
    forudsat: Maanedsbeloeb | None = None

    @property
    def princip(self) -> str:
        return self.tilbud.tildelingsprincip

    @property
    def ramme(self) -> Ramme | None:
        """The frame of the year (TilbudGrundlag.rammen: a STU frame dimensioned
        for N at a dagspris, issue 17, or the saved one)."""
        return self.tilbud.rammen(self.aar)

    @property
    def med_dage(self) -> bool:
        """Whether the budget needs daily head counts (ramme's tillæg above N, or
        a dagspris frame's price per day above N). Read from the settings, not
        the year's frame: vektor.med_dagtaelling asks without a year."""
        if self.princip != Tildelingsprincip.RAMME:
            return False
        t = self.tilbud
        if t.dimensioneret_til is not None and t.dagspris is not None:
            return True
        return t.ramme is not None and t.ramme.tillaeg_pr_borger_pr_maaned != 0

    def aktivitetsbudget(self, aktivitet: Aktivitet) -> Maanedsbeloeb:
        """DOMAIN.md §6: the activity part of the budget per month."""
        if self.princip == Tildelingsprincip.HYBRID:
            return aktivitet.service
        if self.princip == Tildelingsprincip.AKTIVITET:
            return self._reguleret(aktivitet.doegn)
        return NUL_MAANEDER

    def _reguleret(self, a: Maanedsbeloeb) -> Maanedsbeloeb:
        """DOMAIN.md §6: forudsat + r × (activity − forudsat), per month.

        This is the principle's one rounding point: one round_to_oere per month.
        """
        r = self.tilbud.reguleringsandel / HUNDREDE
        f = self.forudsat if self.forudsat is not None else a
        return tuple(
            round_to_oere(fm + r * (am - fm)) for fm, am in zip(f, a, strict=True)
        )

    def overkapacitet(self, aktivitet: Aktivitet) -> Maanedsbeloeb:
        """DOMAIN.md §6/§8 ramme: the tillæg per borger above N, pro rata per day.

        Activity money, financed like every activity budget (tilgang through the
        month after afgang): each financed borger-day above N earns tillæg / days in
        the month. Rounded to øre once per month. Example: a borger above N from
        31 March earns 1/31 × 10,500 = 338.71 kr. in March.
        """
        if not self.med_dage:
            return NUL_MAANEDER
        ramme = self.ramme
        assert ramme is not None  # med_dage checks it
        over = dage_over(aktivitet.skift, ramme.dimensioneret_pladser, self.aar)
        tillaeg = ramme.tillaeg_pr_borger_pr_maaned
        maaneder = tuple(
            tillaeg * dage / i_maaned
            for dage, i_maaned in zip(over, dage_i_maaned(self.aar), strict=True)
        )
        if ramme.tillaeg_pr_dag:
            # Issue 17 (engine.dagspris): the price of each borger-day above N;
            # on hverdage only the weekdays above N.
            if ramme.hverdage:
                over = dage_over(
                    aktivitet.skift, ramme.dimensioneret_pladser, self.aar, hverdage
                )
            pr_dag = ramme.tillaeg_pr_dag
            maaneder = tuple(
                m + pr_dag * d for m, d in zip(maaneder, over, strict=True)
            )
        return tuple(round_to_oere(m) for m in maaneder)

    def total(self, aktivitet: Aktivitet) -> Maanedsbeloeb:
        """fast + aktivitetsbudget + overkapacitet, per month."""
        return maaned_sum(
            maaned_sum(self.fast, self.aktivitetsbudget(aktivitet)),
            self.overkapacitet(aktivitet),
        )


def beregner_for(
    tilbud: TilbudGrundlag, opholdene: Sequence[Ophold], prisliste: Prisliste, aar: int
) -> Beregner:
    """The Beregner of a tilbud for a year (DOMAIN.md §6).

    Issue 18 #3: an earlier year's efterregulering moves the fast budget. The
    frame part (til_ramme) is added to every principle's frame (aktivitet has
    none else: it is a fixed amount on top). The takst part is in the
    basistakst part of the døgntakst (Prisliste.basisdel), so it moves what the
    basistakst finances: hybrid's and ramme's frame by −til_takst
    (TilbudGrundlag.fast_regulering), aktivitet's activity budget through every
    døgntakst and the forudsat F.
    """
    if tilbud.tildelingsprincip == Tildelingsprincip.HYBRID:
        fast = tilbud.faste_udgifter + tilbud.fast_regulering()
        return Beregner(tilbud, aar, fordel_efter_dage(fast, aar))
    if tilbud.tildelingsprincip == Tildelingsprincip.RAMME:
        rammen = tilbud.rammen(aar)
        ramme = rammen.rammebeloeb if rammen else NUL  # none: advarsler
        ramme += tilbud.fast_regulering()
        return Beregner(tilbud, aar, fordel_efter_dage(ramme, aar))
    return Beregner(
        tilbud,
        aar,
        aktivitet_fast(tilbud, aar),
        _forudsat(tilbud, opholdene, prisliste, aar),
    )


def aktivitet_fast(tilbud: TilbudGrundlag, aar: int) -> Maanedsbeloeb:
    """The aktivitet principle's fast budget: none, but an earlier year's
    efterregulering booked into this year's frame (issue 18 #3)."""
    if not tilbud.efterregulering_til_ramme:
        return NUL_MAANEDER
    return fordel_efter_dage(tilbud.efterregulering_til_ramme, aar)


def _forudsat(
    tilbud: TilbudGrundlag, opholdene: Sequence[Ophold], prisliste: Prisliste, aar: int
) -> Maanedsbeloeb | None:
    """The aktivitet principle's F per month at the takster in force each day.

    A change of takster (issue 13 #3) moves F with the activity: the
    reguleringsandel dampens a belægning that differs from the assumed, not a
    price. Each price period's days take the residents' average at its takster.
    """
    perioder = prisliste.perioder
    if len(perioder) == 1:
        gennemsnit = gennemsnitlig_doegntakst(opholdene, prisliste, aar)
        return forudsat_pr_maaned(tilbud, gennemsnit, aar)
    belaegning = tilbud.forudsat_belaegning / HUNDREDE
    forudsat = [NUL] * 12
    for periode in perioder:
        dage = dage_pr_maaned(periode.fra or date(aar, 1, 1), periode.til, aar)
        if dage is None:
            continue  # before the year: its takster are not looked up
        gennemsnit = gennemsnitlig_doegntakst(opholdene, periode.priser, aar)
        if gennemsnit is None:
            return None  # no residents with a level: the same at any takster
        for m, antal in enumerate(dage):
            if antal:
                forudsat[m] += tilbud.pladser * antal * belaegning * gennemsnit
    return tuple(forudsat)


def forudsat_pr_maaned(
    tilbud: TilbudGrundlag, gennemsnit: Decimal | None, aar: int
) -> Maanedsbeloeb | None:
    """DOMAIN.md §6: pladser × days × forudsat belægning × average døgntakst.

    Unrounded; None without an average (then the budget is pure activity).
    """
    if gennemsnit is None:
        return None
    belaegning = tilbud.forudsat_belaegning / HUNDREDE
    return tuple(
        tilbud.pladser * dage * belaegning * gennemsnit for dage in dage_i_maaned(aar)
    )
