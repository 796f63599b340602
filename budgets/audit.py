"""Reads of the audit history (django-simple-history) for the Økonomi role."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet

from budgets.models import FastUdgift, Forbrug, Rammeforudsaetning, TilbudAar
from config.lib.formatting import format_dato, format_tal
from offers.models import Borger, Doegnskema, Indplacering, Ophold, Tilbud
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
)

HISTORIK_MODELLER: dict[str, type[Model]] = {
    "ophold": Ophold,
    "indplacering": Indplacering,
    "borger": Borger,
    "doegnskema": Doegnskema,
    "tilbud": Tilbud,
    "tilbud_aar": TilbudAar,
    "timeprismodel": Timeprismodel,
    "fravaerslinje": Fravaerslinje,
    "tidsanvendelseslinje": Tidsanvendelseslinje,
    "takstmodel": Takstmodel,
    "takstniveau": Takstniveau,
    "fast_udgift": FastUdgift,
    "rammeforudsaetning": Rammeforudsaetning,
    "forbrug": Forbrug,
}
HANDLING = {"+": "Oprettet", "~": "Ændret", "-": "Slettet"}


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


def historik_for(noegle: str) -> QuerySet:
    """The history rows of one model, newest first (KeyError for an unknown key)."""
    model = HISTORIK_MODELLER[noegle]
    return model.history.select_related("history_user").order_by("-history_date", "-pk")


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
