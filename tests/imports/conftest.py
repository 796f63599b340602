"""Import files built in the test, and a helper that runs a job like the worker."""

import pytest

from budgets import services
from budgets.imports import runner
from budgets.models import Importjob, Importstatus


def csv_bytes(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def koer(db):
    """Store a file as a job and run it synchronously (what the task does).

    A job that stops at its preview is confirmed and run again, as the user's
    "Godkend og indlæs" does, unless ``godkend=False``.
    """

    def _koer(
        user, type_: str, indhold: bytes, filnavn: str = "fil.csv", godkend=True
    ) -> Importjob:
        job = Importjob.objects.create(
            type=type_, filnavn=filnavn, indhold=indhold, created_by=user
        )
        job = runner.importjob_run(job_id=job.pk)
        if godkend and job.status == Importstatus.AFVENTER_GODKENDELSE:
            services.importjob_godkend(job=job, acting_user=user)
            job = runner.importjob_run(job_id=job.pk)
        return job

    return _koer


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The persona fixtures hash a password each; PBKDF2 would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
