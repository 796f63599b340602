"""A takst change recomputed by a real Celery worker on Redis (issue 13 #5).

Runs only with CELERY_BROKER_URL=redis://… and PostgreSQL, as in CI: the worker
is a separate process and must reach the same test database.
"""

import datetime
import time
from decimal import Decimal

import pytest

from budgets.models import MaanedstalAar
from offers import services
from tariffs.services import timeprismodel_save
from tests.celery_worker import KRAEVER_WORKER
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL
from tests.maanedstal import fra_bunden, tabel

VENT_HOEJST = 60  # seconds

pytestmark = KRAEVER_WORKER


def _faerdig(aar: int) -> MaanedstalAar:
    slut = time.monotonic() + VENT_HOEJST
    while time.monotonic() < slut:
        tilstand = MaanedstalAar.objects.get(aar=aar)
        if not tilstand.genberegnes:
            return tilstand
        time.sleep(0.5)
    pytest.fail(f"the worker did not recompute {aar} in {VENT_HOEJST} s")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_recomputes_the_year_after_a_new_timepris(
    worker, takstmodel_2026, tilbud_a, tilbud_b, anna, niveau, raadgiver, oekonomichef
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    model = takstmodel_2026.timeprismodel
    timeprismodel_save(
        acting_user=oekonomichef,
        timeprismodel=model,
        aar=2026,
        navn=model.navn,
        aarsloen=Decimal("500000"),
        aarsnorm_timer=model.aarsnorm_timer,
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    tilstand = _faerdig(2026)
    assert (tilstand.beregnet, tilstand.i_alt, tabel()) == (2, 2, fra_bunden())
