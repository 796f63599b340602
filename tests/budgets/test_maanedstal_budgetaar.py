"""The budget year's services leave the stored monthly figures equal to a
computation from nothing (issue 13 #5 with #2-#4), on PostgreSQL.

The world is test_maanedstal_skrivninger's (``v``: 2025, 2026 and 2027 priced).
Each test goes through one path of the yearly cycle, by its page or its API
route: vedtag, luk, rollover ("Opret budgetår"), a dated takst change. Besides
the table against a computation from nothing (tests/maanedstal.py), a vedtaget
year's stored oprindeligt must be the VedtagetBudget figure, and every row the
central model reads from the table must equal the engine's own figures for the
tilbud (tilbud_resultat): the table stores no figure of its own making.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import reverse

from budgets import engine
from budgets.models import (
    Budgetaar,
    Maanedstal,
    MaanedstalAar,
    TilbudAar,
    VedtagetBudget,
)
from budgets.selectors import central_for, tilbud_resultat
from budgets.services.budgetaar import vedtag
from offers.models import Indplacering, Tilbud
from tariffs.models import Takstmodel
from tariffs.selectors import takstmodel_for_aar
from tests.budgets.test_maanedstal_skrivninger import IDAG, _admin_ret, _klient
from tests.maanedstal import central_fra_bunden, fra_bunden, tabel
from tests.ui.test_takstaendring_pages import _post_niveauer

D = datetime.date

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the stored table's contract is PostgreSQL's (DATABASE_URL=postgres://…)",
)


def _i_takt() -> None:
    """The table equals a computation from nothing in every priced year, and so
    does the central model read from it; each of its rows is the engine's."""
    assert tabel() == fra_bunden()
    for aar in sorted(set(Takstmodel.objects.values_list("aar", flat=True))):
        central = central_for(None, aar, IDAG)
        assert central == central_fra_bunden(None, aar, IDAG)
        for grundlag, tal in central.raekker:
            motor = tilbud_resultat(Tilbud.objects.get(pk=grundlag.id), aar, IDAG)
            assert tal == motor.noegletal, (grundlag.navn, aar)


def _oprindeligt_er_det_vedtagne(aar: int) -> None:
    """Each tilbud's stored oprindeligt months are its VedtagetBudget rows."""
    vedtaget = {
        (r.tilbud_id, r.maaned): (r.fast, r.aktivitet, r.overkapacitet)
        for r in VedtagetBudget.objects.filter(budgetaar__aar=aar)
    }
    gemt = {
        (r.tilbud_id, r.maaned): (
            r.fast_oprindeligt,
            r.aktivitet_oprindeligt,
            r.overkapacitet_oprindeligt,
        )
        for r in Maanedstal.objects.filter(aar=aar)
    }
    assert vedtaget and gemt == vedtaget


def _vedtag_api(v, aar: int):
    svar = _klient(v.oekonomi).post(f"/api/v1/budgetaar/{aar}/vedtag/")
    assert svar.status_code == 200, svar.content
    return svar


# --- vedtag and luk ---------------------------------------------------------------


def test_vedtag_through_the_api_stores_the_vedtaget_oprindeligt(v):
    _vedtag_api(v, 2027)
    _oprindeligt_er_det_vedtagne(2027)
    _i_takt()


def test_vedtag_through_the_page_stores_the_vedtaget_oprindeligt(v):
    svar = _klient(v.oekonomi).post(reverse("budgets:budgetaar-vedtag", args=[2026]))
    assert svar.status_code == 302
    _oprindeligt_er_det_vedtagne(2026)
    _i_takt()


def test_writes_after_vedtag_move_korrigeret_never_the_oprindeligt(v):
    _vedtag_api(v, 2027)
    foer = tabel()
    klient = _klient(v.oekonomi)
    # a faste udgift (the fast budget moves, the adopted one does not) ...
    body = {"aar": 2027, "kategori": "ledelse", "beloeb": "800000"}
    url = f"/api/v1/tilbud/{v.a.pk}/faste-udgifter/"
    assert klient.post(url, body, format="json").status_code < 300
    # ... a year setting, and a tilgang registered after the vedtagelse
    body = {
        "pladser": 6,
        "tildelingsprincip": "aktivitet",
        "forudsat_belaegning": "90",
        "reguleringsandel": "100",
    }
    url = f"/api/v1/tilbud/{v.b.pk}/aar/2027/"
    assert klient.put(url, body, format="json").status_code == 200
    niveau_2027 = takstmodel_for_aar(2027).niveauer.get(kode="2")
    body = {"tilbud": v.a.pk, "dato": "2027-03-01", "takstniveau": niveau_2027.pk}
    url = f"/api/v1/borgere/{v.ny.pk}/tilgang/"
    assert _klient(v.raadgiver).post(url, body, format="json").status_code == 201
    efter = tabel()
    assert efter[(v.a.pk, 2027)] != foer[(v.a.pk, 2027)]
    _oprindeligt_er_det_vedtagne(2027)
    _i_takt()


