"""Celery tasks (STYLE.md 6.1): take ids, call one service, safe to run twice."""

from celery import shared_task

from budgets import services


@shared_task(acks_late=True)
def importjob_run_task(job_id: int) -> str:
    """Run an uploaded import; a job that already ran (or is running) is left alone."""
    return services.importjob_run(job_id=job_id).status
