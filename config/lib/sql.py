"""A list of ids in a query as one array parameter on PostgreSQL.

``field IN (%s, %s, …)`` with 1,500 tilbud ids costs psycopg's client-side
binding (Django's default) a parse of the query text per placeholder, every
read of the central model; ``field = ANY(%s)`` sends the list as one array.
SQLite has no arrays and keeps ``IN``.
"""

from collections.abc import Iterable

import numpy as np
import psycopg
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.lookups import In


class IListe(In):
    """``filter(IListe(F("tilbud_id"), ids))``: the rows whose field is in ids."""

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        vaerdier = [v for v in self.rhs if v is not None]
        return f"{lhs} = ANY(%s)", (*lhs_params, vaerdier)


def i_liste(felt: str, ids: Iterable[int]) -> IListe:
    return IListe(F(felt), [int(i) for i in ids])


def raa_raekker(queryset: QuerySet, *felter) -> list[tuple]:
    """``queryset.values_list(*felter)`` as the database driver gives the rows,
    past the ORM's per-value converters, on every database: for columns whose
    raw values are already what the caller wants (whole numbers everywhere)."""
    sql, params = queryset.values_list(*felter).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def raekker(queryset: QuerySet, *felter) -> list[tuple]:
    """``list(queryset.values_list(*felter))`` past the ORM's per-value
    converters on PostgreSQL, where psycopg already gives int, Decimal and
    date: the central model's reads of sums and stored months ran some 90,000
    converter calls. SQLite keeps the ORM (its sums of decimals need them)."""
    if connection.vendor != "postgresql":
        return list(queryset.values_list(*felter))
    return raa_raekker(queryset, *felter)


def heltal_kolonner(queryset: QuerySet, *felter) -> list[np.ndarray]:
    """The columns of ``queryset.values_list(*felter)`` as int64 arrays, for
    columns of whole numbers only (ids, counts, day numbers), none NULL.

    On PostgreSQL the rows come back as one bytea in binary format: each row's
    columns as int8send's 8 big-endian bytes, joined by string_agg, which numpy
    reads in place (no Python int or tuple per value: at ten municipalities the
    driver's tuples and the array built from them took 1.1 s of a year's
    reads; a binary COPY sends a message per row and was slower still). A bytea
    holds up to 1 GB: 16 million rows of 8 columns. SQLite's rows come through
    the driver.
    """
    try:
        sql, params = queryset.values_list(*felter).query.sql_with_params()
    except EmptyResultSet:  # a filter no row can pass (an empty IN list)
        return [np.empty(0, dtype=np.int64) for _ in felter]
    if connection.vendor != "postgresql":
        rows = raa_raekker(queryset, *felter)
        tabel = np.array(rows, dtype=np.int64).reshape(len(rows), len(felter))
        return [tabel[:, j] for j in range(len(felter))]
    navne = [f"k{j}" for j in range(len(felter))]
    raekke = " || ".join(f"int8send({n}::int8)" for n in navne)
    samlet = (
        f"SELECT string_agg({raekke}, ''::bytea), count(*) "
        f"FROM ({connection.ops.compose_sql(sql, params)}) AS r({', '.join(navne)})"
    )
    connection.ensure_connection()
    # Binary results need psycopg's server-side binding cursor (Django's
    # binds on the client); the same connection, so the same transaction. It
    # passes Django's cursor wrapper: the read is not in connection.queries.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(samlet, binary=True)
        data, antal = cursor.fetchone()
    data = data or b""
    if len(data) != antal * len(felter) * 8:  # string_agg skips a NULL row
        raise ValueError("En kolonne er NULL: kun hele tal læses som kolonner.")
    tabel = np.frombuffer(data, dtype=">i8").reshape(antal, len(felter))
    return [tabel[:, j].astype(np.int64) for j in range(len(felter))]
