"""Reads and access rules (STYLE.md 2.3): views fetch through these, so none can skip the check."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from offers.models import Borger, Ophold, Tilbud
from offers.roles import MYNDIGHED, OEKONOMI, har_rolle


def _ser_alle(user: AbstractBaseUser) -> bool:
    return har_rolle(user, OEKONOMI) or har_rolle(user, MYNDIGHED)


def tilbud_visible_to(user: AbstractBaseUser) -> QuerySet[Tilbud]:
    """Økonomi and myndighed see every tilbud; a tilbudsleder only their own."""
    if _ser_alle(user):
        return Tilbud.objects.all()
    return Tilbud.objects.filter(ledere=user)


def borgere_visible_to(user: AbstractBaseUser) -> QuerySet[Borger]:
    """A tilbudsleder sees the borgere who have or had an ophold in their tilbud."""
    if _ser_alle(user):
        return Borger.objects.all()
    return Borger.objects.filter(ophold__tilbud__ledere=user).distinct()


def ophold_visible_to(user: AbstractBaseUser) -> QuerySet[Ophold]:
    return Ophold.objects.filter(tilbud__in=tilbud_visible_to(user)).select_related(
        "borger", "tilbud"
    )
