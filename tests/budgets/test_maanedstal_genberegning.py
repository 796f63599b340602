"""A takst change recomputes every tilbud in a Celery job; until it is done the
year says so, never the old figures (issue 13 #5). Selectors only read.

With a worker (``koe``: tasks are queued, not run) the job is queued on commit,
which a test transaction never reaches: the year stays "being recomputed" until
the test runs the task itself.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budgets import tasks
from budgets.models import MaanedstalAar
from budgets.selectors import GENBEREGNES, Genberegnes, central_for
from budgets.services import maanedstal
from offers import services
from tariffs.services import timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL
from tests.maanedstal import central_fra_bunden, fra_bunden, tabel

D = datetime.date
IDAG = D(2026, 6, 30)


@pytest.fixture
def placeret(tilbud_a, tilbud_b, faste_a, anna, niveau, raadgiver):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return anna


def _ny_timepris(takstmodel, user, aarsloen="500000"):
    model = takstmodel.timeprismodel
    return timeprismodel_save(
        acting_user=user,
        timeprismodel=model,
        aar=2026,
        navn=model.navn,
        aarsloen=Decimal(aarsloen),
        aarsnorm_timer=model.aarsnorm_timer,
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )


@pytest.fixture
def koerer(koe, placeret, takstmodel_2026, oekonomichef):
    """A new timepris for 2026 saved; its job queued for a worker."""
    _ny_timepris(takstmodel_2026, oekonomichef)
    return MaanedstalAar.objects.get(aar=2026)


def test_a_takst_change_leaves_the_year_being_recomputed_until_its_job_ran(koerer):
    # Two tilbud (A and B) to recompute, none done yet.
    assert (koerer.genberegnes, koerer.beregnet, koerer.i_alt) == (True, 0, 2)


def test_the_central_model_says_so_rather_than_show_the_old_figures(koerer):
    with pytest.raises(Genberegnes) as fejl:
        central_for(None, 2026, IDAG)
    assert str(fejl.value) == GENBEREGNES.format(aar=2026, beregnet=0, i_alt=2)


def test_the_central_page_says_the_figures_are_being_recomputed(
    client, oekonomichef, koerer
):
    client.force_login(oekonomichef)
    svar = client.get("/budget/?aar=2026")
    besked = GENBEREGNES.format(aar=2026, beregnet=0, i_alt=2)
    assert (svar.status_code, svar["Refresh"], besked in svar.content.decode()) == (
        503,
        "10",
        True,
    )


def test_the_central_api_answers_503_with_retry_after(client, oekonomichef, koerer):
    client.force_login(oekonomichef)
    svar = client.get(f"/api/v1/budgetter/2026/central/?idag={IDAG}")
    besked = GENBEREGNES.format(aar=2026, beregnet=0, i_alt=2)
    assert (svar.status_code, svar["Retry-After"], svar.json()) == (
        503,
        "10",
        {"detail": besked},
    )


def test_the_job_recomputes_every_tilbud_and_counts_them(koerer):
    assert tasks.maanedstal_genberegn_task(2026, koerer.version) is True
    koerer.refresh_from_db()
    assert (koerer.genberegnes, koerer.beregnet, tabel()) == (False, 2, fra_bunden())


def test_after_the_job_the_central_model_shows_the_new_figures(koerer):
    tasks.maanedstal_genberegn_task(2026, koerer.version)
    assert central_for(None, 2026, IDAG) == central_fra_bunden(None, 2026, IDAG)


def test_a_job_superseded_by_a_newer_change_stops_and_leaves_it_to_the_newer(
    koerer, takstmodel_2026, oekonomichef
):
    _ny_timepris(takstmodel_2026, oekonomichef, aarsloen="520000")
    gammel = tasks.maanedstal_genberegn_task(2026, koerer.version)
    assert (gammel, MaanedstalAar.objects.get(aar=2026).genberegnes) == (False, True)


def test_a_job_that_stopped_moving_lets_the_year_be_computed_on_read(koerer):
    MaanedstalAar.objects.filter(aar=2026).update(
        opdateret=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert central_for(None, 2026, IDAG) == central_fra_bunden(None, 2026, IDAG)


def test_the_nightly_task_queues_a_year_whose_job_stopped_moving(koerer):
    MaanedstalAar.objects.filter(aar=2026).update(
        opdateret=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert (tasks.maanedstal_kontroller_task(), maanedstal.foraeldede_aar()) == (
        [2026],
        [2026],
    )


def test_the_nightly_task_leaves_a_year_in_step_alone(placeret):
    assert tasks.maanedstal_kontroller_task() == []


def test_a_central_page_writes_nothing(client, oekonomichef, placeret):
    client.force_login(oekonomichef)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/budget/?aar=2026").status_code == 200
    skrivninger = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
        and "django_session" not in q["sql"]
    ]
    assert skrivninger == []
