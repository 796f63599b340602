"""The tilbudsspecifik budgetmodel (DOMAIN.md §6, §8)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgets.engine.bidrag import med_genindflytning, oprindelig_udgave
from budgets.engine.grundlag import (
    Ophold,
    Prisliste,
    Ramme,
    TilbudGrundlag,
    Tildelingsprincip,
)
from budgets.engine.ledger import Regulering, reguleringer
from budgets.engine.perioder import (
    NUL_MAANEDER,
    Aarstotaler,
    Maanedsbeloeb,
    aarstotal,
    dage_i_maaned,
    maaned_sum,
)
from budgets.engine.principper import (
    Aktivitet,
    Beregner,
    aktivitet_af,
    beregner_for,
    sum_aktivitet,
)
from config.lib.money import round_to_oere


@dataclass(frozen=True)
class TilbudBudget(Aarstotaler):
    """A tilbud's budget for a year, per month (index 0 = January).

    Every principle fills every field; a figure that does not apply is zero.
    ``fast``: faste udgifter (hybrid) or the frame (ramme) spread by days.
    ``overkapacitet``: ramme's tillæg for borgere above the dimensioned places.
    ``forudsat_aktivitet``: ramme's forudsætninger followed up; for aktivitet the
    forudsat F to øre (shown only; the budget uses F unrounded).
    ``faktisk_aktivitet``: the unregulated activity of the events (døgntakst ×
    days for aktivitet, servicetakst × days otherwise).
    ``service_korrigeret``: Σ servicetakst × financed days of the events, for
    every principle: the servicetakst part, which pays for support hours
    (budgets.engine.bemanding).
    """

    aar: int
    tildelingsprincip: str
    fast: Maanedsbeloeb
    aktivitet_oprindeligt: Maanedsbeloeb
    aktivitet_korrigeret: Maanedsbeloeb
    overkapacitet_oprindeligt: Maanedsbeloeb
    overkapacitet: Maanedsbeloeb
    forudsat_aktivitet: Maanedsbeloeb
    faktisk_aktivitet: Maanedsbeloeb
    service_korrigeret: Maanedsbeloeb
    ledger: tuple[Regulering, ...]

    @property
    def total_oprindeligt(self) -> Maanedsbeloeb:
        """fast + aktivitet + overkapacitet, oprindeligt, per month."""
        aktivitet = maaned_sum(
            self.aktivitet_oprindeligt, self.overkapacitet_oprindeligt
        )
        return maaned_sum(self.fast, aktivitet)

    @property
    def total_korrigeret(self) -> Maanedsbeloeb:
        """fast + aktivitet + overkapacitet, korrigeret, per month."""
        return maaned_sum(
            self.fast, maaned_sum(self.aktivitet_korrigeret, self.overkapacitet)
        )

    @property
    def overkapacitet_aar(self) -> Decimal:
        return aarstotal(self.overkapacitet)


def ramme_forudsat_aktivitet(
    ramme: Ramme, timepris_direkte: Decimal, aar: int
) -> Maanedsbeloeb:
    """DOMAIN.md §6: expected borgere × hours × timepris × days, to øre per month."""
    pr_doegn = ramme.forventede_borgere * ramme.timer_pr_borger_pr_doegn
    pr_doegn *= timepris_direkte
    return tuple(round_to_oere(pr_doegn * dage) for dage in dage_i_maaned(aar))


def _opfoelgning(
    beregner: Beregner, korrigeret: Aktivitet, prisliste: Prisliste, aar: int
) -> tuple[Maanedsbeloeb, Maanedsbeloeb]:
    """(forudsat_aktivitet, faktisk_aktivitet) for the principle."""
    princip = beregner.princip
    if princip == Tildelingsprincip.AKTIVITET:
        forudsat = beregner.forudsat
        if forudsat is None:  # F := A without 1 January residents
            forudsat = korrigeret.doegn
        return tuple(round_to_oere(f) for f in forudsat), korrigeret.doegn
    ramme = beregner.tilbud.ramme
    if princip == Tildelingsprincip.RAMME and ramme is not None:
        forudsat = ramme_forudsat_aktivitet(ramme, prisliste.timepris_direkte, aar)
        return forudsat, korrigeret.service
    return NUL_MAANEDER, korrigeret.service


def tilbud_budget(
    tilbud: TilbudGrundlag,
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
    aar: int,
    *,
    med_ledger: bool = True,
) -> TilbudBudget:
    """DOMAIN.md §6/§8: oprindeligt, korrigeret and the ledger of one tilbud.

    ``opholdene`` are all the tilbud's ophold (any years); only days in ``aar``
    count. ``med_ledger=False`` leaves the ledger empty: the central model shows
    only the months, and the ledger is some 40 % of the work.
    """
    if prisliste.aar != aar:
        raise ValueError(f"Prislisten gælder {prisliste.aar}, ikke {aar}.")
    opholdene = med_genindflytning(opholdene)
    beregner = beregner_for(tilbud, opholdene, prisliste, aar)
    dage = beregner.med_dage
    oprindelig = sum_aktivitet(
        aktivitet_af(oprindelig_udgave(o, aar), prisliste, aar, dage) for o in opholdene
    )
    korrigeret = sum_aktivitet(aktivitet_af(o, prisliste, aar, dage) for o in opholdene)
    forudsat, faktisk = _opfoelgning(beregner, korrigeret, prisliste, aar)
    return TilbudBudget(
        aar=aar,
        tildelingsprincip=tilbud.tildelingsprincip,
        fast=beregner.fast,
        aktivitet_oprindeligt=beregner.aktivitetsbudget(oprindelig),
        aktivitet_korrigeret=beregner.aktivitetsbudget(korrigeret),
        overkapacitet_oprindeligt=beregner.overkapacitet(oprindelig),
        overkapacitet=beregner.overkapacitet(korrigeret),
        forudsat_aktivitet=forudsat,
        faktisk_aktivitet=faktisk,
        service_korrigeret=korrigeret.service,
        ledger=reguleringer(beregner, opholdene, prisliste, aar) if med_ledger else (),
    )
