"""Every write path leaves the stored monthly figures equal to a computation
from nothing (issue 13 #5), on PostgreSQL.

Each test writes once through one path (a page, an API route, an import, an
admin save or delete) and then compares every column of every (tilbud, year)
the table holds with every tilbud of every year computed now by the engine into
memory (tests/maanedstal.py), and the central model read from the table with the
one computed on read with no stored row at all. CI runs the suite on PostgreSQL,
whose numeric(14, 2) columns are the ones this contract is about.

The tests commit (transactional), and each reads the central model before its
write: the read after it, through the shared cache keyed by the data stamp
(config.lib.datastamp), must be the new model, never the cached old one.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import reverse
from rest_framework.test import APIClient

from budgets import engine
from budgets import services as budget_services
from budgets.imports import runner
from budgets.imports.takster import eksport_xlsx
from budgets.models import (
    Budgetaar,
    FastUdgift,
    FastUdgiftKategori,
    Forbrug,
    Importjob,
    Importstatus,
    Maanedstal,
)
from budgets.selectors import central_for, tilbud_aar_for
from offers.models import Indplacering, Ophold, Tillaegstakst
from offers.services.tillaeg import tillaeg_create
from tariffs.models import Takstniveau, Timeprismodel
from tariffs.selectors import takstmodel_for_aar
from tariffs.services import timeprismodel_kopier
from tests.maanedstal import central_fra_bunden, fra_bunden, tabel

# An afgang on the page takes a reason (issue 15 #2).
AARSAG = {"afgangsaarsag": "egen_bolig"}

D = datetime.date
IDAG = D(2026, 6, 30)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the stored table's contract is PostgreSQL's (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _laes_central() -> None:
    """Read (and so cache) each year's central model before a write."""
    for aar in (2025, 2026, 2027):
        central_for(None, aar, IDAG)


def _i_takt() -> None:
    """The table equals a computation from nothing, and so does what it shows."""
    assert tabel() == fra_bunden()
    for aar in (2025, 2026, 2027):
        assert central_for(None, aar, IDAG) == central_fra_bunden(None, aar, IDAG)


def _klient(user):
    klient = APIClient()
    klient.force_login(user)
    return klient


# --- The pages ------------------------------------------------------------------


def _ui_tilgang(v):
    url = reverse("offers:tilgang-create", args=[v.ny.pk])
    body = {
        "tilbud": v.b.pk,
        "dato": "2026-04-01",
        "niveau": "2",
        "begrundelse_uden_doegnskema": "Akut behov.",  # no døgnskema (issue 19)
    }
    return _klient(v.raadgiver).post(url, body)


def _ui_afgang(v):
    url = reverse("offers:afgang-create", args=[v.anna.pk])
    return _klient(v.raadgiver).post(url, {"dato": "2026-09-15", **AARSAG})


def _ui_indplacering(v):
    url = reverse("offers:indplacering-create", args=[v.bo.pk])
    return _klient(v.raadgiver).post(url, {"gyldig_fra": "2026-08-01", "niveau": "3"})


def _ui_omplacering(v):
    url = reverse("offers:omplacering-create", args=[v.anna.pk])
    body = {"tilbud": v.b.pk, "dato": "2026-07-01", "niveau": "2"}
    return _klient(v.raadgiver).post(url, body)


def _ui_betalingskommune(v):
    url = reverse("offers:betalingskommune-create", args=[v.anna.pk])
    body = {"kommunekode": "751", "gyldig_fra": "2026-07-01"}
    return _klient(v.raadgiver).post(url, body)


def _ui_annullering(v):
    ophold = Ophold.objects.get(borger=v.cai)
    url = reverse("offers:annullering-create", args=[v.cai.pk])
    url += f"?haendelse=afgang&ophold={ophold.pk}"
    return _klient(v.raadgiver).post(url, {"begrundelse": "Forkert registreret."})


def _tillaeg(v, borger, **kwargs):
    """A tillæg registered before the write under test (issue 17)."""
    return tillaeg_create(
        borger=borger,
        ophold=Ophold.objects.get(borger=borger),
        begrundelse="Ekstra nattevagt.",
        acting_user=v.raadgiver,
        **kwargs,
    )


