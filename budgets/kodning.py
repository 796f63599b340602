"""The engine's frozen dataclasses to and from JSON, exactly (budgets.forberegning).

JSON has no Decimal, so amounts travel as strings ("131382.69") and come back
as the same Decimal; the dataclass field types say what each value becomes. A
decoder is built once per type: the central model decodes 1,500 rows at a time,
and walking the type hints per value would cost more than reading the rows.
"""

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

Json = Any


def til_json(vaerdi: Any) -> Json:
    """A dataclass (or a tuple, mapping or scalar inside one) as JSON values."""
    if isinstance(vaerdi, Decimal):
        return str(vaerdi)
    if isinstance(vaerdi, tuple):
        return [til_json(v) for v in vaerdi]
    if isinstance(vaerdi, Mapping):
        return {str(k): til_json(v) for k, v in vaerdi.items()}
    if dataclasses.is_dataclass(vaerdi):
        return {
            f.name: til_json(getattr(vaerdi, f.name))
            for f in dataclasses.fields(vaerdi)
        }
    if vaerdi is None or isinstance(vaerdi, int | str):
        return vaerdi
    raise TypeError(f"{type(vaerdi).__name__} kan ikke gemmes som JSON.")


def fra_json(type_: type[T], json: Json) -> T:
    """The inverse of til_json for a value of ``type_``."""
    return dekoder(type_)(json)


@cache
def dekoder(type_: Any) -> Callable[[Json], Any]:
    """A function from JSON to a value of ``type_`` (built once per type)."""
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        (indre,) = [a for a in args if a is not type(None)]
        return _eller_none(dekoder(indre))
    if origin is tuple and args[-1] is Ellipsis:
        return _tupel(dekoder(args[0]))
    if origin is tuple:
        return _par([dekoder(a) for a in args])
    if origin in (dict, Mapping):
        return _ordbog(dekoder(args[1]))
    if dataclasses.is_dataclass(type_):
        return _dataklasse(type_)
    if type_ is Decimal:
        return Decimal
    if type_ in (int, str):
        return _uaendret
    raise TypeError(f"Ingen JSON-afkodning for {type_!r}.")


def _uaendret(json: Json) -> Json:
    return json


def _eller_none(indre: Callable) -> Callable:
    return lambda json: None if json is None else indre(json)


def _tupel(element: Callable) -> Callable:
    if element is _uaendret:
        return tuple
    return lambda json: tuple(map(element, json))


def _par(elementer: list[Callable]) -> Callable:
    return lambda json: tuple(dek(v) for dek, v in zip(elementer, json, strict=True))


def _ordbog(vaerdi: Callable) -> Callable:
    return lambda json: {k: vaerdi(v) for k, v in json.items()}


def _dataklasse(cls: type) -> Callable:
    hints = typing.get_type_hints(cls)
    felter = [(f.name, dekoder(hints[f.name])) for f in dataclasses.fields(cls)]
    return lambda json: cls(**{navn: dek(json[navn]) for navn, dek in felter})
