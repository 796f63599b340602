"""Reads for the bostøtte § 85 follow-up (issue 17): visiteret vs. leveret.

Three queries whatever the number of borgere: the user's bostøtte tilbud, their
stays' decided hours, the imported hours. The figures are the pure
budgets.engine.bostoette's.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from budgets.engine import bostoette
from budgets.models import LeveretTid
from offers.models import Borger, Indplacering, Tilbud, Tilbudstype
from offers.selectors import tilbud_visible_to

MAANEDER = tuple(range(1, 13))


@dataclass(frozen=True)
class Bostoettetilbud:
    """One bostøtte tilbud's follow-up: its borgere's rows and its totals."""

    tilbud: Tilbud
    linjer: list[bostoette.Bostoettelinje]
    totaler: list[bostoette.Bostoettelinje]


@dataclass(frozen=True)
class Bostoetteopfoelgning:
    aar: int
    maaneder: tuple[int, ...]
    tilbud: list[Bostoettetilbud]
    borgere: dict[int, str]  # borger id -> "navn (masked CPR)"


def bostoette_tilbud_visible_to(user: AbstractBaseUser):
    """The bostøtte § 85 tilbud the user may see (a tilbudsleder: their own)."""
    return tilbud_visible_to(user).filter(tilbudstype=Tilbudstype.BOSTOETTE_85)


def _visitationer(tilbud_ids: list[int], aar: int) -> list[bostoette.Visitation]:
    """The decided hours of every stay with a day in the year (not annulled)."""
    rows = (
        Indplacering.objects.filter(
            ophold__tilbud_id__in=tilbud_ids,
            ophold__annulleret__isnull=True,
            ophold__tilgang__lte=datetime.date(aar, 12, 31),
        )
        .filter(
            Q(ophold__afgang__isnull=True)
            | Q(ophold__afgang__gt=datetime.date(aar, 1, 1))
        )
        .order_by("ophold_id", "gyldig_fra", "id")
        .values_list(
            "ophold_id",
            "ophold__borger_id",
            "ophold__tilbud_id",
            "ophold__tilgang",
            "ophold__afgang",
            "gyldig_fra",
            "visiterede_timer_pr_uge",
        )
    )
    pr_ophold: dict[int, list] = defaultdict(list)
    for ophold_id, *felter in rows:
        pr_ophold[ophold_id].append(felter)
    result = []
    for niveauer in pr_ophold.values():
        borger, tilbud, tilgang, afgang = niveauer[0][:4]
        # Of two on one date the later wins (the engine's rule).
        sidste = {fra: timer for *_, fra, timer in niveauer}
        result += bostoette.visitationer(
            borger, tilbud, tilgang, afgang, sorted(sidste.items())
        )
    return result


def _leveret(tilbud_ids: list[int], aar: int) -> dict[bostoette.Noegle, Decimal]:
    rows = LeveretTid.objects.filter(tilbud_id__in=tilbud_ids, aar=aar).values_list(
        "tilbud_id", "borger_id", "maaned", "timer"
    )
    return {(t, b, m): timer for t, b, m, timer in rows}


def bostoette_opfoelgning_for(
    user: AbstractBaseUser, aar: int, maaned: int | None = None
) -> Bostoetteopfoelgning:
    """Visiteret vs. leveret per borger and month (``maaned``: that one only)
    in each bostøtte tilbud the user may see, with a total per tilbud."""
    tilbud = list(bostoette_tilbud_visible_to(user).order_by("navn"))
    ids = [t.pk for t in tilbud]
    maaneder = (maaned,) if maaned else MAANEDER
    linjer = bostoette.opfoelgning(
        _visitationer(ids, aar), _leveret(ids, aar), aar, maaneder
    )
    pr_tilbud: dict[int, list] = defaultdict(list)
    for linje in linjer:
        pr_tilbud[linje.tilbud_id].append(linje)
    borgere = {
        pk: f"{navn} ({cpr})"
        for pk, navn, cpr in Borger.objects.filter(
            pk__in={linje.borger_id for linje in linjer}
        ).values_list("pk", "navn", "cpr_maskeret")
    }
    return Bostoetteopfoelgning(
        aar,
        maaneder,
        [
            Bostoettetilbud(t, pr_tilbud[t.pk], bostoette.totaler(pr_tilbud[t.pk]))
            for t in tilbud
        ],
        borgere,
    )
