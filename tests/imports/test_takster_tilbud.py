"""Issue 17: the takster workbook round-trips the ekstratimer's share and, on
the sheet "Tilbud", every tilbud's settings for the year with the dagspris
fields of STU and dagtilbud; a bad value is refused in Danish, nothing written.

STU Ahorn: ramme, 640 kr. pr. dag, all calendar days, dimensioneret til 10
(12 pladser). Dagtilbud Birk § 103: hybrid, 156.000 kr. pr. år, weekdays.
(Pladsandel is the placement's, carried by the hændelser import.)
"""

import io
from decimal import Decimal

import openpyxl
import pytest

from budgets import services as budget_services
from budgets.imports.takster import (
    UKENDT_TILBUD,
    eksport_xlsx,
    takstdata_for,
    tilbud_for_aar,
)
from budgets.models import Importstatus, TilbudAar
from budgets.services import DIMENSIONERET_KRAEVER
from offers.models import Tilbud
from tariffs.models import Timeprismodel
from tariffs.selectors import takstmodel_for_aar
from tariffs.services import timeprismodel_save

D = Decimal


def _aar(tilbud, **felter):
    return budget_services.tilbud_aar_save(tilbud=tilbud, aar=2026, **felter)


@pytest.fixture
def bog(oekonomichef, takstmodel_2026, tilbud_a, tilbud_b):
    tp = takstmodel_2026.timeprismodel
    timeprismodel_save(
        acting_user=oekonomichef,
        timeprismodel=tp,
        aar=2026,
        navn=tp.navn,
        aarsloen=tp.aarsloen,
        aarsnorm_timer=tp.aarsnorm_timer,
        fravaer=[{"kategori": "ferie", "procent": D("17")}],
        tidsanvendelse=[{"kategori": "pauser", "procent": D("35")}],
        ekstratimer_direkte_procent=D("85"),
    )
    Tilbud.objects.filter(pk=tilbud_a.pk).update(tilbudstype="stu")
    Tilbud.objects.filter(pk=tilbud_b.pk).update(tilbudstype="dagtilbud_103")
    _aar(
        tilbud_a,
        pladser=12,
        tildelingsprincip="ramme",
        forudsat_belaegning=D("97"),
        reguleringsandel=D("100"),
        dagspris=D("640"),
        dagspris_enhed="dag",
        dagsgrundlag="kalenderdage",
        dimensioneret_til=10,
        acting_user=oekonomichef,
    )
    _aar(
        tilbud_b,
        pladser=20,
        tildelingsprincip="hybrid",
        forudsat_belaegning=D("95"),
        reguleringsandel=D("50"),
        dagspris=D("156000"),
        dagspris_enhed="aar",
        dagsgrundlag="hverdage",
        acting_user=oekonomichef,
    )
    return eksport_xlsx(takstmodel_for_aar(2026))


def _nulstil(oekonomichef, *tilbud):
    """Every tilbud back to a plain hybrid year without dagspris."""
    for t in tilbud:
        _aar(
            t,
            pladser=8,
            tildelingsprincip="hybrid",
            forudsat_belaegning=D("97"),
            reguleringsandel=D("100"),
            acting_user=oekonomichef,
        )


def _ret(bog: bytes, ark: str, celle: str, vaerdi) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(bog))
    wb[ark][celle] = vaerdi
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


def test_the_workbook_has_the_tilbud_sheet_and_the_share(bog):
    wb = openpyxl.load_workbook(io.BytesIO(bog))
    raekker = list(wb["Tilbud"].iter_rows(values_only=True))
    assert raekker[0] == (
        "tilbud",
        "pladser",
        "tildelingsprincip",
        "forudsat belægning",
        "reguleringsandel",
        "gennemsnitstakst",
        "dagspris",
        "dagspris enhed",
        "dagsgrundlag",
        "dimensioneret til",
        "timeprismodel",
    )
    assert raekker[1] == (
        "Bofællesskabet Ahorn",
        12,
        "ramme",
        97,
        100,
        None,
        640,
        "dag",
        "kalenderdage",
        10,
        None,  # the takstmodel's timeprismodel
    )
    assert raekker[2][0] == "Botilbuddet Birk"
    assert raekker[2][6:9] == (156000, "aar", "hverdage")
    timepris = list(wb["Timeprismodel"].iter_rows(values_only=True))
    assert (timepris[0][-1], timepris[1][-1]) == ("ekstratimer direkte procent", 85)


