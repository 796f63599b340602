"""The memo never serves a figure older than the last committed change (issue 12 #13).

PostgreSQL assigns ids and history times at insert, not at commit: a writer that
inserts first and commits last leaves MAX(id) and MAX(time) where a faster writer
put them. Two connections interleave such a pair here (SQLite serialises writers,
so the case cannot arise there).

Figures (DOMAIN.md §2 worked timepris 492.07 kr.; niveau 2 pays the middle of
2-4 h = 3 h; servicetakst 3 × 492.07 = 1,476.21 kr. per døgn; hybrid, so the
aktivitetsbudget is servicetakst × financed days):
- Anna in Ahorn from 1 Feb 2026: Feb-Dec = 365 - 31 = 334 days
  → 334 × 1,476.21 = 493,054.14 kr.
- T1: Anna's afgang 10 Mar 2026 is financed through April (month + 1):
  28 + 31 + 30 = 89 days → 89 × 1,476.21 = 131,382.69 kr.
- T2: Bo's tilgang to Birk 1 Dec 2026: 31 days → 31 × 1,476.21 = 45,762.51 kr.
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from budgets.selectors import budget_memo_clear, central_for
from offers import services
from tests.conftest import make_takstmodel
from tests.factories import (
    BudgetaarFactory,
    FastUdgiftFactory,
    TilbudFactory,
    UserFactory,
)

D = datetime.date
IDAG = D(2026, 6, 30)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="commit order differs from id order only with concurrent writers "
        "(PostgreSQL, DATABASE_URL)",
    ),
]


@pytest.fixture
def opsat():
    user = UserFactory(username="samtidig", roller=["Myndighed", "Økonomi"])
    niveau = {n.kode: n for n in make_takstmodel(2026, user).niveauer.all()}
    ahorn = TilbudFactory(navn="Bofællesskabet Ahorn", pladser=8)
    birk = TilbudFactory(navn="Botilbuddet Birk", pladser=12)
    for tilbud in (ahorn, birk):
        FastUdgiftFactory(tilbud=tilbud, budgetaar=BudgetaarFactory(aar=2026),
                          beloeb=Decimal("2900000"))  # fmt: skip
    anna = services.borger_create(cpr="010190-1234", navn="Anna", acting_user=user)
    services.borger_tilgang(borger=anna, tilbud=ahorn, dato=D(2026, 2, 1),
                            takstniveau=niveau["2"], acting_user=user)  # fmt: skip
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=user)
    budget_memo_clear()
    yield user, niveau, anna, bo, birk
    budget_memo_clear()


def _aktivitet() -> Decimal:
    return central_for(None, 2026, IDAG).total.aktivitet_korrigeret_aar


def test_a_slow_writer_committing_last_is_never_hidden_by_the_memo(opsat):
    user, niveau, anna, bo, birk = opsat
    t1_har_skrevet, t1_maa_committe = threading.Event(), threading.Event()
    fejl: list[BaseException] = []

    def t1() -> None:
        """Inserts first (lower ids, earlier times), commits last."""
        try:
            with transaction.atomic():
                services.borger_afgang(
                    borger=anna, dato=D(2026, 3, 10), acting_user=user
                )
                t1_har_skrevet.set()
                assert t1_maa_committe.wait(timeout=30)
        except BaseException as exc:  # reported by the main thread
            fejl.append(exc)
        finally:
            t1_har_skrevet.set()
            connections.close_all()

    traad = threading.Thread(target=t1)
    traad.start()
    assert t1_har_skrevet.wait(timeout=30)
    foer = _aktivitet()  # T1 not committed: Anna all year = 493,054.14
    # T2 (this connection, autocommit): inserts after T1, commits first.
    services.borger_tilgang(borger=bo, tilbud=birk, dato=D(2026, 12, 1),
                            takstniveau=niveau["2"], acting_user=user)  # fmt: skip
    mellem = _aktivitet()  # 493,054.14 + 45,762.51 = 538,816.65
    t1_maa_committe.set()
    traad.join(timeout=30)
    efter = _aktivitet()  # 131,382.69 + 45,762.51 = 177,145.20
    assert fejl == []
    assert (foer, mellem, efter) == (
        Decimal("493054.14"),
        Decimal("538816.65"),
        Decimal("177145.20"),
    )
