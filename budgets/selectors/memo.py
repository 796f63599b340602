"""The in-process memo of computed results, keyed by the data fingerprint."""

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.db import connection

from budgets import engine
from budgets.models import (
    Budgetaendring,
    FastUdgift,
    Forbrug,
    Rammeforudsaetning,
    TilbudAar,
)
from offers.models import Betalingskommune, Borger, Indplacering, Ophold, Tilbud
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
)

# The engine is pure, so its results for a year can be kept per process, keyed by
# the inputs' fingerprint; nothing is invalidated by hand. The fingerprint must
# change with every committed change, whatever order ids were assigned in:
#
# * the sum of Budgetaendring.antal. Every save or delete that can change a figure
#   inserts rows with antal >= 1 in the writer's own transaction (budgets.signals),
#   so the sum rises at the writer's commit, even when a writer that inserted
#   later has committed first. Nothing lowers it: the table has no foreign key (no
#   cascade deletes), the admin may not delete from it, and saml_aendringer
#   replaces the rows it sees by their sums in one transaction. So an unchanged
#   sum means no change was committed in between (issue 12 #13). MAX(id) or
#   MAX(time) alone do not: PostgreSQL assigns both at insert, not commit, so a
#   slow writer's commit left them unchanged and the memo served old figures;
# * the newest history row (id and time) of every input table. A fingerprint seen
#   inside a transaction that is then rolled back (a failed request, a test) must
#   not come back: SQLite reuses a rolled-back id, and a later commit raises the
#   sum to the same value, but no later row has the rolled-back row's time.
#
# The fingerprint is read before the inputs, so a stored result is never older
# than its key. Bulk writes bypass history (and signals) and must call
# budget_memo_clear() and forberegning.glem().
_MEMO: "OrderedDict[tuple, list[engine.CentralRaekke]]" = OrderedDict()
_MEMO_SIZE = 4
_FINGERPRINT_MODELS = [
    Tilbud,
    Borger,
    Betalingskommune,
    Ophold,
    Indplacering,
    Takstmodel,
    Takstniveau,
    Timeprismodel,
    Fravaerslinje,
    Tidsanvendelseslinje,
    FastUdgift,
    Rammeforudsaetning,
    TilbudAar,
    Forbrug,
]


@lru_cache(maxsize=4)
def _fingerprint_sql(vendor: str) -> str:
    """Built once: reaching `Model.history` constructs manager classes (slow)."""
    aendringer = connection.ops.quote_name(Budgetaendring._meta.db_table)
    parts = [f"(SELECT COALESCE(SUM(antal), 0) FROM {aendringer})"]
    for model in _FINGERPRINT_MODELS:
        table = connection.ops.quote_name(model.history.model._meta.db_table)
        parts.append(f"(SELECT MAX(history_id) FROM {table})")
        parts.append(f"(SELECT MAX(history_date) FROM {table})")
    return f"SELECT {', '.join(parts)}"


def data_fingerprint() -> tuple:
    """One query: the committed changes' count and the newest history rows."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(connection.vendor))
        return tuple(cursor.fetchone())


# One computation at a time per process: after a change, twenty requests that
# miss together wait for the first one's result instead of all computing it
# (under the GIL they would only slow each other down). Re-entrant because a
# derived output computes the results it is derived from.
_MEMO_LOCK = threading.RLock()


def _memo(store: OrderedDict, size: int, key: tuple, beregn: Callable[[], Any]) -> Any:
    if key not in store:
        with _MEMO_LOCK:
            if key not in store:
                store[key] = beregn()
                while len(store) > size:
                    store.popitem(last=False)
    try:
        store.move_to_end(key)
        return store[key]
    except KeyError:  # evicted by another thread in between: compute afresh
        return beregn()


def budget_memo_clear() -> None:
    _MEMO.clear()
    _AFLEDT.clear()


# Outputs derived from the results (a serialised API payload, a rendered table) are
# kept under the same fingerprint, so they can never outlive the data they show.
_AFLEDT: "OrderedDict[tuple, Any]" = OrderedDict()
_AFLEDT_SIZE = 32


def memoised(noegle: tuple, beregn: Callable[[], Any]) -> Any:
    """`beregn()` once per data fingerprint and `noegle`.

    `noegle` must hold all the other inputs.
    """
    key = (connection.alias, data_fingerprint(), noegle)
    return _memo(_AFLEDT, _AFLEDT_SIZE, key, beregn)
