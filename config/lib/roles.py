"""The three roles are Django Groups (STYLE.md 8.3)."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

MYNDIGHED = "Myndighed"
TILBUDSLEDER = "Tilbudsleder"
OEKONOMI = "Økonomi"
ROLLER = (MYNDIGHED, TILBUDSLEDER, OEKONOMI)

ROLLE_TITEL = {
    MYNDIGHED: "Myndighedsrådgiver",
    TILBUDSLEDER: "Tilbudsleder",
    OEKONOMI: "Økonomichef",
}


def roller_for(user: AbstractBaseUser | AnonymousUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_takstvaerk_roller", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._takstvaerk_roller = cached
    return cached


def har_rolle(user: AbstractBaseUser | AnonymousUser, rolle: str) -> bool:
    return rolle in roller_for(user) or (user.is_authenticated and user.is_superuser)


def rolle_titel(user: AbstractBaseUser | AnonymousUser) -> str:
    roller = roller_for(user)
    for rolle in (OEKONOMI, MYNDIGHED, TILBUDSLEDER):
        if rolle in roller:
            return ROLLE_TITEL[rolle]
    return "Administrator" if user.is_authenticated and user.is_superuser else ""
