"""Persona fixtures (STYLE.md 9.3) and a small priced year to place borgere in."""

from decimal import Decimal

import pytest

from config.lib.roles import MYNDIGHED, OEKONOMI, TILBUDSLEDER
from offers import services
from offers.models import Tilbudstype
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.factories import (
    BudgetaarFactory,
    FastUdgiftFactory,
    TilbudFactory,
    UserFactory,
)

# The real-worker fixtures (koe, start_worker) for the worker and fault tests.
pytest_plugins = ["tests.celery_worker", "tests.forbrug_fixtures"]

FRAVAER_EKSEMPEL = [
    {"kategori": "ferie", "procent": Decimal("17")},
    {"kategori": "egen_sygdom", "procent": Decimal("5")},
]
TIDSANVENDELSE_EKSEMPEL = [{"kategori": "pauser", "procent": Decimal("35")}]


@pytest.fixture
def raadgiver(db):
    return UserFactory(username="raadgiver", roller=[MYNDIGHED])


@pytest.fixture
def oekonomichef(db):
    return UserFactory(username="oekonomi", roller=[OEKONOMI])


@pytest.fixture
def tilbud_a(db):
    return TilbudFactory(navn="Bofællesskabet Ahorn", pladser=8)


@pytest.fixture
def tilbud_b(db):
    return TilbudFactory(navn="Botilbuddet Birk", pladser=12)


@pytest.fixture
def leder_a(db, tilbud_a):
    user = UserFactory(username="leder_a", roller=[TILBUDSLEDER])
    tilbud_a.ledere.add(user)
    return user


@pytest.fixture
def leder_b(db, tilbud_b):
    user = UserFactory(username="leder_b", roller=[TILBUDSLEDER])
    tilbud_b.ledere.add(user)
    return user


def vaelg_timeprismodel(tilbud, model, user, aar: int = 2026):
    """A hybrid tilbud at 100 % names ``model`` as its own timeprismodel for
    the year (issue 17), through the service the pages use."""
    from budgets.services import tilbud_aar_save

    return tilbud_aar_save(
        tilbud=tilbud,
        aar=aar,
        pladser=tilbud.pladser,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal(100),
        reguleringsandel=Decimal(100),
        acting_user=user,
        timeprismodel=model,
    )


def make_takstmodel(aar: int, user):
    """DOMAIN.md §2's worked timepris; a 3-level + særtakst model in hours per døgn."""
    timepris = timeprismodel_save(
        acting_user=user,
        aar=aar,
        navn=f"Timepris {aar}",
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    niveauer = [
        {"kode": "1", "navn": "Niveau 1", "nedre": Decimal("0"), "oevre": Decimal("2")},
        {"kode": "2", "navn": "Niveau 2", "nedre": Decimal("2"), "oevre": Decimal("4")},
        {"kode": "3", "navn": "Niveau 3", "nedre": Decimal("4"), "oevre": Decimal("6")},
        {
            "kode": "S1",
            "navn": "Særtakst 1",
            "nedre": Decimal("6"),
            "oevre": None,
            "saertakst": True,
        },
    ]
    return takstmodel_save(
        acting_user=user,
        aar=aar,
        navn=f"Takstmodel {aar}",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=niveauer,
    )


@pytest.fixture
def takstmodel_2026(oekonomichef):
    return make_takstmodel(2026, oekonomichef)


@pytest.fixture
def niveau(takstmodel_2026):
    return {n.kode: n for n in takstmodel_2026.niveauer.all()}


@pytest.fixture
def faste_a(tilbud_a, takstmodel_2026):
    """DOMAIN.md §4's fixed costs: 2,900,000 kr. for tilbud A's 8 places in 2026."""
    return FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )


@pytest.fixture
def anna(raadgiver):
    """One borger, not yet placed (tests/api overrides it with a placed Anna)."""
    return services.borger_create(cpr="010190-1234", navn="Anna", acting_user=raadgiver)


def _restore_reference_data() -> None:
    """Redo the data migrations' inserts: a transactional test's flush removes them."""
    from importlib import import_module

    from django.apps import apps as global_apps

    for module in (
        "tariffs.migrations.0002_vum_temaer",
        "offers.migrations.0002_roller",
    ):
        migration = import_module(module)
        func = getattr(migration, "add_temaer", None) or migration.add_roller
        func(global_apps, None)


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or (
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        _restore_reference_data()


@pytest.fixture
def lukket_2025(tilbud_a, raadgiver, oekonomichef, takstmodel_2026):
    """2025 vedtaget and lukket, 2026 a forslag (issue 13 #2).

    Bent lives in tilbud A from 1 March 2025 at niveau 2 (an open stay); the
    fixture returns his ophold.
    """
    import datetime

    from budgets.services.budgetaar import luk, vedtag

    model_2025 = make_takstmodel(2025, oekonomichef)
    bent = services.borger_create(cpr="030380-1234", navn="Bent", acting_user=raadgiver)
    ophold = services.borger_tilgang(
        borger=bent,
        tilbud=tilbud_a,
        dato=datetime.date(2025, 3, 1),
        takstniveau=model_2025.niveauer.get(kode="2"),
        acting_user=raadgiver,
    )
    vedtag(aar=2025, acting_user=oekonomichef, idag=datetime.date(2024, 12, 10))
    luk(aar=2025, acting_user=oekonomichef, idag=datetime.date(2026, 3, 15))
    return ophold


@pytest.fixture
def bostoette_a(leder_a):
    """A bostøtte § 85 tilbud led by leder_a (issue 17)."""
    tilbud = TilbudFactory(
        navn="Bostøtten Hyld", tilbudstype=Tilbudstype.BOSTOETTE_85, pladser=20
    )
    tilbud.ledere.add(leder_a)
    return tilbud


@pytest.fixture
def bostoette_b(db):
    """A bostøtte § 85 tilbud no test leder leads."""
    return TilbudFactory(
        navn="Bostøtten Rønne", tilbudstype=Tilbudstype.BOSTOETTE_85, pladser=20
    )
