"""Forbrug fixtures shared by the forbrugsprocent tests of the pages and the API.

Tilbud A, hybrid, no borgere: 2026 with faste udgifter 2,900,000 kr. and forbrug
230,000 kr. in each of January-May; 2025 with 3,650,000 kr. (10,000 kr. a day)
and forbrug 300,000 kr. in each of January-May.
"""

from decimal import Decimal

import pytest

from budgets import services as budget_services
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory, FastUdgiftFactory


def forbrug_jan_maj(tilbud, aar: int, beloeb: str, user) -> None:
    budgetaar = BudgetaarFactory(aar=aar)
    for maaned in range(1, 6):
        budget_services.forbrug_save(
            tilbud_id=tilbud.pk,
            budgetaar=budgetaar,
            maaned=maaned,
            art="loen",
            beloeb=Decimal(beloeb),
            acting_user=user,
        )


@pytest.fixture
def forbrug_2026(tilbud_a, faste_a, oekonomichef):
    forbrug_jan_maj(tilbud_a, 2026, "230000", oekonomichef)


@pytest.fixture
def sidste_aar_2025(tilbud_a, oekonomichef):
    make_takstmodel(2025, oekonomichef)
    FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2025), beloeb=Decimal("3650000")
    )
    forbrug_jan_maj(tilbud_a, 2025, "300000", oekonomichef)
