"""The stamp of the committed data and the shared cache of the central model
keyed by it (issue 13; issue 14 #2: shared state in a shared service).

That no write path leaves the cached model stale (pages, API, imports, admin)
is proved in test_maanedstal_skrivninger.py: each test there reads the cached
central model, writes, and compares the cached read with a computation from
nothing. Here: the stamp itself, and how the cache is read.
"""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from budgets.apps import stemplede_tabeller
from budgets.models import Budgetaar
from budgets.selectors import central_for
from budgets.selectors.central import central_fra_tabellen
from config.lib import datastamp
from offers import services
from offers.models import Tilbud

D = datetime.date
IDAG = D(2026, 6, 30)


@pytest.fixture(autouse=True)
def _tom_cache():
    cache.clear()
    yield
    cache.clear()


def test_every_table_of_the_budget_apps_carries_the_trigger(db):
    # The triggers are made after every migrate (budgets.apps), so a table a
    # later migration adds is watched too; this holds them to every table.
    tabeller = stemplede_tabeller()
    assert {"budgets_maanedstal", "offers_ophold", "tariffs_takstniveau"} <= tabeller
    assert tabeller - datastamp.watched_tables() == set()


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_moves_the_stamp_and_a_rolled_back_one_does_not():
    foer = datastamp.current()
    with transaction.atomic():
        Budgetaar.objects.create(aar=2031)
        transaction.set_rollback(True)
    assert datastamp.current() == foer

    Budgetaar.objects.create(aar=2031)
    efter_opret = datastamp.current()
    assert efter_opret > foer

    # Paths past every Python hook move it as well.
    Budgetaar.objects.filter(aar=2031).update(status="vedtaget")
    efter_update = datastamp.current()
    assert efter_update > efter_opret
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM budgets_budgetaar WHERE aar = 2031")
    assert datastamp.current() > efter_update


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite (the embedded mode) locks a reader out while a write is open",
)
@pytest.mark.django_db(transaction=True)
def test_another_process_sees_the_old_stamp_until_the_write_commits():
    foer = datastamp.current()
    set_fra_anden = []

    def anden_proces():
        try:
            set_fra_anden.append(datastamp.current())
        finally:
            connection.close()  # the thread's own connection

    with transaction.atomic():
        Budgetaar.objects.create(aar=2032)
        t = threading.Thread(target=anden_proces)
        t.start()
        t.join()
    assert set_fra_anden == [foer]
    assert datastamp.current() > foer


@pytest.mark.django_db(transaction=True)
def test_the_central_model_is_read_once_then_from_the_cache_until_a_write(
    v, django_assert_max_num_queries
):
    foerste = central_for(None, 2026, IDAG)
    with django_assert_max_num_queries(1):  # the stamp, nothing else
        assert central_for(None, 2026, IDAG) == foerste

    # Anna's afgang 10.09.2026 commits: the next read is the new model.
    services.borger_afgang(borger=v.anna, dato=D(2026, 9, 10), acting_user=v.raadgiver)
    efter = central_for(None, 2026, IDAG)
    assert efter != foerste
    assert efter == central_fra_tabellen(None, 2026, IDAG)


@pytest.mark.django_db(transaction=True)
def test_each_day_and_each_set_of_tilbud_is_its_own_entry(v):
    alle = central_for(None, 2026, IDAG)
    assert central_for(None, 2026, D(2026, 7, 1)) == central_fra_tabellen(
        None, 2026, D(2026, 7, 1)
    )
    kun_a = central_fra_tabellen(frozenset({v.a.pk}), 2026, IDAG)
    assert [g.navn for g, _ in kun_a.raekker] == [v.a.navn]
    assert central_for(None, 2026, IDAG) == alle


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_model_is_never_taken_from_the_cache(v):
    foer = central_for(None, 2026, IDAG)
    with transaction.atomic():
        # Its own uncommitted write is in what it reads.
        Tilbud.objects.filter(pk=v.a.pk).update(navn="Omdøbt")
        navne = [g.navn for g, _ in central_for(None, 2026, IDAG).raekker]
        transaction.set_rollback(True)
    assert "Omdøbt" in navne
    assert central_for(None, 2026, IDAG) == foer


