"""Runs one import job: read, validate every row, then write all in one transaction.

A forbrug job stops after validation with a preview; once the user confirms it,
the job runs again (validated, compared with the preview, then written).

The uploaded file may hold CPR numbers, so it is kept only while the job is
alive: when the job ends (done, rejected or cancelled) ``indhold`` is emptied.
``ryd_op`` (run every minute by beat) ends the jobs whose worker died, so no job
is left running, and empties the file of any ended job.

Layers, each importing only those below it: budgets.tasks calls this module;
it calls the importers and budgets.services (the job's states); the importers
write through the services. The services queue a run by the task's name.
"""

import datetime
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import ModuleType
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from budgets import services
from budgets.audit import IMPORT_AARSAG, historik_som
from budgets.imports import forbrug, haendelser, leveret_tid, takster
from budgets.imports.common import ImportAfvist, JobFremskridt, sikker_besked
from budgets.models import Importjob, Importstatus, Importtype
from config.lib import derived

logger = logging.getLogger(__name__)

IMPORTERE = {
    Importtype.FORBRUG: forbrug,
    Importtype.HAENDELSER: haendelser,
    Importtype.TAKSTER: takster,
    Importtype.LEVERET_TID: leveret_tid,
}
UVENTET_FEJL = "Importen fejlede uventet; intet er gemt. Kontakt support."
AFBRUDT = (
    "Importen blev afbrudt, fordi den proces, der kørte den, stoppede; intet er "
    "gemt. Upload filen igen."
)
FORHAANDSVISNING_UDLOEBET = (
    "Forhåndsvisningen blev ikke godkendt inden for {dage} dage og er annulleret; "
    "intet er gemt. Upload filen igen."
)
AFSLUTTEDE = (Importstatus.FAERDIG, Importstatus.AFVIST, Importstatus.ANNULLERET)
KOERENDE = (Importstatus.VALIDERER, Importstatus.GEMMER)
KOEDE = (Importstatus.VENTER, Importstatus.GODKENDT)
# Without separate workers (SQLite, eager) a job that has run this long is dead.
KOERER_HOEJST = datetime.timedelta(hours=1)
KOE_GENSEND_EFTER = datetime.timedelta(minutes=10)  # a queued job's lost message
FORHAANDSVISNING_DAGE = 7
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
    # Every history row the write makes names the job (linked from /historik/).
    with derived.batch(), historik_som(aarsag=IMPORT_AARSAG.format(job_id=job.pk)):
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


def tom_filen(job_id: int) -> None:
    """The uploaded file is gone once its job has ended (it may hold CPRs)."""
    Importjob.objects.filter(pk=job_id, status__in=AFSLUTTEDE).exclude(
        indhold=b""
    ).update(indhold=b"")


def _log_uventet(job: Importjob, exc: Exception) -> None:
    """The traceback without the exception's text unmasked (a cell may be a CPR)."""
    logger.error(
        "Import %s fejlede uventet: %s: %s\n%s",
        job.pk,
        type(exc).__name__,
        sikker_besked(str(exc)),
        "".join(traceback.format_tb(exc.__traceback__)),
    )


def _afvis(job: Importjob, fejl: list[str], linjer: int | None = None) -> None:
    """Store the errors (and how many lines have any, for the summary); if even
    they cannot be stored, the plain message."""
    resultat = {} if linjer is None else {"linjer_med_fejl": linjer}
    try:
        services.importjob_finish(
            job, fejl=[sikker_besked(f) for f in fejl], resultat=resultat
        )
    except DatabaseError as exc:
        _log_uventet(job, exc)
        services.importjob_finish(job, fejl=[UVENTET_FEJL])


def importjob_run(*, job_id: int) -> Importjob:
    """Run a queued (or a confirmed) import once; a second call does nothing."""
    claimed = Importjob.objects.filter(
        pk=job_id, status__in=(Importstatus.VENTER, Importstatus.GODKENDT)
    ).update(status=Importstatus.VALIDERER)
    job = Importjob.objects.get(pk=job_id)
    if claimed:
        run(job)
        job.refresh_from_db()
    return job


