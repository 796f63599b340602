"""Issue 13 #2: an import that would move a lukket year is rejected with the
line's error, and nothing of the file is written.

``lukket_2025`` (tests/conftest.py): 2025 lukket; Bent (030380-1234) lives in
tilbud A from 1 March 2025 at niveau 2.
"""

import io

import openpyxl

from budgets.imports.takster import eksport_xlsx
from budgets.models import Importstatus
from offers.models import Borger, Ophold
from tariffs.lukkede_aar import AAR_LAAST, AAR_LAAST_FRA
from tariffs.models import Timeprismodel
from tariffs.selectors import takstmodel_for_aar
from tests.imports.conftest import csv_bytes

HEADER = "cpr;tilbud;hændelse;dato;niveau;navn"


def test_an_event_in_a_lukket_year_rejects_the_file(
    koer, raadgiver, tilbud_a, tilbud_b, lukket_2025
):
    fil = csv_bytes(
        HEADER,
        [
            f"020290-1234;{tilbud_b.navn};tilgang;2026-02-01;2;Ny",
            "030380-1234;;afgang;2025-11-30;;",
        ],
    )
    job = koer(raadgiver, "haendelser", fil)
    assert job.status == Importstatus.AFVIST
    besked = AAR_LAAST_FRA.format(aar=2025, dato="30.11.2025", fra="01.01.2026")
    assert job.errors == [f"Linje 3: {besked}"]
    # Nothing of the file: not the valid 2026 line either.
    assert not Borger.objects.filter(navn="Ny").exists()
    assert Ophold.objects.get(borger__navn="Bent").afgang is None


def test_an_event_after_the_lukket_year_is_imported(koer, raadgiver, lukket_2025):
    fil = csv_bytes(HEADER, ["030380-1234;;afgang;2026-01-31;;"])
    job = koer(raadgiver, "haendelser", fil)
    assert job.status == Importstatus.FAERDIG


def test_a_takst_workbook_for_a_lukket_year_is_rejected(
    koer, oekonomichef, lukket_2025
):
    wb = openpyxl.load_workbook(io.BytesIO(eksport_xlsx(takstmodel_for_aar(2025))))
    wb["Timeprismodel"]["C2"] = 500000  # årsløn 480.000 → 500.000
    ud = io.BytesIO()
    wb.save(ud)
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert job.status == Importstatus.AFVIST
    assert job.errors == [f"Ark 'Timeprismodel': {AAR_LAAST.format(aar=2025)}"]
    assert Timeprismodel.objects.get(aar=2025).aarsloen == 480000
