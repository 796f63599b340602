"""Reads and access rules (STYLE.md 2.3).

Views fetch through these, so none can skip the check.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet

from offers import engine
from offers.models import (
    Annullering,
    Betalingskommune,
    Borger,
    Doegnskema,
    Indplacering,
    Ophold,
    Tilbud,
)
from offers.roles import MYNDIGHED, OEKONOMI, har_rolle
from tariffs.models import Takstniveau


def ser_alle_tilbud(user: AbstractBaseUser) -> bool:
    """Økonomi and myndighed see every tilbud (and every borger)."""
    return har_rolle(user, OEKONOMI) or har_rolle(user, MYNDIGHED)


def tilbud_visible_to(user: AbstractBaseUser) -> QuerySet[Tilbud]:
    """Økonomi and myndighed see every tilbud; a tilbudsleder only their own."""
    if ser_alle_tilbud(user):
        return Tilbud.objects.all()
    return Tilbud.objects.filter(ledere=user)


def borgere_visible_to(user: AbstractBaseUser) -> QuerySet[Borger]:
    """A tilbudsleder sees the borgere who have or had an ophold in their tilbud."""
    if ser_alle_tilbud(user):
        return Borger.objects.all()
    return Borger.objects.filter(ophold__tilbud__ledere=user).distinct()


def ophold_visible_to(user: AbstractBaseUser) -> QuerySet[Ophold]:
    return Ophold.objects.filter(tilbud__in=tilbud_visible_to(user)).select_related(
        "borger", "tilbud"
    )


# --- Reads for the myndighed pages (issue 5) -----------------------------------


def borgere_search(user: AbstractBaseUser, navn: str = "") -> QuerySet[Borger]:
    """Visible borgere whose name contains ``navn`` (CPR search goes by hash)."""
    borgere = borgere_visible_to(user)
    if navn.strip():
        borgere = borgere.filter(navn__icontains=navn.strip())
    return borgere.order_by("navn", "pk")


def borger_ophold(borger: Borger) -> QuerySet[Ophold]:
    """The borger's ophold, newest first, with their indplaceringer and levels."""
    indplaceringer = Indplacering.objects.select_related(
        "takstniveau", "foreslaaet_niveau", "besluttet_af"
    ).order_by("gyldig_fra")
    return (
        Ophold.objects.filter(borger=borger)
        .select_related("tilbud", "omplaceret_fra__tilbud")
        .prefetch_related(Prefetch("indplaceringer", queryset=indplaceringer))
        .order_by("-tilgang")
    )


def borger_annulleringer(borger: Borger) -> QuerySet[Annullering]:
    """The borger's annulments, newest first (issue 12 item 11)."""
    return Annullering.objects.filter(borger=borger).select_related(
        "ophold__tilbud", "indplacering__takstniveau", "annulleret_af"
    )


def borger_betalingskommuner(borger: Borger) -> QuerySet[Betalingskommune]:
    """The borger's betalingskommune history, oldest first (issue 13 #1)."""
    return Betalingskommune.objects.filter(borger=borger).select_related("oprettet_af")


def borger_doegnskemaer(borger: Borger) -> QuerySet[Doegnskema]:
    """The borger's døgnskemaer, newest first, with posts for the totals."""
    return (
        Doegnskema.objects.filter(borger=borger)
        .select_related("oprettet_af")
        .prefetch_related("poster__tema", "ugeposter__tema")
        .order_by("-dato", "-pk")
    )


def aktuelt_ophold(borger: Borger, dato: datetime.date) -> Ophold | None:
    """The stay the borger lives in on ``dato``: tilgang <= dato < afgang (or open)."""
    return engine.aktuelt_ophold(borger_ophold(borger), dato)


def loebende_ophold(borger: Borger, dato: datetime.date) -> Ophold | None:
    """The stay running on ``dato`` or, without one, the next to begin: the stay a
    new level or an omplacering applies to. None: the borger is due a tilgang."""
    ophold = list(borger_ophold(borger))
    return engine.aktuelt_ophold(ophold, dato) or engine.kommende_ophold(ophold, dato)


def aabent_ophold(borger: Borger) -> Ophold | None:
    """The stay without an afgang: the one an afgang is registered on."""
    return (
        Ophold.objects.filter(borger=borger, afgang__isnull=True)
        .select_related("tilbud")
        .first()
    )


def niveau_koder() -> list[tuple[str, str]]:
    """(kode, "kode navn") of every level code in any takstmodel, newest year's name."""
    valg: dict[str, str] = {}
    for n in Takstniveau.objects.order_by("-takstmodel__aar", "raekkefoelge"):
        valg.setdefault(n.kode, f"{n.kode} – {n.navn}")
    return list(valg.items())


def takstniveau_paa(kode: str, dato: datetime.date) -> Takstniveau | None:
    """The level ``kode`` in the takstmodel of ``dato``'s year, or None."""
    return (
        Takstniveau.objects.select_related("takstmodel")
        .filter(takstmodel__aar=dato.year, kode=kode)
        .first()
    )


def niveauer_for_aar(aar: int) -> list[Takstniveau]:
    """The levels of the year's takstmodel (for the live suggestion in the grid)."""
    return list(
        Takstniveau.objects.select_related("takstmodel")
        .filter(takstmodel__aar=aar)
        .order_by("raekkefoelge")
    )
