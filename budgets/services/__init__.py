"""Writes of tilbud, faste udgifter, forbrug and import jobs (STYLE.md 2.2).

``tilbud_save`` lives here rather than in offers.services only because the API
that needs it is budgets'; it depends on offers models alone. A write that
changes a tilbud's budget inputs names it (config.lib.derived), so its stored
monthly figures (budgets.services.maanedstal) are recomputed before it commits.

The import jobs' states are written here; running a job is the import runner's
(budgets.imports.runner), which calls these services and is never called by them.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from budgets.models import (
    AARSFELTER,
    TIMEPRISMODEL_ANDET_AAR,
    Budgetaar,
    Budgetstatus,
    FastUdgift,
    Forbrug,
    Importjob,
    Importstatus,
    LeveretTid,
    TilbudAar,
)
from config.celery import task as task_by_name
from config.lib import derived
from config.lib.history import save_with_history as _save
from config.lib.history import with_history_user
from offers.models import Tilbud
from tariffs.lukkede_aar import AAR_LAAST, AarLaast  # shared with tariffs, offers

AAR_UGYLDIGT = "Budgetåret skal ligge mellem 2000 og 2100."
IKKE_TIL_GODKENDELSE = "Importen venter ikke på godkendelse (længere)."
KUN_EGEN_IMPORT = "Kun den, der har uploadet filen, kan godkende eller annullere den."


# tilbud_aar_save's timeprismodel when not given: the year keeps its own.
UAENDRET = object()


DAGSPRIS_AKTIVITET = (
    "En dagspris bruges med tildelingsprincip hybrid eller ramme, ikke aktivitet."
)
DAGSPRIS_OG_GENNEMSNIT = "Et tilbud kan ikke have både gennemsnitstakst og dagspris."
DIMENSIONERET_KRAEVER = (
    "Dimensionering til et antal borgere kræver en dagspris og tildelingsprincip ramme."
)


def dagspris_fejl(felter: Mapping[str, Any]) -> dict[str, str]:
    """Issue 17: the year settings that do not fit together, by field.

    A dagspris is the whole price of a day (no basistakst), so it goes with
    hybrid (faste udgifter optional) or ramme, not aktivitet's forudsat
    belægning; it replaces a gennemsnitstakst; a frame dimensioned for N is
    ramme with a dagspris (budgets.engine.dagspris)."""
    fejl = {}
    dagspris = felter.get("dagspris")
    if dagspris is not None and felter.get("tildelingsprincip") == "aktivitet":
        fejl["dagspris"] = DAGSPRIS_AKTIVITET
    if dagspris is not None and felter.get("gennemsnitstakst") is not None:
        fejl["gennemsnitstakst"] = DAGSPRIS_OG_GENNEMSNIT
    if felter.get("dimensioneret_til") is not None and (
        dagspris is None or felter.get("tildelingsprincip") != "ramme"
    ):
        fejl["dimensioneret_til"] = DIMENSIONERET_KRAEVER
    return fejl


@derived.writes
def tilbud_save(
    *, acting_user: AbstractBaseUser, tilbud: Tilbud | None = None, **felter: Any
) -> Tilbud:
    """Create a tilbud, or change the given fields of one.

    The year settings given (AARSFELTER) are set in every budget year that is not
    låst, and on the tilbud as the settings of years created later. A låst year
    keeps its own: one without a row yet is given one with the tilbud's settings
    from before the change. A new tilbud gets a row in every year not låst.
    ``ledere`` (users), when given, replaces the tilbud's ledere.
    ``timeprismodeller`` (issue 17), when given, maps a budget year to the
    tilbud's own timeprismodel of that year (None: the takstmodel's); a låst
    year or another year's model is refused.
    """
    ny = tilbud is None or tilbud.pk is None
    ledere = felter.pop("ledere", None)
    timeprismodeller = felter.pop("timeprismodeller", None) or {}
    aendret = {felt: v for felt, v in felter.items() if felt in AARSFELTER}
    if not ny and aendret:
        _fastfrys_laaste_aar(tilbud, acting_user)
    tilbud = tilbud or Tilbud()
    for felt, vaerdi in felter.items():
        setattr(tilbud, felt, vaerdi)
    if fejl := dagspris_fejl({felt: getattr(tilbud, felt) for felt in AARSFELTER}):
        raise ValidationError(fejl)
    _save(tilbud, acting_user)
    if ledere is not None:  # a m2m change writes its own history row
        with_history_user(tilbud, acting_user).ledere.set(ledere)
    if ny or aendret:
        for budgetaar in Budgetaar.objects.exclude(status=Budgetstatus.LUKKET):
            _tilbud_aar_gem(tilbud, budgetaar, aendret, acting_user)
    for aar, timeprismodel in sorted(timeprismodeller.items()):
        felt = {"timeprismodel": _timeprismodel_i(aar, timeprismodel)}
        _tilbud_aar_gem(tilbud, budgetaar_aabent(aar), felt, acting_user)
    derived.changed(tilbud=[tilbud.pk])
    return tilbud


def _timeprismodel_i(aar: int, timeprismodel: Any) -> Any:
    """The timeprismodel if it is one of ``aar``'s (or None); else refused by
    field (issue 17)."""
    if timeprismodel is not None and timeprismodel.aar != aar:
        besked = TIMEPRISMODEL_ANDET_AAR.format(
            navn=timeprismodel.navn, model_aar=timeprismodel.aar, aar=aar
        )
        raise ValidationError({"timeprismodel": besked})
    return timeprismodel


def _fastfrys_laaste_aar(tilbud: Tilbud, acting_user: AbstractBaseUser) -> None:
    """Give each låst year without a row one with the tilbud's stored settings,
    so a change to the tilbud cannot reach it."""
    gemt = _laas(tilbud)
    uden_raekke = Budgetaar.objects.filter(status=Budgetstatus.LUKKET).exclude(
        pk__in=TilbudAar.objects.filter(tilbud=tilbud).values("budgetaar")
    )
    for budgetaar in uden_raekke:
        _save(TilbudAar(tilbud=tilbud, budgetaar=budgetaar, **gemt), acting_user)


def _laas(tilbud: Tilbud) -> dict[str, Any]:
    """Lock the tilbud's row, so two saves of one tilbud never both create a
    year's row; returns its stored settings."""
    return (
        Tilbud.objects.select_for_update().filter(pk=tilbud.pk).values(*AARSFELTER)
    ).get()


