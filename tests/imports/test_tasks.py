from django.utils import timezone

from budgets import services
from budgets.imports import runner
from budgets.models import Forbrug, Importjob, Importstatus
from budgets.tasks import importjob_run_task
from tests.imports.conftest import csv_bytes


def test_running_the_task_twice_imports_once(oekonomichef, tilbud_a, takstmodel_2026):
    data = csv_bytes("tilbud;måned;art;beløb", [f"{tilbud_a.navn};2026-01;løn;100"])
    job = Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=data, created_by=oekonomichef
    )
    importjob_run_task.delay(job.pk)  # the preview
    services.importjob_godkend(job=job, acting_user=oekonomichef)
    importjob_run_task.delay(job.pk)  # the write
    Forbrug.objects.update(beloeb=1)  # a second run would set it back to 100
    assert importjob_run_task.delay(job.pk).get() == Importstatus.FAERDIG
    assert Forbrug.objects.get().beloeb == 1


def test_running_the_preview_task_twice_leaves_one_preview(
    oekonomichef, tilbud_a, takstmodel_2026
):
    data = csv_bytes("tilbud;måned;art;beløb", [f"{tilbud_a.navn};2026-01;løn;100"])
    job = Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=data, created_by=oekonomichef
    )
    importjob_run_task.delay(job.pk)
    assert importjob_run_task.delay(job.pk).get() == Importstatus.AFVENTER_GODKENDELSE
    assert not Forbrug.objects.exists()


def test_unreadable_file_rejects_the_job(oekonomichef, db):
    job = Importjob.objects.create(
        type="takster",
        filnavn="t.xlsx",
        indhold=b"not a workbook",
        created_by=oekonomichef,
    )
    importjob_run_task.delay(job.pk)
    job.refresh_from_db()
    assert job.errors[0].startswith("Filen kan ikke læses som CSV eller Excel")


def _liggende(user, **felter) -> Importjob:
    return Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=b"", created_by=user, **felter
    )


def test_a_confirmed_job_left_by_a_dead_worker_is_queued_to_be_written(oekonomichef):
    job = _liggende(oekonomichef, status=Importstatus.GEMMER, godkendt=timezone.now())
    runner.genoptag_forladt(job.pk)
    job.refresh_from_db()
    assert job.status == Importstatus.GODKENDT


def test_an_unconfirmed_job_left_by_a_dead_worker_is_previewed_again(oekonomichef):
    job = _liggende(oekonomichef, status=Importstatus.VALIDERER)
    runner.genoptag_forladt(job.pk)
    job.refresh_from_db()
    assert job.status == Importstatus.VENTER
