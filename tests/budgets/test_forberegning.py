"""The stored central rows (budgets.forberegning) are reused, and never stale.

Every kind of write to a budget input is made once; the central model read from
the stored rows must then equal the one computed from nothing.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budgets import forberegning, selectors, tasks
from budgets.models import FastUdgift, ForberegnetCentralraekke, Importjob, Importstatus
from budgets.selectors import budget_memo_clear, central_for
from budgets.services import (
    budgetaar_aabent,
    fast_udgift_save,
    forbrug_save,
    importjob_godkend,
    importjob_run,
    tilbud_save,
)
from offers import services
from offers.models import Betalingskommune, Ophold
from offers.services.betalingskommune import betalingskommune_set
from tests.factories import TilbudFactory

D = datetime.date
IDAG = D(2026, 6, 30)


@pytest.fixture
def placeret(tilbud_a, tilbud_b, faste_a, anna, niveau, raadgiver, oekonomichef):
    """Anna in tilbud A, Bo (bought by another kommune) in tilbud B; rows stored."""
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    bo = services.borger_create(
        cpr="020290-1234", navn="Bo", betalingskommune="751", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=bo,
        tilbud=tilbud_b,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    _fra_gemte(oekonomichef)
    return bo


def _fra_gemte(user):
    budget_memo_clear()  # a new process: only what the database holds
    return central_for(user, 2026, IDAG)


def _fra_bunden(user):
    forberegning.glem()
    budget_memo_clear()
    return central_for(user, 2026, IDAG)


@pytest.fixture
def beregnede(monkeypatch):
    """The tilbud ids each computation from events was asked for."""
    kald = []
    original = selectors.tilbud_resultater

    def spion(tilbud_list, aar, idag, **kwargs):
        tilbud_list = list(tilbud_list)
        kald.append(sorted(t.pk for t in tilbud_list))
        return original(tilbud_list, aar, idag, **kwargs)

    # where central_for calls it (budgets.selectors only re-exports the name)
    monkeypatch.setattr("budgets.selectors.central.tilbud_resultater", spion)
    return kald


def _afgang(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)


def _ny_indplacering(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 4, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )


def _omplacering(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 5, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )


def _faste_udgifter(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    fast_udgift_save(
        tilbud=tilbud_b,
        aar=2026,
        kategori="ledelse",
        beloeb=Decimal("1000000"),
        acting_user=oekonomichef,
    )


def _forbrug(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    forbrug_save(
        tilbud_id=tilbud_a.pk,
        budgetaar=budgetaar_aabent(2026),
        maaned=2,
        art="loen",
        beloeb=Decimal("99000"),
        acting_user=oekonomichef,
    )


def _faste_udgifter_slettet(
    anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef
):
    FastUdgift.objects.get(tilbud=tilbud_a).delete()


def _pladser(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    tilbud_save(tilbud=tilbud_a, pladser=12, acting_user=oekonomichef)


def _betalingskommune(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    betalingskommune_set(  # Aarhus no longer buys the place from 1 July
        borger=bo, kommunekode="", gyldig_fra=D(2026, 7, 1), acting_user=raadgiver
    )


def _betalingskommune_pause(
    anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef
):
    # Own municipality in March and April only. The May row is written first, so
    # the newest code stays 751 throughout: Borger.betalingskommune is never
    # saved, and only the dated rows can mark tilbud B.
    for kode, fra in (("751", D(2026, 5, 1)), ("", D(2026, 3, 1))):
        betalingskommune_set(
            borger=bo, kommunekode=kode, gyldig_fra=fra, acting_user=raadgiver
        )


def _betalingskommune_slettet_i_admin(
    anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef
):
    Betalingskommune.objects.get(borger=bo).delete()


def _takstniveau(anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef):
    niveau["2"].takstgivende = Decimal("4")
    niveau["2"].save()


def _ophold_flyttet_i_admin(
    anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef
):
    ophold = Ophold.objects.get(borger=anna)
    ophold.tilbud = tilbud_b
    ophold.save()


def _ophold_slettet_i_admin(
    anna, bo, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef
):
    Ophold.objects.get(borger=bo).delete()


SKRIVNINGER = [
    _afgang,
    _ny_indplacering,
    _omplacering,
    _faste_udgifter,
    _forbrug,
    _faste_udgifter_slettet,
    _pladser,
    _betalingskommune,
    _betalingskommune_pause,
    _betalingskommune_slettet_i_admin,
    _takstniveau,
    _ophold_flyttet_i_admin,
    _ophold_slettet_i_admin,
]


@pytest.mark.parametrize("skrivning", SKRIVNINGER, ids=lambda f: f.__name__.strip("_"))
def test_a_write_shows_in_the_central_model_read_from_stored_rows(
    skrivning, placeret, anna, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef
):
    foer = _fra_gemte(oekonomichef)
    skrivning(anna, placeret, tilbud_a, tilbud_b, niveau, raadgiver, oekonomichef)
    efter = _fra_gemte(oekonomichef)
    assert efter != foer
    assert efter == _fra_bunden(oekonomichef)


def test_stored_rows_spare_reading_the_events(placeret, oekonomichef, beregnede):
    budget_memo_clear()
    with CaptureQueriesContext(connection) as ctx:
        central_for(oekonomichef, 2026, IDAG)
    assert beregnede == []
    assert not [q for q in ctx.captured_queries if "offers_ophold" in q["sql"]]


def test_an_afgang_recomputes_only_its_own_tilbud(
    placeret, anna, tilbud_a, raadgiver, oekonomichef, beregnede
):
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    _fra_gemte(oekonomichef)
    assert beregnede == [[tilbud_a.pk]]


def test_a_takst_change_recomputes_every_tilbud(
    placeret, tilbud_a, tilbud_b, niveau, oekonomichef, beregnede
):
    niveau["1"].takstgivende = Decimal("2")
    niveau["1"].save()
    _fra_gemte(oekonomichef)
    assert beregnede == [sorted([tilbud_a.pk, tilbud_b.pk])]


def test_a_change_of_the_years_state_recomputes_every_tilbud(
    placeret, tilbud_a, tilbud_b, oekonomichef, beregnede
):
    # Adopting a year makes the stored oprindeligt its figure (issue 13 #2):
    # rows computed while it was a forslag may not be reused.
    budgetaar = budgetaar_aabent(2026)
    budgetaar.status = "vedtaget"
    budgetaar.vedtaget = D(2026, 1, 15)
    budgetaar.save()
    _fra_gemte(oekonomichef)
    assert beregnede == [sorted([tilbud_a.pk, tilbud_b.pk])]


def test_another_day_has_rows_of_its_own(placeret, oekonomichef, beregnede):
    budget_memo_clear()
    central_for(oekonomichef, 2026, IDAG + datetime.timedelta(days=1))
    _fra_gemte(oekonomichef)  # back to IDAG: its rows are still there
    assert len(beregnede) == 1


def test_rows_computed_more_than_two_days_ago_are_dropped(placeret, tilbud_a, tilbud_b):
    nu = timezone.now()
    for tilbud, alder in (
        (tilbud_a, datetime.timedelta(days=2, seconds=1)),
        (tilbud_b, datetime.timedelta(days=1, hours=23)),
    ):
        ForberegnetCentralraekke.objects.filter(tilbud=tilbud).update(
            beregnet=nu - alder
        )
    forberegning.ryd_op(nu)
    assert list(ForberegnetCentralraekke.objects.values_list("tilbud", flat=True)) == [
        tilbud_b.pk
    ]


def test_a_row_computed_before_a_concurrent_change_is_not_trusted(
    placeret, anna, tilbud_a, raadgiver, oekonomichef
):
    # A reader read the versions, then a change committed, then the reader stored
    # what it computed from the older inputs: that row must not be used.
    foer = forberegning.versioner()
    gammel_raekke = forberegning.gemte(2026, IDAG, foer)[tilbud_a.pk]
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    forberegning.gem(2026, IDAG, foer, {tilbud_a.pk: gammel_raekke})
    assert ForberegnetCentralraekke.objects.filter(tilbud=tilbud_a).exists()
    assert tilbud_a.pk not in forberegning.gemte(2026, IDAG, forberegning.versioner())


def test_a_ramme_tilbud_without_a_ramme_is_stored_like_any_row(
    placeret, oekonomichef, raadgiver, beregnede
):
    TilbudFactory(navn="Rammen", tildelingsprincip="ramme")
    navne = [g.navn for g, _ in _fra_gemte(oekonomichef).raekker]
    _fra_gemte(oekonomichef)
    assert ("Rammen" in navne, len(beregnede)) == (True, 1)


def test_the_nightly_task_stores_the_days_rows(
    tilbud_a, tilbud_b, takstmodel_2026, monkeypatch
):
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: D(2026, 3, 2))
    assert tasks.central_forbered_task.delay().get() == [2026]
    assert set(ForberegnetCentralraekke.objects.values_list("idag", flat=True)) == {
        D(2026, 3, 2)
    }


def test_summing_the_changes_keeps_every_version(
    placeret, anna, raadgiver, oekonomichef
):
    services.borger_afgang(borger=anna, dato=D(2026, 3, 10), acting_user=raadgiver)
    foer = forberegning.versioner()
    fjernet = forberegning.saml_aendringer()
    assert (fjernet > 0, forberegning.versioner()) == (True, foer)


def test_an_import_shows_in_the_central_model_read_from_stored_rows(
    placeret, tilbud_a, oekonomichef
):
    foer = _fra_gemte(oekonomichef)
    indhold = (
        f"tilbud;måned;art;beløb\n{tilbud_a.navn};2026-02;løn;99.000,00\n".encode()
    )
    job = Importjob.objects.create(
        type="forbrug", filnavn="forbrug.csv", indhold=indhold, created_by=oekonomichef
    )
    assert importjob_run(job_id=job.pk).status == Importstatus.AFVENTER_GODKENDELSE
    importjob_godkend(job=job, acting_user=oekonomichef)  # the preview is confirmed
    assert importjob_run(job_id=job.pk).status == Importstatus.FAERDIG
    efter = _fra_gemte(oekonomichef)
    assert (efter != foer, efter) == (True, _fra_bunden(oekonomichef))


def test_a_row_stored_by_an_earlier_engine_is_computed_again(
    placeret, tilbud_a, oekonomichef
):
    # A row stored by engine 1 with a figure the current engine would not give
    # (99 pladser): tilbud A's 8 pladser and Anna's aktivitetsbudget, 334 days ×
    # 1,476.21 = 493,054.14 kr., must come back.
    raekke = ForberegnetCentralraekke.objects.get(tilbud=tilbud_a)
    grundlag, noegletal = raekke.data
    ForberegnetCentralraekke.objects.filter(pk=raekke.pk).update(
        motorversion=1, data=[{**grundlag, "pladser": 99}, {**noegletal, "pladser": 99}]
    )
    raekker = {g.id: n for g, n in _fra_gemte(oekonomichef).raekker}
    assert (
        raekker[tilbud_a.pk].pladser,
        raekker[tilbud_a.pk].aktivitet_korrigeret_aar,
    ) == (
        8,
        Decimal("493054.14"),
    )
