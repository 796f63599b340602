"""A tilbud's forbrug of a year line by line, each with the import that wrote it
(issue 15: the explanation of a figure shows what it is made of)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from budgets.audit import importjob_af_aarsag
from budgets.models import Forbrug, Forbrugsart, Importjob
from offers.models import Tilbud


@dataclass(frozen=True)
class Forbrugskilde:
    """The forbrug import that wrote a line's amount."""

    job_id: int
    filnavn: str
    indlaest: datetime.datetime | None
    uploader_id: int


@dataclass(frozen=True)
class Forbrugslinje:
    maaned: int  # 1-12
    art: str  # Forbrugsart's label: Løn, Drift, Indtægt
    beloeb: Decimal
    kilde: Forbrugskilde | None  # None: written without an import (by hand)


def forbrugslinjer_for(tilbud: Tilbud, aar: int) -> list[Forbrugslinje]:
    """The year's forbrug by month and art (the import's art column), in order."""
    rows = list(
        Forbrug.objects.filter(tilbud=tilbud, budgetaar__aar=aar).order_by(
            "maaned", "art"
        )
    )
    kilder = _kilder([r.pk for r in rows])
    return [
        Forbrugslinje(
            maaned=r.maaned,
            art=Forbrugsart(r.art).label,
            beloeb=r.beloeb,
            kilde=kilder.get(r.pk),
        )
        for r in rows
    ]


def _kilder(forbrug_ids: list[int]) -> dict[int, Forbrugskilde]:
    """The import that wrote each row's amount as it is now: the change reason of
    the row's newest history row, which the import runner marks with its job
    (budgets.audit.IMPORT_AARSAG). A row last changed by hand has none."""
    nyeste: dict[int, int | None] = {}
    historik = (
        Forbrug.history.filter(id__in=forbrug_ids)
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "history_change_reason")
    )
    for forbrug_id, aarsag in historik:
        # Only the newest history row counts: an older import was overwritten.
        nyeste.setdefault(forbrug_id, importjob_af_aarsag(aarsag))
    jobs = Importjob.objects.in_bulk({j for j in nyeste.values() if j})
    return {
        forbrug_id: Forbrugskilde(job.pk, job.filnavn, job.finished, job.created_by_id)
        for forbrug_id, job_id in nyeste.items()
        if (job := jobs.get(job_id)) is not None
    }
