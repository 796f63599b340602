"""Writes of timeprismodeller and takstmodeller (STYLE.md 2.2)."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from config.lib import derived
from config.lib.history import with_history_user
from tariffs import engine
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
)
from tariffs.selectors import takster_aar, timepriser_for

LINJE_FEJL = "Angiv enten timer eller procent for hver linje, ikke begge."
NIVEAU_BRUGT = "Niveau {kode} bruges af indplaceringer og kan ikke slettes."


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


@derived.writes
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
    """Create or replace a timeprismodel with its lines; rejects a model with no
    direct time."""
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
    # Every tilbud of the years it prices is repriced (budgets' monthly figures).
    derived.changed(aar=takster_aar(timeprismodel=model))
    return model


KODE_I_BRUG = (
    "Takstniveau {kode} gælder i {aar} for {borgere}, men har ingen fast takst i "
    "takstmodellen for {aar}. Behold niveauet, eller indplacer borgerne på et andet "
    "niveau først."
)
FLERE_BORGERE = "{navne} og {antal} flere"
MAKS_NAVNE = 5


class NiveauFejl(ValidationError):
    """Levels that break DOMAIN.md §3 (tariffs.engine.niveau_fejl).

    ``fejl`` holds (index, felt, besked), so a form or an API can put each message
    on its level's field; the messages are also under "niveauer", named by code.
    """

    def __init__(self, fejl: list[engine.NiveauFejl], koder: list[str]) -> None:
        self.fejl = fejl
        super().__init__(
            {"niveauer": [f"Niveau {koder[i]}: {besked}" for i, _, besked in fejl]}
        )


def _engine_niveau(niveau: Mapping[str, Any]) -> engine.Niveau:
    return engine.Niveau(
        kode=niveau.get("kode", ""), navn=niveau.get("navn", ""),
        nedre=niveau["nedre"], oevre=niveau.get("oevre"),
        takstgivende=niveau.get("takstgivende"),
        saertakst=bool(niveau.get("saertakst")),
    )  # fmt: skip


def _borgere_tekst(borgere: tuple[str, ...]) -> str:
    navne = ", ".join(borgere[:MAKS_NAVNE])
    if len(borgere) <= MAKS_NAVNE:
        return navne
    return FLERE_BORGERE.format(navne=navne, antal=len(borgere) - MAKS_NAVNE)


def _koder_uden_pris(aar: int, prissatte: set[str]) -> dict[str, tuple[str, ...]]:
    # Which codes the placements need is offers' data priced by budgets' rule of
    # financed days (DOMAIN.md §6), and budgets depends on tariffs, not the other
    # way: hence the import here.
    from budgets.selectors import koder_uden_pris_i_aaret

    return koder_uden_pris_i_aaret(aar, prissatte)


def takstniveauer_check(*, aar: int, niveauer: Sequence[Mapping[str, Any]]) -> None:
    """The year's levels, in order, as a takstmodel may hold them; else a
    ValidationError. Writes nothing (the admin checks its forms with it too).

    The spans form one ladder (NiveauFejl), and every code in force on a financed
    day of the year keeps a fixed price, or that year's budget cannot be priced.
    """
    fejl = engine.niveau_fejl([_engine_niveau(n) for n in niveauer])
    if fejl:
        raise NiveauFejl(fejl, [n.get("kode", "") for n in niveauer])
    prissatte = {n["kode"] for n in niveauer if not n.get("saertakst")}
    mangler = _koder_uden_pris(aar, prissatte)
    if mangler:
        raise ValidationError({"niveauer": [
            KODE_I_BRUG.format(kode=kode, aar=aar, borgere=_borgere_tekst(borgere))
            for kode, borgere in mangler.items()
        ]})  # fmt: skip


def _niveau_defaults(niveau: Mapping[str, Any]) -> dict[str, Any]:
    """Særtakst: no fixed hours; no takstgivende: the middle of the span (§3)."""
    data = dict(niveau)
    if data.get("saertakst"):
        data["takstgivende"] = None
    elif data.get("takstgivende") is None:
        data["takstgivende"] = engine.takstgivende_default(
            data["nedre"], data.get("oevre")
        )
    return data


@derived.writes
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
    """Create or replace a year's takstmodel. Levels keep their codes (placements
    name codes); takstniveauer_check says which levels a model may hold."""
    niveauer = list(niveauer)
    takstniveauer_check(aar=aar, niveauer=niveauer)
    model = takstmodel or Takstmodel()
    # Every tilbud of the year is repriced, and of the year it had before.
    derived.changed(aar={aar} | ({model.aar} if model.pk else set()))
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
                {"niveauer": NIVEAU_BRUGT.format(kode=old.kode)}
            ) from None
