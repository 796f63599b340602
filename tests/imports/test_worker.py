"""One import through a real Celery worker on Redis (not eager mode).

Runs only with CELERY_BROKER_URL=redis://… and a PostgreSQL database, as in CI:
the worker is a separate process, so it must reach the same test database.
"""

import time

import pytest

from budgets import services
from budgets.models import Forbrug, Importjob, Importstatus
from tests.celery_worker import KRAEVER_WORKER
from tests.imports.conftest import csv_bytes

VENT_HOEJST = 60  # seconds

pytestmark = KRAEVER_WORKER


def _vent_paa(job: Importjob) -> Importjob:
    slut = time.monotonic() + VENT_HOEJST
    while time.monotonic() < slut:
        job.refresh_from_db()
        if job.afsluttet or job.afventer_godkendelse:
            return job
        time.sleep(0.5)
    pytest.fail(f"the worker did not finish the import in {VENT_HOEJST} s")


@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_an_import(worker, oekonomichef, tilbud_a, takstmodel_2026):
    raekker = [f"{tilbud_a.navn};2026-{m:02d};løn;1.000,00" for m in range(1, 13)]
    job = services.importjob_create(
        type="forbrug",
        filnavn="forbrug.csv",
        acting_user=oekonomichef,
        indhold=csv_bytes("tilbud;måned;art;beløb", raekker),
    )
    assert _vent_paa(job).status == Importstatus.AFVENTER_GODKENDELSE
    assert not Forbrug.objects.exists()  # the preview writes nothing
    services.importjob_godkend(job=job, acting_user=oekonomichef)
    job = _vent_paa(job)
    assert (job.status, job.rows_done) == (Importstatus.FAERDIG, 12)
    assert Forbrug.objects.filter(tilbud=tilbud_a).count() == 12
