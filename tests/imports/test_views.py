import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgets.models import Forbrug, Importjob, Importstatus
from tests.imports.conftest import csv_bytes


def _fil(tilbud, navn="forbrug.csv"):
    data = csv_bytes("tilbud;måned;art;beløb", [f"{tilbud.navn};2026-01;løn;100,00"])
    return SimpleUploadedFile(navn, data, content_type="text/csv")


def test_import_page_is_shown_to_oekonomi(client, oekonomichef):
    client.force_login(oekonomichef)
    assert client.get("/import/").status_code == 200


def test_import_page_is_refused_to_a_leder(client, leder_a):
    client.force_login(leder_a)
    assert client.get("/import/").status_code == 403


def test_import_page_needs_login(client, db):
    assert client.get("/import/").status_code == 302


def test_raadgiver_is_offered_only_the_event_import(client, raadgiver):
    client.force_login(raadgiver)
    choices = client.get("/import/").context["form"].fields["type"].choices
    assert [value for value, _ in choices] == ["haendelser"]


def test_upload_runs_the_import_after_commit(
    client, oekonomichef, tilbud_a, django_capture_on_commit_callbacks
):
    client.force_login(oekonomichef)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/import/", {"type": "forbrug", "fil": _fil(tilbud_a)})
    job = Importjob.objects.get()
    assert (response.url, job.status) == (f"/import/{job.pk}/", Importstatus.FAERDIG)
    assert Forbrug.objects.get().beloeb == 100


def test_upload_of_a_pdf_is_a_danish_form_error(client, oekonomichef, tilbud_a):
    client.force_login(oekonomichef)
    response = client.post(
        "/import/", {"type": "forbrug", "fil": _fil(tilbud_a, "x.pdf")}
    )
    assert response.context["form"].errors["fil"] == [
        "Vælg en CSV- eller Excel-fil (.csv eller .xlsx)."
    ]
    assert not Importjob.objects.exists()


def test_raadgiver_may_not_upload_actuals(client, raadgiver, tilbud_a):
    client.force_login(raadgiver)
    response = client.post("/import/", {"type": "forbrug", "fil": _fil(tilbud_a)})
    assert "type" in response.context["form"].errors
    assert not Importjob.objects.exists()


@pytest.fixture
def job(oekonomichef):
    return Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=b"", created_by=oekonomichef,
        status=Importstatus.VALIDERER, rows_total=10_000, rows_done=2_500,
    )  # fmt: skip


def test_status_json_shows_rows_done_of_total(client, oekonomichef, job):
    client.force_login(oekonomichef)
    data = client.get(f"/import/{job.pk}/status/").json()
    assert (data["rows_done"], data["rows_total"], data["afsluttet"]) == (
        2_500,
        10_000,
        False,
    )


def test_progress_page_shows_x_af_y_rows(client, oekonomichef, job):
    client.force_login(oekonomichef)
    assert "2.500 af 10.000 rækker" in client.get(f"/import/{job.pk}/").content.decode()


def test_another_users_job_is_404(client, raadgiver, job):
    client.force_login(raadgiver)
    assert client.get(f"/import/{job.pk}/status/").status_code == 404


def test_takst_export_is_an_xlsx_workbook(client, oekonomichef, takstmodel_2026):
    import openpyxl

    client.force_login(oekonomichef)
    response = client.get("/import/takster/2026/eksport/")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[0] == "Timeprismodel"


def test_takst_export_for_a_year_without_model_is_404(client, oekonomichef):
    client.force_login(oekonomichef)
    assert client.get("/import/takster/2031/eksport/").status_code == 404