def run(job: Importjob) -> None:
    """Outside any transaction, so the progress updates are seen at once."""
    try:
        _koer(job)
    except ImportAfvist as afvist:
        _afvis(job, afvist.fejl, afvist.linjer)
    except Exception as exc:
        _log_uventet(job, exc)
        _afvis(job, [UVENTET_FEJL])
    finally:
        tom_filen(job.pk)


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


@contextmanager
def _ledig(job_id: int) -> Iterator[bool]:
    """Whether no live worker runs the job: its lock is free (and now held), or
    (without locks) it has been running longer than KOERER_HOEJST."""
    with eneret(job_id) as eneste:
        if eneste is None:
            graense = timezone.now() - KOERER_HOEJST
            eneste = Importjob.objects.filter(
                Q(godkendt__lt=graense) | Q(godkendt__isnull=True, created__lt=graense),
                pk=job_id,
            ).exists()
        yield eneste


def afbryd_forladte() -> list[int]:
    """Reject every job left "validerer" or "gemmer" by a worker that died.

    On PostgreSQL a running worker holds the job's advisory lock for the whole
    run (tasks.importjob_run_task), and PostgreSQL drops it when the worker's
    connection ends, also on SIGKILL; so a free lock on a running job proves
    its worker is gone, and holding it while rejecting keeps a retry out.
    """
    afbrudte = []
    for job in Importjob.objects.filter(status__in=KOERENDE).defer("indhold"):
        with _ledig(job.pk) as ledig:
            if (
                ledig
                and Importjob.objects.filter(pk=job.pk, status__in=KOERENDE).exists()
            ):
                services.importjob_finish(job, fejl=[AFBRUDT])
                tom_filen(job.pk)
                afbrudte.append(job.pk)
    if afbrudte:
        logger.warning("Importjob(s) afbrudt efter en død worker: %s", afbrudte)
    return afbrudte


def udloeb_forhaandsvisninger() -> list[int]:
    """Cancel previews nobody confirmed within FORHAANDSVISNING_DAGE days, so no
    uploaded file is kept for good."""
    graense = timezone.now() - datetime.timedelta(days=FORHAANDSVISNING_DAGE)
    udloebne = list(
        Importjob.objects.filter(
            status=Importstatus.AFVENTER_GODKENDELSE, created__lt=graense
        ).values_list("pk", flat=True)
    )
    besked = FORHAANDSVISNING_UDLOEBET.format(dage=FORHAANDSVISNING_DAGE)
    Importjob.objects.filter(
        pk__in=udloebne, status=Importstatus.AFVENTER_GODKENDELSE
    ).update(
        status=Importstatus.ANNULLERET,
        finished=timezone.now(),
        errors=[besked],
        indhold=b"",
    )
    return udloebne


def koede_uden_besked() -> list[int]:
    """Queued jobs waiting longer than KOE_GENSEND_EFTER: their message may be
    lost, so it is sent again (running a job twice does nothing the second time)."""
    graense = timezone.now() - KOE_GENSEND_EFTER
    return list(
        Importjob.objects.filter(status__in=KOEDE)
        .filter(Q(godkendt__lt=graense) | Q(godkendt__isnull=True, created__lt=graense))
        .values_list("pk", flat=True)
    )


def ryd_op() -> dict[str, list[int]]:
    """Every minute (beat): no job is left running by a dead worker, no file kept
    after its job ended."""
    afbrudte = afbryd_forladte()
    udloebne = udloeb_forhaandsvisninger()
    Importjob.objects.filter(status__in=AFSLUTTEDE).exclude(indhold=b"").update(
        indhold=b""
    )
    return {"afbrudt": afbrudte, "udloebet": udloebne, "koede": koede_uden_besked()}