def _ui_tillaeg(v):
    url = reverse("offers:tillaeg-create", args=[v.anna.pk])
    body = {
        "ophold": Ophold.objects.get(borger=v.anna).pk,
        "fra": "2026-03-10",
        "til": "2026-04-01",
        "timer_pr_doegn": "1,5",
        "begrundelse": "Ekstra nattevagt.",
    }
    return _klient(v.raadgiver).post(url, body)


def _ui_tillaeg_slut(v):
    tillaeg = _tillaeg(v, v.cai, fra=D(2026, 11, 1), kr_pr_doegn=Decimal("250"))
    url = reverse("offers:tillaeg-slut", args=[v.cai.pk, tillaeg.pk])
    return _klient(v.raadgiver).post(url, {"til": "2027-01-15"})


def _ui_tillaeg_annullering(v):
    # One tillæg stays, so the table differs from before; were the annulment
    # not recomputed, it would still hold the annulled one too.
    _tillaeg(v, v.anna, fra=D(2026, 8, 1), kr_pr_doegn=Decimal("75"))
    tillaeg = _tillaeg(v, v.anna, fra=D(2026, 3, 10), timer_pr_doegn=Decimal("1.5"))
    ophold = tillaeg.ophold
    url = reverse("offers:annullering-create", args=[v.anna.pk])
    url += f"?haendelse=tillaeg&ophold={ophold.pk}&tillaeg={tillaeg.pk}"
    return _klient(v.raadgiver).post(url, {"begrundelse": "Forkert borger."})


def _ui_faste_udgifter(v):
    url = reverse("budgets:faste-udgifter", args=[v.b.pk]) + "?aar=2026"
    body = {kode: "0" for kode in FastUdgiftKategori.values}
    body.update(ledelse="1.500.000", nattevagt="250.000")
    return _klient(v.oekonomi).post(url, body)


def _ui_tilbud_aar(v):
    url = reverse("budgets:tilbud-aar", args=[v.a.pk]) + "?aar=2026"
    body = {
        "pladser": "10",
        "tildelingsprincip": "aktivitet",
        "forudsat_belaegning": "95,00",
        "reguleringsandel": "50",
    }
    return _klient(v.oekonomi).post(url, body)


def _egen_timeprismodel(v) -> Timeprismodel:
    """Issue 17: a second timeprismodel of 2026, 20.000 kr. above the year's
    (no tilbud names it yet, so the direct update moves no figure)."""
    kopi = timeprismodel_kopier(
        acting_user=v.oekonomi,
        kilde=takstmodel_for_aar(2026).timeprismodel,
        navn="Bostøtte 2026",
    )
    Timeprismodel.objects.filter(pk=kopi.pk).update(aarsloen=F("aarsloen") + 20000)
    return kopi


def _ui_tilbud_aar_timeprismodel(v):
    # Issue 17: the year settings page names tilbud A's own timeprismodel.
    egen = _egen_timeprismodel(v)
    s = tilbud_aar_for(v.a, 2026)
    url = reverse("budgets:tilbud-aar", args=[v.a.pk]) + "?aar=2026"
    body = {
        "pladser": str(s.pladser),
        "tildelingsprincip": s.tildelingsprincip,
        "forudsat_belaegning": str(s.forudsat_belaegning).replace(".", ","),
        "reguleringsandel": str(s.reguleringsandel).replace(".", ","),
        "timeprismodel": str(egen.pk),
    }
    return _klient(v.oekonomi).post(url, body)


def _ui_tilbud_opret(v):
    # Issue 17: the "Nyt tilbud" page, a ramme tilbud with one leder.
    body = {
        "navn": "Nyt tilbud fra siden",
        "tilbudstype": "botilbud_108",
        "pladser": "6",
        "tildelingsprincip": "ramme",
        "forudsat_belaegning": "95",
        "reguleringsandel": "100",
    }
    return _klient(v.oekonomi).post(reverse("budgets:tilbud-create"), body)