def test_export_then_import_gives_back_the_same_data(
    koer, oekonomichef, bog, tilbud_a, tilbud_b
):
    foer = takstdata_for(takstmodel_for_aar(2026))
    _nulstil(oekonomichef, tilbud_a, tilbud_b)
    tp = Timeprismodel.objects.get(aar=2026)
    tp.ekstratimer_direkte_procent = None
    tp.save()
    assert takstdata_for(takstmodel_for_aar(2026)) != foer
    job = koer(oekonomichef, "takster", bog, "takster.xlsx")
    assert job.status == Importstatus.FAERDIG, job.errors
    assert takstdata_for(takstmodel_for_aar(2026)) == foer
    stu = TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2026)
    assert (stu.dagspris, stu.dimensioneret_til, stu.tildelingsprincip) == (
        D("640"),
        10,
        "ramme",
    )
    dag = TilbudAar.objects.get(tilbud=tilbud_b, budgetaar__aar=2026)
    assert (dag.dagspris, dag.dagspris_enhed, dag.dagsgrundlag) == (
        D("156000"),
        "aar",
        "hverdage",
    )


def test_reimporting_an_unchanged_workbook_writes_nothing(koer, oekonomichef, bog):
    historik = TilbudAar.history.count() + Timeprismodel.history.count()
    job = koer(oekonomichef, "takster", bog, "takster.xlsx")
    assert job.resultat["aendret"] == 0
    assert TilbudAar.history.count() + Timeprismodel.history.count() == historik


def test_a_bad_dagspris_is_refused_in_danish_and_nothing_is_written(
    koer, oekonomichef, bog
):
    foer = tilbud_for_aar(2026)
    bog = _ret(bog, "Timeprismodel", "E2", 90)  # a valid change beside it
    bog = _ret(bog, "Tilbud", "G2", "mange")
    job = koer(oekonomichef, "takster", bog, "takster.xlsx")
    assert job.status == Importstatus.AFVIST
    assert job.errors == [
        "Ark 'Tilbud', linje 2: 'mange' i kolonnen 'dagspris' er ikke et gyldigt tal."
    ]
    assert tilbud_for_aar(2026) == foer
    assert Timeprismodel.objects.get(aar=2026).ekstratimer_direkte_procent == 85


# Line 2 is the STU, Ahorn (the sheet lists the tilbud by name).
@pytest.mark.parametrize(
    ("celle", "vaerdi", "besked"),
    [
        ("C2", "hybrid", DIMENSIONERET_KRAEVER),  # dimensioneret til needs ramme
        ("A2", "Ukendt Hus", UKENDT_TILBUD.format(navn="Ukendt Hus")),
        ("I2", "weekend", "Ukendt dagsgrundlag 'weekend'."),
        (
            "J2",
            "0",
            "'0' i kolonnen 'dimensioneret til' skal være et helt tal på mindst 1.",
        ),
        (
            "D2",
            "120",
            "'120' i kolonnen 'forudsat belægning' skal være mindst 1 og højst 100.",
        ),
    ],
)
def test_each_bad_value_names_its_line(koer, oekonomichef, bog, celle, vaerdi, besked):
    foer = tilbud_for_aar(2026)
    job = koer(oekonomichef, "takster", _ret(bog, "Tilbud", celle, vaerdi), "t.xlsx")
    assert job.errors == [f"Ark 'Tilbud', linje 2: {besked}"]
    assert tilbud_for_aar(2026) == foer


def test_a_workbook_without_the_tilbud_sheet_leaves_the_tilbud(koer, oekonomichef, bog):
    wb = openpyxl.load_workbook(io.BytesIO(bog))
    del wb["Tilbud"]
    ud = io.BytesIO()
    wb.save(ud)
    foer = tilbud_for_aar(2026)
    job = koer(oekonomichef, "takster", ud.getvalue(), "takster.xlsx")
    assert (job.status, job.resultat["aendret"]) == (Importstatus.FAERDIG, 0)
    assert tilbud_for_aar(2026) == foer
