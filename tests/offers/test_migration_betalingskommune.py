"""The data migration moves each borger's betalingskommune into a dated row."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

FOER = [("offers", "0004_betalingskommune_periode")]
EFTER = [("offers", "0005_betalingskommune_fra_borger")]


def _migrer(maal):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(maal)
    return executor.loader.project_state(maal).apps


@pytest.fixture
def gamle_apps(transactional_db):
    apps = _migrer(FOER)
    yield apps
    _migrer(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _borger(apps, navn: str, kode: str):
    Borger = apps.get_model("offers", "Borger")
    return Borger.objects.create(
        navn=navn,
        cpr_krypteret="x",
        cpr_hash=navn,
        cpr_maskeret="010190-xxxx",
        betalingskommune=kode,
    )


def _ophold(apps, borger, tilgang: datetime.date) -> None:
    Tilbud = apps.get_model("offers", "Tilbud")
    Ophold = apps.get_model("offers", "Ophold")
    tilbud, _ = Tilbud.objects.get_or_create(
        navn="T", defaults={"tilbudstype": "bofaellesskab", "pladser": 8}
    )
    Ophold.objects.create(borger=borger, tilbud=tilbud, tilgang=tilgang)


def _perioder(apps) -> dict[str, list[tuple[str, datetime.date]]]:
    Betalingskommune = apps.get_model("offers", "Betalingskommune")
    result: dict[str, list] = {}
    for b in Betalingskommune.objects.order_by("gyldig_fra").select_related("borger"):
        result.setdefault(b.borger.navn, []).append((b.kommunekode, b.gyldig_fra))
    return result


def test_each_sold_borger_gets_a_row_from_the_first_tilgang(gamle_apps):
    solgt = _borger(gamle_apps, "Solgt", "751")
    _ophold(gamle_apps, solgt, datetime.date(2024, 3, 1))
    _ophold(gamle_apps, solgt, datetime.date(2019, 5, 1))
    egen = _borger(gamle_apps, "Egen", "")
    _ophold(gamle_apps, egen, datetime.date(2020, 1, 1))
    _borger(gamle_apps, "Uden ophold", "730")
    apps = _migrer(EFTER)
    assert _perioder(apps) == {
        "Solgt": [("751", datetime.date(2019, 5, 1))],
        "Uden ophold": [("730", datetime.date(2000, 1, 1))],
    }
