"""Derived figures brought in step before the write that changes them commits.

budgets stores figures derived from rows that offers and tariffs write (the
monthly figures, budgets.models.Maanedstal; STYLE.md 11.1: written by the same
service, in the same transaction, as the event). offers and tariffs may not
import budgets, so the dependency is inverted here, in the layer every app may
import:

* a write says what it changed: ``changed(tilbud=…)`` for the tilbud whose
  budget inputs it wrote, with ``fra`` the day from which it changes them (an
  event changes no budget year before its own: those are not recomputed), and
  ``changed(aar=…)`` for a year whose shared inputs (the takstmodel and timepris
  every tilbud is priced by) it wrote;
* a write says where it ends: ``@writes`` on a service, ``batch()`` around an
  import or an admin save that calls many services. Nested writes only collect;
  the outermost one hands everything collected to the registered handler, inside
  its transaction, before it commits;
* budgets registers the handler at startup (budgets.apps: ``register``).

Why explicit calls, not signals (the earlier design): STYLE.md 11.1 keeps derived
figures out of signals, and a service knows which tilbud an event changes (a
move changes two), so the handler recomputes exactly those, once per write, not
once per saved row. The admin, which saves rows without a service, says it in
``DerivedAdmin``. Bulk writes that bypass both (bulk_create, QuerySet.update)
must call the handler's service themselves (budgets.services.maanedstal).

If a write that collected changes commits without reaching the end of a
``writes`` or ``batch`` (a path that forgot it), the changes are handed over just
after the commit, in a transaction of their own, and logged as a fault.
"""

import datetime
import functools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Changes:
    """What the writes of one transaction changed, not yet handed over.

    ``tilbud`` maps a tilbud id to the first year a write changed it in (None:
    every year); ``aar`` holds the years whose shared inputs changed.
    """

    tilbud: dict[int, int | None] = field(default_factory=dict)
    aar: set[int] = field(default_factory=set)

    @classmethod
    def of_tilbud(cls, tilbud_ids: Iterable[int]) -> "Changes":
        """The tilbud changed in every year (the admin knows no day)."""
        return cls(tilbud=dict.fromkeys(tilbud_ids))

    def __bool__(self) -> bool:
        return bool(self.tilbud or self.aar)

    def copy(self) -> "Changes":
        return Changes(dict(self.tilbud), set(self.aar))

    def add_tilbud(self, tilbud_id: int, fra_aar: int | None) -> None:
        if tilbud_id in self.tilbud:
            foer = self.tilbud[tilbud_id]
            fra_aar = None if foer is None or fra_aar is None else min(foer, fra_aar)
        self.tilbud[tilbud_id] = fra_aar

    def update(self, other: "Changes") -> None:
        for tilbud_id, fra_aar in other.tilbud.items():
            self.add_tilbud(tilbud_id, fra_aar)
        self.aar.update(other.aar)


_handlers: list[Callable[[Changes], None]] = []
# Per thread, as Django's connections are: the changes collected and how many
# writes deep the thread is.
_local = threading.local()


def register(handler: Callable[[Changes], None]) -> None:
    """Called with the changes at the end of each outermost write (once per app)."""
    if handler not in _handlers:
        _handlers.append(handler)


def _pending() -> Changes:
    if not hasattr(_local, "changes"):
        _local.changes, _local.depth = Changes(), 0
    return _local.changes


def changed(
    *,
    tilbud: Iterable[int] = (),
    fra: datetime.date | None = None,
    aar: Iterable[int] = (),
) -> None:
    """Record a change; outside any write it is handed over at once.

    ``fra``: the day from which the tilbud's budgets change (None: in every year).
    """
    changes = _pending()
    for tilbud_id in tilbud:
        if tilbud_id is not None:
            changes.add_tilbud(tilbud_id, None if fra is None else fra.year)
    changes.aar.update(aar)
    if _local.depth == 0:
        flush()
    elif changes:
        # A no-op once the outermost write has flushed; if the transaction
        # commits before that (a path that forgot), it hands them over after.
        transaction.on_commit(_after_commit)


def flush() -> None:
    """Hand the collected changes to the handlers, in the current transaction."""
    changes = _pending()
    if not changes:
        return
    _local.changes = Changes()
    try:
        for handler in _handlers:
            handler(changes)
    except BaseException:
        _local.changes = changes  # still to be handed over
        raise


def _after_commit() -> None:
    if _pending():
        logger.error("Afledte tal blev først opdateret efter commit: %s", _pending())
        with transaction.atomic():
            flush()


@contextmanager
def batch() -> Iterator[None]:
    """One transaction in which every write only collects; handed over at the end.

    On an error the changes recorded inside are forgotten with the writes the
    transaction rolls back; those recorded before it are kept.
    """
    foer = _pending().copy()
    _local.depth += 1
    try:
        with transaction.atomic():
            yield
            if _local.depth == 1:
                flush()
    except BaseException:
        _local.changes = foer
        raise
    finally:
        _local.depth -= 1


@contextmanager
def discarded() -> Iterator[None]:
    """Writes the caller rolls back (a trial save): what they change is
    forgotten at the end, never handed over. Use inside the transaction that is
    rolled back."""
    foer = _pending().copy()
    _local.depth += 1
    try:
        yield
    finally:
        _local.depth -= 1
        _local.changes = foer


def writes(func: F) -> F:
    """A service: atomic, and the end of a write (see ``batch``)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with batch():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class DerivedAdmin:
    """For a ModelAdmin whose rows feed derived figures: a save or delete (with
    its inlines, or a bulk delete) is one write, brought in step before the
    admin's transaction commits.

    ``derived_changes(obj)`` says what a row feeds (its tilbud in every year,
    its years); for a change the row as stored before it counts too (an ophold
    moved to another tilbud changes both). Inline rows feed what their parent
    feeds.
    """

    def derived_changes(self, obj: Any) -> Changes:
        raise NotImplementedError

    def _record(self, changes: Changes) -> None:
        _pending().update(changes)
        changed()  # handed over now, or at the end of the admin's write

    def _view(self, view: Callable[..., Any], request: Any, *args, **kwargs) -> Any:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with batch():
            return view(request, *args, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        return self._view(super().changeform_view, request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._view(super().delete_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._view(super().changelist_view, request, *args, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            self._record(self.derived_changes(type(obj)._base_manager.get(pk=obj.pk)))
        super().save_model(request, obj, form, change)
        self._record(self.derived_changes(obj))

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self._record(self.derived_changes(form.instance))

    def delete_model(self, request, obj) -> None:
        changes = self.derived_changes(obj)  # before its rows are gone
        super().delete_model(request, obj)
        self._record(changes)

    def delete_queryset(self, request, queryset) -> None:
        changes = [self.derived_changes(obj) for obj in queryset]
        super().delete_queryset(request, queryset)
        for c in changes:
            self._record(c)
