"""Two caseworkers acting on one borger at once are serialised by the borger row lock.

Runs 20 threads, each with its own database connection, against PostgreSQL
(SQLite has no row locks and serialises whole-database writes instead).
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from offers import services
from offers.models import Indplacering, Ophold
from tests.conftest import make_takstmodel
from tests.factories import TilbudFactory, UserFactory

D = datetime.date
THREADS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (DATABASE_URL)",
    ),
]


def _run_concurrently(action) -> list[str]:
    """Start all threads at once; return 'ok' or the error kind of each."""
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def worker(i: int) -> None:
        try:
            barrier.wait()
            action(i)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("afvist")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.fixture
def setup():
    user = UserFactory(username="samtidig", roller=["Myndighed"])
    niveauer = {n.kode: n for n in make_takstmodel(2026, user).niveauer.all()}
    tilbud = [TilbudFactory() for _ in range(THREADS)]
    borger = services.borger_create(
        cpr="010190-1234", navn="Samtidig", acting_user=user
    )
    return user, niveauer, tilbud, borger


def _no_overlap(borger) -> bool:
    ophold = list(Ophold.objects.filter(borger=borger).order_by("tilgang"))
    return all(
        a.afgang is not None and a.afgang <= b.tilgang
        for a, b in zip(ophold, ophold[1:], strict=False)
    )


def test_twenty_concurrent_tilgange_of_one_borger_give_one_ophold(setup):
    user, niveauer, tilbud, borger = setup

    def tilgang(i):
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud[i],
            dato=D(2026, 3, 1 + i),
            takstniveau=niveauer["2"],
            acting_user=user,
        )

    outcomes = _run_concurrently(tilgang)
    assert (outcomes.count("ok"), Ophold.objects.filter(borger=borger).count()) == (
        1,
        1,
    )


def test_twenty_concurrent_indplaceringer_on_one_date_keep_one(setup):
    user, niveauer, tilbud, borger = setup
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud[0],
        dato=D(2026, 2, 1),
        takstniveau=niveauer["1"],
        acting_user=user,
    )

    def indplacering(i):
        services.indplacering_create(
            borger=borger,
            gyldig_fra=D(2026, 5, 1),
            takstniveau=niveauer[str(1 + i % 3)],
            acting_user=user,
            begrundelse="Samtidig vurdering",
        )

    outcomes = _run_concurrently(indplacering)
    assert outcomes.count("ok") == 1
    assert Indplacering.objects.filter(gyldig_fra=D(2026, 5, 1)).count() == 1


def test_concurrent_omplaceringer_never_leave_overlapping_ophold(setup):
    user, niveauer, tilbud, borger = setup
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud[0],
        dato=D(2026, 2, 1),
        takstniveau=niveauer["1"],
        acting_user=user,
    )

    def omplacering(i):
        services.omplacering(
            borger=borger,
            til_tilbud=tilbud[1 + i % (THREADS - 1)],
            dato=D(2026, 4, 1 + i),
            takstniveau=niveauer["2"],
            acting_user=user,
        )

    outcomes = _run_concurrently(omplacering)
    assert "ok" in outcomes and _no_overlap(borger)
    assert Ophold.objects.filter(borger=borger, afgang__isnull=True).count() == 1


def test_opposite_omplaceringer_at_once_all_succeed(setup):
    """Twenty borgere moved between two tilbud in both directions at the same time:
    each move recomputes both tilbud's stored monthly figures before it commits
    (budgets.services.maanedstal), locking them in id order and without blocking
    the inserts that point at them, so no move deadlocks with another."""
    user, niveauer, tilbud, _ = setup
    borgere = [
        services.borger_create(cpr=f"0202{i:02d}-1234", navn=f"B{i}", acting_user=user)
        for i in range(THREADS)
    ]
    for i, borger in enumerate(borgere):
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud[i % 2],
            dato=D(2026, 1, 1),
            takstniveau=niveauer["1"],
            acting_user=user,
        )

    def omplacering(i):
        services.omplacering(
            borger=borgere[i],
            til_tilbud=tilbud[1 - i % 2],
            dato=D(2026, 3, 1),
            takstniveau=niveauer["2"],
            acting_user=user,
        )

    assert _run_concurrently(omplacering) == ["ok"] * THREADS
