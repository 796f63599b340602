"""The three tildelingsprincipper as functions of summed activity (DOMAIN.md §6).

Every budget figure of a tilbud is computed here from a ``Aktivitet``, the sum of
its ophold's financing. The oprindeligt budget, the korrigeret budget and each
ledger step all go through ``Beregner.total``, so the ledger telescopes exactly.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import (
    Finansiering,
    finansiering,
    indplacering_paa,
    oprindelig_udgave,
)
from budgets.engine.grundlag import (
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Tildelingsprincip,
)
from budgets.engine.perioder import (
    NUL,
    NUL_MAANEDER,
    Maanedsbeloeb,
    Maanedstal,
    dage_i_maaned,
    maaned_forskel,
    maaned_sum,
)
from config.lib.money import round_to_oere
from tariffs.engine import HUNDREDE, dage_i_aaret


@dataclass(frozen=True)
class Aktivitet:
    """Summed financing of a set of ophold, per month."""

    service: Maanedsbeloeb  # Σ servicetakst × financed days
    doegn: Maanedsbeloeb  # Σ (basistakst + servicetakst) × financed days
    borgere: Maanedstal  # ophold with at least one financed day in the month

    def plus(self, other: "Aktivitet") -> "Aktivitet":
        return Aktivitet(
            service=maaned_sum(self.service, other.service),
            doegn=maaned_sum(self.doegn, other.doegn),
            borgere=tuple(
                a + b for a, b in zip(self.borgere, other.borgere, strict=True)
            ),
        )

    def minus(self, other: "Aktivitet") -> "Aktivitet":
        return Aktivitet(
            service=maaned_forskel(self.service, other.service),
            doegn=maaned_forskel(self.doegn, other.doegn),
            borgere=tuple(
                a - b for a, b in zip(self.borgere, other.borgere, strict=True)
            ),
        )


INGEN_AKTIVITET = Aktivitet(NUL_MAANEDER, NUL_MAANEDER, (0,) * 12)


def aktivitet_af(ophold: Ophold | None, prisliste: Prisliste, aar: int) -> Aktivitet:
    """One ophold's activity (None: the ophold does not exist in this state)."""
    f: Finansiering = finansiering(ophold, prisliste, aar)
    return Aktivitet(
        service=f.service,
        doegn=f.med_basistakst(prisliste.basistakst),
        borgere=tuple(1 if d else 0 for d in f.dage),
    )


def sum_aktivitet(aktiviteter: Iterable[Aktivitet]) -> Aktivitet:
    total = INGEN_AKTIVITET
    for aktivitet in aktiviteter:
        total = total.plus(aktivitet)
    return total


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
    fast: Maanedsbeloeb
    forudsat: Maanedsbeloeb | None = None

    @property
    def princip(self) -> str:
        return self.tilbud.tildelingsprincip

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
        """DOMAIN.md §6 ramme: a fixed amount per month per borger above N."""
        ramme = self.tilbud.ramme
        if self.princip != Tildelingsprincip.RAMME or ramme is None:
            return NUL_MAANEDER
        return tuple(
            max(0, antal - ramme.dimensioneret_pladser)
            * ramme.tillaeg_pr_borger_pr_maaned
            for antal in aktivitet.borgere
        )

    def total(self, aktivitet: Aktivitet) -> Maanedsbeloeb:
        """fast + aktivitetsbudget + overkapacitet, per month."""
        return maaned_sum(
            maaned_sum(self.fast, self.aktivitetsbudget(aktivitet)),
            self.overkapacitet(aktivitet),
        )


def beregner_for(
    tilbud: TilbudGrundlag, opholdene: Sequence[Ophold], prisliste: Prisliste, aar: int
) -> Beregner:
    """The Beregner of a tilbud for a year (DOMAIN.md §6)."""
    if tilbud.tildelingsprincip == Tildelingsprincip.HYBRID:
        return Beregner(tilbud, fordel_efter_dage(tilbud.faste_udgifter, aar))
    if tilbud.tildelingsprincip == Tildelingsprincip.RAMME:
        assert tilbud.ramme is not None  # TilbudGrundlag checks it
        return Beregner(tilbud, fordel_efter_dage(tilbud.ramme.rammebeloeb, aar))
    gennemsnit = gennemsnitlig_doegntakst(opholdene, prisliste, aar)
    return Beregner(tilbud, NUL_MAANEDER, forudsat_pr_maaned(tilbud, gennemsnit, aar))


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
