from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets import services
from budgets.imports import forbrug, runner
from budgets.models import Budgetaar, Forbrug, Importstatus
from tests.factories import TilbudFactory
from tests.imports.conftest import csv_bytes

HEADER = "tilbud;måned;art;beløb"
ARTER = ("løn", "drift", "indtægt")


@pytest.fixture
def tyve_tilbud(takstmodel_2026):  # 2026 is a budget year: it has a takstmodel
    return [TilbudFactory(navn=f"Tilbud {n:02d}") for n in range(20)]


def _raekker(antal: int) -> list[str]:
    """Postings of 1.234,56 kr. spread over 20 tilbud, 12 months and 3 arts."""
    return [
        f"Tilbud {i % 20:02d};2026-{i % 12 + 1:02d};{ARTER[i % 3]};1.234,56"
        for i in range(antal)
    ]


@pytest.fixture
def fil_10000(tyve_tilbud):
    return csv_bytes(HEADER, _raekker(10_000))


def test_10000_rows_are_summed_per_tilbud_month_and_art(koer, oekonomichef, fil_10000):
    job = koer(oekonomichef, "forbrug", fil_10000)
    assert job.status == Importstatus.FAERDIG
    total = sum(Forbrug.objects.values_list("beloeb", flat=True))
    assert total == Decimal("1234.56") * 10_000


def test_progress_reaches_all_rows(koer, oekonomichef, fil_10000):
    job = koer(oekonomichef, "forbrug", fil_10000)
    assert (job.rows_done, job.rows_total) == (10_000, 10_000)


def test_reimporting_the_same_file_changes_nothing(koer, oekonomichef, fil_10000):
    koer(oekonomichef, "forbrug", fil_10000)
    historik = Forbrug.history.count()
    job = koer(oekonomichef, "forbrug", fil_10000)
    assert (job.resultat["aendret"], Forbrug.history.count()) == (0, historik)


def test_one_bad_row_in_the_middle_rejects_the_whole_file(
    koer, oekonomichef, tyve_tilbud
):
    raekker = _raekker(10_000)
    raekker[5_000] = "Tilbud 01;2026-03;løn;mange penge"
    job = koer(oekonomichef, "forbrug", csv_bytes(HEADER, raekker))
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Linje 5002: 'mange penge' i kolonnen 'beløb' er ikke et gyldigt tal."
    ]
    assert not Forbrug.objects.exists()


def test_every_bad_row_is_reported_with_its_line(koer, oekonomichef, tyve_tilbud):
    raekker = _raekker(10)
    raekker[2] = "Ukendt;2026-13;løn;1"
    raekker[7] = "Tilbud 01;2026-03;husleje;1"
    job = koer(oekonomichef, "forbrug", csv_bytes(HEADER, raekker))
    assert job.errors == [
        "Linje 4: Ukendt tilbud 'Ukendt'.",
        "Linje 4: Måneden '2026-13' skal skrives som ÅÅÅÅ-MM (fx 2026-03).",
        "Linje 9: Ukendt art 'husleje' (brug løn, drift eller indtægt).",
    ]


def test_a_locked_year_rejects_the_file(koer, oekonomichef, tyve_tilbud):
    Budgetaar.objects.create(aar=2026, status="lukket")
    job = koer(oekonomichef, "forbrug", csv_bytes(HEADER, _raekker(1)))
    assert job.errors == [
        "Linje 2: Budgetåret 2026 er lukket; intet, der ændrer årets tal, kan gemmes."
    ]


def test_missing_column_is_reported(koer, oekonomichef, db):
    job = koer(
        oekonomichef, "forbrug", csv_bytes("tilbud;måned;beløb", ["A;2026-01;1"])
    )
    assert job.errors[0].startswith("Kolonnen 'art' mangler")


def test_excel_file_is_read_too(koer, oekonomichef, tyve_tilbud, tmp_path):
    import pandas as pd

    df = pd.DataFrame(
        {
            "Tilbud": ["Tilbud 00", "Tilbud 00"],
            "Måned": ["03-2026", "2026-03"],
            "Art": ["Løn", "løn"],
            "Beløb": ["1.000,50", "999,50"],
        }
    )
    sti = tmp_path / "forbrug.xlsx"
    df.to_excel(sti, index=False)
    job = koer(oekonomichef, "forbrug", sti.read_bytes(), "forbrug.xlsx")
    assert job.status == Importstatus.FAERDIG
    assert Forbrug.objects.get().beloeb == Decimal("2000.00")


# --- Issue 12 item 14: a preview before anything is written; only budgeted years ---


