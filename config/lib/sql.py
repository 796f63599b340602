"""A list of ids in a query as one array parameter on PostgreSQL.

``field IN (%s, %s, …)`` with 1,500 tilbud ids costs psycopg's client-side
binding (Django's default) a parse of the query text per placeholder, every
read of the central model; ``field = ANY(%s)`` sends the list as one array.
SQLite has no arrays and keeps ``IN``.
"""

from collections.abc import Iterable

from django.db.models import F
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
