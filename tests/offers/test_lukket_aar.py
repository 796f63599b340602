"""Issue 13 #2: no placement event may move a lukket year's figures.

``lukket_2025`` (tests/conftest.py): 2025 is lukket, 2026 a forslag; Bent lives
in tilbud A from 1 March 2025 at niveau 2. A change effective on a date moves the
figures from that date on, so it is refused when a lukket year ends on or after
that date (tariffs.lukkede_aar). Each refusal writes nothing.
"""

import datetime

import pytest

from offers import services
from offers.models import Annullering, Betalingskommune, Indplacering, Ophold
from offers.services.annullering import annullering_create
from offers.services.betalingskommune import betalingskommune_set
from tariffs.lukkede_aar import AAR_LAAST_FRA, AarLaast

D = datetime.date


def _laast(felt: str, dato: str) -> dict:
    return {felt: [AAR_LAAST_FRA.format(aar=2025, dato=dato, fra="01.01.2026")]}


@pytest.fixture
def bent(lukket_2025):
    return lukket_2025.borger


@pytest.fixture
def ny(raadgiver, db):
    return services.borger_create(cpr="020290-1234", navn="Ny", acting_user=raadgiver)


@pytest.fixture
def kode_2_2025(lukket_2025):
    return lukket_2025.indplaceringer.get().takstniveau


def _tilgang(borger, tilbud, dato, niveau, user):
    return services.borger_tilgang(
        borger=borger, tilbud=tilbud, dato=dato, takstniveau=niveau, acting_user=user
    )


# --- tilgang -------------------------------------------------------------------


def test_a_tilgang_in_a_lukket_year_is_refused(ny, tilbud_b, kode_2_2025, raadgiver):
    with pytest.raises(AarLaast) as fejl:
        _tilgang(ny, tilbud_b, D(2025, 10, 1), kode_2_2025, raadgiver)
    assert fejl.value.message_dict == _laast("dato", "01.10.2025")
    assert not Ophold.objects.filter(borger=ny).exists()


def test_a_tilgang_before_a_lukket_year_is_refused(
    ny, tilbud_b, oekonomichef, raadgiver, lukket_2025
):
    # An open stay from 2024 would run through 2025 and move its figures.
    from tests.conftest import make_takstmodel

    model_2024 = make_takstmodel(2024, oekonomichef)
    with pytest.raises(AarLaast) as fejl:
        _tilgang(
            ny, tilbud_b, D(2024, 5, 1), model_2024.niveauer.get(kode="2"), raadgiver
        )
    assert fejl.value.message_dict == _laast("dato", "01.05.2024")


def test_a_tilgang_after_the_lukket_year_is_accepted(
    ny, tilbud_b, niveau, raadgiver, lukket_2025
):
    ophold = _tilgang(ny, tilbud_b, D(2026, 1, 1), niveau["2"], raadgiver)
    assert ophold.tilgang == D(2026, 1, 1)


# --- afgang --------------------------------------------------------------------


def test_an_afgang_in_a_lukket_year_is_refused(bent, raadgiver):
    with pytest.raises(AarLaast) as fejl:
        services.borger_afgang(borger=bent, dato=D(2025, 11, 30), acting_user=raadgiver)
    assert fejl.value.message_dict == _laast("dato", "30.11.2025")
    assert Ophold.objects.get(borger=bent).afgang is None


def test_an_afgang_after_the_lukket_year_is_accepted(bent, raadgiver):
    ophold = services.borger_afgang(
        borger=bent, dato=D(2026, 2, 1), acting_user=raadgiver
    )
    assert ophold.afgang == D(2026, 2, 1)


# --- indplacering and omplacering ------------------------------------------------


def test_an_indplacering_in_a_lukket_year_is_refused(bent, lukket_2025, raadgiver):
    niveau_3 = lukket_2025.indplaceringer.get().takstniveau.takstmodel.niveauer.get(
        kode="3"
    )
    with pytest.raises(AarLaast) as fejl:
        services.indplacering_create(
            borger=bent,
            gyldig_fra=D(2025, 9, 1),
            takstniveau=niveau_3,
            acting_user=raadgiver,
        )
    assert fejl.value.message_dict == _laast("gyldig_fra", "01.09.2025")
    assert Indplacering.objects.filter(ophold__borger=bent).count() == 1


def test_an_indplacering_after_the_lukket_year_is_accepted(bent, niveau, raadgiver):
    indplacering = services.indplacering_create(
        borger=bent,
        gyldig_fra=D(2026, 4, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    assert indplacering.gyldig_fra == D(2026, 4, 1)


def test_an_omplacering_in_a_lukket_year_is_refused(
    bent, tilbud_b, kode_2_2025, raadgiver
):
    with pytest.raises(AarLaast) as fejl:
        services.omplacering(
            borger=bent,
            til_tilbud=tilbud_b,
            dato=D(2025, 12, 1),
            takstniveau=kode_2_2025,
            acting_user=raadgiver,
        )
    assert fejl.value.message_dict == _laast("dato", "01.12.2025")
    assert Ophold.objects.filter(borger=bent).count() == 1


# --- annullering -----------------------------------------------------------------


def test_annulling_a_tilgang_in_a_lukket_year_is_refused(bent, lukket_2025, raadgiver):
    with pytest.raises(AarLaast) as fejl:
        annullering_create(
            borger=bent,
            haendelse="tilgang",
            ophold=lukket_2025,
            begrundelse="Forkert borger.",
            acting_user=raadgiver,
        )
    assert fejl.value.message_dict == _laast("haendelse", "01.03.2025")
    assert not Annullering.objects.exists()
    assert Ophold.objects.filter(pk=lukket_2025.pk).exists()  # not annulled


def test_annulling_an_afgang_after_the_lukket_year_is_accepted(
    bent, lukket_2025, raadgiver
):
    services.borger_afgang(borger=bent, dato=D(2026, 2, 1), acting_user=raadgiver)
    annullering_create(
        borger=bent,
        haendelse="afgang",
        ophold=lukket_2025,
        begrundelse="Forkert dato.",
        acting_user=raadgiver,
    )
    assert Ophold.objects.get(pk=lukket_2025.pk).afgang is None


# --- betalingskommune ------------------------------------------------------------


def test_a_betalingskommune_from_a_lukket_year_is_refused(bent, raadgiver):
    with pytest.raises(AarLaast) as fejl:
        betalingskommune_set(
            borger=bent,
            kommunekode="751",
            gyldig_fra=D(2025, 5, 1),
            acting_user=raadgiver,
        )
    assert fejl.value.message_dict == _laast("gyldig_fra", "01.05.2025")
    assert not Betalingskommune.objects.filter(borger=bent).exists()


def test_a_betalingskommune_after_the_lukket_year_is_accepted(bent, raadgiver):
    raekke = betalingskommune_set(
        borger=bent, kommunekode="751", gyldig_fra=D(2026, 1, 1), acting_user=raadgiver
    )
    assert raekke.kommunekode == "751"


def test_a_new_borger_may_be_created_with_a_betalingskommune(raadgiver, lukket_2025):
    # Without a stay there are no figures to move: "from the beginning" is fine.
    borger = services.borger_create(
        cpr="020290-1234", navn="Ny", betalingskommune="751", acting_user=raadgiver
    )
    assert borger.betalingskommuner.get().kommunekode == "751"
