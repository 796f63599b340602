"""Runs one import job: read, validate every row, then write all in one transaction."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from budgets import services
from budgets.imports import forbrug, haendelser, takster
from budgets.imports.common import ImportAfvist, JobFremskridt
from budgets.models import Importjob, Importstatus, Importtype

logger = logging.getLogger(__name__)

IMPORTERE = {
    Importtype.FORBRUG: forbrug,
    Importtype.HAENDELSER: haendelser,
    Importtype.TAKSTER: takster,
}
UVENTET_FEJL = "Importen fejlede uventet; intet er gemt. Kontakt support."
LAAS_NAVNERUM = 4711  # advisory lock (4711, job id): ids must stay below 2**31


def _opdater(job: Importjob, **felter) -> None:
    for navn, vaerdi in felter.items():
        setattr(job, navn, vaerdi)
    Importjob.objects.filter(pk=job.pk).update(**felter)


def _koer(job: Importjob) -> dict:
    importer = IMPORTERE[job.type]
    raekker = importer.laes(bytes(job.indhold), job.filnavn)
    _opdater(job, rows_total=len(raekker))
    gyldige = importer.valider(raekker, JobFremskridt(job))
    _opdater(job, status=Importstatus.GEMMER)
    with transaction.atomic():  # one bad row rejects the file: nothing is written
        return importer.gem(gyldige, acting_user=job.created_by)


def run(job: Importjob) -> None:
    """Outside any transaction, so the progress updates are seen at once."""
    try:
        resultat = _koer(job)
    except ImportAfvist as afvist:
        services.importjob_finish(job, fejl=afvist.fejl)
        return
    except Exception:
        logger.exception("Import %s fejlede", job.pk)
        services.importjob_finish(job, fejl=[UVENTET_FEJL])
        return
    services.importjob_finish(job, resultat=resultat)


@contextmanager
def eneret(job_id: int) -> Iterator[bool | None]:
    """Whether this process alone may run the job, while the block lasts.

    A PostgreSQL session advisory lock on the job: PostgreSQL drops it when the
    holder's connection ends, also when its worker is SIGKILLed mid-import. True:
    held; False: a live worker holds it; None: no such locks (SQLite, the
    embedded mode, has no separate workers).
    """
    if connection.vendor != "postgresql":
        yield None
        return
    noegle = [LAAS_NAVNERUM, job_id]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", noegle)
        holdt = cursor.fetchone()[0]
    try:
        yield holdt
    finally:
        if holdt:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", noegle)


def genoptag_forladt(job_id: int) -> None:
    """Put a job that a dead worker left "validerer" or "gemmer" back to "venter".

    Only under eneret(): holding the lock proves no live worker runs the job, so
    the status is stale. PostgreSQL rolled the dead worker's write transaction
    back, so the file is simply run again from the start.
    """
    Importjob.objects.filter(
        pk=job_id, status__in=(Importstatus.VALIDERER, Importstatus.GEMMER)
    ).update(status=Importstatus.VENTER, rows_done=0)
