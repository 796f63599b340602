"""Issue 12 item 3 in the events import: the same rule as the UI and the API."""

from budgets.models import Importstatus
from offers import services
from offers.models import Ophold
from tests.imports.conftest import csv_bytes

HEADER = "cpr;tilbud;hændelse;dato;niveau;navn"


def test_import_refuses_a_level_change_on_the_afgang_day(
    koer, raadgiver, tilbud_a, niveau
):
    fil = csv_bytes(
        HEADER,
        [
            f"010190-1234;{tilbud_a.navn};tilgang;01.02.2026;2;Anna",
            "010190-1234;;indplacering;10.03.2026;3;",
            "010190-1234;;afgang;10.03.2026;;",
        ],
    )
    job = koer(raadgiver, "haendelser", fil)
    assert job.status == Importstatus.AFVIST
    assert services.NIVEAUSKIFT_REGEL in " ".join(job.errors)
    assert Ophold.objects.count() == 0
