import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgets import services
from budgets.imports import runner
from budgets.models import Forbrug, Importjob, Importstatus
from config.lib.roles import OEKONOMI
from tests.factories import TilbudFactory, UserFactory
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


def test_upload_runs_the_preview_after_commit_and_writes_nothing(
    client, oekonomichef, tilbud_a, takstmodel_2026, django_capture_on_commit_callbacks
):
    client.force_login(oekonomichef)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/import/", {"type": "forbrug", "fil": _fil(tilbud_a)})
    job = Importjob.objects.get()
    assert (response.url, job.status) == (
        f"/import/{job.pk}/",
        Importstatus.AFVENTER_GODKENDELSE,
    )
    assert not Forbrug.objects.exists()


def test_confirming_on_the_page_writes_the_import(
    client, oekonomichef, tilbud_a, takstmodel_2026, django_capture_on_commit_callbacks
):
    client.force_login(oekonomichef)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/import/", {"type": "forbrug", "fil": _fil(tilbud_a)})
    job = Importjob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/import/{job.pk}/godkend/")
    job.refresh_from_db()
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
        type="forbrug",
        filnavn="f.csv",
        indhold=b"",
        created_by=oekonomichef,
        status=Importstatus.VALIDERER,
        rows_total=10_000,
        rows_done=2_500,
    )


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


# --- Issue 12 item 14: the preview page and its confirm/cancel buttons ---


@pytest.fixture
def preview(oekonomichef, takstmodel_2026):
    """Solbakken's November 2026 løn is 4,200,000.50 kr.; a file sets it to 1,00."""
    tilbud = TilbudFactory(navn="Solbakken")
    services.forbrug_save(
        tilbud_id=tilbud.pk,
        budgetaar=services.budgetaar_aabent(2026),
        maaned=11,
        art="loen",
        beloeb=Decimal("4200000.50"),
        acting_user=oekonomichef,
    )
    data = csv_bytes("tilbud;måned;art;beløb", ["Solbakken;2026-11;løn;1,00"])
    job = Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=data, created_by=oekonomichef
    )
    return runner.importjob_run(job_id=job.pk)


def test_preview_page_shows_the_month_before_and_after_in_danish(
    client, oekonomichef, preview
):
    client.force_login(oekonomichef)
    side = client.get(f"/import/{preview.pk}/").content.decode()
    # Danish number format: thousands with ".", decimals with ",".
    assert "4.200.000,50 kr. → 1,00 kr." in side
    assert "Godkend og indlæs" in side


def test_confirm_needs_login_and_writes_nothing(client, preview):
    response = client.post(f"/import/{preview.pk}/godkend/")
    preview.refresh_from_db()
    assert (response.status_code, "/login/" in response["Location"]) == (302, True)
    assert preview.status == Importstatus.AFVENTER_GODKENDELSE
    assert Forbrug.objects.get().beloeb == Decimal("4200000.50")


def test_confirm_by_another_user_is_404(client, raadgiver, preview):
    client.force_login(raadgiver)
    assert client.post(f"/import/{preview.pk}/godkend/").status_code == 404


def test_oekonomi_reads_another_users_job_but_cannot_decide_it(
    client, raadgiver, preview
):
    """Økonomi follows the history to the import behind a change (issue 15):
    they may read a job someone else uploaded, not confirm or cancel it."""
    other = UserFactory(username="oekonomi2", roller=[OEKONOMI])
    client.force_login(other)
    side = client.get(f"/import/{preview.pk}/").content.decode()
    assert "4.200.000,50 kr. → 1,00 kr." in side
    assert "Godkend og indlæs" not in side
    assert "Afventer godkendelse af den, der indlæste filen." in side
    assert client.get(f"/import/{preview.pk}/status/").status_code == 200
    assert client.post(f"/import/{preview.pk}/godkend/").status_code == 404
    assert client.post(f"/import/{preview.pk}/annuller/").status_code == 404
    preview.refresh_from_db()
    assert preview.status == Importstatus.AFVENTER_GODKENDELSE


def test_confirm_is_refused_to_an_uploader_without_the_oekonomi_role(
    client, oekonomichef, preview
):
    oekonomichef.groups.clear()
    client.force_login(oekonomichef)
    assert client.post(f"/import/{preview.pk}/godkend/").status_code == 403
    preview.refresh_from_db()
    assert preview.status == Importstatus.AFVENTER_GODKENDELSE


def test_confirm_by_get_is_not_allowed(client, oekonomichef, preview):
    client.force_login(oekonomichef)
    assert client.get(f"/import/{preview.pk}/godkend/").status_code == 405


def test_confirm_writes_the_new_amount(
    client, oekonomichef, preview, django_capture_on_commit_callbacks
):
    client.force_login(oekonomichef)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/import/{preview.pk}/godkend/")
    assert Forbrug.objects.get().beloeb == Decimal("1.00")


def test_a_second_confirm_is_a_danish_400(client, oekonomichef, preview):
    client.force_login(oekonomichef)
    client.post(f"/import/{preview.pk}/godkend/")
    response = client.post(f"/import/{preview.pk}/godkend/")
    assert response.status_code == 400
    assert services.IKKE_TIL_GODKENDELSE in response.content.decode()


def test_cancel_on_the_page_writes_nothing(client, oekonomichef, preview):
    client.force_login(oekonomichef)
    client.post(f"/import/{preview.pk}/annuller/")
    preview.refresh_from_db()
    assert preview.status == Importstatus.ANNULLERET
    assert Forbrug.objects.get().beloeb == Decimal("4200000.50")