@pytest.mark.django_db(transaction=True)
def test_a_reader_waits_for_the_process_that_computes():
    # Another process marked the entry as being computed; it stores it shortly.
    noegle = datastamp.key("proeve", datastamp.current(), ("x",))
    cache.add(datastamp.mark(noegle), 1, 60)
    threading.Timer(0.2, lambda: cache.set(noegle, "færdig", 60)).start()

    def beregn_ikke():
        raise AssertionError("beregnet af to processer")

    assert datastamp.cached("proeve", ("x",), beregn_ikke) == "færdig"


@pytest.mark.django_db(transaction=True)
def test_a_reader_computes_itself_when_the_other_computation_fails():
    noegle = datastamp.key("proeve", datastamp.current(), ("y",))
    cache.add(datastamp.mark(noegle), 1, 60)
    threading.Timer(0.2, lambda: cache.delete(datastamp.mark(noegle))).start()
    assert datastamp.cached("proeve", ("y",), lambda: 42) == 42


@pytest.mark.django_db(transaction=True)
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
)
def test_a_cache_that_is_down_is_logged_and_the_value_computed(caplog):
    assert datastamp.cached("proeve", ("z",), lambda: 7) == 7
    assert "Den fælles cache svarer ikke" in caplog.text


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="on SQLite (the embedded mode) any open transaction computes",
)
@pytest.mark.django_db(transaction=True)
def test_a_request_transaction_that_has_only_read_uses_the_cache(
    v, django_assert_max_num_queries
):
    # ATOMIC_REQUESTS wraps every request in a transaction; one that has
    # written nothing has no transaction id and may read the cache.
    foerste = central_for(None, 2026, IDAG)
    with transaction.atomic():
        with django_assert_max_num_queries(1):
            assert central_for(None, 2026, IDAG) == foerste


def _tal_og_tabel(html: str) -> str:
    """The central page's figures and table (the rest carries a fresh CSRF
    token on every rendering)."""
    return html[html.index('<ul class="tv-tal">') : html.index("</table>")]


@pytest.mark.django_db(transaction=True)
def test_the_page_and_the_api_after_a_write_equal_a_fresh_computation(v):
    klient = Client()
    klient.force_login(v.oekonomi)
    side, api = "/budget/?aar=2026", "/api/v1/budgetter/2026/central/"
    side_foer = _tal_og_tabel(klient.get(side).content.decode())
    api_foer = klient.get(api).json()

    # Anna's afgang 10.09.2026, through the API by her rådgiver, commits.
    raadgiver = Client()
    raadgiver.force_login(v.raadgiver)
    svar = raadgiver.post(
        f"/api/v1/borgere/{v.anna.pk}/afgang/",
        {"dato": "2026-09-10"},
        content_type="application/json",
    )
    assert svar.status_code == 200, svar.content
    side_efter = _tal_og_tabel(klient.get(side).content.decode())
    api_efter = klient.get(api).json()
    assert (side_efter != side_foer, api_efter != api_foer) == (True, True)

    cache.clear()  # nothing cached: both computed from the table
    assert _tal_og_tabel(klient.get(side).content.decode()) == side_efter
    assert klient.get(api).json() == api_efter


@pytest.mark.django_db(transaction=True)
def test_an_in_process_value_is_read_from_memory_and_never_after_a_write():
    # A scenario's base (issue 16) is kept in the process as well: the shared
    # cache emptied does not matter until a committed write moves the stamp.
    datastamp.forget_in_process()
    beregninger = []

    def beregn():
        beregninger.append(1)
        return ("værdi", len(beregninger))

    def laes():
        return datastamp.cached("proces", (1,), beregn, in_process=True)

    assert laes() == ("værdi", 1)
    cache.clear()
    assert laes() == ("værdi", 1)  # from this process's memory
    Budgetaar.objects.create(aar=2031)  # a committed write: a new stamp
    assert laes() == ("værdi", 2)
    datastamp.forget_in_process()
    assert laes() == ("værdi", 2)  # from the shared cache
    assert len(beregninger) == 2
