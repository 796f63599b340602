import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from offers import services
from tests.factories import BudgetaarFactory, FastUdgiftFactory


def _report(aar: int) -> str:
    out = StringIO()
    call_command("budget_report", "--aar", str(aar), "--idag", "2026-06-30", stdout=out)
    return out.getvalue()


def test_report_prints_the_engines_total_the_danish_way(tilbud_a, niveau, raadgiver):
    FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2026), beloeb=Decimal("2900000")
    )
    borger = services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    services.borger_afgang(
        borger=borger, dato=datetime.date(2026, 3, 10), acting_user=raadgiver
    )
    total_line = next(
        line for line in _report(2026).splitlines() if line.startswith("I alt")
    )
    assert "131.382,69 kr." in total_line


@pytest.mark.django_db
def test_report_for_a_year_without_takstmodel_fails_with_a_danish_message():
    with pytest.raises(CommandError, match="Der er ingen takstmodel for 2031"):
        _report(2031)
