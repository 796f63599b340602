"""A list of ids in a query as one array parameter on PostgreSQL.

``field IN (%s, %s, …)`` with 1,500 tilbud ids costs psycopg's client-side
binding (Django's default) a parse of the query text per placeholder, every
read of the central model; ``field = ANY(%s)`` sends the list as one array.
SQLite has no arrays and keeps ``IN``.
"""

from collections.abc import Iterable

import numpy as np
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


# A binary COPY: an 11-byte signature, flags (int32), the length of a header
# extension (int32) and the extension; per row the field count (int16) and per
# field its length (int32, -1 for NULL) and value; -1 (int16) at the end.
_SIGNATUR = b"PGCOPY\n\xff\r\n\x00"


def heltal_kolonner(queryset: QuerySet, *felter) -> list[np.ndarray]:
    """The columns of ``queryset.values_list(*felter)`` as int64 arrays, for
    columns of whole numbers only (ids, counts, day numbers), none NULL.

    On PostgreSQL the query runs as a binary COPY with every column cast to
    int8, so each row arrives as fixed-width big-endian fields that numpy reads
    in place: no Python int or tuple per value (at ten municipalities the
    driver's tuples and the array built from them took 1.1 s of a year's
    reads). SQLite's rows come through the driver.
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
    query = connection.ops.compose_sql(sql, params)
    copy_sql = (
        f"COPY (SELECT {', '.join(f'{n}::int8' for n in navne)} "
        f"FROM ({query}) AS r({', '.join(navne)})) TO STDOUT (FORMAT BINARY)"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        data = b"".join(copy)
    return _binaere_kolonner(data, len(felter))


def _binaere_kolonner(data: bytes, antal: int) -> list[np.ndarray]:
    if not data.startswith(_SIGNATUR):
        raise ValueError("Ikke en binær COPY fra PostgreSQL.")
    udvidelse = int.from_bytes(data[15:19], "big")
    krop = memoryview(data)[19 + udvidelse : len(data) - 2]
    raekke = np.dtype(
        [("felter", ">i2")]
        + [x for j in range(antal) for x in ((f"l{j}", ">i4"), (f"v{j}", ">i8"))]
    )
    if len(krop) % raekke.itemsize:
        raise ValueError("En kolonne er NULL eller ikke et heltal.")
    tabel = np.frombuffer(krop, dtype=raekke)
    if (tabel["felter"] != antal).any() or any(
        (tabel[f"l{j}"] != 8).any() for j in range(antal)
    ):
        raise ValueError("En kolonne er NULL eller ikke et heltal.")
    return [tabel[f"v{j}"].astype(np.int64) for j in range(antal)]
