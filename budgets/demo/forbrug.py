"""Monthly actuals (Forbrug) that follow the residents actually living in each tilbud.

A month costs the fixed costs / 12 plus the support hours of the borger-days at the
residents' levels × that year's timepris, times a per-tilbud bias and monthly noise;
about 80 % is løn. Everything is Decimal from int, rounded to øre once per row.
"""

import calendar
import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from budgets.demo.grunddata import gem
from budgets.demo.katalog import FORBRUG_MAANEDER
from budgets.models import Budgetaar, Forbrug
from config.lib.money import round_to_oere
from offers.models import Ophold, Tilbud

Maaned = tuple[int, int, int]  # tilbud pk, year, month


def forbrug_create(
    rng: random.Random,
    tilbud: list[Tilbud],
    faste: dict[tuple[int, int], int],
    timepris: dict[int, Decimal],
    user: User,
) -> None:
    aktivitet = _aktivitet(timepris)
    aarene = {b.aar: b for b in Budgetaar.objects.filter(aar__in=FORBRUG_MAANEDER)}
    for obj in tilbud:
        bias = Decimal(rng.randint(955, 1060)) / 1000  # some tilbud overspend
        for aar, maaneder in FORBRUG_MAANEDER.items():
            for maaned in range(1, maaneder + 1):
                total = (
                    Decimal(faste[obj.pk, aar]) / 12
                    + aktivitet[obj.pk, aar, maaned] * bias
                ) * _stoej(rng)
                _maaned_create(rng, obj, aarene[aar], maaned, total, user)


def _stoej(rng: random.Random) -> Decimal:
    """A factor of 1 ± 3-7 %."""
    return 1 + rng.choice((-1, 1)) * Decimal(rng.randint(30, 70)) / 1000


def _maaned_create(
    rng: random.Random,
    tilbud: Tilbud,
    budgetaar: Budgetaar,
    maaned: int,
    total: Decimal,
    user: User,
) -> None:
    total = round_to_oere(total)
    loen = round_to_oere(total * rng.randint(77, 83) / 100)
    beloeb = {"loen": loen, "drift": total - loen}
    if rng.random() < 0.12:  # refusion, salg af måltider og lignende
        beloeb["indtaegt"] = -Decimal(rng.randint(20, 250) * 100)
    for art, kr in beloeb.items():
        gem(
            Forbrug(
                tilbud=tilbud, budgetaar=budgetaar, maaned=maaned, art=art, beloeb=kr
            ),
            user,
        )


def _aktivitet(timepris: dict[int, Decimal]) -> dict[Maaned, Decimal]:
    """Support cost per tilbud and month of the days borgere actually lived there."""
    kost: dict[Maaned, Decimal] = defaultdict(Decimal)
    ophold_qs = Ophold.objects.prefetch_related("indplaceringer__takstniveau")
    for ophold in ophold_qs:
        segmenter = sorted(ophold.indplaceringer.all(), key=lambda i: i.gyldig_fra)
        # An ophold occupies [tilgang, afgang): the last night is the day before afgang.
        slut = ophold.afgang - timedelta(days=1) if ophold.afgang else None
        for nr, ip in enumerate(segmenter):
            til = (
                segmenter[nr + 1].gyldig_fra - timedelta(days=1)
                if nr + 1 < len(segmenter)
                else slut
            )
            timer = ip.saertakst_timer or ip.takstniveau.takstgivende
            for aar, maaneder in FORBRUG_MAANEDER.items():
                for maaned in range(1, maaneder + 1):
                    dage = _dage_i_maaned(ip.gyldig_fra, til, aar, maaned)
                    if dage > 0:
                        kost[ophold.tilbud_id, aar, maaned] += (
                            dage * timer * timepris[aar]
                        )
    return kost


def _dage_i_maaned(fra: date, til: date | None, aar: int, maaned: int) -> int:
    """Days of [fra, til] (til None: open) in the month; zero or less for none."""
    foerste = max(fra, date(aar, maaned, 1))
    sidste = date(aar, maaned, calendar.monthrange(aar, maaned)[1])
    if til is not None:
        sidste = min(sidste, til)
    return (sidste - foerste).days + 1
