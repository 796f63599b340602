"""Issue 12 item 3: a level change on the afgang day is one rule, whatever the order.

A stay is [tilgang, afgang): the afgang day belongs to the next stay, so a level
must start on a day the borger lives there; the run-off is paid at the last level.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from offers import services
from offers.models import Indplacering, Ophold

D = datetime.date


@pytest.fixture
def placeret(anna, tilbud_a, niveau, raadgiver):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return anna


def test_level_change_on_the_afgang_day_after_the_afgang_is_refused(
    placeret, niveau, raadgiver
):
    services.borger_afgang(borger=placeret, dato=D(2026, 3, 10), acting_user=raadgiver)
    with pytest.raises(ValidationError) as err:
        services.indplacering_create(
            borger=placeret,
            gyldig_fra=D(2026, 3, 10),
            takstniveau=niveau["3"],
            acting_user=raadgiver,
        )
    assert err.value.message_dict["gyldig_fra"] == [
        services.NIVEAUSKIFT_EFTER_AFGANG.format(afgang="10.03.2026")
    ]
    assert Indplacering.objects.count() == 1


def test_afgang_on_the_day_of_a_level_change_is_refused(placeret, niveau, raadgiver):
    services.indplacering_create(
        borger=placeret,
        gyldig_fra=D(2026, 3, 10),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        services.borger_afgang(
            borger=placeret, dato=D(2026, 3, 10), acting_user=raadgiver
        )
    assert err.value.message_dict["dato"] == [
        services.AFGANG_FOER_NIVEAUSKIFT.format(fra="10.03.2026")
    ]
    assert Ophold.objects.get().afgang is None


def test_both_orders_explain_the_same_rule():
    assert services.NIVEAUSKIFT_REGEL in services.NIVEAUSKIFT_EFTER_AFGANG
    assert services.NIVEAUSKIFT_REGEL in services.AFGANG_FOER_NIVEAUSKIFT


def test_level_change_the_day_before_the_afgang_is_accepted(
    placeret, niveau, raadgiver
):
    services.indplacering_create(
        borger=placeret,
        gyldig_fra=D(2026, 3, 9),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    ophold = services.borger_afgang(
        borger=placeret, dato=D(2026, 3, 10), acting_user=raadgiver
    )
    assert ophold.afgang == D(2026, 3, 10)


def test_afgang_on_the_tilgang_day_leaves_a_stay_of_no_days(
    anna, tilbud_a, niveau, raadgiver
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    ophold = services.borger_afgang(
        borger=anna, dato=D(2026, 2, 1), acting_user=raadgiver
    )
    assert ophold.afgang == ophold.tilgang


def test_a_second_afgang_names_the_registered_one(placeret, raadgiver):
    services.borger_afgang(borger=placeret, dato=D(2026, 3, 10), acting_user=raadgiver)
    with pytest.raises(ValidationError) as err:
        services.borger_afgang(
            borger=placeret, dato=D(2026, 4, 1), acting_user=raadgiver
        )
    assert err.value.message_dict == {
        "dato": [services.AFGANG_FINDES.format(afgang="10.03.2026")]
    }
