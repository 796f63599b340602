"""Reads of the settlement with the buying municipalities (issue 18 #1).

One set of reads for a year (the takstmodel, each tilbud's settings and fixed
costs, the stays and the borgere's Betalingskommune rows), built into the pure
engine's inputs (budgets.engine.afregning) with the budget's own helpers, so a
price or a financed day is never derived a second way.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from budgets import engine
from budgets.engine import afregning as beregning
from budgets.models import AfregningFaktureret
from budgets.selectors.grundlag import (
    INGEN_REGULERING,
    BudgetGrundlagMangler,
    _aarsindstillinger,
    _efterreguleringer,
    _engine_ophold,
    _faste_udgifter,
    _grundlag,
    _prisliste,
    aarsgrundlag_for,
)
from budgets.selectors.resultater import _kraev_priser
from offers.models import Betalingskommune, egne_kommunekoder
from offers.selectors import tilbud_visible_to

Salg = list[tuple[beregning.Salgsophold, engine.Prisliste]]


def afloeb() -> str:
    """The run-off rule in force (settings.AFREGNING_AFLOEB)."""
    return settings.AFREGNING_AFLOEB


def kravfrist_maaneder() -> int:
    return settings.AFREGNING_KRAVFRIST_MAANEDER


def _kommuneskift(borger_ids: Iterable[int]) -> dict[int, list]:
    rows = (
        Betalingskommune.objects.filter(borger_id__in=list(borger_ids))
        .order_by("borger_id", "gyldig_fra")
        .values_list("borger_id", "gyldig_fra", "kommunekode")
    )
    skift: dict[int, list] = defaultdict(list)
    for borger_id, gyldig_fra, kode in rows:
        skift[borger_id].append((gyldig_fra, kode))
    return skift


def salg_i_aaret(aar: int, user: AbstractBaseUser | None) -> Salg:
    """Every stay in a tilbud the user may see with a day paid by another
    municipality, with its tilbud's price list for ``aar``.

    Raises BudgetGrundlagMangler without a takstmodel for the year (or with a
    code in force it cannot price: TakstniveauUdenPris).
    """
    grundaar = aarsgrundlag_for(aar)
    tilbud_list = list(tilbud_visible_to(user)) if user else []
    ids = [t.pk for t in tilbud_list]
    opholdene = _engine_ophold(ids, aar)
    _kraev_priser(opholdene.values(), grundaar)
    faste, aarene = _faste_udgifter(ids, aar), _aarsindstillinger(ids, aar)
    reguleringer = _efterreguleringer(ids, aar)
    skift = _kommuneskift(
        o.borger_id for liste in opholdene.values() for o in liste if o.eksterne
    )
    egne = egne_kommunekoder()
    salg: Salg = []
    for tilbud in tilbud_list:
        ophold = [o for o in opholdene.get(tilbud.pk, ()) if o.eksterne]
        if not ophold:
            continue
        grundlag = _grundlag(
            tilbud,
            faste.get(tilbud.pk, Decimal(0)),
            None,
            aarene.get(tilbud.pk),
            reguleringer.get(tilbud.pk, INGEN_REGULERING),
        )
        prisliste = _prisliste(grundlag, grundaar)
        # The return rule needs all the tilbud's stays of the borger.
        for o in engine.med_genindflytning(opholdene[tilbud.pk]):
            if o.eksterne:
                kommuner = beregning.kommuneperioder(skift[o.borger_id], egne)
                s = beregning.Salgsophold(o, tilbud.pk, tilbud.navn, kommuner)
                salg.append((s, prisliste))
    return salg


def afregning_for(
    aar: int, maaned: int, user: AbstractBaseUser | None, afloeb_: str | None = None
) -> beregning.Afregning:
    """The month's settlement over the tilbud the user may see."""
    salg = salg_i_aaret(aar, user)
    return beregning.afregning(salg, aar, maaned, afloeb_ or afloeb())


def faktureret_for(aar: int, maaned: int) -> dict[str, AfregningFaktureret]:
    """The month's marks by kommunekode, with who marked them."""
    rows = AfregningFaktureret.objects.filter(aar=aar, maaned=maaned).select_related(
        "faktureret_af"
    )
    return {r.kommunekode: r for r in rows}


def faktureret_historik(aar: int, maaned: int) -> list:
    """Every mark and taking back of the month, newest first."""
    return list(
        AfregningFaktureret.history.filter(aar=aar, maaned=maaned)
        .select_related("history_user")
        .order_by("-history_date")
    )


@dataclass(frozen=True)
class Varsel:
    """An uninvoiced month of a kommune whose claim deadline is near or passed."""

    aar: int
    maaned: int
    kommunekode: str
    beloeb: Decimal
    frist: datetime.date
    overskredet: bool


def varsler_for(idag: datetime.date, user: AbstractBaseUser | None) -> list[Varsel]:
    """The warnings of issue 18 #1: each kommune's month with an amount, not
    marked faktureret, within VARSEL_MAANEDER months of its deadline or past it
    (at most a year past). A year without a takstmodel has nothing to bill."""
    frist = kravfrist_maaneder()
    maaneder = beregning.maaneder_med_varsel(idag, frist)
    markerede = set(
        AfregningFaktureret.objects.filter(
            aar__in={a for a, _ in maaneder}
        ).values_list("kommunekode", "aar", "maaned")
    )
    varsler, salg_pr_aar = [], {}
    for aar, maaned in maaneder:
        if aar not in salg_pr_aar:
            try:
                salg_pr_aar[aar] = salg_i_aaret(aar, user)
            except BudgetGrundlagMangler:
                salg_pr_aar[aar] = []
        afr = beregning.afregning(salg_pr_aar[aar], aar, maaned, afloeb())
        for k in afr.kommuner:
            if k.beloeb and (k.kommunekode, aar, maaned) not in markerede:
                dato = beregning.kravfrist(aar, maaned, frist)
                varsler.append(
                    Varsel(aar, maaned, k.kommunekode, k.beloeb, dato, idag > dato)
                )
    return varsler
