"""The tilbudsspecifik budgetmodel (DOMAIN.md §6, §8)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import med_genindflytning, oprindelig_udgave
from budgets.engine.grundlag import (
    Ophold,
    Prisliste,
    Ramme,
    TilbudGrundlag,
    Tildelingsprincip,
    Vedtaget,
)
from budgets.engine.haendelser import Haendelsesart
from budgets.engine.kendt import kendt_udgave
from budgets.engine.ledger import (
    Budgetpost,
    Regulering,
    aendret_grundlag,
    reguleringer,
)
from budgets.engine.perioder import (
    NUL,
    NUL_MAANEDER,
    Aarstotaler,
    Maanedsbeloeb,
    aarstotal,
    dage_i_maaned,
    dage_pr_maaned,
    maaned_forskel,
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
    ``fast_oprindeligt``: the same in the oprindeligt budget; it differs only in
    a vedtaget year whose faste udgifter or frame changed after the adoption
    (the ``*_oprindeligt`` fields are then the stored figures, issue 13 #2).
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
    fast_oprindeligt: Maanedsbeloeb
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
        return maaned_sum(self.fast_oprindeligt, aktivitet)

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
    ramme = beregner.ramme
    if princip == Tildelingsprincip.RAMME and ramme is not None:
        return _ramme_forudsat(ramme, prisliste, aar), korrigeret.service
    return NUL_MAANEDER, korrigeret.service


def _ramme_forudsat(ramme: Ramme, prisliste: Prisliste, aar: int) -> Maanedsbeloeb:
    """ramme_forudsat_aktivitet with the timepris in force each day (issue 13 #3)."""
    if not prisliste.skift:
        return ramme_forudsat_aktivitet(ramme, prisliste.timepris_direkte, aar)
    pr_doegn = ramme.forventede_borgere * ramme.timer_pr_borger_pr_doegn
    maaneder = [NUL] * 12
    for periode in prisliste.perioder:
        dage = dage_pr_maaned(periode.fra or date(aar, 1, 1), periode.til, aar)
        for m, antal in enumerate(dage or ()):
            maaneder[m] += pr_doegn * periode.priser.timepris_direkte * antal
    return tuple(round_to_oere(m) for m in maaneder)


def tilbud_budget(
    tilbud: TilbudGrundlag,
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
    aar: int,
    *,
    med_ledger: bool = True,
    kendt_pr: date | None = None,
    vedtaget: Vedtaget | None = None,
) -> TilbudBudget:
    """DOMAIN.md §6/§8: oprindeligt, korrigeret and the ledger of one tilbud.

    ``opholdene`` are all the tilbud's ophold (any years); only days in ``aar``
    count. ``med_ledger=False`` leaves the ledger empty: the central model shows
    only the months, and the ledger is some 40 % of the work.

    A vedtaget year (issue 13 #2): ``kendt_pr`` is the day of vedtagelse, and the
    oprindeligt base is what was registered by then (an item registered later is
    a ledger entry); ``vedtaget`` is the oprindeligt budget as stored, which the
    ``*_oprindeligt`` fields then show, with a first entry "Ændret grundlag efter
    vedtagelse" for any difference from the base, so the entries always sum to
    korrigeret − oprindeligt. A dated ``prisliste`` (issue 13 #3) prices the
    oprindeligt budget at the takster in force at the start of the year and the
    korrigeret at those in force each day, with one entry per change.
    """
    if prisliste.aar != aar:
        raise ValueError(f"Prislisten gælder {prisliste.aar}, ikke {aar}.")
    opholdene = med_genindflytning(opholdene)
    kendte = [kendt_udgave(o, kendt_pr) for o in opholdene]
    beboere = [k for k in kendte if k is not None]  # the forudsat's residents
    beregnere = tuple(
        beregner_for(tilbud, beboere, prisliste.efter_skift(n), aar)
        for n in range(len(prisliste.skift) + 1)
    )
    foer, beregner = beregnere[0], beregnere[-1]
    dage, foer_priser = beregner.med_dage, prisliste.efter_skift(0)
    oprindelig = sum_aktivitet(
        aktivitet_af(oprindelig_udgave(k, aar) if k else None, foer_priser, aar, dage)
        for k in kendte
    )
    korrigeret = sum_aktivitet(aktivitet_af(o, prisliste, aar, dage) for o in opholdene)
    forudsat, faktisk = _opfoelgning(beregner, korrigeret, prisliste, aar)
    ledger = ()
    if med_ledger:
        ledger = reguleringer(beregnere, opholdene, prisliste, aar, kendt_pr)
    # The engine's own oprindeligt, in the shape of a stored one.
    oprindeligt = Vedtaget(
        foer.fast, foer.aktivitetsbudget(oprindelig), foer.overkapacitet(oprindelig)
    )
    if vedtaget is not None:
        ledger = _med_aendret_grundlag(ledger, oprindeligt, vedtaget, aar)
        oprindeligt = vedtaget
    return TilbudBudget(
        aar=aar,
        tildelingsprincip=tilbud.tildelingsprincip,
        fast=beregner.fast,
        fast_oprindeligt=oprindeligt.fast,
        aktivitet_oprindeligt=oprindeligt.aktivitet,
        aktivitet_korrigeret=beregner.aktivitetsbudget(korrigeret),
        overkapacitet_oprindeligt=oprindeligt.overkapacitet,
        overkapacitet=beregner.overkapacitet(korrigeret),
        forudsat_aktivitet=forudsat,
        faktisk_aktivitet=faktisk,
        service_korrigeret=korrigeret.service,
        ledger=ledger if med_ledger else (),
    )


def _total(budget: Vedtaget) -> Maanedsbeloeb:
    return maaned_sum(budget.fast, maaned_sum(budget.aktivitet, budget.overkapacitet))


def _med_aendret_grundlag(
    ledger: tuple[Regulering, ...],
    beregnet: Vedtaget,
    vedtaget: Vedtaget,
    aar: int,
) -> tuple[Regulering, ...]:
    """The ledger with "Ændret grundlag efter vedtagelse" first, if any."""
    post = aendret_grundlag(_total(beregnet), _total(vedtaget), aar, Budgetpost.BUDGET)
    return ledger if post is None else (post, *ledger)


def afgang_i_aaret(
    tilbud: TilbudGrundlag,
    opholdene: Sequence[Ophold],
    ophold: Ophold,
    prisliste: Prisliste,
    aar: int,
) -> Regulering:
    """What ``ophold``'s afgang changes in ``aar``: the tilbud's korrigeret budget
    with the afgang minus without it (DOMAIN.md §6), as an afgang entry.

    For the year after an afgang late in its year, whose run-off (the month
    plus one) leaves the afgang year unchanged: afgang 15.12.2026 is financed
    through 31.01.2027 and saves from 1 February 2027. ``opholdene`` are the
    tilbud's stays in ``aar``; ``ophold`` (with its afgang) replaces or joins
    its own entry there.
    """
    uden = replace(ophold, afgang=None, afgang_registreret=None)
    andre = [o for o in opholdene if o.id != ophold.id]

    def korrigeret(o: Ophold) -> Maanedsbeloeb:
        b = tilbud_budget(tilbud, [*andre, o], prisliste, aar, med_ledger=False)
        return maaned_sum(b.aktivitet_korrigeret, b.overkapacitet)

    maaneder = maaned_forskel(korrigeret(ophold), korrigeret(uden))
    post = Budgetpost.AKTIVITETSBUDGET
    if tilbud.tildelingsprincip == Tildelingsprincip.RAMME:
        post = Budgetpost.OVERKAPACITETSTILLAEG
    return Regulering(
        ophold_id=ophold.id,
        borger=ophold.borger,
        haendelse=Haendelsesart.AFGANG,
        dato_registreret=ophold.afgang_registreret,
        virkning_fra=ophold.afgang,
        niveau_kode=None,
        beloeb=sum(maaneder, NUL),
        maaneder=maaneder,
        budgetpost=post,
    )