def _tilbud_aar_gem(
    tilbud: Tilbud,
    budgetaar: Budgetaar,
    felter: Mapping[str, Any],
    acting_user: AbstractBaseUser,
) -> TilbudAar:
    """Set the given settings of the tilbud's year; a year without a row starts
    from the tilbud's. An unchanged row is not written (no history entry)."""
    raekke = TilbudAar.objects.filter(tilbud=tilbud, budgetaar=budgetaar).first()
    if raekke is None:
        fra_tilbud = {felt: getattr(tilbud, felt) for felt in AARSFELTER}
        raekke = TilbudAar(tilbud=tilbud, budgetaar=budgetaar, **fra_tilbud)
    elif all(getattr(raekke, felt) == v for felt, v in felter.items()):
        return raekke
    for felt, vaerdi in felter.items():
        setattr(raekke, felt, vaerdi)
    return _save(raekke, acting_user)


@derived.writes
def tilbud_aar_save(
    *,
    tilbud: Tilbud,
    aar: int,
    pladser: int,
    tildelingsprincip: str,
    forudsat_belaegning: Decimal,
    reguleringsandel: Decimal,
    acting_user: AbstractBaseUser,
    gennemsnitstakst: Decimal | None = None,
    dagspris: Decimal | None = None,
    dagspris_enhed: str = "dag",
    dagsgrundlag: str = "kalenderdage",
    dimensioneret_til: int | None = None,
    timeprismodel: Any = UAENDRET,
) -> TilbudAar:
    """Set a tilbud's settings for one budget year (issue 13 #1).

    Other years and the tilbud's own settings (those of years created later) do
    not move. A låst year is refused with AarLaast; settings that do not fit
    together (dagspris_fejl) with a ValidationError by field.
    ``timeprismodel`` (issue 17): the tilbud's own for the year, a
    Timeprismodel of that year (another year's is refused by field); None: the
    takstmodel's; not given: unchanged. The stored months are recomputed.
    """
    felter = {
        "pladser": pladser,
        "tildelingsprincip": tildelingsprincip,
        "forudsat_belaegning": forudsat_belaegning,
        "reguleringsandel": reguleringsandel,
        "gennemsnitstakst": gennemsnitstakst,
        "dagspris": dagspris,
        "dagspris_enhed": dagspris_enhed,
        "dagsgrundlag": dagsgrundlag,
        "dimensioneret_til": dimensioneret_til,
    }
    if fejl := dagspris_fejl(felter):
        raise ValidationError(fejl)
    if timeprismodel is not UAENDRET:
        felter["timeprismodel"] = _timeprismodel_i(aar, timeprismodel)
    budgetaar = budgetaar_aabent(aar)
    _laas(tilbud)
    derived.changed(tilbud=[tilbud.pk], fra=datetime.date(aar, 1, 1))
    return _tilbud_aar_gem(tilbud, budgetaar, felter, acting_user)


