"""The admin keeps the services' rules for a level (issue 17): a bostøtte § 85
placement is decided in visiterede hours per week, any other in its level; a row
the pages would refuse is refused in the admin too, with the same Danish message,
and nothing is written."""

import datetime
from decimal import Decimal

import pytest

from offers import services
from offers.models import Indplacering
from offers.services import VISITEREDE_TIMER_KRAEVES, VISITEREDE_TIMER_KUN
from tests.test_admin_lukket_aar import _ret

D = datetime.date


@pytest.fixture
def bostoette_indplacering(anna, bostoette_a, niveau, raadgiver):
    services.borger_tilgang(
        borger=anna,
        tilbud=bostoette_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
        visiterede_timer_pr_uge=Decimal(3),
    )
    return Indplacering.objects.get(ophold__borger=anna)


@pytest.fixture
def botilbud_indplacering(anna, tilbud_a, niveau, raadgiver):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return Indplacering.objects.get(ophold__borger=anna)


def _feltfejl(response, felt: str) -> list[str]:
    return response.context["adminform"].form.errors.get(felt, [])


def test_a_bostoette_level_without_weekly_hours_is_refused(
    admin_client, bostoette_indplacering
):
    response = _ret(admin_client, bostoette_indplacering, visiterede_timer_pr_uge="")
    assert response.status_code == 200  # the form again, not a redirect
    assert _feltfejl(response, "visiterede_timer_pr_uge") == [VISITEREDE_TIMER_KRAEVES]
    bostoette_indplacering.refresh_from_db()
    assert bostoette_indplacering.visiterede_timer_pr_uge == Decimal(3)


def test_weekly_hours_on_a_botilbud_level_are_refused(
    admin_client, botilbud_indplacering
):
    response = _ret(admin_client, botilbud_indplacering, visiterede_timer_pr_uge="4")
    assert _feltfejl(response, "visiterede_timer_pr_uge") == [VISITEREDE_TIMER_KUN]
    botilbud_indplacering.refresh_from_db()
    assert botilbud_indplacering.visiterede_timer_pr_uge is None


def test_a_bostoette_level_with_new_weekly_hours_is_saved(
    admin_client, bostoette_indplacering
):
    response = _ret(admin_client, bostoette_indplacering, visiterede_timer_pr_uge="5")
    assert response.status_code == 302
    bostoette_indplacering.refresh_from_db()
    assert bostoette_indplacering.visiterede_timer_pr_uge == Decimal(5)


def test_the_ophold_page_refuses_it_in_the_inline_too(
    admin_client, bostoette_indplacering
):
    ophold = bostoette_indplacering.ophold
    response = _ret(
        admin_client, ophold, **{"indplaceringer-0-visiterede_timer_pr_uge": ""}
    )
    assert response.status_code == 200
    fejl = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert fejl["visiterede_timer_pr_uge"] == [VISITEREDE_TIMER_KRAEVES]
    bostoette_indplacering.refresh_from_db()
    assert bostoette_indplacering.visiterede_timer_pr_uge == Decimal(3)