def _ui_tilbud_ret(v):
    # Issue 17: the "Ret tilbud" page changes pladser and principle of every open year.
    url = reverse("budgets:tilbud-ret", args=[v.a.pk])
    body = {
        "navn": v.a.navn,
        "tilbudstype": v.a.tilbudstype,
        "pladser": "12",
        "tildelingsprincip": "aktivitet",
        "forudsat_belaegning": "97",
        "reguleringsandel": "100",
    }
    return _klient(v.oekonomi).post(url, body)


# --- The API --------------------------------------------------------------------


def _borger_url(borger, handling):
    return f"/api/v1/borgere/{borger.pk}/{handling}/"


def _api_tilgang(v):
    body = {
        "tilbud": v.a.pk,
        "dato": "2026-03-01",
        "takstniveau": v.niveau["1"].pk,
        "betalingskommune": "751",
    }
    return _klient(v.raadgiver).post(_borger_url(v.ny, "tilgang"), body, format="json")


def _api_afgang_2026_efter_2025(v):
    # Gry's stay since 2025 ends in 2026: 2025 is not recomputed, and need not be.
    url = _borger_url(v.gry, "afgang")
    return _klient(v.raadgiver).post(url, {"dato": "2026-03-31"})


def _api_annullering_2025(v):
    ophold = Ophold.objects.get(borger=v.gry)
    body = {"haendelse": "tilgang", "ophold": ophold.pk, "begrundelse": "Fejl."}
    url = _borger_url(v.gry, "annuller")
    return _klient(v.raadgiver).post(url, body, format="json")


def _api_afgang(v):
    return _klient(v.raadgiver).post(
        _borger_url(v.bo, "afgang"), {"dato": "2026-10-31"}
    )


def _api_indplacering(v):
    body = {"takstniveau": v.niveau["3"].pk, "gyldig_fra": "2026-05-01"}
    url = _borger_url(v.bo, "indplaceringer")
    return _klient(v.raadgiver).post(url, body, format="json")


def _api_omplacering(v):
    body = {"tilbud": v.a.pk, "dato": "2026-05-01", "takstniveau": v.niveau["2"].pk}
    url = _borger_url(v.bo, "omplacering")
    return _klient(v.raadgiver).post(url, body, format="json")


def _api_annullering(v):
    indplacering = Indplacering.objects.get(
        ophold__borger=v.anna, gyldig_fra=D(2026, 6, 1)
    )
    body = {
        "haendelse": "indplacering",
        "ophold": indplacering.ophold_id,
        "indplacering": indplacering.pk,
        "begrundelse": "Forkert niveau.",
    }
    url = _borger_url(v.anna, "annuller")
    return _klient(v.raadgiver).post(url, body, format="json")


def _api_tillaeg_solgt(v):
    # Bo is bought by Aarhus: the tillæg is sold income too.
    body = {
        "ophold": Ophold.objects.get(borger=v.bo).pk,
        "fra": "2026-05-01",
        "kr_pr_doegn": "300.00",
        "begrundelse": "Ekstra støtte.",
    }
    url = _borger_url(v.bo, "tillaeg")
    return _klient(v.raadgiver).post(url, body, format="json")


def _api_tillaeg_slut(v):
    tillaeg = _tillaeg(v, v.cai, fra=D(2026, 11, 1), timer_pr_doegn=Decimal("2"))
    url = _borger_url(v.cai, f"tillaeg/{tillaeg.pk}")
    return _klient(v.raadgiver).patch(url, {"til": "2026-12-01"}, format="json")


def _api_tillaeg_annullering(v):
    _tillaeg(v, v.bo, fra=D(2026, 9, 1), kr_pr_doegn=Decimal("75"))  # stays
    tillaeg = _tillaeg(v, v.bo, fra=D(2026, 2, 1), kr_pr_doegn=Decimal("100"))
    body = {
        "haendelse": "tillaeg",
        "ophold": tillaeg.ophold_id,
        "tillaegstakst": tillaeg.pk,
        "begrundelse": "Fejl.",
    }
    return _klient(v.raadgiver).post(_borger_url(v.bo, "annuller"), body, format="json")


def _api_betalingskommune(v):
    body = {"kommunekode": "", "gyldig_fra": "2026-07-01"}
    url = _borger_url(v.bo, "betalingskommune")
    return _klient(v.raadgiver).post(url, body, format="json")


