"""A tilbud's forbrug of a year line by line, each with the import that wrote it
(issue 15: the explanation of a figure shows what it is made of)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from budgets.models import Forbrug, Forbrugsart, Importjob, Importstatus, Importtype
from offers.models import Tilbud

# budgets.imports.forbrug's status of a preview row that changed nothing: such
# a job did not write the amount, an earlier one (or a hand edit) did.
UAENDRET = "uaendret"


@dataclass(frozen=True)
class Forbrugskilde:
    """The finished forbrug import whose preview wrote a line's amount."""

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
    beloeb = {(r.maaned, r.art): r.beloeb for r in rows}
    kilder = _kilder(tilbud.pk, aar, beloeb)
    return [
        Forbrugslinje(
            maaned=r.maaned,
            art=Forbrugsart(r.art).label,
            beloeb=r.beloeb,
            kilde=kilder.get((r.maaned, r.art)),
        )
        for r in rows
    ]


def _kilder(
    tilbud_id: int, aar: int, beloeb: dict[tuple[int, str], Decimal]
) -> dict[tuple[int, str], Forbrugskilde]:
    """Newest finished forbrug import first: a line's source is the newest one
    whose confirmed preview set it to the amount stored now.

    The rows keep no job id; the job keeps what it wrote (``forhaandsvisning``,
    the rows compared at the write), so this finds it without a migration. An
    amount changed by hand since matches no import and has no source.
    """
    kilder: dict[tuple[int, str], Forbrugskilde] = {}
    jobs = (
        Importjob.objects.filter(type=Importtype.FORBRUG, status=Importstatus.FAERDIG)
        .order_by("-finished", "-pk")
        .values_list("pk", "filnavn", "finished", "created_by_id", "forhaandsvisning")
    )
    for pk, filnavn, finished, uploader_id, visning in jobs.iterator():
        if len(kilder) == len(beloeb):
            break
        for r in (visning or {}).get("raekker", []):
            noegle = (r.get("maaned"), r.get("art"))
            if (
                r.get("tilbud_id") == tilbud_id
                and r.get("aar") == aar
                and noegle in beloeb
                and noegle not in kilder
                and r.get("status") != UAENDRET
                and Decimal(r["efter"]) == beloeb[noegle]
            ):
                kilder[noegle] = Forbrugskilde(pk, filnavn, finished, uploader_id)
    return kilder
