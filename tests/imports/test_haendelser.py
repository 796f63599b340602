import datetime

import pytest

from budgets.models import Importstatus
from offers import services
from offers.models import Borger, Indplacering, Ophold
from tests.imports.conftest import csv_bytes

HEADER = "cpr;tilbud;hændelse;dato;niveau;navn"


def _cpr(n: int) -> str:
    """A valid, unique CPR per n (below 4,000)."""
    return f"{n % 28 + 1:02d}{(n // 28) % 12 + 1:02d}{60 + n // 336:02d}-1234"


def _borger_raekker(n: int, tilbud: str) -> list[str]:
    """Tilgang at level 1, level 2 from May, afgang in October."""
    cpr = _cpr(n)
    return [
        f"{cpr};{tilbud};tilgang;01-02-2026;1;Borger {n}",
        f"{cpr};;indplacering;2026-05-01;2;",
        f"{cpr};;afgang;15.10.2026;;",
    ]


def _fil(antal_borgere: int, tilbud: str) -> list[str]:
    return [r for n in range(antal_borgere) for r in _borger_raekker(n, tilbud)]


@pytest.fixture
def lille_fil(tilbud_a, niveau):
    return csv_bytes(HEADER, _fil(40, tilbud_a.navn))


def test_events_create_borgere_ophold_and_levels(koer, raadgiver, lille_fil):
    job = koer(raadgiver, "haendelser", lille_fil)
    assert job.status == Importstatus.FAERDIG
    counts = (
        Borger.objects.count(),
        Ophold.objects.count(),
        Indplacering.objects.count(),
    )
    assert counts == (40, 40, 80)


def test_afgang_from_the_file_is_registered(koer, raadgiver, lille_fil):
    koer(raadgiver, "haendelser", lille_fil)
    assert set(Ophold.objects.values_list("afgang", flat=True)) == {
        datetime.date(2026, 10, 15)
    }


def test_reimporting_the_same_events_changes_nothing(koer, raadgiver, lille_fil):
    koer(raadgiver, "haendelser", lille_fil)
    historik = Ophold.history.count() + Indplacering.history.count()
    job = koer(raadgiver, "haendelser", lille_fil)
    assert job.resultat["aendret"] == 0
    assert Ophold.history.count() + Indplacering.history.count() == historik


def test_10000_rows_with_one_bad_row_in_the_middle_write_nothing(
    koer, raadgiver, tilbud_a, niveau
):
    raekker = _fil(3_334, tilbud_a.navn)[:10_002]
    raekker[4_999] = raekker[4_999].replace("2026-05-01", "2026-05-41")  # indplacering
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 5001: Datoen '2026-05-41' skal skrives som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ."
    ]
    assert (Borger.objects.count(), Ophold.objects.count()) == (0, 0)


def test_bad_cpr_is_reported_without_the_cpr(koer, raadgiver, tilbud_a, niveau):
    fil = csv_bytes(HEADER, [f"3113901234;{tilbud_a.navn};tilgang;2026-02-01;1;X"])
    job = koer(raadgiver, "haendelser", fil)
    assert job.errors == [
        "Linje 2: CPR-nummerets første seks cifre er ikke en gyldig fødselsdato."
    ]


def test_unknown_level_of_the_year_is_reported(koer, raadgiver, tilbud_a, niveau):
    fil = csv_bytes(HEADER, [f"{_cpr(1)};{tilbud_a.navn};tilgang;2026-02-01;9;X"])
    job = koer(raadgiver, "haendelser", fil)
    assert job.errors == [
        "Linje 2: Takstniveau '9' findes ikke i takstmodellen for 2026."
    ]


def test_unknown_borger_without_navn_is_reported(koer, raadgiver, tilbud_a, niveau):
    fil = csv_bytes(HEADER, [f"{_cpr(1)};;afgang;2026-02-01;;"])
    job = koer(raadgiver, "haendelser", fil)
    assert job.errors == [
        "Linje 2: Der findes ingen borger med CPR-nummeret; angiv navn for at oprette."
    ]


def test_a_service_rule_broken_late_in_the_file_rejects_it_all(
    koer, raadgiver, tilbud_a, tilbud_b, niveau
):
    # Line 3 moves the borger into B while the ophold in A is still open.
    raekker = [
        f"{_cpr(1)};{tilbud_a.navn};tilgang;2026-02-01;1;Anna",
        f"{_cpr(1)};{tilbud_b.navn};tilgang;2026-03-01;1;",
    ]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 3: "
        + services.OPHOLD_OVERLAP.format(tilbud=tilbud_a.navn, fra="01.02.2026")
    ]
    assert not Borger.objects.exists()
