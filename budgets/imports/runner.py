"""Runs one import job: read, validate every row, then write all in one transaction.

A forbrug job stops after validation with a preview; once the user confirms it,
the job runs again (validated, compared with the preview, then written).
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import ModuleType
from typing import Any

from django.db import connection
from django.db.models import Case, Value, When

from budgets import services
from budgets.imports import forbrug, haendelser, takster
from budgets.imports.common import ImportAfvist, JobFremskridt
from budgets.models import Importjob, Importstatus, Importtype
from config.lib import derived

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


def _gyldige(job: Importjob, importer: ModuleType) -> Any:
    raekker = importer.laes(bytes(job.indhold), job.filnavn)
    _opdater(job, rows_total=len(raekker))
    return importer.valider(raekker, JobFremskridt(job))


def _gem(job: Importjob, gem: Callable[..., dict], gyldige: Any) -> None:
    _opdater(job, status=Importstatus.GEMMER)
    # One bad row rejects the file: nothing is written. The rows' services only
    # collect what they change; the stored monthly figures of the tilbud the
    # file touches are recomputed once, before the import commits.
    with derived.batch():
        resultat = gem(gyldige, acting_user=job.created_by)
    services.importjob_finish(job, resultat=resultat)


def _koer(job: Importjob) -> None:
    """An importer with ``forhaandsvis`` stops at a preview for the user to confirm;
    the others (events, takster) write at once."""
    importer = IMPORTERE[job.type]
    gyldige = _gyldige(job, importer)
    if job.godkendt is not None:  # confirmed: validated again, compared, written
        gem = partial(importer.gem, forhaandsvisning=job.forhaandsvisning)
        _gem(job, gem, gyldige)
    elif hasattr(importer, "forhaandsvis"):
        services.importjob_afvent(job, forhaandsvisning=importer.forhaandsvis(gyldige))
    else:
        _gem(job, importer.gem, gyldige)


def run(job: Importjob) -> None:
    """Outside any transaction, so the progress updates are seen at once."""
    try:
        _koer(job)
    except ImportAfvist as afvist:
        services.importjob_finish(job, fejl=afvist.fejl)
    except Exception:
        logger.exception("Import %s fejlede", job.pk)
        services.importjob_finish(job, fejl=[UVENTET_FEJL])


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
    """Put a job that a dead worker left "validerer" or "gemmer" back in the queue:
    "godkendt" if the user had confirmed its preview, else "venter".

    Only under eneret(): holding the lock proves no live worker runs the job, so
    the status is stale. PostgreSQL rolled the dead worker's write transaction
    back, so the file is simply run again from the start.
    """
    igen = Case(
        When(godkendt__isnull=False, then=Value(Importstatus.GODKENDT)),
        default=Value(Importstatus.VENTER),
    )
    Importjob.objects.filter(
        pk=job_id, status__in=(Importstatus.VALIDERER, Importstatus.GEMMER)
    ).update(status=igen, rows_done=0)
