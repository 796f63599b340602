"""The demo municipality's sold places settle every month of 2026 (issue 18).

Loaded once for the module inside a transaction that is rolled back, as in
test_demo_data.
"""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from budgets.selectors import tilbud_resultater
from budgets.selectors.afregning import afregning_for
from config.lib.roles import OEKONOMI
from offers.models import Tilbud


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def maaneder(demo, db):
    oekonomi = User.objects.filter(groups__name=OEKONOMI).first()
    return [afregning_for(2026, m, oekonomi) for m in range(1, 13)]


def test_every_month_of_2026_has_a_settlement(maaneder):
    assert all(afr.kommuner and afr.beloeb > 0 for afr in maaneder)


def test_the_demos_sold_places_are_all_billed(maaneder):
    # The demo's five buying municipalities (budgets.demo.katalog).
    koder = {k.kommunekode for afr in maaneder for k in afr.kommuner}
    assert {"751", "730", "740", "710", "706"} <= koder


def test_each_tilbuds_year_equals_its_sold_income(maaneder):
    resultater = tilbud_resultater(
        Tilbud.objects.all(), 2026, timezone.localdate(), med_ledger=False
    )
    pr_tilbud: dict[int, Decimal] = {}
    for afr in maaneder:
        for k in afr.kommuner:
            for li in k.linjer:
                pr_tilbud[li.tilbud_id] = pr_tilbud.get(li.tilbud_id, 0) + li.beloeb
    for r in resultater:
        assert pr_tilbud.get(r.tilbud.pk, 0) == r.noegletal.indtaegt_salg, r.tilbud
