"""Fixtures of the stored-table tests (test_maanedstal_*)."""

import datetime

import pytest

from offers import services
from tests.conftest import make_takstmodel
from tests.factories import TilbudFactory

D = datetime.date


class Verden:
    """Three years priced; Gry (A, from 1 June 2025, open), Anna (A, from 1 Feb
    2026, level 3 from 1 June), Bo (B, bought by Aarhus) and Cai (A, afgang 10
    Dec: run-off into 2027); Dan in the ramme tilbud C, whose frame is not
    saved. A write in 2026 recomputes 2026 and 2027 only: 2025 must still equal
    a computation from nothing."""


@pytest.fixture
def v(tilbud_a, tilbud_b, faste_a, niveau, raadgiver, oekonomichef, admin_user):
    w = Verden()
    w.a, w.b, w.niveau, w.raadgiver, w.oekonomi = (
        tilbud_a,
        tilbud_b,
        niveau,
        raadgiver,
        oekonomichef,
    )
    w.c = TilbudFactory(navn="Rammen", tildelingsprincip="ramme", pladser=4)
    make_takstmodel(2027, oekonomichef)
    niveau_2025 = {
        n.kode: n for n in make_takstmodel(2025, oekonomichef).niveauer.all()
    }

    def placer(cpr, navn, tilbud, dato, kode, **kwargs):
        borger = services.borger_create(
            cpr=cpr, navn=navn, acting_user=raadgiver, **kwargs
        )
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud,
            dato=dato,
            takstniveau=niveau[kode],
            acting_user=raadgiver,
        )
        return borger

    w.gry = services.borger_create(cpr="070790-1234", navn="Gry", acting_user=raadgiver)
    services.borger_tilgang(
        borger=w.gry,
        tilbud=tilbud_a,
        dato=D(2025, 6, 1),
        takstniveau=niveau_2025["2"],
        acting_user=raadgiver,
    )
    w.anna = placer("010190-1234", "Anna", tilbud_a, D(2026, 2, 1), "2")
    services.indplacering_create(
        borger=w.anna,
        gyldig_fra=D(2026, 6, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    w.bo = placer(
        "020290-1234", "Bo", tilbud_b, D(2026, 1, 1), "1", betalingskommune="751"
    )
    w.cai = placer("030390-1234", "Cai", tilbud_a, D(2026, 3, 1), "1")
    services.borger_afgang(borger=w.cai, dato=D(2026, 12, 10), acting_user=raadgiver)
    w.dan = placer("040490-1234", "Dan", w.c, D(2026, 4, 1), "2")
    w.ny = services.borger_create(cpr="050590-1234", navn="Eva", acting_user=raadgiver)
    return w
