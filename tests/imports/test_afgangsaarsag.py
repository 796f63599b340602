"""The events import's optional afgangsårsag column (issue 15 #2)."""

from budgets.models import Importstatus
from offers.models import Ophold
from tests.imports.conftest import csv_bytes

HEADER = "cpr;tilbud;hændelse;dato;niveau;navn;afgangsårsag;begrundelse"
CPR = "010190-1234"


def test_a_reason_by_label_or_code_is_saved(koer, raadgiver, tilbud_a, niveau):
    raekker = [
        f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;;",
        f"{CPR};;afgang;2026-03-10;;;Død;",
    ]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.FAERDIG
    assert Ophold.objects.get().afgangsaarsag == "doed"


def test_andet_takes_the_begrundelse_as_its_text(koer, raadgiver, tilbud_a, niveau):
    raekker = [
        f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;;",
        f"{CPR};;afgang;2026-03-10;;;andet;Udvandret",
    ]
    koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    ophold = Ophold.objects.get()
    assert (ophold.afgangsaarsag, ophold.afgangsaarsag_tekst) == ("andet", "Udvandret")


def test_an_unknown_reason_names_the_line_and_writes_nothing(
    koer, raadgiver, tilbud_a, niveau
):
    raekker = [
        f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;;",
        f"{CPR};;afgang;2026-03-10;;;Ferie;",
    ]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 3: Ukendt afgangsårsag 'Ferie' (brug andet_tilbud, egen_bolig, "
        "doed, anden_kommune eller andet)."
    ]
    assert not Ophold.objects.exists()


def test_andet_without_text_names_the_line(koer, raadgiver, tilbud_a, niveau):
    raekker = [
        f"{CPR};{tilbud_a.navn};tilgang;2026-02-01;1;Anna;;",
        f"{CPR};;afgang;2026-03-10;;;Andet;",
    ]
    job = koer(raadgiver, "haendelser", csv_bytes(HEADER, raekker))
    assert job.errors == ["Linje 3: Beskriv årsagen, når afgangsårsagen er »Andet«."]
    assert not Ophold.objects.exists()
