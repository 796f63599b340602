"""A list of ids in a query as one array parameter on PostgreSQL.

``field IN (%s, %s, …)`` with 1,500 tilbud ids costs psycopg's client-side
binding (Django's default) a parse of the query text per placeholder, every
read of the central model; ``field = ANY(%s)`` sends the list as one array.
SQLite has no arrays and keeps ``IN``.
"""

from collections.abc import Iterable

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
