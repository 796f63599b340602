"""A stamp of the committed data, kept by the database, and a shared cache keyed by it.

Why: a read that is expensive and the same for every user (the central
budgetmodel over 1,500 tilbud reads 200,000 stored figures) may be kept in the
shared cache (Redis in production) only if no committed write can leave it
stale, on any path: a page, the API, an import, the admin, a Celery job, a bulk
``QuerySet.update`` or raw SQL. So the stamp is not kept by Python code that a
path might forget but by triggers on every table of the watched apps, in the
same transaction as the write:

* PostgreSQL: a deferred constraint trigger per table runs at COMMIT and moves
  the stamp once per transaction. It takes the stamp's row lock last, just
  before the commit, so it adds no lock-order deadlock to writers that lock
  rows of their own; a TRUNCATE moves it at once.
* SQLite (the embedded mode; one writer at a time): a trigger per row.

A rolled-back transaction leaves the stamp as it was. The stamp is
``max(stamp + 1, now in microseconds)``: it never takes a value again, not
after a restore of an older backup either, so a cached entry under an old
stamp is never read for other data.

``cached`` reads the stamp first and the data after it: a result stored under
stamp S is computed from data at least as new as S. A transaction that has
written must see its own uncommitted writes, which no committed stamp
describes, so it never reads through the cache: on PostgreSQL a transaction
that has written has a transaction id (``txid_current_if_assigned``), and a
request's transaction (ATOMIC_REQUESTS) that has only read may use the cache; on
SQLite any open transaction computes. The cache's "being computed" mark lets one
process compute while the others wait for its result (no herd of 20 equal
computations); a cache that cannot be reached is logged and the value computed.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

T = TypeVar("T")

TABLE = "takstvaerk_datastempel"
TRIGGER = "takstvaerk_stempel"
# How long a cached result is kept at most (a stamp that no write moves, e.g.
# a quiet night, keeps it valid: this only bounds the cache's size).
TIMEOUT_SECONDS = 3600
# A computation marked as running for longer than this is taken as dead.
COMPUTING_SECONDS = 60
# How long a reader waits for another process's computation before it
# computes the value itself.
WAIT_SECONDS = 15.0
POLL_SECONDS = 0.05

_PG_FUNCTIONS = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, n bigint NOT NULL);
INSERT INTO {TABLE} (id, n)
VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION takstvaerk_stempel_flyt() RETURNS void
LANGUAGE sql AS $$
    INSERT INTO {TABLE} (id, n)
    VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT (id) DO UPDATE SET n = greatest({TABLE}.n + 1, EXCLUDED.n)
$$;
CREATE OR REPLACE FUNCTION takstvaerk_stempel_raekke() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Runs at COMMIT for every written row; moves the stamp once per transaction.
    IF current_setting('takstvaerk.stemplet', true) = '1' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('takstvaerk.stemplet', '1', true);
    PERFORM takstvaerk_stempel_flyt();
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION takstvaerk_stempel_saetning() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM takstvaerk_stempel_flyt();
    RETURN NULL;
END $$;
"""

_SQLITE_NOW = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"


def install(tables: Iterable[str], unwatched: Iterable[str] = ()) -> None:
    """Create the stamp and a trigger on each table that has none yet (run after
    every migrate, so a table a later migration adds is watched too), and drop
    it from each ``unwatched`` table (one an older install watched)."""
    existing = set(connection.introspection.table_names())
    tables = sorted(set(tables) & existing)
    unwatched = sorted((set(unwatched) & existing) - set(tables))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _install_postgresql(cursor, tables)
            _uninstall_postgresql(cursor, unwatched)
        elif connection.vendor == "sqlite":
            _install_sqlite(cursor, tables)
            _uninstall_sqlite(cursor, unwatched)
        else:  # pragma: no cover - the product runs on these two
            raise NotImplementedError(connection.vendor)


def _uninstall_postgresql(cursor, tables: list[str]) -> None:
    for table in tables:
        name = connection.ops.quote_name(table)
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {name}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON {name}")


def _uninstall_sqlite(cursor, tables: list[str]) -> None:
    for table in tables:
        for event in ("insert", "update", "delete"):
            trigger = connection.ops.quote_name(f"{TRIGGER}_{event}_{table}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def _install_postgresql(cursor, tables: list[str]) -> None:
    cursor.execute(_PG_FUNCTIONS)
    cursor.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = %s",
        [TRIGGER],
    )
    have = {row[0] for row in cursor.fetchall()}
    for table in tables:
        if table in have:
            continue
        name = connection.ops.quote_name(table)
        cursor.execute(
            f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE "
            f"ON {name} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION takstvaerk_stempel_raekke()"
        )
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON {name} "
            "FOR EACH STATEMENT EXECUTE FUNCTION takstvaerk_stempel_saetning()"
        )


