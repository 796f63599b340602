"""The next follow-up of a level (issue 19 item 4): moved by the rådgiver once
the level has been followed up, or set when it is decided (offers.services)."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from config.lib.history import save_with_history
from offers.models import Indplacering
from offers.services.common import _lock

OPFOELGNING_FOER_NIVEAU = (
    "Næste opfølgning skal ligge efter den dato, niveauet gælder fra."
)
OPFOELGNING_KRAEVES = "Angiv datoen for næste opfølgning."
OPFOELGNING_ANDEN_BORGER = "Indplaceringen hører ikke til borgeren."


def check_opfoelgning(
    naeste_opfoelgning: datetime.date | None, gyldig_fra: datetime.date
) -> None:
    """A follow-up of a level lies after the day the level takes effect."""
    if naeste_opfoelgning is not None and naeste_opfoelgning <= gyldig_fra:
        raise ValidationError({"naeste_opfoelgning": OPFOELGNING_FOER_NIVEAU})


@transaction.atomic
def indplacering_opfoelgning_set(
    *,
    indplacering: Indplacering,
    naeste_opfoelgning: datetime.date | None,
    acting_user: AbstractBaseUser,
) -> Indplacering:
    """Move the level's next follow-up; the history row names the rådgiver.
    Not a budget figure, so a lukket year does not stop it."""
    if naeste_opfoelgning is None:
        raise ValidationError({"naeste_opfoelgning": OPFOELGNING_KRAEVES})
    _lock(indplacering.ophold.borger)
    indplacering = Indplacering.objects.select_for_update().get(pk=indplacering.pk)
    check_opfoelgning(naeste_opfoelgning, indplacering.gyldig_fra)
    indplacering.naeste_opfoelgning = naeste_opfoelgning
    return save_with_history(indplacering, acting_user)
