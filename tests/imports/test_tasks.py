from budgets.models import Forbrug, Importjob, Importstatus
from budgets.tasks import importjob_run_task
from tests.imports.conftest import csv_bytes


def test_running_the_task_twice_imports_once(oekonomichef, tilbud_a):
    data = csv_bytes("tilbud;måned;art;beløb", [f"{tilbud_a.navn};2026-01;løn;100"])
    job = Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=data, created_by=oekonomichef
    )
    importjob_run_task.delay(job.pk)
    Forbrug.objects.update(beloeb=1)  # a second run would set it back to 100
    assert importjob_run_task.delay(job.pk).get() == Importstatus.FAERDIG
    assert Forbrug.objects.get().beloeb == 1


def test_unreadable_file_rejects_the_job(oekonomichef, db):
    job = Importjob.objects.create(
        type="takster", filnavn="t.xlsx", indhold=b"not a workbook",
        created_by=oekonomichef,
    )  # fmt: skip
    importjob_run_task.delay(job.pk)
    job.refresh_from_db()
    assert job.errors[0].startswith("Filen kan ikke læses som CSV eller Excel")
