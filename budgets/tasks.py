"""Celery tasks (STYLE.md 6.1): take ids, call one service, safe to run twice.

The top layer: the services below queue these tasks by name (config.celery.task)
and never import this module.
"""

from celery import shared_task

from budgets.imports import runner
from budgets.models import Importjob
from budgets.services import maanedstal


@shared_task(acks_late=True)
def importjob_run_task(job_id: int) -> str:
    """Run an uploaded import; a job that already ran (or is running) is left alone.

    acks_late: a worker killed mid-import never acknowledges the task, so the
    broker delivers it again (Redis: after the visibility timeout,
    CELERY_BROKER_TRANSPORT_OPTIONS). By then importjob_oprydning_task has
    usually rejected the job (runner.afbryd_forladte), and this does nothing; if
    not, the job is in a running state that runner.importjob_run would not claim,
    and it is taken again only if no live worker holds its lock (runner.eneret).
    """
    with runner.eneret(job_id) as eneste:
        if eneste is False:  # a live worker is running it right now
            return Importjob.objects.get(pk=job_id).status
        if eneste:
            runner.genoptag_forladt(job_id)
        return runner.importjob_run(job_id=job_id).status


@shared_task
def importjob_oprydning_task() -> dict[str, list[int]]:
    """Every minute (CELERY_BEAT_SCHEDULE): jobs whose worker died end as
    rejected, expired previews are cancelled, no ended job keeps its file, and a
    queued job whose message was lost is sent again."""
    ryddet = runner.ryd_op()
    for job_id in ryddet["koede"]:
        importjob_run_task.delay(job_id)
    return ryddet


@shared_task
def maanedstal_genberegn_task(aar: int, version: int) -> bool:
    """Recompute every tilbud's stored months of ``aar`` after a change of its
    takster (budgets.services.maanedstal); a superseded version stops early."""
    return maanedstal.genberegn(aar=aar, version=version)


@shared_task
def maanedstal_kontroller_task() -> list[int]:
    """Nightly (CELERY_BEAT_SCHEDULE): queue a recompute of any year whose stored
    months are not all current (a job whose worker died, a new engine)."""
    return maanedstal.opdater_foraeldede()
