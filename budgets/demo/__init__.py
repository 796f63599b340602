"""Demo data: a municipality at the scale of a real 2025 proposal (DOMAIN.md §1).

10 residential tilbud with 154 places, about 160 borgere (45 bought by other
municipalities), takstmodeller, budgets and actuals for 2025-2026, and one login
per role; plus one STU and one dagtilbud priced per day (issue 17,
demo.dagspris). It lives in budgets because it composes all three apps (tariffs
<- offers <- budgets).

Deterministic (``random.Random(SEED)``, fixed dates) and safe to rerun: when the
first demo tilbud exists, only the users, roles and leder links are completed.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Sum

from budgets.demo.bostoette import bostoette_create
from budgets.demo.brugere import DEMO_BRUGERE, DemoBruger, brugere_sikr, ledere_tilknyt
from budgets.demo.dagspris import dagspris_tilbud_create
from budgets.demo.forbrug import forbrug_create
from budgets.demo.grunddata import budget_create, takstmodeller_create, tilbud_create
from budgets.demo.historik import beboere_1_januar, historik
from budgets.demo.katalog import DEMO_PASSWORD, EKSTERNE_KOMMUNER, MARKOER, SEED
from budgets.demo.opfoelgning import opfoelgninger_create
from budgets.demo.placering import Kontekst
from budgets.demo.venteliste import venteliste_create
from budgets.models import Budgetaar, Forbrug
from config.lib import derived
from offers.models import (
    Borger,
    Doegnskema,
    Indplacering,
    Ophold,
    Tilbud,
    Ventelisteplads,
    egne_kommunekoder,
)
from tariffs.models import Takstmodel, Timeprismodel

__all__ = [
    "DEMO_BRUGERE",
    "DEMO_PASSWORD",
    "DemoBruger",
    "DemoResultat",
    "demodata_load",
]

IKKE_TOM = (
    "Databasen indeholder allerede tilbud, borgere, takstmodeller eller budgetår. "
    "Demodata indlæses kun i en tom database."
)


@dataclass(frozen=True)
class DemoResultat:
    indlaest: bool  # False: the demo was already there; only users were checked
    antal: dict[str, int]


@derived.writes
def demodata_load() -> DemoResultat:
    brugere = brugere_sikr()
    indlaest = not Tilbud.objects.filter(navn=MARKOER).exists()
    if indlaest:
        _kraev_tom_database()
        _indlaes(random.Random(SEED), brugere)
    ledere_tilknyt(brugere)
    return DemoResultat(indlaest=indlaest, antal=antal())


def _kraev_tom_database() -> None:
    for model in (Tilbud, Borger, Timeprismodel, Takstmodel, Budgetaar):
        if model.objects.exists():
            raise ValidationError(IKKE_TOM)


def _indlaes(rng: random.Random, brugere: dict[str, User]) -> None:
    oekonomi = brugere["oekonomi"]
    tilbud = tilbud_create(oekonomi)
    niveauer, timepris = takstmodeller_create(oekonomi)
    faste = budget_create(rng, tilbud, timepris, oekonomi)
    kommuner = [kode for kode, antal in EKSTERNE_KOMMUNER for _ in range(antal)]
    rng.shuffle(kommuner)
    ctx = Kontekst(
        rng, niveauer, (brugere["raadgiver"], brugere["raadgiver2"]), kommuner
    )
    beboere_1_januar(ctx, tilbud)
    historik(ctx)
    if ctx.kommuner:  # the history must reach every planned sold place
        raise RuntimeError(
            f"Demodata: {len(ctx.kommuner)} eksterne borgere blev ikke oprettet."
        )
    forbrug_create(rng, tilbud, faste, timepris, oekonomi)
    dagspris_tilbud_create(ctx, oekonomi)  # issue 17: one STU, one dagtilbud
    bostoette_create(ctx, oekonomi)  # issue 17: bostøtte § 85 and a tillæg
    opfoelgninger_create(brugere["raadgiver"])  # issue 19: the yearly follow-ups
    venteliste_create(ctx, brugere["raadgiver"])  # issue 19 #3
    # Frames and settings are saved here without the services: every year's
    # stored monthly figures are computed once, at the end.
    derived.changed(aar=Takstmodel.objects.values_list("aar", flat=True))


def antal() -> dict[str, int]:
    """The counts the command prints; the same after a rerun."""
    eksterne = Borger.objects.exclude(betalingskommune__in=egne_kommunekoder())
    return {
        "tilbud": Tilbud.objects.count(),
        "pladser": Tilbud.objects.aggregate(s=Sum("pladser"))["s"] or 0,
        "borgere": Borger.objects.count(),
        "eksterne": eksterne.count(),
        "ophold": Ophold.objects.count(),
        "afgange": Ophold.objects.filter(afgang__isnull=False).count(),
        "indplaceringer": Indplacering.objects.count(),
        "doegnskemaer": Doegnskema.objects.count(),
        "takstmodeller": Takstmodel.objects.count(),
        "venteliste": Ventelisteplads.objects.count(),
        "forbrug": Forbrug.objects.count(),
        "brugere": User.objects.count(),
    }
