"""Writes of timeprismodeller and takstmodeller (STYLE.md 2.2)."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from config.lib.history import with_history_user
from tariffs import engine
from tariffs.selectors import timepriser_for
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
)

LINJE_FEJL = "Angiv enten timer eller procent for hver linje, ikke begge."


def _save(instance: Any, user: AbstractBaseUser) -> Any:
    instance.full_clean()
    with_history_user(instance, user).save()
    return instance


def _replace_lines(model, timeprismodel, lines, user) -> None:
    for old in model.objects.filter(timeprismodel=timeprismodel):
        with_history_user(old, user).delete()
    for line in lines:
        if (line.get("timer") is None) == (line.get("procent") is None):
            raise ValidationError({"linjer": LINJE_FEJL})
        _save(model(timeprismodel=timeprismodel, **line), user)


@transaction.atomic
def timeprismodel_save(
    *,
    acting_user: AbstractBaseUser,
    timeprismodel: Timeprismodel | None = None,
    aar: int,
    navn: str,
    aarsloen: Decimal,
    aarsnorm_timer: Decimal,
    fravaer: Iterable[Mapping[str, Any]],
    tidsanvendelse: Iterable[Mapping[str, Any]],
) -> Timeprismodel:
    """Create or replace a timeprismodel with its lines; rejects models with no direct time."""
    model = timeprismodel or Timeprismodel()
    model.aar, model.navn, model.aarsloen, model.aarsnorm_timer = (
        aar,
        navn,
        aarsloen,
        aarsnorm_timer,
    )
    _save(model, acting_user)
    _replace_lines(Fravaerslinje, model, fravaer, acting_user)
    _replace_lines(Tidsanvendelseslinje, model, tidsanvendelse, acting_user)
    try:
        timepriser_for(model)
    except ValueError as exc:
        raise ValidationError({"tidsanvendelse": str(exc)}) from exc
    return model


def _niveau_defaults(niveau: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(niveau)
    if data.get("saertakst"):
        data["takstgivende"] = None
    elif data.get("takstgivende") is None:
        if data.get("oevre") is None:
            raise ValidationError(
                {"niveauer": f"Niveau {data['kode']} skal have takstgivende timer."}
            )
        data["takstgivende"] = engine.takstgivende_default(data["nedre"], data["oevre"])
    return data


@transaction.atomic
def takstmodel_save(
    *,
    acting_user: AbstractBaseUser,
    takstmodel: Takstmodel | None = None,
    aar: int,
    navn: str,
    enhed: str,
    timeprismodel: Timeprismodel,
    niveauer: Iterable[Mapping[str, Any]],
) -> Takstmodel:
    """Create or replace a year's takstmodel. Levels keep their codes (placements name codes)."""
    model = takstmodel or Takstmodel()
    model.aar, model.navn, model.enhed, model.timeprismodel = (
        aar,
        navn,
        enhed,
        timeprismodel,
    )
    _save(model, acting_user)
    keep = []
    for raekkefoelge, niveau in enumerate(niveauer, start=1):
        data = _niveau_defaults(niveau)
        existing = Takstniveau.objects.filter(
            takstmodel=model, kode=data["kode"]
        ).first()
        obj = existing or Takstniveau(takstmodel=model)
        for field, value in data.items():
            setattr(obj, field, value)
        obj.raekkefoelge = (
            1000 + raekkefoelge
        )  # free the unique order while renumbering
        _save(obj, acting_user)
        keep.append(obj)
    _drop_unused_levels(model, keep, acting_user)
    for raekkefoelge, obj in enumerate(keep, start=1):
        obj.raekkefoelge = raekkefoelge
        _save(obj, acting_user)
    return model


def _drop_unused_levels(model: Takstmodel, keep: list[Takstniveau], user) -> None:
    for old in model.niveauer.exclude(pk__in=[n.pk for n in keep]):
        try:
            with_history_user(old, user).delete()
        except ProtectedError:
            raise ValidationError(
                {
                    "niveauer": f"Niveau {old.kode} bruges af indplaceringer og kan ikke slettes."
                }
            ) from None
