"""Fixtures of the page tests: a priced 2026 with fixed costs and one resident."""

import datetime

import pytest

from offers import services

D = datetime.date


@pytest.fixture
def anna_i_a(anna, tilbud_a, niveau, raadgiver, faste_a):
    """Anna lives in tilbud A at niveau 2 from 1 February 2026."""
    return services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )


@pytest.fixture
def idag_2026(monkeypatch):
    """Pin "today" to 30 June 2026, so the default year and "now" are fixed."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 6, 30))
