from decimal import Decimal

import pytest

from budgets.models import Budgetaar, Forbrug, Importstatus
from tests.factories import TilbudFactory
from tests.imports.conftest import csv_bytes

HEADER = "tilbud;måned;art;beløb"
ARTER = ("løn", "drift", "indtægt")


@pytest.fixture
def tyve_tilbud(db):
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
    assert job.errors == ["Linje 5002: 'mange penge' er ikke et gyldigt tal."]
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
    Budgetaar.objects.create(aar=2026, laast=True)
    job = koer(oekonomichef, "forbrug", csv_bytes(HEADER, _raekker(1)))
    assert job.errors == ["Linje 2: Budgetåret 2026 er låst."]


def test_missing_column_is_reported(koer, oekonomichef, db):
    job = koer(
        oekonomichef, "forbrug", csv_bytes("tilbud;måned;beløb", ["A;2026-01;1"])
    )
    assert job.errors[0].startswith("Kolonnen 'art' mangler")


def test_excel_file_is_read_too(koer, oekonomichef, tyve_tilbud, tmp_path):
    import pandas as pd

    df = pd.DataFrame(
        {"Tilbud": ["Tilbud 00", "Tilbud 00"], "Måned": ["03-2026", "2026-03"],
         "Art": ["Løn", "løn"], "Beløb": ["1.000,50", "999,50"]}
    )  # fmt: skip
    sti = tmp_path / "forbrug.xlsx"
    df.to_excel(sti, index=False)
    job = koer(oekonomichef, "forbrug", sti.read_bytes(), "forbrug.xlsx")
    assert job.status == Importstatus.FAERDIG
    assert Forbrug.objects.get().beloeb == Decimal("2000.00")
