import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from offers import services
from offers.cpr import CPR_FORMAT_FEJL
from offers.models import Borger, Indplacering, Ophold

D = datetime.date


@pytest.fixture
def borger(raadgiver):
    return services.borger_create(
        cpr="010190-1234", navn="Anna Jensen", acting_user=raadgiver
    )


def test_borger_is_stored_with_masked_and_encrypted_cpr(borger):
    borger.refresh_from_db()
    assert borger.cpr_maskeret == "010190-xxxx"
    assert "0101901234" not in borger.cpr_krypteret
    assert "0101901234" not in str(borger)


def test_borger_can_be_found_by_cpr_through_the_keyed_hash(borger):
    assert services.borger_find_by_cpr("0101901234") == borger


def test_bad_cpr_is_rejected_with_danish_message_and_nothing_written(raadgiver):
    with pytest.raises(ValidationError) as err:
        services.borger_create(cpr="12345", navn="X", acting_user=raadgiver)
    assert err.value.message_dict == {"cpr": [CPR_FORMAT_FEJL]}
    assert Borger.objects.count() == 0


def test_duplicate_cpr_is_rejected(borger, raadgiver):
    with pytest.raises(ValidationError) as err:
        services.borger_create(cpr="0101901234", navn="Anden", acting_user=raadgiver)
    assert err.value.message_dict["cpr"] == [services.CPR_FINDES]


def test_tilgang_creates_ophold_with_first_indplacering(
    borger, tilbud_a, niveau, raadgiver
):
    ophold = services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    assert [i.takstniveau.kode for i in ophold.indplaceringer.all()] == ["2"]


def test_overlapping_ophold_is_rejected_and_nothing_written(
    borger, tilbud_a, tilbud_b, niveau, raadgiver
):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud_b,
            dato=D(2026, 3, 1),
            takstniveau=niveau["2"],
            acting_user=raadgiver,
        )
    assert "allerede et ophold" in err.value.message_dict["dato"][0]
    assert Ophold.objects.count() == 1


def test_afgang_before_tilgang_is_rejected(borger, tilbud_a, niveau, raadgiver):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        services.borger_afgang(borger=borger, dato=D(2026, 1, 1), acting_user=raadgiver)
    assert err.value.message_dict["dato"] == [
        services.AFGANG_FOER_TILGANG.format(tilgang="01.02.2026")
    ]
    assert Ophold.objects.get().afgang is None


def test_level_from_another_years_takstmodel_is_rejected(
    borger, tilbud_a, niveau, raadgiver
):
    with pytest.raises(ValidationError) as err:
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud_a,
            dato=D(2025, 6, 1),
            takstniveau=niveau["2"],
            acting_user=raadgiver,
        )
    assert err.value.message_dict["takstniveau"] == [
        services.NIVEAU_AAR.format(model_aar=2026, aar=2025)
    ]
    assert Ophold.objects.count() == 0


def test_saertakst_needs_hours_on_the_placement(borger, tilbud_a, niveau, raadgiver):
    with pytest.raises(ValidationError) as err:
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud_a,
            dato=D(2026, 2, 1),
            takstniveau=niveau["S1"],
            acting_user=raadgiver,
        )
    assert err.value.message_dict["saertakst_timer"] == [
        services.SAERTAKST_TIMER_KRAEVES
    ]


def _doegnskema(borger, raadgiver, minutter):
    return services.doegnskema_create(
        borger=borger,
        dato=D(2026, 1, 15),
        acting_user=raadgiver,
        poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": minutter}],
    )


def test_doegnskema_of_180_minutes_suggests_level_2(borger, niveau, raadgiver):
    skema = _doegnskema(borger, raadgiver, 180)
    assert services.foreslaaet_takstniveau(skema, 2026).kode == "2"


def test_decided_level_differing_from_suggestion_needs_reason(
    borger, tilbud_a, niveau, raadgiver
):
    skema = _doegnskema(borger, raadgiver, 180)
    with pytest.raises(ValidationError) as err:
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud_a,
            dato=D(2026, 2, 1),
            takstniveau=niveau["3"],
            doegnskema=skema,
            acting_user=raadgiver,
        )
    assert err.value.message_dict["begrundelse"] == [
        services.BEGRUNDELSE_KRAEVES.format(kode="2")
    ]
    assert Ophold.objects.count() == 0


def test_level_change_on_existing_date_is_rejected(borger, tilbud_a, niveau, raadgiver):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as err:
        services.indplacering_create(
            borger=borger,
            gyldig_fra=D(2026, 2, 1),
            takstniveau=niveau["3"],
            acting_user=raadgiver,
            begrundelse="Forværring",
        )
    assert err.value.message_dict["gyldig_fra"] == [services.INDPLACERING_DATO_FINDES]
    assert Indplacering.objects.count() == 1


def test_omplacering_ends_one_ophold_and_starts_another(
    borger, tilbud_a, tilbud_b, niveau, raadgiver
):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    nyt = services.omplacering(
        borger=borger,
        til_tilbud=tilbud_b,
        dato=D(2026, 5, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    assert nyt.omplaceret_fra.afgang == D(2026, 5, 1)


def test_history_records_who_changed_the_ophold(borger, tilbud_a, niveau, raadgiver):
    ophold = services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    services.borger_afgang(borger=borger, dato=D(2026, 3, 10), acting_user=raadgiver)
    latest = ophold.history.first()
    assert (latest.afgang, latest.history_user) == (D(2026, 3, 10), raadgiver)


def test_saertakst_timer_are_stored_on_the_placement(
    borger, tilbud_a, niveau, raadgiver
):
    ophold = services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["S1"],
        saertakst_timer=Decimal("18"),
        acting_user=raadgiver,
    )
    assert ophold.indplaceringer.get().saertakst_timer == Decimal("18")


def test_indplacering_on_a_move_day_belongs_to_the_new_ophold(
    borger, tilbud_a, tilbud_b, niveau, raadgiver
):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    nyt = services.omplacering(
        borger=borger,
        til_tilbud=tilbud_b,
        dato=D(2026, 5, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError):
        services.indplacering_create(
            borger=borger,
            gyldig_fra=D(2026, 5, 1),
            takstniveau=niveau["3"],
            acting_user=raadgiver,
            begrundelse="Ny vurdering",
        )
    assert nyt.indplaceringer.count() == 1
