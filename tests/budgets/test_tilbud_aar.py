"""A tilbud's settings per budget year (issue 13 #1): a låst year never moves.

Tilbud A has 8 pladser and 97 % forudsat belægning (tests/conftest.py); 2026 is
låst and 2027 is open.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.audit import aendringer
from budgets.models import Budgetaar, Maanedstal, TilbudAar
from budgets.selectors import central_for
from budgets.services import AAR_LAAST, AarLaast, tilbud_aar_save, tilbud_save
from config.lib.roles import roller_for
from offers import services as offers_services
from tests.factories import BudgetaarFactory
from tests.maanedstal import central_fra_bunden, fra_bunden, tabel

IDAG = datetime.date(2026, 6, 30)

NYT_AAR = {
    "pladser": 10,
    "tildelingsprincip": "aktivitet",
    "forudsat_belaegning": Decimal("95"),
    "reguleringsandel": Decimal("50"),
}


@pytest.fixture
def aar_2026_laast(db):
    return BudgetaarFactory(aar=2026, status="lukket")


@pytest.fixture
def aar_2027(db):
    return BudgetaarFactory(aar=2027)


def _pladser(tilbud) -> dict[int, int]:
    rows = TilbudAar.objects.filter(tilbud=tilbud)
    return dict(rows.values_list("budgetaar__aar", "pladser"))


def test_setting_2027_changes_only_2027(
    tilbud_a, aar_2026_laast, aar_2027, oekonomichef
):
    tilbud_save(tilbud=tilbud_a, pladser=8, acting_user=oekonomichef)  # rows for both
    tilbud_aar_save(tilbud=tilbud_a, aar=2027, acting_user=oekonomichef, **NYT_AAR)
    assert _pladser(tilbud_a) == {2026: 8, 2027: 10}


def test_setting_a_year_leaves_the_tilbuds_own_settings(
    tilbud_a, aar_2027, oekonomichef
):
    tilbud_aar_save(tilbud=tilbud_a, aar=2027, acting_user=oekonomichef, **NYT_AAR)
    tilbud_a.refresh_from_db()
    assert (tilbud_a.pladser, tilbud_a.tildelingsprincip) == (8, "hybrid")


def test_setting_a_year_stores_all_four_settings(tilbud_a, aar_2027, oekonomichef):
    raekke = tilbud_aar_save(
        tilbud=tilbud_a, aar=2027, acting_user=oekonomichef, **NYT_AAR
    )
    raekke.refresh_from_db()
    assert (
        raekke.pladser,
        raekke.tildelingsprincip,
        raekke.forudsat_belaegning,
        raekke.reguleringsandel,
    ) == (10, "aktivitet", Decimal("95"), Decimal("50"))


def test_a_laast_year_is_refused_and_nothing_is_written(
    tilbud_a, aar_2026_laast, oekonomichef
):
    with pytest.raises(AarLaast) as err:
        tilbud_aar_save(tilbud=tilbud_a, aar=2026, acting_user=oekonomichef, **NYT_AAR)
    assert err.value.message_dict == {"aar": [AAR_LAAST.format(aar=2026)]}
    assert not TilbudAar.objects.exists()


def test_zero_pladser_for_a_year_is_a_field_error(tilbud_a, aar_2027, oekonomichef):
    with pytest.raises(ValidationError) as err:
        tilbud_aar_save(
            tilbud=tilbud_a,
            aar=2027,
            acting_user=oekonomichef,
            **{**NYT_AAR, "pladser": 0},
        )
    assert list(err.value.message_dict) == ["pladser"]
    assert not TilbudAar.objects.exists()


def test_changing_the_tilbud_leaves_a_laast_year_as_it_was(
    tilbud_a, aar_2026_laast, aar_2027, oekonomichef
):
    # 2026 has no row of its own yet: it is given one with the old 8 pladser.
    tilbud_save(tilbud=tilbud_a, pladser=10, acting_user=oekonomichef)
    assert _pladser(tilbud_a) == {2026: 8, 2027: 10}


def test_changing_the_principle_leaves_a_laast_year_as_it_was(
    tilbud_a, aar_2026_laast, aar_2027, oekonomichef
):
    tilbud_save(tilbud=tilbud_a, tildelingsprincip="ramme", acting_user=oekonomichef)
    principper = dict(
        TilbudAar.objects.values_list("budgetaar__aar", "tildelingsprincip")
    )
    assert principper == {2026: "hybrid", 2027: "ramme"}


def test_changing_the_tilbud_keeps_a_years_other_settings(
    tilbud_a, aar_2027, oekonomichef
):
    tilbud_aar_save(tilbud=tilbud_a, aar=2027, acting_user=oekonomichef, **NYT_AAR)
    tilbud_save(tilbud=tilbud_a, pladser=12, acting_user=oekonomichef)
    raekke = TilbudAar.objects.get(tilbud=tilbud_a)
    assert (raekke.pladser, raekke.tildelingsprincip) == (12, "aktivitet")


def test_changing_only_the_name_writes_no_year(
    tilbud_a, aar_2026_laast, aar_2027, oekonomichef
):
    tilbud_save(tilbud=tilbud_a, navn="Nyt navn", acting_user=oekonomichef)
    assert not TilbudAar.objects.exists()


def test_a_new_tilbud_gets_rows_in_the_open_years_only(
    aar_2026_laast, aar_2027, oekonomichef
):
    tilbud = tilbud_save(
        navn="Botilbuddet Eg",
        tilbudstype="botilbud_108",
        acting_user=oekonomichef,
        **NYT_AAR,
    )
    assert _pladser(tilbud) == {2027: 10}


def test_a_refused_tilbud_change_writes_no_year(
    tilbud_a, aar_2026_laast, aar_2027, oekonomichef
):
    with pytest.raises(ValidationError):
        tilbud_save(tilbud=tilbud_a, pladser=0, acting_user=oekonomichef)
    assert not TilbudAar.objects.exists()


def test_the_history_names_who_changed_a_year_and_what(
    tilbud_a, aar_2027, oekonomichef
):
    tilbud_aar_save(
        tilbud=tilbud_a,
        aar=2027,
        acting_user=oekonomichef,
        **{**NYT_AAR, "pladser": 8},
    )
    tilbud_aar_save(tilbud=tilbud_a, aar=2027, acting_user=oekonomichef, **NYT_AAR)
    seneste = TilbudAar.objects.get().history.first()
    assert seneste.history_user == oekonomichef
    assert [(a.felt, a.foer, a.efter) for a in aendringer(seneste)] == [
        ("pladser", 8, 10)
    ]


def test_an_unchanged_year_gets_no_history_row(tilbud_a, aar_2027, oekonomichef):
    for _ in range(2):
        tilbud_aar_save(tilbud=tilbud_a, aar=2027, acting_user=oekonomichef, **NYT_AAR)
    assert TilbudAar.objects.get().history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_tilbud_and_year_the_tilbuds_settings():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    foer, efter = (
        [("budgets", "0006_tilbud_aar")],
        [("budgets", "0007_tilbud_aar_udfyld")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(foer)
    apps = executor.loader.project_state(foer).apps
    tilbud = apps.get_model("offers", "Tilbud").objects.create(
        navn="Rammen",
        tilbudstype="stu",
        pladser=6,
        tildelingsprincip="ramme",
        forudsat_belaegning=Decimal("95"),
        reguleringsandel=Decimal("40"),
    )
    for aar in (2025, 2026):
        apps.get_model("budgets", "Budgetaar").objects.create(aar=aar)
    executor = MigrationExecutor(connection)  # sees the rolled-back state
    executor.migrate(efter)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = TilbudAar.objects.filter(tilbud_id=tilbud.pk).order_by("budgetaar__aar")
    assert [
        (
            r.budgetaar.aar,
            r.pladser,
            r.tildelingsprincip,
            r.forudsat_belaegning,
            r.reguleringsandel,
            r.history.count(),
        )
        for r in rows
    ] == [
        (2025, 6, "ramme", Decimal("95"), Decimal("40"), 1),
        (2026, 6, "ramme", Decimal("95"), Decimal("40"), 1),
    ]


def test_the_admin_refuses_to_change_a_laast_year(
    admin_client, tilbud_a, aar_2026_laast
):
    raekke = TilbudAar.objects.create(
        tilbud=tilbud_a,
        budgetaar=aar_2026_laast,
        pladser=8,
        tildelingsprincip="hybrid",
        forudsat_belaegning=97,
        reguleringsandel=100,
    )
    data = {
        "tilbud": tilbud_a.pk,
        "budgetaar": aar_2026_laast.pk,
        "pladser": 10,
        "tildelingsprincip": "hybrid",
        "forudsat_belaegning": "97",
        "reguleringsandel": "100",
    }
    response = admin_client.post(f"/admin/budgets/tilbudaar/{raekke.pk}/change/", data)
    assert AAR_LAAST.format(aar=2026) in response.content.decode()
    raekke.refresh_from_db()
    assert raekke.pladser == 8


# --- The stored monthly figures (budgets.models.Maanedstal) never go stale ------


@pytest.fixture
def gemt_central(tilbud_a, faste_a, niveau, raadgiver, oekonomichef):
    """Anna in tilbud A from 1 February 2026; the central rows are stored."""
    anna = offers_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return _fra_gemte(oekonomichef)


def _fra_gemte(user):
    return central_for(user, 2026, IDAG)


def _fra_bunden(user):
    return central_fra_bunden(user, 2026, IDAG)


def test_a_years_settings_show_in_the_central_model_from_stored_rows(
    gemt_central, tilbud_a, oekonomichef
):
    tilbud_aar_save(
        tilbud=tilbud_a,
        aar=2026,
        acting_user=oekonomichef,
        **{**NYT_AAR, "tildelingsprincip": "hybrid"},
    )
    efter = _fra_gemte(oekonomichef)
    assert (efter != gemt_central, efter) == (True, _fra_bunden(oekonomichef))


def test_a_row_changed_in_the_admin_shows_in_the_central_model_from_stored_rows(
    gemt_central, tilbud_a, oekonomichef, admin_client
):
    tilbud_aar_save(
        tilbud=tilbud_a,
        aar=2026,
        acting_user=oekonomichef,
        **{**NYT_AAR, "pladser": 8, "tildelingsprincip": "hybrid"},
    )
    foer = _fra_gemte(oekonomichef)
    raekke = TilbudAar.objects.get(tilbud=tilbud_a)
    svar = admin_client.post(
        f"/admin/budgets/tilbudaar/{raekke.pk}/change/",
        {
            "tilbud": tilbud_a.pk,
            "budgetaar": Budgetaar.objects.get(aar=2026).pk,
            "pladser": "8",
            "tildelingsprincip": "hybrid",
            "forudsat_belaegning": "80",
            "reguleringsandel": "50",
            # Issue 17's settings, as the admin's form shows them.
            "dagspris_enhed": "dag",
            "dagsgrundlag": "kalenderdage",
        },
    )
    efter = _fra_gemte(oekonomichef)
    assert (svar.status_code, efter != foer, tabel()) == (302, True, fra_bunden())
    assert efter == _fra_bunden(oekonomichef)


def test_reading_the_years_settings_does_not_grow_with_the_number_of_tilbud(
    takstmodel_2026, oekonomichef
):
    BudgetaarFactory(aar=2026)

    def add_tilbud(n):  # each with its own row for 2026
        tilbud_save(
            navn=f"Tilbud {n}",
            tilbudstype="stu",
            acting_user=oekonomichef,
            **{**NYT_AAR, "pladser": n},
        )

    def count() -> int:
        roller_for(oekonomichef)
        Maanedstal.objects.all().delete()  # every tilbud computed: reads settings
        with CaptureQueriesContext(connection) as ctx:
            central_for(oekonomichef, 2026, IDAG)
        return len(ctx.captured_queries)

    add_tilbud(1)
    few = count()
    for n in range(2, 7):
        add_tilbud(n)
    assert (TilbudAar.objects.count(), count()) == (6, few)


def test_the_tilbud_admin_does_not_change_the_years_settings(admin_client, tilbud_a):
    data = {
        "navn": "Nyt navn",
        "tilbudstype": tilbud_a.tilbudstype,
        "pladser": 10,
        "tildelingsprincip": "ramme",
        "forudsat_belaegning": "97",
        "reguleringsandel": "100",
    }
    admin_client.post(f"/admin/offers/tilbud/{tilbud_a.pk}/change/", data)
    tilbud_a.refresh_from_db()
    assert (tilbud_a.navn, tilbud_a.pladser) == ("Nyt navn", 8)
