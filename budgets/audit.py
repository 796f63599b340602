"""The audit history (django-simple-history): reads for the Økonomi role, and
what a history row records beyond the save itself (its import job, its date).

A write made by an import is marked ``history_change_reason = "import:<job id>"``
(``historik_som(aarsag=...)`` around the import's write), so the history links
the change to its job. The demo loader dates each event's rows by the event's
registration (``historik_som(dato=...)``), not by the moment it was loaded.
"""

import datetime
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from budgets.models import (
    FastUdgift,
    Forbrug,
    Importjob,
    Rammeforudsaetning,
    TilbudAar,
)
from config.lib.formatting import format_dato, format_tal
from offers.models import (
    Borger,
    Doegnskema,
    Indplacering,
    Ophold,
    Tilbud,
    Tillaegstakst,
)
from tariffs.models import (
    Fravaerslinje,
    Loenpost,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprisgruppe,
    Timeprismodel,
)

HISTORIK_MODELLER: dict[str, type[Model]] = {
    "ophold": Ophold,
    "indplacering": Indplacering,
    "tillaegstakst": Tillaegstakst,
    "borger": Borger,
    "doegnskema": Doegnskema,
    "tilbud": Tilbud,
    "tilbud_aar": TilbudAar,
    "timeprismodel": Timeprismodel,
    "fravaerslinje": Fravaerslinje,
    "tidsanvendelseslinje": Tidsanvendelseslinje,
    "loenpost": Loenpost,
    "timeprisgruppe": Timeprisgruppe,
    "takstmodel": Takstmodel,
    "takstniveau": Takstniveau,
    "fast_udgift": FastUdgift,
    "rammeforudsaetning": Rammeforudsaetning,
    "forbrug": Forbrug,
}
HANDLING = {"+": "Oprettet", "~": "Ændret", "-": "Slettet"}
IMPORT_AARSAG = "import:{job_id}"
# The history models whose rows name a borger, and how: the field holding the
# borger's id, or (indplacering) the ophold's.
_BORGER_FELT = {Borger: "id", Ophold: "borger_id", Doegnskema: "borger_id"}
_OPHOLD_FELT = {Indplacering: "ophold_id", Tillaegstakst: "ophold_id"}


@dataclass(frozen=True)
class _Kontekst:
    aarsag: str | None
    dato: datetime.datetime | None
    raekkefoelge: Iterator[int]


_kontekst: ContextVar[_Kontekst | None] = ContextVar("historik", default=None)


def historik_tidspunkt(dato: datetime.date) -> datetime.datetime:
    """A day as a history row's time: 09:00 local time, a plausible working hour."""
    return timezone.make_aware(datetime.datetime.combine(dato, datetime.time(9)))


@contextmanager
def historik_som(
    *, aarsag: str | None = None, dato: datetime.date | None = None
) -> Iterator[None]:
    """The history rows written inside the block get this change reason and/or
    this date (09:00 local time, a microsecond apart so their order is kept)."""
    tidspunkt = None if dato is None else historik_tidspunkt(dato)
    token = _kontekst.set(_Kontekst(aarsag, tidspunkt, itertools.count()))
    try:
        yield
    finally:
        _kontekst.reset(token)


def paa_ny_historik(sender, history_instance, **kwargs) -> None:
    """simple-history's pre_create_historical_record: apply historik_som."""
    kontekst = _kontekst.get()
    if kontekst is None:
        return
    if kontekst.aarsag and not history_instance.history_change_reason:
        history_instance.history_change_reason = kontekst.aarsag
    if kontekst.dato is not None:
        mikro = datetime.timedelta(microseconds=next(kontekst.raekkefoelge))
        history_instance.history_date = kontekst.dato + mikro


@dataclass(frozen=True)
class Aendring:
    felt: str
    foer: Any
    efter: Any


def _vis(value: Any) -> Any:
    """Dates (dd.mm.yyyy), numbers ("4,2", not "4,200") and yes/no the Danish
    way; other values as stored."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return format_dato(value)
    if isinstance(value, Decimal):
        return format_tal(value, max(0, -value.normalize().as_tuple().exponent))
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value


def historik_for(
    noegle: str,
    *,
    fra: datetime.date | None = None,
    til: datetime.date | None = None,
    bruger: Any = None,
) -> QuerySet:
    """The history rows of one model, newest first (KeyError for an unknown key);
    ``fra`` and ``til`` are local dates, both included."""
    model = HISTORIK_MODELLER[noegle]
    qs = model.history.select_related("history_user")
    if fra:
        qs = qs.filter(history_date__date__gte=fra)
    if til:
        qs = qs.filter(history_date__date__lte=til)
    if bruger is not None:
        qs = qs.filter(history_user=bruger)
    return qs.order_by("-history_date", "-pk")


def borgere_for(records: Iterable[Any]) -> dict[int, Borger]:
    """The borger each history row is about, by the row's history id (rows of a
    model that names no borger are left out)."""
    records = list(records)
    borger_id: dict[int, int] = {}
    ophold_id: dict[int, int] = {}
    for r in records:
        if felt := _BORGER_FELT.get(r.instance_type):
            borger_id[r.history_id] = getattr(r, felt)
        elif felt := _OPHOLD_FELT.get(r.instance_type):
            ophold_id[r.history_id] = getattr(r, felt)
    if ophold_id:
        opholdets = dict(
            Ophold.alle.filter(pk__in=set(ophold_id.values())).values_list(
                "pk", "borger_id"
            )
        )
        for history_id, pk in ophold_id.items():
            if pk in opholdets:
                borger_id[history_id] = opholdets[pk]
    borgere = Borger.objects.in_bulk(set(borger_id.values()))
    return {h: borgere[b] for h, b in borger_id.items() if b in borgere}


def importjob_id(record: Any) -> int | None:
    """The import job a history row was written by (its change reason), or None."""
    return importjob_af_aarsag(record.history_change_reason)


def importjob_af_aarsag(aarsag: str | None) -> int | None:
    """The job id in a change reason ``import:<job id>``, or None."""
    aarsag = aarsag or ""
    praefiks = IMPORT_AARSAG.format(job_id="")
    tal = aarsag.removeprefix(praefiks)
    return int(tal) if aarsag.startswith(praefiks) and tal.isdigit() else None


def importjobs_for(records: Iterable[Any]) -> dict[int, Importjob]:
    """The import jobs behind the rows, by job id (file name and uploader only)."""
    ids = {i for r in records if (i := importjob_id(r)) is not None}
    return Importjob.objects.only("pk", "filnavn", "created_by").in_bulk(ids)


def aendringer(record: Any) -> list[Aendring]:
    """What a history row changed against the one before it (old and new values)."""
    forrige = record.prev_record
    if forrige is None:
        return []
    delta = record.diff_against(forrige)
    fields = {f.name: f for f in record.instance_type._meta.fields}
    return [
        Aendring(
            felt=str(getattr(fields.get(c.field), "verbose_name", c.field)),
            foer=_vis(_valgt(fields.get(c.field), c.old)),
            efter=_vis(_valgt(fields.get(c.field), c.new)),
        )
        for c in delta.changes
    ]


def _valgt(field: Any, value: Any) -> Any:
    """A choice's Danish label ("Død", not "doed"); a blank choice as none ("–")."""
    valg = dict(getattr(field, "flatchoices", None) or ())
    if valg and value == "":
        return None
    return valg.get(value, value)
