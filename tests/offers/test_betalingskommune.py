"""A borger's betalingskommune from a date (issue 13 #1; DOMAIN.md §9)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from offers import services
from offers.models import KOMMUNEKODE_FEJL, Betalingskommune, Ophold
from offers.services.betalingskommune import FRA_BEGYNDELSEN, betalingskommune_set

D = datetime.date


def _perioder(borger) -> list[tuple[str, datetime.date]]:
    return [
        (b.kommunekode, b.gyldig_fra)
        for b in Betalingskommune.objects.filter(borger=borger).order_by("gyldig_fra")
    ]


def _felt(borger) -> str:
    borger.refresh_from_db()
    return borger.betalingskommune


def test_a_change_is_a_dated_row(anna, raadgiver):
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 7, 1), acting_user=raadgiver
    )
    assert _perioder(anna) == [("751", D(2026, 7, 1))]


def test_a_change_sets_the_borgers_current_field(anna, raadgiver):
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 7, 1), acting_user=raadgiver
    )
    assert _felt(anna) == "751"


def test_the_registering_user_and_day_are_kept(anna, raadgiver):
    raekke = betalingskommune_set(
        borger=anna,
        kommunekode="751",
        gyldig_fra=D(2026, 7, 1),
        acting_user=raadgiver,
        registreret=D(2026, 7, 3),
    )
    raekke.refresh_from_db()
    historik = raekke.history.get()
    assert (raekke.oprettet_af, raekke.registreret) == (raadgiver, D(2026, 7, 3))
    assert historik.history_user == raadgiver


def test_blank_is_the_own_municipality_from_the_date(anna, raadgiver):
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 7, 1), acting_user=raadgiver
    )
    betalingskommune_set(
        borger=anna, kommunekode="", gyldig_fra=D(2026, 10, 1), acting_user=raadgiver
    )
    assert _perioder(anna) == [("751", D(2026, 7, 1)), ("", D(2026, 10, 1))]
    assert _felt(anna) == ""


def test_the_own_code_is_stored_as_the_own_municipality(anna, raadgiver, settings):
    settings.EGEN_KOMMUNEKODE = "707"
    betalingskommune_set(
        borger=anna, kommunekode="707", gyldig_fra=D(2026, 7, 1), acting_user=raadgiver
    )
    assert _perioder(anna) == [("", D(2026, 7, 1))]


def test_a_code_that_is_not_three_digits_is_refused_and_nothing_written(
    anna, raadgiver
):
    with pytest.raises(ValidationError) as err:
        betalingskommune_set(
            borger=anna,
            kommunekode="75",
            gyldig_fra=D(2026, 7, 1),
            acting_user=raadgiver,
        )
    assert err.value.message_dict == {"kommunekode": [KOMMUNEKODE_FEJL]}
    assert _perioder(anna) == []


def test_a_second_registration_on_the_same_date_corrects_the_code(anna, raadgiver):
    for kode in ("751", "730"):
        betalingskommune_set(
            borger=anna,
            kommunekode=kode,
            gyldig_fra=D(2026, 7, 1),
            acting_user=raadgiver,
        )
    raekke = Betalingskommune.objects.get(borger=anna)
    assert (raekke.kommunekode, raekke.history.count()) == ("730", 2)
    assert _felt(anna) == "730"


def test_the_same_code_on_the_same_date_again_writes_nothing(anna, raadgiver):
    for _ in range(2):
        betalingskommune_set(
            borger=anna,
            kommunekode="751",
            gyldig_fra=D(2026, 7, 1),
            acting_user=raadgiver,
        )
    assert Betalingskommune.objects.get(borger=anna).history.count() == 1


def test_an_earlier_dated_change_leaves_the_newest_code_in_the_field(anna, raadgiver):
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 7, 1), acting_user=raadgiver
    )
    betalingskommune_set(
        borger=anna, kommunekode="730", gyldig_fra=D(2026, 3, 1), acting_user=raadgiver
    )
    assert _felt(anna) == "751"


# --- Creating a borger and registering a tilgang ---------------------------------


def test_a_borger_created_with_a_betalingskommune_is_sold_from_the_start(raadgiver):
    borger = services.borger_create(
        cpr="020290-1234", navn="Bo", betalingskommune="751", acting_user=raadgiver
    )
    assert _perioder(borger) == [("751", FRA_BEGYNDELSEN)]
    assert _felt(borger) == "751"


def test_a_borger_created_with_the_own_code_has_no_row(raadgiver, settings):
    settings.EGEN_KOMMUNEKODE = "707"
    borger = services.borger_create(
        cpr="020290-1234", navn="Bo", betalingskommune="707", acting_user=raadgiver
    )
    assert (_perioder(borger), _felt(borger)) == ([], "")


def test_a_tilgang_with_a_betalingskommune_sells_from_the_tilgang_day(
    anna, tilbud_a, niveau, raadgiver
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["1"],
        betalingskommune="751",
        acting_user=raadgiver,
    )
    assert _perioder(anna) == [("751", D(2026, 2, 1))]


def test_a_tilgang_without_a_betalingskommune_changes_nothing(
    tilbud_a, niveau, raadgiver
):
    borger = services.borger_create(
        cpr="020290-1234", navn="Bo", betalingskommune="751", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    assert _perioder(borger) == [("751", FRA_BEGYNDELSEN)]


def test_a_tilgang_with_a_blank_betalingskommune_is_own_from_the_tilgang_day(
    tilbud_a, niveau, raadgiver
):
    borger = services.borger_create(
        cpr="020290-1234", navn="Bo", betalingskommune="751", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["1"],
        betalingskommune="",
        acting_user=raadgiver,
    )
    assert _perioder(borger) == [("751", FRA_BEGYNDELSEN), ("", D(2026, 2, 1))]
    assert _felt(borger) == ""


def test_a_tilgang_with_a_bad_betalingskommune_writes_nothing(
    anna, tilbud_a, niveau, raadgiver
):
    with pytest.raises(ValidationError) as err:
        services.borger_tilgang(
            borger=anna,
            tilbud=tilbud_a,
            dato=D(2026, 2, 1),
            takstniveau=niveau["1"],
            betalingskommune="7a",
            acting_user=raadgiver,
        )
    assert err.value.message_dict == {"kommunekode": [KOMMUNEKODE_FEJL]}
    assert not Ophold.objects.filter(borger=anna).exists()
