"""Reads for capacity (issue 19 #3): the stays, pladser and forudsat belægning
of the years, and the waiting list, built into budgets.engine.kapacitet's inputs.

Pladser and forudsat belægning are the year's (TilbudAar), or the tilbud's own
for a year without a row (budgets.selectors.tilbud_aar). The months shown are
the two last complete months (the rule of two months under forudsat belægning
looks back) and twelve months from the current one; only gældende stays count
(an annulled tilgang never occupied a place).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q

from budgets.engine import kapacitet as engine
from budgets.forklaring import overbelaegning_tekst, under_forudsat_tekst
from budgets.selectors.grundlag import _aarsindstillinger
from offers.models import Ophold, Tilbud

TILBAGE = 2  # complete months before the current one
FREMAD = 12  # months from the current one


@dataclass(frozen=True)
class Kapacitet:
    tilbud: Tilbud
    idag: datetime.date
    pladser: int
    belagt: int
    maaneder: tuple[engine.Maanedskapacitet, ...]
    afsluttede: int  # how many of ``maaneder`` are complete months before today
    under_forudsat: tuple[str, ...]  # sentences, one per run of months
    venteliste: int

    @property
    def ledige(self) -> int:
        return self.pladser - self.belagt

    @property
    def fremad(self) -> tuple[engine.Maanedskapacitet, ...]:
        return self.maaneder[self.afsluttede :]


def _aarene(tilbud_list: Sequence[Tilbud], aar: Iterable[int]) -> dict:
    """{tilbud id: ({år: pladser}, {år: forudsat belægning})}."""
    ids = [t.pk for t in tilbud_list]
    resultat = {t.pk: ({}, {}) for t in tilbud_list}
    for et_aar in aar:
        egne = _aarsindstillinger(ids, et_aar)
        for t in tilbud_list:
            row = egne.get(t.pk, {})
            resultat[t.pk][0][et_aar] = row.get("pladser", t.pladser)
            resultat[t.pk][1][et_aar] = row.get(
                "forudsat_belaegning", t.forudsat_belaegning
            )
    return resultat


def _ophold(tilbud_ids: Sequence[int], fra: datetime.date) -> dict:
    rows = (
        Ophold.objects.filter(tilbud_id__in=tilbud_ids)
        .filter(Q(afgang__isnull=True) | Q(afgang__gt=fra))
        .order_by()
        .values_list("tilbud_id", "tilgang", "afgang")
    )
    resultat = defaultdict(list)
    for tilbud_id, tilgang, afgang in rows:
        resultat[tilbud_id].append(engine.Ophold(tilgang, afgang))
    return resultat


def kapacitet_oversigt(
    tilbud_list: Iterable[Tilbud], idag: datetime.date
) -> list[Kapacitet]:
    """Each tilbud's capacity today and by month (a constant number of queries)."""
    tilbud_list = list(tilbud_list)
    fra = engine.plus_maaneder(idag, -TILBAGE)
    maaneder = [engine.plus_maaneder(fra, i) for i in range(TILBAGE + FREMAD)]
    aarene = _aarene(tilbud_list, sorted({m.year for m in maaneder}))
    ophold = _ophold([t.pk for t in tilbud_list], fra)
    venteliste = dict(
        Tilbud.objects.filter(pk__in=[t.pk for t in tilbud_list])
        .annotate(n=Count("venteliste"))
        .values_list("pk", "n")
    )
    return [
        _kapacitet(t, idag, fra, ophold[t.pk], *aarene[t.pk], venteliste[t.pk])
        for t in tilbud_list
    ]


def _kapacitet(tilbud, idag, fra, ophold, pladser, forudsat, venteliste):
    maaneder = engine.kapacitet_pr_maaned(
        ophold, fra, TILBAGE + FREMAD, pladser, forudsat
    )
    return Kapacitet(
        tilbud=tilbud,
        idag=idag,
        pladser=pladser[idag.year],
        belagt=engine.belagte_pladser(ophold, idag),
        maaneder=tuple(maaneder),
        afsluttede=TILBAGE,
        under_forudsat=tuple(
            under_forudsat_tekst(loeb)
            for loeb in engine.under_forudsat_belaegning(maaneder)
        ),
        venteliste=venteliste,
    )


def kapacitet_for(tilbud: Tilbud, idag: datetime.date) -> Kapacitet:
    return kapacitet_oversigt([tilbud], idag)[0]


def tilgang_advarsler(ophold: Ophold) -> tuple[str, ...]:
    """A tilgang (or the new stay of an omplacering) that puts more borgere in
    the tilbud than pladser on a day of its first months (engine.overbelaegning).
    The tilgang stands: this is a warning, shown after saving."""
    tilbud = ophold.tilbud
    nyt = engine.Ophold(ophold.tilgang, ophold.afgang)
    til = engine.plus_maaneder(ophold.tilgang, engine.OVERBELAEGNING_MAANEDER + 1)
    aarene = range(ophold.tilgang.year, til.year + 1)
    pladser, _ = _aarene([tilbud], aarene)[tilbud.pk]
    alle = _ophold([tilbud.pk], ophold.tilgang)[tilbud.pk]
    fundet = engine.overbelaegning(alle, nyt, pladser.__getitem__)
    return () if fundet is None else (overbelaegning_tekst(fundet, tilbud.navn),)
