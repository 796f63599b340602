"""The events import's optional pladsandel column (issue 17, dagtilbud): 1, 0,5,
"hel" or "halv"; blank is a whole place."""

from decimal import Decimal

from budgets.imports.haendelser import PLADSANDEL_FEJL, PLADSANDEL_KUN_NIVEAU
from budgets.models import Importstatus
from offers.models import Indplacering
from tests.imports.conftest import csv_bytes

HEADER = "cpr;tilbud;hændelse;dato;niveau;navn;pladsandel"
CPR = "010190-1234"


def test_a_half_place_then_a_whole_one(koer, raadgiver, tilbud_a, niveau):
    raekker = [
        f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;halv",
        f"{CPR};;indplacering;2026-05-01;1;;1",
        f"{CPR};;indplacering;2026-07-01;2;;0,5",
    ]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.FAERDIG
    assert list(
        Indplacering.objects.order_by("gyldig_fra").values_list("pladsandel", flat=True)
    ) == [Decimal("0.5"), Decimal(1), Decimal("0.5")]


def test_blank_is_a_whole_place(koer, raadgiver, tilbud_a, niveau):
    raekker = [f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;"]
    koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert Indplacering.objects.get().pladsandel == Decimal(1)


def test_an_unknown_share_names_the_line_and_writes_nothing(
    koer, raadgiver, tilbud_a, niveau
):
    raekker = [f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;kvart"]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [f"Linje 2: {PLADSANDEL_FEJL.format(tekst='kvart')}"]
    assert not Indplacering.objects.exists()


def test_a_share_on_an_afgang_is_refused(koer, raadgiver, tilbud_a, niveau):
    raekker = [
        f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;",
        f"{CPR};;afgang;2026-03-10;;;halv",
    ]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [f"Linje 3: {PLADSANDEL_KUN_NIVEAU}"]