def budgetaar_aabent(aar: int) -> Budgetaar:
    """The budget year (created when first used); a locked year takes no changes."""
    if not 2000 <= aar <= 2100:
        raise ValidationError({"aar": AAR_UGYLDIGT})
    budgetaar, _ = Budgetaar.objects.get_or_create(aar=aar)
    if budgetaar.laast:
        raise AarLaast({"aar": AAR_LAAST.format(aar=aar)})
    return budgetaar


@derived.writes
def fast_udgift_save(
    *,
    tilbud: Tilbud,
    aar: int,
    kategori: str,
    beloeb: Decimal,
    acting_user: AbstractBaseUser,
) -> FastUdgift:
    """Set one fixed-cost line of a tilbud's year (one line per kategori)."""
    budgetaar = budgetaar_aabent(aar)
    linje = FastUdgift.objects.filter(
        tilbud=tilbud, budgetaar=budgetaar, kategori=kategori
    ).first() or FastUdgift(tilbud=tilbud, budgetaar=budgetaar, kategori=kategori)
    linje.beloeb = beloeb
    derived.changed(tilbud=[tilbud.pk], fra=datetime.date(aar, 1, 1))
    return _save(linje, acting_user)


@derived.writes
def faste_udgifter_save(
    *,
    tilbud: Tilbud,
    aar: int,
    beloeb_pr_kategori: Mapping[str, Decimal],
    acting_user: AbstractBaseUser,
) -> list[FastUdgift]:
    """Set several fixed-cost lines of a tilbud's year together: all or none.

    An unchanged line (or an absent one left at 0) is not written, so it gets no
    history entry. A line's error is raised under its kategori, for the form.
    """
    budgetaar = budgetaar_aabent(aar)  # a locked year fails once, under "aar"
    gemte = {
        f.kategori: f.beloeb
        for f in FastUdgift.objects.filter(tilbud=tilbud, budgetaar=budgetaar)
    }
    linjer = []
    for kategori, beloeb in beloeb_pr_kategori.items():
        if gemte.get(kategori, Decimal(0)) == beloeb:
            continue
        try:
            linje = fast_udgift_save(
                tilbud=tilbud,
                aar=aar,
                kategori=kategori,
                beloeb=beloeb,
                acting_user=acting_user,
            )
        except ValidationError as err:
            raise ValidationError({kategori: err.messages}) from None
        linjer.append(linje)
    return linjer


@transaction.atomic
def forbrug_save(
    *,
    tilbud_id: int,
    budgetaar: Budgetaar,
    maaned: int,
    art: str,
    beloeb: Decimal,
    acting_user: AbstractBaseUser,
) -> bool:
    """Set a month's actuals of one art (not add: a re-import changes nothing).

    Returns whether anything changed; an unchanged row gets no history entry.
    """
    if budgetaar.laast:
        raise AarLaast({"aar": AAR_LAAST.format(aar=budgetaar.aar)})
    row = Forbrug.objects.filter(
        tilbud_id=tilbud_id, budgetaar=budgetaar, maaned=maaned, art=art
    ).first()
    if row is not None and row.beloeb == beloeb:
        return False
    row = row or Forbrug(
        tilbud_id=tilbud_id, budgetaar=budgetaar, maaned=maaned, art=art
    )
    row.beloeb = beloeb
    _save(row, acting_user)
    return True


