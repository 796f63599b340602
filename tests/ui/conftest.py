"""Fixtures of the page tests: a priced 2026 with fixed costs and one resident."""

import datetime
from decimal import Decimal

import pytest

from offers import services
from tests.factories import BudgetaarFactory, FastUdgiftFactory

D = datetime.date


@pytest.fixture
def faste_a(tilbud_a, takstmodel_2026):
    return FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )


@pytest.fixture
def anna(raadgiver):
    return services.borger_create(cpr="010190-1234", navn="Anna", acting_user=raadgiver)


@pytest.fixture
def anna_i_a(anna, tilbud_a, niveau, raadgiver, faste_a):
    """Anna lives in tilbud A at niveau 2 from 1 February 2026."""
    return services.borger_tilgang(
        borger=anna, tilbud=tilbud_a, dato=D(2026, 2, 1), takstniveau=niveau["2"],
        acting_user=raadgiver,
    )  # fmt: skip


@pytest.fixture
def idag_2026(monkeypatch):
    """Pin "today" to 30 June 2026, so the default year and "now" are fixed."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 6, 30))
