"""Writes of month comments on a tilbud's budget deviation (issue 5)."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from budgets.models import Budgetaar, Kommentar
from offers.models import Tilbud

TEKST_KRAEVES = "Skriv en kommentar."
MAANED_FEJL = "Vælg en måned fra 1 til 12."


@transaction.atomic
def kommentar_create(
    *, tilbud: Tilbud, aar: int, maaned: int, tekst: str, acting_user: AbstractBaseUser
) -> Kommentar:
    """Keep a comment on month ``maaned`` of ``aar`` with its author and time."""
    if not tekst.strip():
        raise ValidationError({"tekst": TEKST_KRAEVES})
    if not 1 <= maaned <= 12:
        raise ValidationError({"maaned": MAANED_FEJL})
    budgetaar, _ = Budgetaar.objects.get_or_create(aar=aar)
    kommentar = Kommentar(
        tilbud=tilbud,
        budgetaar=budgetaar,
        maaned=maaned,
        tekst=tekst.strip(),
        forfatter=acting_user,
    )
    kommentar.full_clean()
    kommentar.save()
    return kommentar