@pytest.fixture
def solbakken(oekonomichef, takstmodel_2026):
    """Solbakken with November 2026 løn already imported: 4,200,000.50 kr."""
    tilbud = TilbudFactory(navn="Solbakken")
    services.forbrug_save(
        tilbud_id=tilbud.pk,
        budgetaar=services.budgetaar_aabent(2026),
        maaned=11,
        art="loen",
        beloeb=Decimal("4200000.50"),
        acting_user=oekonomichef,
    )
    return tilbud


# Two postings for the same tilbud, month and art are summed: 0,40 + 0,60 = 1,00 kr.
SOLBAKKEN_NOV_1_KR = csv_bytes(
    HEADER, ["Solbakken;2026-11;løn;0,40", "Solbakken;2026-11;løn;0,60"]
)


def test_preview_shows_the_changed_month_before_and_after(
    koer, oekonomichef, solbakken
):
    job = koer(oekonomichef, "forbrug", SOLBAKKEN_NOV_1_KR, godkend=False)
    assert job.status == Importstatus.AFVENTER_GODKENDELSE
    # One month changes, 4,200,000.50 -> 1.00; the file's lines 2 and 3 make it.
    assert job.forhaandsvisning["raekker"] == [
        {
            "tilbud_id": solbakken.pk,
            "tilbud": "Solbakken",
            "aar": 2026,
            "maaned": 11,
            "art": "loen",
            "art_tekst": "Løn",
            "foer": "4200000.50",
            "efter": "1.00",
            "status": "aendret",
            "linjer": [2, 3],
        }
    ]
    assert (job.forhaandsvisning["aendret"], job.forhaandsvisning["ny"]) == (1, 0)


def test_nothing_is_written_before_the_preview_is_confirmed(
    koer, oekonomichef, solbakken
):
    historik = Forbrug.history.count()
    koer(oekonomichef, "forbrug", SOLBAKKEN_NOV_1_KR, godkend=False)
    assert Forbrug.objects.get().beloeb == Decimal("4200000.50")
    assert Forbrug.history.count() == historik


def test_confirming_the_preview_writes_the_new_amount(koer, oekonomichef, solbakken):
    job = koer(oekonomichef, "forbrug", SOLBAKKEN_NOV_1_KR)
    assert job.status == Importstatus.FAERDIG
    assert Forbrug.objects.get().beloeb == Decimal("1.00")  # 0,40 + 0,60
    assert (job.resultat["aendret"], job.resultat["ny"]) == (1, 0)


def test_a_change_after_the_preview_refuses_the_write(koer, oekonomichef, solbakken):
    job = koer(oekonomichef, "forbrug", SOLBAKKEN_NOV_1_KR, godkend=False)
    Forbrug.objects.update(beloeb=Decimal("5.00"))  # someone else, after the preview
    services.importjob_godkend(job=job, acting_user=oekonomichef)
    job = runner.importjob_run(job_id=job.pk)
    assert (job.status, job.errors) == (Importstatus.AFVIST, [forbrug.DATA_AENDRET])
    assert Forbrug.objects.get().beloeb == Decimal("5.00")


def test_a_cancelled_preview_writes_nothing(koer, oekonomichef, solbakken):
    job = koer(oekonomichef, "forbrug", SOLBAKKEN_NOV_1_KR, godkend=False)
    services.importjob_annuller(job=job, acting_user=oekonomichef)
    job.refresh_from_db()
    assert job.status == Importstatus.ANNULLERET
    assert Forbrug.objects.get().beloeb == Decimal("4200000.50")


def test_a_preview_cannot_be_confirmed_twice(koer, oekonomichef, solbakken):
    job = koer(oekonomichef, "forbrug", SOLBAKKEN_NOV_1_KR)
    with pytest.raises(ValidationError) as err:
        services.importjob_godkend(job=job, acting_user=oekonomichef)
    assert err.value.messages == [services.IKKE_TIL_GODKENDELSE]


def test_a_month_of_a_year_without_a_takstmodel_is_refused_with_its_line(
    koer, oekonomichef, takstmodel_2026
):
    TilbudFactory(navn="Solbakken")
    fil = csv_bytes(HEADER, ["Solbakken;2026-03;løn;100,00", "Solbakken;2031-01;løn;1"])
    job = koer(oekonomichef, "forbrug", fil, godkend=False)
    assert (job.status, job.errors) == (
        Importstatus.AFVIST,
        [f"Linje 3: {forbrug.AAR_UDEN_BUDGET.format(aar=2031)}"],
    )
    assert not Forbrug.objects.exists()
    assert not Budgetaar.objects.filter(aar=2031).exists()