@transaction.atomic
def leveret_tid_save(
    *,
    borger_id: int,
    tilbud_id: int,
    aar: int,
    maaned: int,
    timer: Decimal,
    acting_user: AbstractBaseUser,
) -> bool:
    """Set (not add) a borger's leverede bostøtte hours of a month in a tilbud
    (issue 17): a re-import replaces them. Returns whether anything changed."""
    if Budgetaar.objects.filter(aar=aar, status=Budgetstatus.LUKKET).exists():
        raise AarLaast({"aar": AAR_LAAST.format(aar=aar)})
    row = LeveretTid.objects.filter(
        borger_id=borger_id, tilbud_id=tilbud_id, aar=aar, maaned=maaned
    ).first()
    if row is not None and row.timer == timer:
        return False
    row = row or LeveretTid(
        borger_id=borger_id, tilbud_id=tilbud_id, aar=aar, maaned=maaned
    )
    row.timer = timer
    _save(row, acting_user)
    return True


@transaction.atomic
def importjob_create(
    *, type: str, filnavn: str, indhold: bytes, acting_user: AbstractBaseUser
) -> Importjob:
    """Store the file and queue its run once the upload is committed."""
    job = Importjob.objects.create(
        type=type, filnavn=filnavn[:255], indhold=indhold, created_by=acting_user
    )
    transaction.on_commit(lambda: _importjob_queue(job.pk))
    return job


def _importjob_queue(job_id: int) -> None:
    """Queue the job's run (budgets.imports.runner.importjob_run, by its task).

    The task module imports the runner, which imports these services: the task
    is found by name at call time (config.celery.task), not imported.
    """
    task_by_name("budgets.tasks.importjob_run_task").delay(job_id)


def importjob_afvent(job: Importjob, *, forhaandsvisning: dict) -> None:
    """Validated, nothing written: wait for the user to confirm the preview."""
    Importjob.objects.filter(pk=job.pk).update(
        status=Importstatus.AFVENTER_GODKENDELSE,
        forhaandsvisning=forhaandsvisning,
        rows_done=job.rows_total,
    )


def _importjob_beslut(job: Importjob, acting_user: AbstractBaseUser, **felter) -> None:
    """Move the job on from its preview, once: a second click finds it moved."""
    if job.created_by_id != acting_user.pk:
        raise ValidationError(KUN_EGEN_IMPORT)
    if not Importjob.objects.filter(
        pk=job.pk, status=Importstatus.AFVENTER_GODKENDELSE
    ).update(**felter):
        raise ValidationError(IKKE_TIL_GODKENDELSE)


@transaction.atomic
def importjob_godkend(*, job: Importjob, acting_user: AbstractBaseUser) -> None:
    """The user accepts the preview: the write is queued once this commits."""
    _importjob_beslut(
        job, acting_user, status=Importstatus.GODKENDT, godkendt=timezone.now()
    )
    transaction.on_commit(lambda: _importjob_queue(job.pk))


@transaction.atomic
def importjob_annuller(*, job: Importjob, acting_user: AbstractBaseUser) -> None:
    """The user rejects the preview: nothing is written."""
    _importjob_beslut(
        job, acting_user, status=Importstatus.ANNULLERET, finished=timezone.now()
    )


def importjob_finish(
    job: Importjob, *, fejl: list[str] | None = None, resultat: dict | None = None
) -> None:
    """Mark the job done or rejected (written outside the import's transaction)."""
    status = Importstatus.AFVIST if fejl else Importstatus.FAERDIG
    felter: dict[str, Any] = {"status": status, "finished": timezone.now()}
    if fejl:
        felter.update(errors=fejl, resultat=resultat or {})
    else:
        felter.update(rows_done=job.rows_total, resultat=resultat or {})
    Importjob.objects.filter(pk=job.pk).update(**felter)
