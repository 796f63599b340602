"""Issue 17: the event import carries bostøtte's visiterede timer pr. uge."""

from decimal import Decimal

from budgets.models import Importstatus
from offers.models import Indplacering
from tests.imports.conftest import csv_bytes

HEADER = "cpr;tilbud;hændelse;dato;niveau;navn;visiterede timer"


def test_a_bostoette_tilgang_takes_its_weekly_hours(
    koer, raadgiver, bostoette_a, niveau
):
    fil = csv_bytes(
        HEADER, ["010190-1234;Bostøtten Hyld;tilgang;2026-03-01;1;Anna;2,5"]
    )
    job = koer(raadgiver, "haendelser", fil)
    assert job.status == Importstatus.FAERDIG
    assert Indplacering.objects.get().visiterede_timer_pr_uge == Decimal("2.50")
    # The same file again changes nothing.
    assert koer(raadgiver, "haendelser", fil).resultat["aendret"] == 0


def test_a_bostoette_tilgang_without_hours_is_refused_with_its_line(
    koer, raadgiver, bostoette_a, niveau
):
    fil = csv_bytes(HEADER, ["010190-1234;Bostøtten Hyld;tilgang;2026-03-01;1;Anna;"])
    job = koer(raadgiver, "haendelser", fil)
    assert job.status == Importstatus.AFVIST
    assert job.errors == ["Linje 2: Angiv visiterede timer pr. uge for bostøtte."]
    assert not Indplacering.objects.exists()
