"""The demo logins: one per role, a tilbudsleder per tilbud and an administrator.

Safe to rerun: missing users, groups and leder links are added; a password is set
only on a new user or one without a usable password, so a changed password stays.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from budgets.demo.katalog import DEMO_PASSWORD, LEDERNAVNE, TILBUD
from config.lib.history import with_history_user
from config.lib.roles import MYNDIGHED, OEKONOMI, ROLLER, TILBUDSLEDER
from offers.models import Tilbud


@dataclass(frozen=True)
class DemoBruger:
    username: str
    fornavn: str
    efternavn: str
    rolle: str  # a group name, or "" for the superuser
    tilbud: str = ""  # the tilbud a leder leads

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.efternavn}"


DEMO_BRUGERE = (
    DemoBruger("oekonomi", "Else", "Økonomichef", OEKONOMI),
    DemoBruger("raadgiver", "Mads", "Rådgiver", MYNDIGHED),
    DemoBruger("raadgiver2", "Sofie", "Rådgiver", MYNDIGHED),
    *(
        DemoBruger(f"leder{i}", fornavn, efternavn, TILBUDSLEDER, spec.navn)
        for i, ((fornavn, efternavn), spec) in enumerate(
            zip(LEDERNAVNE, TILBUD, strict=True), start=1
        )
    ),
    DemoBruger("admin", "Anne", "Administrator", ""),
)


def brugere_sikr() -> dict[str, User]:
    """Create or complete every demo user; returns them by username."""
    grupper = {navn: Group.objects.get_or_create(name=navn)[0] for navn in ROLLER}
    hashed: list[str] = []

    def kode() -> str:
        # Hashing is slow by design; one hash serves every new demo user.
        if not hashed:
            hashed.append(make_password(DEMO_PASSWORD))
        return hashed[0]

    return {b.username: _bruger_sikr(b, grupper, kode) for b in DEMO_BRUGERE}


def _bruger_sikr(spec: DemoBruger, grupper: dict[str, Group], kode: Callable) -> User:
    superuser = not spec.rolle
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = User.objects.create(
            username=spec.username,
            first_name=spec.fornavn,
            last_name=spec.efternavn,
            password=kode(),
            is_staff=superuser,
            is_superuser=superuser,
        )
    elif not user.has_usable_password():
        user.password = kode()
        user.save(update_fields=["password"])
    if superuser and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    if spec.rolle and not user.groups.filter(pk=grupper[spec.rolle].pk).exists():
        user.groups.add(grupper[spec.rolle])
    return user


def ledere_tilknyt(brugere: dict[str, User]) -> None:
    """Each leder leads their tilbud (Tilbud.ledere); adds only missing links."""
    for spec in DEMO_BRUGERE:
        tilbud = (
            Tilbud.objects.filter(navn=spec.tilbud).first() if spec.tilbud else None
        )
        user = brugere[spec.username]
        if tilbud and not tilbud.ledere.filter(pk=user.pk).exists():
            with_history_user(tilbud, brugere["admin"]).ledere.add(user)