def test_luk_moves_no_stored_figure(v, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    foer = tabel()
    svar = _klient(v.oekonomi).post("/api/v1/budgetaar/2026/luk/")
    assert (svar.status_code, tabel()) == (200, foer)
    _i_takt()


# --- rollover -----------------------------------------------------------------------


def _har_aaret(aar: int) -> None:
    stored = set(tabel())
    assert {(t, aar) for t in Tilbud.objects.values_list("pk", flat=True)} <= stored


def test_a_rollover_through_the_api_stores_the_new_year(v):
    body = {
        "aar": 2028,
        "kopier_fra": 2027,
        "fremskrivning_loen_pct": "2.5",
        "fremskrivning_oevrige_pct": "2.0",
    }
    svar = _klient(v.oekonomi).post("/api/v1/budgetaar/", body, format="json")
    assert svar.status_code == 201, svar.content
    _har_aaret(2028)
    _i_takt()


def test_a_rollover_through_the_page_stores_the_new_year(v):
    body = {
        "aar": "2028",
        "kopier_fra": "2027",
        "fremskrivning_loen_pct": "2,5",
        "fremskrivning_oevrige_pct": "2,0",
    }
    svar = _klient(v.oekonomi).post(reverse("budgets:budgetaar-create"), body)
    assert svar.status_code == 302, svar.content
    _har_aaret(2028)
    _i_takt()


# --- a dated change of the takster in a vedtaget year ------------------------------


def test_a_dated_takst_change_through_the_api_recomputes_the_year(v, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    klient = _klient(v.oekonomi)
    url = f"/api/v1/timeprismodeller/{takstmodel_for_aar(2026).timeprismodel_id}/"
    version = MaanedstalAar.objects.get(aar=2026).version
    body = {
        **klient.get(url).json(),
        "aarsloen": "500000.00",
        "gyldig_fra": "2026-07-01",
    }
    svar = klient.put(url, body, format="json")
    assert svar.status_code == 200, svar.content
    tilstand = MaanedstalAar.objects.get(aar=2026)
    # one new version of the year, recomputed to the end by its job
    assert (tilstand.version, tilstand.faerdig_version) == (version + 1, version + 1)
    _oprindeligt_er_det_vedtagne(2026)
    _i_takt()


def test_a_takst_change_preview_writes_no_stored_figure(v, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    klient = _klient(v.oekonomi)
    url = f"/api/v1/timeprismodeller/{takstmodel_for_aar(2026).timeprismodel_id}/"
    body = {
        **klient.get(url).json(),
        "aarsloen": "500000.00",
        "gyldig_fra": "2026-07-01",
    }
    foer = (tabel(), list(MaanedstalAar.objects.values_list("aar", "version")))
    assert klient.put(url + "?proev=1", body, format="json").status_code == 200
    assert (tabel(), list(MaanedstalAar.objects.values_list("aar", "version"))) == foer


def test_a_dated_takst_change_through_the_page_recomputes_the_year(v, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    foer = tabel()
    data = {
        "navn": "Timepris 2026",
        "aarsloen": "500.000",
        "aarsnorm_timer": "1924",
        "fravaer_ferie_procent": "17",
        "fravaer_egen_sygdom_procent": "5",
        "tidsanvendelse_pauser_procent": "35",
        "gyldig_fra": "2026-07-01",
        "gem": "1",
    }
    url = reverse("tariffs:timepris-update", args=[takstmodel_for_aar(2026).pk])
    svar = _klient(v.oekonomi).post(url, data)
    assert svar.status_code == 302, svar.content
    assert tabel() != foer
    _oprindeligt_er_det_vedtagne(2026)
    _i_takt()


# --- more admin paths ------------------------------------------------------------


def test_an_admin_change_of_a_level_leaves_the_table_in_step(v, admin_client):
    indplacering = Indplacering.objects.get(
        ophold__borger=v.anna, gyldig_fra=D(2026, 6, 1)
    )
    foer = tabel()
    url = f"/admin/offers/indplacering/{indplacering.pk}/change/"
    _admin_ret(admin_client, url, takstniveau=v.niveau["1"].pk)
    assert tabel() != foer
    _i_takt()


def test_an_admin_change_of_a_year_setting_leaves_the_table_in_step(v, admin_client):
    foer = tabel()
    svar = admin_client.post(
        "/admin/budgets/tilbudaar/add/",
        {
            "tilbud": v.a.pk,
            "budgetaar": Budgetaar.objects.get(aar=2026).pk,
            "pladser": "12",
            "tildelingsprincip": "aktivitet",
            "forudsat_belaegning": "90",
            "reguleringsandel": "100",
            # Issue 17: the dagspris choices (no dagspris: their defaults).
            "dagspris_enhed": "dag",
            "dagsgrundlag": "kalenderdage",
        },
    )
    assert svar.status_code == 302, svar.context["adminform"].form.errors
    raekke = TilbudAar.objects.get(tilbud=v.a, budgetaar__aar=2026)
    assert tabel() != foer
    _i_takt()
    foer = tabel()
    url = f"/admin/budgets/tilbudaar/{raekke.pk}/change/"
    _admin_ret(admin_client, url, pladser="6")
    assert tabel() != foer
    _i_takt()


def test_an_admin_takstmodel_change_leaves_the_table_in_step(v, admin_client):
    model = takstmodel_for_aar(2027)
    foer = tabel()
    url = f"/admin/tariffs/takstmodel/{model.pk}/change/"
    ctx = admin_client.get(url).context
    prefix = ctx["inline_admin_formsets"][0].formset.prefix
    niveau_2 = next(
        i
        for i, f in enumerate(ctx["inline_admin_formsets"][0].formset.initial_forms)
        if f.instance.kode == "2"
    )
    # niveau 2 (2 to under 4 timer) priced at 3,5 takstgivende timer, not 3
    _admin_ret(admin_client, url, **{f"{prefix}-{niveau_2}-takstgivende": "3.5"})
    assert tabel() != foer
    _i_takt()


def test_a_dated_level_change_through_the_page_recomputes_the_year(v, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    foer = tabel()
    # niveau 2 priced at 3,5 takstgivende timer from 1 July 2026
    svar = _post_niveauer(
        _klient(v.oekonomi), takstmodel_for_aar(2026), "gem", dato="2026-07-01"
    )
    assert svar.status_code == 302, svar.content
    assert tabel() != foer
    _oprindeligt_er_det_vedtagne(2026)
    _i_takt()


def test_a_lukket_year_keeps_its_figures_when_the_engine_changes(v, oekonomichef):
    vedtag(aar=2025, acting_user=oekonomichef)
    svar = _klient(v.oekonomi).post("/api/v1/budgetaar/2025/luk/")
    assert svar.status_code == 200, svar.content
    fast_foer = sum(central_for(None, 2025, IDAG).total.fast)
    # A deploy whose engine computes 2025 differently: the closed rows are an
    # older engine's, 1,000 kr. a month above what the current engine gives,
    # for each of the 3 tilbud (A, B, C).
    Maanedstal.objects.filter(aar=2025).update(
        motorversion=F("motorversion") - 1, fast=F("fast") + Decimal("1000")
    )
    # 12 months × 1,000 kr. × 3 tilbud = 36,000 kr. more than the current
    # engine's figure: the closed figures are read as they were stored ...
    assert sum(central_for(None, 2025, IDAG).total.fast) == fast_foer + 36000
    # ... and the recompute after a deploy leaves them (an open year it redoes).
    call_command("maanedstal_opdater", stdout=io.StringIO())
    lukket = Maanedstal.objects.filter(aar=2025)
    assert set(lukket.values_list("motorversion", flat=True)) == {
        engine.MOTORVERSION - 1
    }
    assert sum(central_for(None, 2025, IDAG).total.fast) == fast_foer + 36000
