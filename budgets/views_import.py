"""Import pages: upload, progress (polled as JSON) and the takst workbook export.

Økonomi imports actuals and takst/timepris workbooks; Myndighed imports events.
A job is shown only to the user who uploaded it (anyone else: 404). Actuals stop
at a preview the uploader confirms ("Godkend og indlæs") or cancels.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from budgets import services
from budgets.imports.common import sikker_besked
from budgets.imports.runner import tom_filen
from budgets.imports.takster import eksport_xlsx
from budgets.models import Importjob, Importtype
from config.lib.excel import XLSX_MIME
from config.lib.roles import MYNDIGHED, OEKONOMI, har_rolle
from tariffs.selectors import takstmodel_for_aar

MAKS_STOERRELSE = 20 * 1024 * 1024
FOR_STOR = "Filen er for stor (højst 20 MB)."
FORKERT_FILTYPE = "Vælg en CSV- eller Excel-fil (.csv eller .xlsx)."
EXCEL_KRAEVES = "Takstmodellen importeres fra en Excel-fil (.xlsx)."
FIL_HJAELP = (
    "En CSV-fil (.csv) eller en Excel-fil (.xlsx), højst 20 MB, med kolonnenavne i "
    "første række. Forbrug: tilbud, måned, art og beløb. Tilgang, afgang og "
    "indplacering: cpr, tilbud, hændelse, dato og niveau. Leveret tid i "
    "bostøtte: cpr, tilbud, måned og leverede_timer. Takstmodel: den "
    "eksporterede Excel-fil. Se Filformater nedenfor."
)
ROLLE_PR_TYPE = {
    Importtype.FORBRUG: OEKONOMI,
    Importtype.TAKSTER: OEKONOMI,
    Importtype.HAENDELSER: MYNDIGHED,
    Importtype.LEVERET_TID: OEKONOMI,
}


def tilladte_typer(user) -> list[tuple[str, str]]:
    return [
        (t.value, t.label)
        for t, rolle in ROLLE_PR_TYPE.items()
        if har_rolle(user, rolle)
    ]


class ImportForm(forms.Form):
    type = forms.ChoiceField(label="Hvad vil du importere?")
    fil = forms.FileField(
        label="Fil",
        help_text=FIL_HJAELP,
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,.xlsx,.xlsm"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = tilladte_typer(user)

    def clean(self) -> dict:
        data = super().clean()
        fil, type_ = data.get("fil"), data.get("type")
        if fil is None:
            return data
        if fil.size > MAKS_STOERRELSE:
            self.add_error("fil", FOR_STOR)
        navn = fil.name.lower()
        if not navn.endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            self.add_error("fil", FORKERT_FILTYPE)
        elif type_ == Importtype.TAKSTER and not navn.endswith((".xlsx", ".xlsm")):
            self.add_error("fil", EXCEL_KRAEVES)
        return data


def import_list(request: HttpRequest) -> HttpResponse:
    if not tilladte_typer(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fil = form.cleaned_data["fil"]
        job = services.importjob_create(
            type=form.cleaned_data["type"],
            filnavn=fil.name,
            indhold=fil.read(),
            acting_user=request.user,
        )
        return redirect(job)
    jobs = Importjob.objects.filter(created_by=request.user).defer("indhold")[:20]
    return render(request, "budgets/import/list.html", {"form": form, "jobs": jobs})


def _job(request: HttpRequest, pk: int, *, laes: bool = False) -> Importjob:
    """The user's own job, or (``laes``) any job for økonomi, who follows the
    history to the import behind a change; its messages masked (also those
    stored before masking). Only the uploader confirms or cancels."""
    jobs = Importjob.objects.defer("indhold")
    if not (laes and har_rolle(request.user, OEKONOMI)):
        jobs = jobs.filter(created_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    job.errors = [sikker_besked(besked) for besked in job.errors]
    return job


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk, laes=True)
    return render(request, "budgets/import/detail.html", {"job": job})


def _beslut(
    request: HttpRequest, pk: int, service: Callable[..., None]
) -> HttpResponse:
    """Confirm or cancel a preview: the uploader only, with the type's role still."""
    job = _job(request, pk)
    if not har_rolle(request.user, ROLLE_PR_TYPE[job.type]):
        raise PermissionDenied
    try:
        service(job=job, acting_user=request.user)
    except ValidationError as err:
        kontekst = {"job": job, "handling_fejl": err.messages}
        return render(request, "budgets/import/detail.html", kontekst, status=400)
    tom_filen(job.pk)  # cancelled: the file goes now
    return redirect(job)


@require_POST
def import_godkend(request: HttpRequest, pk: int) -> HttpResponse:
    """Godkend og indlæs: the write is queued (validated and compared again)."""
    return _beslut(request, pk, services.importjob_godkend)


@require_POST
def import_annuller(request: HttpRequest, pk: int) -> HttpResponse:
    return _beslut(request, pk, services.importjob_annuller)


def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Polled by the progress page; the user may leave and come back."""
    job = _job(request, pk, laes=True)
    return JsonResponse(
        {
            "status": job.status,
            "status_tekst": job.get_status_display(),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "afsluttet": job.afsluttet,
            "afventer_godkendelse": job.afventer_godkendelse,
            "errors": job.errors,
            "resultat": job.resultat,
            "opsummering": job.opsummering,
        }
    )


def takster_eksport(request: HttpRequest, aar: int) -> HttpResponse:
    """The year's takstmodel and timeprismodel as the workbook the import reads."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied
    takstmodel = takstmodel_for_aar(aar)
    if takstmodel is None:
        return HttpResponse(f"Der er ingen takstmodel for {aar}.", status=404)
    response = HttpResponse(eksport_xlsx(takstmodel), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="takstmodel-{aar}.xlsx"'
    return response