def _api_tilbud_opret(v):
    body = {
        "navn": "Nyt tilbud",
        "tilbudstype": "stu",
        "pladser": 5,
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "90",
        "reguleringsandel": "100",
    }
    return _klient(v.oekonomi).post("/api/v1/tilbud/", body, format="json")


def _api_tilbud_ret(v):
    # Aktivitet pays døgntakst, whose basistakst the pladser divide.
    body = {"pladser": 12, "tildelingsprincip": "aktivitet"}
    return _klient(v.oekonomi).patch(f"/api/v1/tilbud/{v.a.pk}/", body, format="json")


def _api_fast_udgift(v):
    body = {"aar": 2027, "kategori": "ledelse", "beloeb": "800000"}
    url = f"/api/v1/tilbud/{v.a.pk}/faste-udgifter/"
    return _klient(v.oekonomi).post(url, body, format="json")


def _api_tilbud_aar(v):
    body = {
        "pladser": 6,
        "tildelingsprincip": "aktivitet",
        "forudsat_belaegning": "90",
        "reguleringsandel": "100",
    }
    url = f"/api/v1/tilbud/{v.a.pk}/aar/2027/"
    return _klient(v.oekonomi).put(url, body, format="json")


def _api_timeprismodel(v):
    klient = _klient(v.oekonomi)
    url = f"/api/v1/timeprismodeller/{takstmodel_for_aar(2026).timeprismodel_id}/"
    body = {**klient.get(url).json(), "aarsloen": "500000.00"}
    return klient.put(url, body, format="json")


def _api_timepris_ekstratimer(v):
    """Issue 17: a tillæg in hours, then its own timepris for ekstratimer."""
    _tillaeg(v, v.cai, fra=D(2026, 11, 1), timer_pr_doegn=Decimal("2"))
    klient = _klient(v.oekonomi)
    url = f"/api/v1/timeprismodeller/{takstmodel_for_aar(2026).timeprismodel_id}/"
    return klient.patch(url, {"ekstratimer_direkte_procent": "85"}, format="json")


def _api_egen_timeprismodel(v):
    # Issue 17: a change of tilbud A's own timeprismodel reprices A.
    egen = _egen_timeprismodel(v)
    budget_services.tilbud_aar_save(
        tilbud=v.a,
        aar=2026,
        acting_user=v.oekonomi,
        timeprismodel=egen,
        **{
            f: getattr(tilbud_aar_for(v.a, 2026), f)
            for f in (
                "pladser",
                "tildelingsprincip",
                "forudsat_belaegning",
                "reguleringsandel",
            )
        },
    )
    klient = _klient(v.oekonomi)
    url = f"/api/v1/timeprismodeller/{egen.pk}/"
    body = {**klient.get(url).json(), "aarsloen": "510000.00"}
    return klient.put(url, body, format="json")


def _api_takstmodel(v):
    klient = _klient(v.oekonomi)
    url = f"/api/v1/takstmodeller/{takstmodel_for_aar(2027).pk}/"
    body = klient.get(url).json()
    body["niveauer"][1]["takstgivende"] = "3.50"
    return klient.put(url, body, format="json")


# --- The imports (run as the task runs them) -------------------------------------


def _koer(user, type_, indhold, filnavn="fil.csv"):
    job = Importjob.objects.create(
        type=type_, filnavn=filnavn, indhold=indhold, created_by=user
    )
    job = runner.importjob_run(job_id=job.pk)
    if job.status == Importstatus.AFVENTER_GODKENDELSE:
        budget_services.importjob_godkend(job=job, acting_user=user)
        job = runner.importjob_run(job_id=job.pk)
    assert (job.status, job.errors) == (Importstatus.FAERDIG, [])
    return job


def _import_forbrug(v):
    linjer = [f"{v.a.navn};2026-{m:02d};løn;200.000,00" for m in (1, 2, 3)]
    _koer(
        v.oekonomi, "forbrug", "\n".join(["tilbud;måned;art;beløb", *linjer]).encode()
    )
    assert Forbrug.objects.filter(tilbud=v.a).count() == 3


