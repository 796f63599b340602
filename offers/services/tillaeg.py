"""Tillægstakster: a temporary add-on to one borger's døgntakst (issue 17).

A tillæg belongs to one ophold and is in force on [fra, til) (``til`` None:
until ended). It starts on a day the borger lives in the tilbud; the budget
pays it on the days the ophold is financed (the run-off after an afgang too),
capped by its own ``til`` (budgets.engine.bidrag.tillaeg_perioder). Every write
locks the borger row first (as the placement services) and names the tilbud
whose budget it changes, from the day it changes it (config.lib.derived: the
stored monthly figures are recomputed before the write commits). A wrong
tillæg is annulled like an indplacering (offers.services.annullering).
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from config.lib import derived
from config.lib.history import save_with_history as _save
from offers.models import (
    TILLAEG_EN_AF,
    TILLAEG_FRA_UDEN_FOR_OPHOLD,
    TILLAEG_TIL_EFTER_FRA,
    Borger,
    Ophold,
    Tillaegstakst,
)
from offers.services.common import _fmt, _lock
from tariffs.lukkede_aar import kraev_aabent_fra

BEGRUNDELSE_KRAEVES = "Skriv en begrundelse for tillægget."
ANDEN_BORGER = "Opholdet hører ikke til denne borger."
OPHOLD_ANNULLERET = "Opholdet er annulleret."
TILLAEG_ANNULLERET = "Tillægget er annulleret."
# tillaeg_update's ``til`` when the end is left as it is (None reopens it).
UENDRET = object()


def _ophold_of(borger: Borger, ophold: Ophold) -> Ophold:
    ophold = Ophold.alle.get(pk=ophold.pk)
    if ophold.borger_id != borger.pk:
        raise ValidationError({"ophold": ANDEN_BORGER})
    if ophold.annulleret is not None:
        raise ValidationError({"ophold": OPHOLD_ANNULLERET})
    return ophold


def _kraev_beloeb(timer_pr_doegn: Decimal | None, kr_pr_doegn: Decimal | None) -> None:
    if (timer_pr_doegn is None) == (kr_pr_doegn is None):
        raise ValidationError({"timer_pr_doegn": TILLAEG_EN_AF})


def _kraev_til(fra: datetime.date, til: datetime.date | None) -> None:
    if til is not None and til <= fra:
        raise ValidationError({"til": TILLAEG_TIL_EFTER_FRA})


@derived.writes
def tillaeg_create(
    *,
    borger: Borger,
    ophold: Ophold,
    fra: datetime.date,
    begrundelse: str,
    acting_user: AbstractBaseUser,
    til: datetime.date | None = None,
    timer_pr_doegn: Decimal | None = None,
    kr_pr_doegn: Decimal | None = None,
    registreret: datetime.date | None = None,
) -> Tillaegstakst:
    """A tillæg on the borger's ophold from ``fra`` (a day the borger lives
    there), in hours or kr per døgn (exactly one), with a reason."""
    if not begrundelse.strip():
        raise ValidationError({"begrundelse": BEGRUNDELSE_KRAEVES})
    _kraev_beloeb(timer_pr_doegn, kr_pr_doegn)
    _kraev_til(fra, til)
    borger = _lock(borger)
    ophold = _ophold_of(borger, ophold)
    if fra < ophold.tilgang or (ophold.afgang is not None and fra >= ophold.afgang):
        raise ValidationError(
            {
                "fra": TILLAEG_FRA_UDEN_FOR_OPHOLD.format(
                    tilgang=_fmt(ophold.tilgang), afgang=_fmt(ophold.afgang)
                )
            }
        )
    kraev_aabent_fra(fra, "fra")
    registreret = registreret or timezone.localdate()
    derived.changed(tilbud=[ophold.tilbud_id], fra=fra)
    return _save(
        Tillaegstakst(
            ophold=ophold,
            fra=fra,
            til=til,
            timer_pr_doegn=timer_pr_doegn,
            kr_pr_doegn=kr_pr_doegn,
            begrundelse=begrundelse.strip(),
            besluttet_af=acting_user,
            registreret=registreret,
            til_registreret=registreret if til is not None else None,
        ),
        acting_user,
    )


@derived.writes
def tillaeg_update(
    *,
    borger: Borger,
    tillaeg: Tillaegstakst,
    acting_user: AbstractBaseUser,
    til: "datetime.date | None | object" = UENDRET,
    begrundelse: str | None = None,
    registreret: datetime.date | None = None,
) -> Tillaegstakst:
    """End a tillæg (``til``: its first day without it) or move its end, and
    optionally reword its reason. The amount and start are not changed: a
    wrong one is annulled and registered again (the ledger keeps both)."""
    borger = _lock(borger)
    tillaeg = Tillaegstakst.alle.select_for_update().get(pk=tillaeg.pk)
    if tillaeg.ophold.borger_id != borger.pk:
        raise ValidationError({"tillaeg": ANDEN_BORGER})
    if tillaeg.annulleret is not None:
        raise ValidationError({"tillaeg": TILLAEG_ANNULLERET})
    if begrundelse is not None:
        if not begrundelse.strip():
            raise ValidationError({"begrundelse": BEGRUNDELSE_KRAEVES})
        tillaeg.begrundelse = begrundelse.strip()
    if til is not UENDRET and til != tillaeg.til:
        assert til is None or isinstance(til, datetime.date)
        _kraev_til(tillaeg.fra, til)
        foer = [d for d in (tillaeg.til, til) if d is not None]
        fra = min(foer) if foer else tillaeg.fra
        kraev_aabent_fra(fra, "til")
        tillaeg.til = til
        tillaeg.til_registreret = (
            (registreret or timezone.localdate()) if til is not None else None
        )
        derived.changed(tilbud=[tillaeg.ophold.tilbud_id], fra=fra)
    return _save(tillaeg, acting_user)
