"""Issue 15: import messages name the column as the file does, give one message
per bad cell, never a Python name, and the summary counts the wrong lines."""

from django.urls import reverse

from budgets.imports.common import FIL_ULAESELIG
from budgets.models import Forbrug, Importstatus
from offers.models import Borger
from tests.imports.conftest import csv_bytes

FORBRUG = "Tilbud;Måned;Art;Beløb"
HAENDELSER = "CPR;Tilbud;Hændelse;Dato;Niveau;Timer;Navn"


def _forbrug(tilbud) -> bytes:
    navn = tilbud.navn
    return csv_bytes(
        FORBRUG,
        [
            f"{navn};2026-01;løn;100,00",  # line 2: right
            f"{navn};2026-01;drift;",  # line 3: empty amount
            f"{navn};2026-02;løn;mange",  # line 4: not a number
            f"{navn};2026-02;drift;50",  # line 5: right
            f"{navn};2026-03;;50",  # line 6: empty art
            "Ukendt;2026-03;løn;x",  # line 7: two bad cells
            f"{navn};;løn;10",  # line 8: empty month
            f"{navn};2026-04;løn;10",  # line 9: right
        ],
    )


def test_forbrug_messages_name_the_files_columns_once_per_cell(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    job = koer(oekonomichef, "forbrug", _forbrug(tilbud_a))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 3: Kolonnen 'Beløb' er tom.",
        "Linje 4: 'mange' i kolonnen 'Beløb' er ikke et gyldigt tal.",
        "Linje 6: Kolonnen 'Art' er tom.",
        "Linje 7: Ukendt tilbud 'Ukendt'.",
        "Linje 7: 'x' i kolonnen 'Beløb' er ikke et gyldigt tal.",
        "Linje 8: Kolonnen 'Måned' er tom.",
    ]
    assert not Forbrug.objects.exists()  # all or nothing


def test_the_summary_counts_the_wrong_lines(
    client, koer, oekonomichef, tilbud_a, takstmodel_2026
):
    job = koer(oekonomichef, "forbrug", _forbrug(tilbud_a))
    # Lines 3, 4, 6, 7 and 8 are wrong: 5 of the 8 data lines.
    opsummering = "5 af 8 linjer har fejl; intet er indlæst."
    client.force_login(oekonomichef)
    side = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert f'<span id="taeller">{opsummering}</span>' in side
    assert "8 af 8 rækker" not in side
    status = client.get(reverse("imports:status", args=[job.pk])).json()
    assert status["opsummering"] == opsummering


def test_event_messages_name_the_files_columns_once_per_cell(
    koer, raadgiver, tilbud_a, niveau
):
    navn = tilbud_a.navn
    fil = csv_bytes(
        HAENDELSER,
        [
            f"010190-1234;{navn};tilgang;2026-02-01;2;;Anna",  # line 2: right
            f"020285-4321;{navn};tilgang;;2;;Bo",  # line 3: empty date
            f"030375-1111;{navn};tilgang;2026-02-01;S1;mange;Carl",  # line 4
            f"040465-2222;{navn};tilgang;2026-02-01;2;;Dorte",  # line 5: right
        ],
    )
    job = koer(raadgiver, "haendelser", fil)
    assert job.errors == [
        "Linje 3: Kolonnen 'Dato' er tom.",
        "Linje 4: 'mange' i kolonnen 'Timer' er ikke et gyldigt tal.",
    ]
    # Lines 3 and 4 of the 4 data lines; nothing stored, not even Anna.
    assert job.opsummering == "2 af 4 linjer har fejl; intet er indlæst."
    assert not Borger.objects.exists()


def test_a_missing_column_is_named_in_danish(koer, oekonomichef, takstmodel_2026):
    job = koer(oekonomichef, "forbrug", csv_bytes("tilbud;måned;art", ["x;y;z"]))
    assert job.errors == ["Kolonnen 'beløb' mangler (fundet: tilbud, måned, art)."]
    assert job.opsummering == "Filen er afvist; intet er indlæst."


def test_an_unreadable_file_names_no_python_error(koer, oekonomichef):
    job = koer(oekonomichef, "forbrug", b"PK\x03\x04 ikke en zip", filnavn="f.xlsx")
    assert job.errors == [
        "Filen kan ikke læses som CSV eller Excel. Gem den som CSV (.csv) eller "
        "Excel (.xlsx), og prøv igen."
    ]
    assert job.errors == [FIL_ULAESELIG]
