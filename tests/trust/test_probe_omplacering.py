"""Issue 14 item 5: same-day omplaceringer inflated the budget.

Moving a borger 4→2 and then 2→3 on one day left a stay [d, d) in tilbud 2
with ledger entries of its own; 20 concurrent moves of one borger made 13
succeed (the row lock serialised them, but each serialised move was accepted)
and left 12 such stays. Now a zero-length stay finances nothing, no run-off
and no cut of another stay's run-off (engine), and a second move on the same
day is refused with a message saying how to correct the first (services): so
concurrent moves of one borger end in one result.
"""

import datetime
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from rest_framework.test import APIClient

from budgets.engine import tilbud_budget
from budgets.selectors import tilbud_resultat
from offers import services
from offers.models import Haendelsesart, Ophold
from offers.services import OMPLACERING_SAMME_DAG
from offers.services.annullering import annullering_create
from tests.budgets.test_engine_stays import HYBRID, PRISLISTE, stay
from tests.factories import TilbudFactory
from tests.trust.test_concurrency import THREADS, _run_concurrently, setup  # noqa: F401

D = datetime.date
DAG = D(2026, 3, 1)


# --- Engine: [d, d) contributes nothing ---


def test_a_zero_length_stay_finances_nothing_not_even_a_run_off():
    # Without the rule the run-off alone would be 1.3-30.4: 61 days × 500 kr.
    budget = tilbud_budget(HYBRID, [stay(1, DAG, DAG)], PRISLISTE, 2026)
    assert budget.aktivitet_korrigeret_aar == Decimal(0)
    assert budget.aktivitet_oprindeligt_aar == Decimal(0)


def test_a_zero_length_stay_does_not_cut_an_earlier_stays_run_off():
    # Stay 1 in the tilbud 1.1-1.3 is financed through 30.4 (month + 1):
    # 31 + 28 + 31 + 30 = 120 days × 500 kr. = 60,000. A zero-length "return"
    # on 15.3 is no return: the borger never lived there again. (Cut, it
    # would be 1.1-14.3: 73 days, 36,500 kr.)
    opholdene = [
        stay(1, date(2026, 1, 1), DAG, afgang_registreret=DAG),
        stay(2, date(2026, 3, 15), date(2026, 3, 15), tilgang_registreret=DAG),
    ]
    budget = tilbud_budget(HYBRID, opholdene, PRISLISTE, 2026)
    assert budget.aktivitet_korrigeret_aar == Decimal("60000")


# --- Services and API: a second move the same day is refused ---


@pytest.fixture
def fire(tilbud_a, tilbud_b, anna, niveau, raadgiver):
    """Anna lives in tilbud A ("4") from 1 January 2026."""
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return anna


def _flyt(borger, til, niveau, user, dato=DAG):
    return services.omplacering(
        borger=borger,
        til_tilbud=til,
        dato=dato,
        takstniveau=niveau["2"],
        acting_user=user,
    )


def test_a_second_move_the_same_day_is_refused(
    fire, tilbud_a, tilbud_b, faste_a, niveau, raadgiver
):
    tilbud_c = TilbudFactory(navn="Tilbud C")
    _flyt(fire, tilbud_b, niveau, raadgiver)
    with pytest.raises(ValidationError) as err:
        _flyt(fire, tilbud_c, niveau, raadgiver)
    assert err.value.message_dict["dato"] == [
        OMPLACERING_SAMME_DAG.format(tilbud=tilbud_b, dato="01.03.2026")
    ]
    assert not Ophold.objects.filter(tilbud=tilbud_c).exists()
    assert not Ophold.objects.filter(afgang=DAG, tilgang=DAG).exists()


def test_the_correction_is_an_annulment_then_the_right_move(
    fire, tilbud_a, tilbud_b, faste_a, niveau, raadgiver
):
    tilbud_c = TilbudFactory(navn="Tilbud C")
    forkert = _flyt(fire, tilbud_b, niveau, raadgiver)
    annullering_create(
        borger=fire,
        haendelse=Haendelsesart.OMPLACERING,
        ophold=forkert,
        begrundelse="Forkert tilbud",
        acting_user=raadgiver,
    )
    rigtig = _flyt(fire, tilbud_c, niveau, raadgiver)
    assert rigtig.omplaceret_fra.tilbud == tilbud_a
    assert rigtig.omplaceret_fra.afgang == DAG
    # Tilbud B finances nothing for the move that never was.
    idag = D(2026, 6, 30)
    assert tilbud_resultat(tilbud_b, 2026, idag).budget.aktivitet_korrigeret_aar == 0


def test_a_move_on_the_tilgang_day_is_refused(
    anna, tilbud_a, tilbud_b, niveau, raadgiver
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=DAG,
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        _flyt(anna, tilbud_b, niveau, raadgiver)
    assert err.value.message_dict["dato"] == [
        OMPLACERING_SAMME_DAG.format(tilbud=tilbud_a, dato="01.03.2026")
    ]


def test_the_api_answers_a_second_move_the_same_day_with_400(
    fire, tilbud_a, tilbud_b, niveau, raadgiver
):
    tilbud_c = TilbudFactory(navn="Tilbud C")
    api = APIClient()
    api.force_login(raadgiver)
    url = f"/api/v1/borgere/{fire.pk}/omplacering/"
    for til, forventet in ((tilbud_b, 201), (tilbud_c, 400)):
        response = api.post(
            url,
            {"tilbud": til.pk, "dato": "2026-03-01", "takstniveau": niveau["2"].pk},
            format="json",
        )
        assert response.status_code == forventet, response.data
    assert "dato" in response.data
    assert Ophold.objects.filter(borger=fire).count() == 2


# --- Concurrency on PostgreSQL: twenty moves of one borger, one result ---


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
def test_twenty_concurrent_moves_the_same_day_end_in_one_result(setup):  # noqa: F811
    user, niveauer, tilbud, borger = setup
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud[0],
        dato=D(2026, 1, 1),
        takstniveau=niveauer["2"],
        acting_user=user,
    )

    def flyt(i):
        _flyt(borger, tilbud[1 + i % (THREADS - 1)], niveauer, user)

    outcomes = _run_concurrently(flyt)
    assert (outcomes.count("ok"), outcomes.count("afvist")) == (1, THREADS - 1)
    ophold = list(Ophold.objects.filter(borger=borger).order_by("tilgang"))
    assert [(o.tilgang, o.afgang) for o in ophold] == [
        (D(2026, 1, 1), DAG),
        (DAG, None),
    ]
