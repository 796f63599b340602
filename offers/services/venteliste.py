"""Writes of the waiting list (issue 19 #3; offers.models.Ventelisteplads).

A place on the waiting list changes no budget figure (the prognose reads it on
its own), so these writes name no tilbud to config.lib.derived. The kommunekode
is the one rule of a betalingskommune: blank or the own code is the own
municipality (stored blank), else three digits.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from config.lib.history import save_with_history as _save
from config.lib.history import with_history_user
from offers.models import Borger, Tilbud, Ventelisteplads
from offers.services.betalingskommune import kommunekode_normaliseret
from tariffs.models import Takstniveau

FELTER = (
    "tilbud",
    "borger",
    "behov",
    "forventet_niveau",
    "oensket_dato",
    "fra_kommune",
    "bemaerkning",
    "sandsynlighed",
)


@transaction.atomic
def ventelisteplads_create(
    *,
    tilbud: Tilbud,
    oensket_dato: datetime.date,
    acting_user: AbstractBaseUser,
    borger: Borger | None = None,
    behov: str = "",
    forventet_niveau: Takstniveau | None = None,
    fra_kommune: str = "",
    bemaerkning: str = "",
    sandsynlighed: int = 50,
) -> Ventelisteplads:
    plads = Ventelisteplads(oprettet_af=acting_user)
    return _gem(
        plads,
        acting_user,
        tilbud=tilbud,
        borger=borger,
        behov=behov,
        forventet_niveau=forventet_niveau,
        oensket_dato=oensket_dato,
        fra_kommune=fra_kommune,
        bemaerkning=bemaerkning,
        sandsynlighed=sandsynlighed,
    )


@transaction.atomic
def ventelisteplads_update(
    *, plads: Ventelisteplads, acting_user: AbstractBaseUser, **felter
) -> Ventelisteplads:
    """Change the given fields (any of FELTER); the others stay."""
    plads = Ventelisteplads.objects.select_for_update().get(pk=plads.pk)
    return _gem(plads, acting_user, **felter)


@transaction.atomic
def ventelisteplads_delete(
    *, plads: Ventelisteplads, acting_user: AbstractBaseUser
) -> None:
    """Off the list (placed, or no longer waiting); the history keeps the row."""
    with_history_user(plads, acting_user).delete()


def _gem(
    plads: Ventelisteplads, acting_user: AbstractBaseUser, **felter
) -> Ventelisteplads:
    ukendte = set(felter) - set(FELTER)
    if ukendte:
        raise TypeError(f"Ukendte felter: {sorted(ukendte)}")
    for navn, vaerdi in felter.items():
        setattr(plads, navn, vaerdi)
    plads.behov = (plads.behov or "").strip()
    plads.bemaerkning = (plads.bemaerkning or "").strip()
    plads.fra_kommune = kommunekode_normaliseret(plads.fra_kommune)
    return _save(plads, acting_user)
