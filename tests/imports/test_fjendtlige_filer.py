"""Issue 14 item 5: the hostile-user probe's import findings, one test each.

Files kept with CPRs, a NUL byte, CPRs in messages, decompression bombs, numbers
and line numbers, Unicode digits. The worker-killed findings are in
tests/trust/test_import_faults.py (they need a real worker).
"""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from openpyxl import Workbook

from budgets import services
from budgets.imports import runner
from budgets.imports.common import MAKS_RAEKKER, MAKS_UDPAKKET
from budgets.models import Forbrug, Importjob, Importstatus
from config.lib.security import masker_cpr_i_tekst, normaliser_cifre
from offers.models import Borger
from tests.imports.conftest import csv_bytes

FORBRUG = "tilbud;måned;art;beløb"
HAENDELSER = "cpr;tilbud;hændelse;dato;niveau;navn;timer"


def _indhold(job: Importjob) -> bytes:
    return bytes(Importjob.objects.get(pk=job.pk).indhold)


# --- The uploaded file is kept only while its job is alive ---


def test_the_file_is_gone_once_the_job_is_done(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    data = csv_bytes(FORBRUG, [f"{tilbud_a.navn};2026-01;løn;100"])
    job = koer(oekonomichef, "forbrug", data, godkend=False)
    assert job.status == Importstatus.AFVENTER_GODKENDELSE
    assert _indhold(job) == data  # kept: confirming reads the file again
    services.importjob_godkend(job=job, acting_user=oekonomichef)
    job = runner.importjob_run(job_id=job.pk)
    assert job.status == Importstatus.FAERDIG
    assert _indhold(job) == b""


def test_the_file_with_cprs_is_gone_once_the_job_is_rejected(koer, raadgiver, db):
    data = csv_bytes(HAENDELSER, ["150585-1237;Ukendt;tilgang;2026-02-01;1;Anna;"])
    job = koer(raadgiver, "haendelser", data)
    assert job.status == Importstatus.AFVIST
    assert _indhold(job) == b""
    # Nor is the CPR anywhere else in the row.
    raw = Importjob.objects.filter(pk=job.pk).values_list("errors", "resultat")
    assert "1237" not in str(list(raw))


def test_the_file_is_gone_once_the_preview_is_cancelled(
    client, oekonomichef, tilbud_a, takstmodel_2026, koer
):
    data = csv_bytes(FORBRUG, [f"{tilbud_a.navn};2026-01;løn;100"])
    job = koer(oekonomichef, "forbrug", data, godkend=False)
    client.force_login(oekonomichef)
    client.post(f"/import/{job.pk}/annuller/")
    assert Importjob.objects.get(pk=job.pk).status == Importstatus.ANNULLERET
    assert _indhold(job) == b""


def test_the_sweep_empties_ended_jobs_and_expires_old_previews(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    gammel = Importjob.objects.create(  # ended before files were emptied
        type="forbrug",
        filnavn="f.csv",
        indhold=b"x",
        created_by=oekonomichef,
        status=Importstatus.FAERDIG,
    )
    data = csv_bytes(FORBRUG, [f"{tilbud_a.navn};2026-01;løn;100"])
    glemt = koer(oekonomichef, "forbrug", data, godkend=False)
    Importjob.objects.filter(pk=glemt.pk).update(
        created=timezone.now() - datetime.timedelta(days=8)
    )
    frisk = koer(oekonomichef, "forbrug", data, godkend=False)
    runner.ryd_op()
    glemt.refresh_from_db()
    assert (_indhold(gammel), _indhold(glemt)) == (b"", b"")
    assert glemt.status == Importstatus.ANNULLERET
    assert glemt.errors == [runner.FORHAANDSVISNING_UDLOEBET.format(dage=7)]
    assert _indhold(frisk) == data  # a day-old preview may still be confirmed


# --- A NUL byte ends the job as rejected, with its line ---


def test_a_nul_byte_in_a_cell_rejects_its_line(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    data = csv_bytes(
        FORBRUG,
        [f"{tilbud_a.navn};2026-01;løn;100", f"{tilbud_a.navn};2026-02;l\x00øn;100"],
    )
    job = koer(oekonomichef, "forbrug", data)
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 3: Feltet 'art' indeholder et ugyldigt tegn (et styretegn)."
    ]
    assert not Forbrug.objects.exists()


def test_errors_that_cannot_be_stored_still_end_the_job(oekonomichef, monkeypatch):
    """If the database refuses the error list, the job ends with the plain message."""
    from django.db import DatabaseError

    job = Importjob.objects.create(
        type="forbrug",
        filnavn="f.csv",
        indhold=b"x",
        created_by=oekonomichef,
        status=Importstatus.VALIDERER,
    )
    gemt = services.importjob_finish

    def vaelger(job, *, fejl=None, resultat=None):
        if fejl != [runner.UVENTET_FEJL]:
            raise DatabaseError("unsupported Unicode escape sequence")
        gemt(job, fejl=fejl, resultat=resultat)

    monkeypatch.setattr(services, "importjob_finish", vaelger)
    runner.run(job)
    job.refresh_from_db()
    assert (job.status, job.errors) == (Importstatus.AFVIST, [runner.UVENTET_FEJL])


# --- No CPR in a message ---


@pytest.mark.parametrize(
    "tekst, forventet",
    [
        (
            "Kolonnen 'cpr' mangler (fundet: 150585_1237, x)",
            "Kolonnen 'cpr' mangler (fundet: 150585-xxxx, x)",
        ),
        ("Ukendt tilbud '0101801234'.", "Ukendt tilbud '010180-xxxx'."),
        ("a 150585 1237 b 150585-1237", "a 150585-xxxx b 150585-xxxx"),
        ("１５０５８５-１２３７", "150585-xxxx"),
        # Not CPR-shaped: 11 or 14 digits, an amount, a date.
        ("12345678901 og 12345678901234", "12345678901 og 12345678901234"),
        ("1.234.567,89 kr. den 2026-01-31", "1.234.567,89 kr. den 2026-01-31"),
    ],
)
def test_anything_cpr_shaped_is_masked(tekst, forventet):
    assert masker_cpr_i_tekst(tekst) == forventet


def test_a_file_without_header_shows_no_cpr(koer, raadgiver, db):
    data = b"150585_1237;Ahorn;tilgang;2026-02-01;1\n"
    job = koer(raadgiver, "haendelser", data)
    assert job.status == Importstatus.AFVIST
    assert job.errors[0] == (
        "Kolonnen 'cpr' mangler (fundet: 150585-xxxx, Ahorn, tilgang, 2026-02-01, 1)."
    )
    assert "1237" not in str(job.errors)


def test_an_unknown_tilbud_shaped_as_a_cpr_is_masked(
    koer, oekonomichef, takstmodel_2026
):
    job = koer(
        oekonomichef, "forbrug", csv_bytes(FORBRUG, ["0101801234;2026-01;løn;1"])
    )
    assert job.errors == ["Linje 2: Ukendt tilbud '010180-xxxx'."]


def test_the_job_page_masks_messages_stored_before(client, oekonomichef):
    job = Importjob.objects.create(
        type="forbrug",
        filnavn="f.csv",
        created_by=oekonomichef,
        status=Importstatus.AFVIST,
        errors=["Linje 2: Ukendt tilbud '0101801234'."],
    )
    client.force_login(oekonomichef)
    side = client.get(f"/import/{job.pk}/").content.decode()
    status = client.get(f"/import/{job.pk}/status/").json()
    assert "0101801234" not in side and "010180-xxxx" in side
    assert status["errors"] == ["Linje 2: Ukendt tilbud '010180-xxxx'."]


# --- Size: rows and unpacked bytes ---


def test_a_file_of_more_rows_than_the_limit_is_refused(koer, oekonomichef, db):
    data = csv_bytes(FORBRUG, ["A;2026-01;løn;1"] * (MAKS_RAEKKER + 1))
    job = koer(oekonomichef, "forbrug", data)
    assert job.errors == [
        "Filen har mere end 100.000 rækker. Del den op i flere filer."
    ]
    assert job.rows_total == 0  # refused before any row was validated


def _bombe() -> bytes:
    """A valid workbook whose sheet unpacks to more than MAKS_UDPAKKET bytes (an
    XML comment of spaces) but is well under a megabyte packed."""
    bog = Workbook()
    bog.active.append(["tilbud", "måned", "art", "beløb"])
    ud = io.BytesIO()
    bog.save(ud)
    ind = zipfile.ZipFile(io.BytesIO(ud.getvalue()))
    bombe = io.BytesIO()
    with zipfile.ZipFile(bombe, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in ind.infolist():
            data = ind.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                fyld = b"<!--" + b" " * (MAKS_UDPAKKET + 1) + b"-->"
                data = data.replace(b"<sheetData>", fyld + b"<sheetData>", 1)
            zf.writestr(info.filename, data)
    return bombe.getvalue()


def test_a_workbook_that_unpacks_too_large_is_refused_unread(koer, oekonomichef, db):
    bombe = _bombe()
    assert len(bombe) < 1024 * 1024
    job = koer(oekonomichef, "forbrug", bombe, filnavn="bombe.xlsx")
    assert job.errors == [
        "Excel-filen fylder mere end 64 MB udpakket. Del den op i flere filer."
    ]


# --- Numbers and line numbers ---


@pytest.mark.parametrize(
    "beloeb, forventet",
    [
        ("1.500", Decimal("1500")),  # Danish: one thousand five hundred
        ("1.500,25", Decimal("1500.25")),
        ("-2.000 kr.", Decimal("-2000")),
    ],
)
def test_an_amount_with_a_thousands_dot_is_read_the_danish_way(
    koer, oekonomichef, tilbud_a, takstmodel_2026, beloeb, forventet
):
    job = koer(
        oekonomichef,
        "forbrug",
        csv_bytes(FORBRUG, [f"{tilbud_a.navn};2026-01;løn;{beloeb}"]),
    )
    assert job.status == Importstatus.FAERDIG
    assert Forbrug.objects.get().beloeb == forventet


@pytest.mark.parametrize(
    "beloeb, fejl",
    [
        (
            "12345678901234",
            "Tallet '12345678901234' er for stort (højst 10 cifre før kommaet).",
        ),
        ("1e9999", "'1e9999' i kolonnen 'beløb' er ikke et gyldigt tal."),
        ("1,5E3", "'1,5E3' i kolonnen 'beløb' er ikke et gyldigt tal."),
        ("NaN", "'NaN' i kolonnen 'beløb' er ikke et gyldigt tal."),
    ],
)
def test_an_impossible_amount_is_an_error_for_its_line(
    koer, oekonomichef, tilbud_a, takstmodel_2026, beloeb, fejl
):
    job = koer(
        oekonomichef,
        "forbrug",
        csv_bytes(FORBRUG, [f"{tilbud_a.navn};2026-01;løn;{beloeb}"]),
    )
    assert job.errors == [f"Linje 2: {fejl}"]


def test_hours_written_1_500_are_ambiguous_and_refused(
    koer, raadgiver, tilbud_a, niveau
):
    raekke = f"150585-1237;{tilbud_a.navn};tilgang;2026-02-01;S1;Anna;1.500"
    job = koer(raadgiver, "haendelser", csv_bytes(HAENDELSER, [raekke]))
    assert job.errors == [
        "Linje 2: Tallet '1.500' kan læses på to måder: skriv fx 1500 for tusind "
        "fem hundrede eller 1,5 for halvanden."
    ]


def test_line_numbers_count_blank_lines_and_lines_inside_a_cell(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    navn = tilbud_a.navn
    data = (
        f"tilbud;måned;art;beløb\n"  # line 1
        f"{navn};2026-01;løn;1\n"  # line 2
        "\n"  # line 3
        "\n"  # line 4
        f'{navn};2026-02;"løn\n'  # line 5: a quoted cell over lines 5 and 6
        'x";2\n'
        f"{navn};2026-03;løn;tre\n"  # line 7
    ).encode()
    job = koer(oekonomichef, "forbrug", data)
    assert job.errors == [
        "Linje 5: Ukendt art 'løn\nx' (brug løn, drift eller indtægt).",
        "Linje 7: 'tre' i kolonnen 'beløb' er ikke et gyldigt tal.",
    ]


def test_excel_line_numbers_are_the_sheet_rows(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    bog = Workbook()
    ark = bog.active
    ark.append(["tilbud", "måned", "art", "beløb"])  # row 1
    ark.append([tilbud_a.navn, "2026-01", "løn", 1])  # row 2; rows 3-6 blank
    ark["A7"], ark["B7"], ark["C7"], ark["D7"] = tilbud_a.navn, "2026-02", "løn", "x"
    ud = io.BytesIO()
    bog.save(ud)
    job = koer(oekonomichef, "forbrug", ud.getvalue(), filnavn="f.xlsx")
    assert job.errors == ["Linje 7: 'x' i kolonnen 'beløb' er ikke et gyldigt tal."]


def test_a_workbook_that_states_too_small_a_size_is_read_whole(
    koer, oekonomichef, tilbud_a, takstmodel_2026
):
    """Some writers state the used range wrongly (here A1:D1 over three rows)."""
    bog = Workbook()
    bog.active.append(["tilbud", "måned", "art", "beløb"])
    bog.active.append([tilbud_a.navn, "2026-01", "løn", 1])
    bog.active.append([tilbud_a.navn, "2026-02", "løn", "x"])
    ud = io.BytesIO()
    bog.save(ud)
    ind = zipfile.ZipFile(io.BytesIO(ud.getvalue()))
    skaev = io.BytesIO()
    with zipfile.ZipFile(skaev, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in ind.infolist():
            data = ind.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:D3" />' in data
                data = data.replace(b'ref="A1:D3"', b'ref="A1:D1"')
            zf.writestr(info.filename, data)
    job = koer(oekonomichef, "forbrug", skaev.getvalue(), filnavn="f.xlsx")
    assert job.errors == ["Linje 3: 'x' i kolonnen 'beløb' er ikke et gyldigt tal."]


# --- The same person through Unicode digits ---


def test_normalised_digits_are_ascii():
    assert normaliser_cifre("１５０５８５-１２３７") == "150585-1237"
    assert normaliser_cifre("١٥٠٥٨٥-١٢٣٧") == "150585-1237"  # Arabic-Indic


def test_an_events_file_in_fullwidth_digits_finds_the_known_borger(
    koer, raadgiver, tilbud_a, niveau, anna
):
    # anna is 010190-1234; the file writes her CPR in fullwidth digits.
    raekke = f"０１０１９０-１２３４;{tilbud_a.navn};tilgang;2026-02-01;1;Anna igen;"
    job = koer(raadgiver, "haendelser", csv_bytes(HAENDELSER, [raekke]))
    assert job.status == Importstatus.FAERDIG
    assert Borger.objects.count() == 1
    assert anna.ophold.count() == 1


# --- The sweep ends jobs whose worker died (no locks: by age) ---


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL: by lock, test_import_faults"
)
def test_a_job_running_for_hours_without_locks_is_rejected(oekonomichef):
    job = Importjob.objects.create(
        type="forbrug",
        filnavn="f.csv",
        indhold=b"x",
        created_by=oekonomichef,
        status=Importstatus.VALIDERER,
    )
    frisk = Importjob.objects.create(
        type="forbrug",
        filnavn="f.csv",
        indhold=b"x",
        created_by=oekonomichef,
        status=Importstatus.VALIDERER,
    )
    Importjob.objects.filter(pk=job.pk).update(
        created=timezone.now() - datetime.timedelta(hours=2)
    )
    assert runner.afbryd_forladte() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.errors, bytes(job.indhold)) == (
        Importstatus.AFVIST,
        [runner.AFBRUDT],
        b"",
    )
    assert Importjob.objects.get(pk=frisk.pk).status == Importstatus.VALIDERER


def test_a_queued_job_whose_message_was_lost_is_sent_again(
    oekonomichef, tilbud_a, takstmodel_2026
):
    from budgets.tasks import importjob_oprydning_task

    data = csv_bytes(FORBRUG, [f"{tilbud_a.navn};2026-01;løn;100"])
    job = Importjob.objects.create(  # queued, but no task was ever sent for it
        type="forbrug", filnavn="f.csv", indhold=data, created_by=oekonomichef
    )
    importjob_oprydning_task.delay()
    assert Importjob.objects.get(pk=job.pk).status == Importstatus.VENTER  # too new
    Importjob.objects.filter(pk=job.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=11)
    )
    importjob_oprydning_task.delay()  # eager here: the resent task runs at once
    assert Importjob.objects.get(pk=job.pk).status == Importstatus.AFVENTER_GODKENDELSE