def _import_haendelser(v):
    linjer = [
        f"060690-1234;{v.b.navn};tilgang;01-02-2026;1;Fie",
        "060690-1234;;indplacering;2026-05-01;2;",
        "010190-1234;;afgang;15.10.2026;;",  # Anna leaves A
    ]
    indhold = "\n".join(["cpr;tilbud;hændelse;dato;niveau;navn", *linjer]).encode()
    _koer(v.raadgiver, "haendelser", indhold)


def _import_takster(v):
    wb = openpyxl.load_workbook(io.BytesIO(eksport_xlsx(takstmodel_for_aar(2026))))
    wb["Timeprismodel"]["C2"] = 510000
    ud = io.BytesIO()
    wb.save(ud)
    _koer(v.oekonomi, "takster", ud.getvalue(), "takster.xlsx")
    assert Timeprismodel.objects.get(aar=2026).aarsloen == 510000


# --- The admin ------------------------------------------------------------------


def _formdata(form) -> dict:
    data = {}
    for navn, felt in form.fields.items():
        vaerdi = form[navn].value()
        if felt.disabled or vaerdi is None or vaerdi is False:
            continue
        data[form.add_prefix(navn)] = "on" if vaerdi is True else vaerdi
    return data


def _admin_ret(klient, url: str, **aendringer) -> None:
    """Post the admin change form as it stands, with ``aendringer``."""
    ctx = klient.get(url).context
    data = _formdata(ctx["adminform"].form)
    for inline in ctx["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_formdata(formset.management_form))
        for form in formset.initial_forms:
            data.update(_formdata(form))
    data.update(aendringer)
    svar = klient.post(url, data)
    assert svar.status_code == 302, svar.context["adminform"].form.errors


def _admin_flyt_ophold(v, klient):
    ophold = Ophold.objects.get(borger=v.anna)
    _admin_ret(klient, f"/admin/offers/ophold/{ophold.pk}/change/", tilbud=v.b.pk)


def _admin_tillaeg(v, klient):
    tillaeg = _tillaeg(v, v.anna, fra=D(2026, 3, 10), kr_pr_doegn=Decimal("250"))
    url = f"/admin/offers/tillaegstakst/{tillaeg.pk}/change/"
    _admin_ret(klient, url, til="2026-05-01")
    assert Tillaegstakst.objects.get(pk=tillaeg.pk).til == D(2026, 5, 1)


def _admin_ramme(v, klient):
    svar = klient.post(
        "/admin/budgets/rammeforudsaetning/add/",
        {
            "tilbud": v.c.pk,
            "budgetaar": Budgetaar.objects.get(aar=2026).pk,
            "rammebeloeb": "3000000",
            "dimensioneret_pladser": "4",
            "tillaeg_pr_borger_pr_maaned": "10000",
            "forventede_borgere": "3.5",
            "timer_pr_borger_pr_doegn": "3",
        },
    )
    assert svar.status_code == 302


def _admin_takstniveau(v, klient):
    niveau = Takstniveau.objects.get(takstmodel__aar=2026, kode="2")
    url = f"/admin/tariffs/takstniveau/{niveau.pk}/change/"
    _admin_ret(klient, url, takstgivende="3.5")


def _admin_timeprismodel(v, klient):
    model = takstmodel_for_aar(2027).timeprismodel
    url = f"/admin/tariffs/timeprismodel/{model.pk}/change/"
    _admin_ret(klient, url, aarsloen="470000")


def _admin_slet_ophold(v, klient):
    ophold = Ophold.objects.get(borger=v.cai)
    svar = klient.post(f"/admin/offers/ophold/{ophold.pk}/delete/", {"post": "yes"})
    assert (svar.status_code, Ophold.alle.filter(pk=ophold.pk).exists()) == (302, False)


def _admin_slet_fast_udgift(v, klient):
    linje = FastUdgift.objects.get(tilbud=v.a)
    svar = klient.post(f"/admin/budgets/fastudgift/{linje.pk}/delete/", {"post": "yes"})
    assert svar.status_code == 302


def _admin_slet_valgte(v, klient):
    linje = FastUdgift.objects.get(tilbud=v.a)
    svar = klient.post(
        "/admin/budgets/fastudgift/",
        {
            "action": "delete_selected",
            "_selected_action": [linje.pk],
            "post": "yes",
        },
    )
    assert (svar.status_code, FastUdgift.objects.filter(tilbud=v.a).exists()) == (
        302,
        False,
    )


SIDER = [
    _ui_tilgang,
    _ui_afgang,
    _ui_indplacering,
    _ui_omplacering,
    _ui_betalingskommune,
    _ui_annullering,
    _ui_tillaeg,
    _ui_tillaeg_slut,
    _ui_tillaeg_annullering,
    _ui_faste_udgifter,
    _ui_tilbud_aar,
    _ui_tilbud_aar_timeprismodel,
    _ui_tilbud_opret,
    _ui_tilbud_ret,
]
API = [
    _api_tilgang,
    _api_afgang,
    _api_afgang_2026_efter_2025,
    _api_annullering_2025,
    _api_indplacering,
    _api_omplacering,
    _api_annullering,
    _api_tillaeg_solgt,
    _api_tillaeg_slut,
    _api_tillaeg_annullering,
    _api_betalingskommune,
    _api_tilbud_opret,
    _api_tilbud_ret,
    _api_fast_udgift,
    _api_tilbud_aar,
    _api_timeprismodel,
    _api_timepris_ekstratimer,
    _api_egen_timeprismodel,
    _api_takstmodel,
]
IMPORTER = [_import_haendelser, _import_takster]
ADMIN = [
    _admin_flyt_ophold,
    _admin_tillaeg,
    _admin_ramme,
    _admin_takstniveau,
    _admin_timeprismodel,
    _admin_slet_ophold,
    _admin_slet_fast_udgift,
    _admin_slet_valgte,
]


def _navn(f) -> str:
    return f.__name__.strip("_")


def test_the_world_starts_in_step(v):
    _i_takt()


@pytest.mark.parametrize("skriv", SIDER, ids=_navn)
def test_a_write_through_a_page_leaves_the_table_in_step(v, skriv):
    _laes_central()
    foer = tabel()
    svar = skriv(v)
    assert (svar.status_code, tabel() != foer) == (302, True)
    _i_takt()


@pytest.mark.parametrize("skriv", API, ids=_navn)
def test_a_write_through_the_api_leaves_the_table_in_step(v, skriv):
    _laes_central()
    foer = tabel()
    svar = skriv(v)
    assert (svar.status_code < 300, tabel() != foer) == (True, True), svar.content
    _i_takt()


@pytest.mark.parametrize("skriv", IMPORTER, ids=_navn)
def test_an_import_leaves_the_table_in_step(v, skriv):
    _laes_central()
    foer = tabel()
    skriv(v)
    assert tabel() != foer
    _i_takt()


def test_a_forbrug_import_changes_no_stored_figure_but_what_is_shown(v):
    # Forbrug is read with the rows, never stored: the table stays as it was,
    # and forventet regnskab follows the import.
    foer, central_foer = tabel(), central_for(None, 2026, IDAG)
    _import_forbrug(v)
    assert (tabel(), central_for(None, 2026, IDAG) != central_foer) == (foer, True)
    _i_takt()


@pytest.mark.parametrize("skriv", ADMIN, ids=_navn)
def test_an_admin_save_or_delete_leaves_the_table_in_step(v, skriv, admin_client):
    _laes_central()
    foer = tabel()
    skriv(v, admin_client)
    assert tabel() != foer
    _i_takt()


def test_rows_of_an_older_engine_are_never_read_and_the_command_recomputes_them(v):
    # An earlier engine's rows with figures the current one would not give.
    Maanedstal.objects.filter(aar=2026).update(
        motorversion=F("motorversion") - 1, fast=F("fast") + Decimal("1000")
    )
    assert (v.a.pk, 2026) not in tabel()
    assert central_for(None, 2026, IDAG) == central_fra_bunden(None, 2026, IDAG)
    call_command("maanedstal_opdater", stdout=io.StringIO())
    motorer = Maanedstal.objects.filter(aar=2026).values_list("motorversion")
    assert set(motorer) == {(engine.MOTORVERSION,)}
    _i_takt()