def _install_sqlite(cursor, tables: list[str]) -> None:
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        "(id integer PRIMARY KEY, n integer NOT NULL)"
    )
    cursor.execute(
        f"INSERT INTO {TABLE} (id, n) VALUES (1, {_SQLITE_NOW}) "
        "ON CONFLICT(id) DO NOTHING"
    )
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            trigger = connection.ops.quote_name(f"{TRIGGER}_{event.lower()}_{table}")
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} "
                f"ON {connection.ops.quote_name(table)} BEGIN "
                f"INSERT INTO {TABLE} (id, n) VALUES (1, {_SQLITE_NOW}) "
                f"ON CONFLICT(id) DO UPDATE SET n = max(n + 1, excluded.n); END"
            )


def watched_tables() -> set[str]:
    """The tables that carry the stamp's trigger (for the check that all do)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                [TRIGGER],
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE %s",
            [f"{TRIGGER}_%"],
        )
        return {row[0] for row in cursor.fetchall()}


def current() -> int | None:
    """The stamp of the committed data (None: not installed or just emptied)."""
    row = _stamp_row("TRUE")
    return None if row is None else row[0]


def _stamp_for_this_read() -> int | None:
    """The committed stamp, or None if this connection's transaction has written
    (or the stamp cannot be read): then the caller computes."""
    if connection.vendor != "postgresql":
        return None if connection.in_atomic_block else current()
    row = _stamp_row("txid_current_if_assigned() IS NULL")
    return None if row is None or not row[1] else row[0]


def _stamp_row(clean: str) -> tuple | None:
    """(stamp, ``clean``) read from the table; None if it cannot be read."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT n, {clean} FROM {TABLE} WHERE id = 1")
            return cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise  # the transaction is broken; the caller's error, not ours
        return None


def cached(
    name: str, parts: tuple, compute: Callable[[], T], in_process: bool = False
) -> T:
    """``compute()``, kept in the shared cache under the stamp of the data.

    ``parts`` are everything else the result depends on (the year, the day,
    whose tilbud): their repr is part of the key.

    ``in_process``: the value is also kept in this process's memory (the last
    few keys, ``_Local``) and read from there first. For a large value that
    costs seconds to unpickle (a scenario's base holds 50,000 stays); the key
    carries the stamp, so a local entry is as fresh as a shared one. The value
    must not be mutated by its readers (frozen dataclasses, tuples).
    """
    stamp = _stamp_for_this_read()  # before the data (module docstring)
    if stamp is None:
        return compute()
    cache_key = key(name, stamp, parts)
    if in_process:
        value = _local.get(cache_key)
        if value is not _MISSING:
            return value
    try:
        value = _through_cache(cache_key, compute)
    except _CacheDown as exc:
        logger.warning("Den fælles cache svarer ikke (%s); beregnes uden", exc)
        value = compute()
    if in_process:
        _local.put(cache_key, value)
    return value


class _Local:
    """The last ``SIZE`` values ``cached(..., in_process=True)`` saw, by key."""

    SIZE = 4

    def __init__(self) -> None:
        self._values: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, cache_key: str):
        with self._lock:
            value = self._values.get(cache_key, _MISSING)
            if value is not _MISSING:
                self._values.move_to_end(cache_key)
            return value

    def put(self, cache_key: str, value: object) -> None:
        with self._lock:
            self._values[cache_key] = value
            self._values.move_to_end(cache_key)
            while len(self._values) > self.SIZE:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def key(name: str, stamp: int, parts: tuple) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"takstvaerk:{name}:{stamp}:{digest}"


def mark(cache_key: str) -> str:
    """The entry that says another process is computing ``cache_key``."""
    return f"{cache_key}:beregnes"


class _CacheDown(Exception):
    pass


_MISSING = object()
_local = _Local()


def forget_in_process() -> None:
    """Drop this process's copies (``cached(..., in_process=True)``)."""
    _local.clear()


def _get(key: str):
    try:
        return cache.get(key, _MISSING)
    except Exception as exc:  # a Redis that is down, or a value of an old format
        raise _CacheDown(type(exc).__name__) from exc


def _through_cache(key: str, compute: Callable[[], T]) -> T:
    value = _get(key)
    if value is not _MISSING:
        return value
    computing = mark(key)
    try:
        mine = cache.add(computing, 1, COMPUTING_SECONDS)
    except Exception as exc:
        raise _CacheDown(type(exc).__name__) from exc
    if not mine:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            value = _get(key)
            if value is not _MISSING:
                return value
            if _get(computing) is _MISSING:
                break  # it failed (or was taken as dead): compute it here
    try:
        value = compute()
        try:
            cache.set(key, value, TIMEOUT_SECONDS)
        except Exception as exc:
            logger.warning("Kunne ikke gemme i den fælles cache (%s)", exc)
        return value
    finally:
        if mine:
            try:
                cache.delete(computing)
            except Exception:  # the value is computed; the mark times out
                pass
