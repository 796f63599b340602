"""Reads and access rules (STYLE.md 2.3).

Views fetch through these, so none can skip the check.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q, QuerySet

from config.lib.roles import MYNDIGHED, OEKONOMI, har_rolle
from offers import engine
from offers.models import (
    Annullering,
    Betalingskommune,
    Borger,
    Doegnskema,
    Indplacering,
    Ophold,
    Tidsrum,
    Tilbud,
    Tillaegstakst,
    Ventelisteplads,
)
from tariffs.models import Takstniveau, VumTema


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


# --- A borger's data, for a tilbudsleder only their tilbud's period -----------
#
# Issue 14 item 5: a tilbudsleder sees a borger who has or had a stay in their
# tilbud (borgere_visible_to), but only the data of those stays: not where the
# borger moved on to, nor later levels, assessments or payers. ``user`` None
# (the services, the budget) or a user who sees every tilbud: everything.


def _kun_egne_tilbud(user: AbstractBaseUser | None) -> bool:
    return user is not None and not ser_alle_tilbud(user)


def _egne_ophold(borger: Borger, user: AbstractBaseUser) -> QuerySet[Ophold]:
    return Ophold.objects.filter(borger=borger, tilbud__in=tilbud_visible_to(user))


def _i_perioderne(felt: str, perioder) -> Q:
    """``felt`` on a day of one of the [tilgang, afgang) periods."""
    q = Q(pk__in=[])
    for tilgang, afgang in perioder:
        periode = Q(**{f"{felt}__gte": tilgang})
        if afgang is not None:
            periode &= Q(**{f"{felt}__lt": afgang})
        q |= periode
    return q


def borger_ophold(
    borger: Borger, user: AbstractBaseUser | None = None
) -> QuerySet[Ophold]:
    """The borger's ophold, newest first, with their indplaceringer and levels."""
    indplaceringer = Indplacering.objects.select_related(
        "takstniveau", "foreslaaet_niveau", "besluttet_af"
    ).order_by("gyldig_fra")
    ophold = _egne_ophold(borger, user) if _kun_egne_tilbud(user) else None
    return (
        (ophold if ophold is not None else Ophold.objects.filter(borger=borger))
        .select_related("tilbud", "omplaceret_fra__tilbud")
        .prefetch_related(
            Prefetch("indplaceringer", queryset=indplaceringer),
            Prefetch(
                "tillaegstakster",
                queryset=Tillaegstakst.objects.select_related("besluttet_af").order_by(
                    "fra", "pk"
                ),
            ),
        )
        .order_by("-tilgang")
    )


def borger_indplaceringer(
    borger: Borger, user: AbstractBaseUser | None = None
) -> QuerySet[Indplacering]:
    """The levels in force or once in force: not annulled, nor in an annulled
    ophold (issue 12 item 11)."""
    rows = Indplacering.objects.filter(
        ophold__borger=borger, ophold__annulleret__isnull=True
    )
    if _kun_egne_tilbud(user):
        rows = rows.filter(ophold__in=_egne_ophold(borger, user))
    return rows.select_related("ophold", "takstniveau", "foreslaaet_niveau")


def borger_tillaeg(
    borger: Borger, user: AbstractBaseUser | None = None
) -> QuerySet[Tillaegstakst]:
    """The borger's tillægstakster not annulled, nor in an annulled ophold
    (issue 17); a tilbudsleder only those of stays in their tilbud."""
    rows = Tillaegstakst.objects.filter(
        ophold__borger=borger, ophold__annulleret__isnull=True
    )
    if _kun_egne_tilbud(user):
        rows = rows.filter(ophold__in=_egne_ophold(borger, user))
    return rows.select_related("ophold__tilbud", "besluttet_af").order_by("fra", "pk")


def borger_annulleringer(
    borger: Borger, user: AbstractBaseUser | None = None
) -> QuerySet[Annullering]:
    """The borger's annulments, newest first (issue 12 item 11)."""
    rows = Annullering.objects.filter(borger=borger)
    if _kun_egne_tilbud(user):
        rows = rows.filter(ophold__tilbud__in=tilbud_visible_to(user))
    return rows.select_related(
        "ophold__tilbud",
        "indplacering__takstniveau",
        "tillaegstakst",
        "annulleret_af",
    )


def borger_betalingskommuner(
    borger: Borger, user: AbstractBaseUser | None = None
) -> list[Betalingskommune]:
    """The borger's betalingskommune history, oldest first (issue 13 #1); for a
    tilbudsleder the rows in force on a day of a stay in their tilbud."""
    rows = list(
        Betalingskommune.objects.filter(borger=borger).select_related("oprettet_af")
    )
    if not rows or not _kun_egne_tilbud(user):
        return rows
    perioder = list(_egne_ophold(borger, user).values_list("tilgang", "afgang"))
    return _i_kraft_i_perioderne(rows, perioder)


def _i_kraft_i_perioderne(
    rows: list[Betalingskommune], perioder
) -> list[Betalingskommune]:
    """One borger's rows (oldest first) in force on a day of one of the
    [tilgang, afgang) periods: a row holds until the next row's gyldig_fra."""
    if not rows:
        return []
    naeste_fra = [r.gyldig_fra for r in rows[1:]] + [None]
    return [
        r
        for r, til in zip(rows, naeste_fra, strict=True)
        if any(
            (afgang is None or r.gyldig_fra < afgang) and (til is None or til > tilgang)
            for tilgang, afgang in perioder
        )
    ]


def borgere_med_betalingskommune(
    borgere: list[Borger], user: AbstractBaseUser
) -> list[tuple[Borger, str]]:
    """A list page's borgere, each with the code its Betalingskommune column
    shows (blank: own): the newest registered, but for a tilbudsleder the newest
    in force in a stay in their tilbud, so a borger who left shows the code of
    their last day there (issue 14 item 5, as borger_betalingskommuner)."""
    if not _kun_egne_tilbud(user):
        return [(b, b.betalingskommune) for b in borgere]
    alle = Betalingskommune.objects.filter(borger__in=borgere)
    rows: dict[int, list[Betalingskommune]] = defaultdict(list)
    for r in alle.order_by("borger_id", "gyldig_fra"):
        rows[r.borger_id].append(r)
    egne = Ophold.objects.filter(borger__in=borgere, tilbud__in=tilbud_visible_to(user))
    perioder: dict[int, list] = defaultdict(list)
    for borger_id, *periode in egne.values_list("borger_id", "tilgang", "afgang"):
        perioder[borger_id].append(periode)  # [tilgang, afgang)
    return [
        (b, _sidste_kode(_i_kraft_i_perioderne(rows[b.pk], perioder[b.pk])))
        for b in borgere
    ]


def _sidste_kode(rows: list[Betalingskommune]) -> str:
    return rows[-1].kommunekode if rows else ""


def borger_doegnskemaer(
    borger: Borger, user: AbstractBaseUser | None = None
) -> QuerySet[Doegnskema]:
    """The borger's døgnskemaer, newest first, with posts for the totals; for a
    tilbudsleder those dated in a stay in their tilbud or behind its levels."""
    rows = Doegnskema.objects.filter(borger=borger)
    if _kun_egne_tilbud(user):
        egne = _egne_ophold(borger, user)
        bag_niveauer = Indplacering.objects.filter(ophold__in=egne).values("doegnskema")
        rows = rows.filter(
            _i_perioderne("dato", egne.values_list("tilgang", "afgang"))
            | Q(pk__in=bag_niveauer)
        )
    return (
        rows.select_related("oprettet_af")
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


def gaeldende_niveaukode(ophold: Ophold, dato: datetime.date) -> str | None:
    """The level code the stay has on ``dato`` (its first, if it begins later)."""
    indplaceringer = Indplacering.objects.filter(ophold=ophold).select_related(
        "takstniveau"
    )
    indplacering = (
        indplaceringer.filter(gyldig_fra__lte=dato)
        .order_by("-gyldig_fra", "-pk")
        .first()
        or indplaceringer.order_by("gyldig_fra", "pk").first()
    )
    return indplacering.takstniveau.kode if indplacering else None


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


@dataclass(frozen=True)
class Skemaraekke:
    """One VUM theme of a saved døgnskema: minutes per tidsrum and its hours."""

    tema: str
    minutter: tuple[int, ...]  # in Tidsrum order; 0 for an empty cell
    timer: Decimal  # the row's minutes / 60, unrounded (the page rounds)


def doegnskema_raekker(skema: Doegnskema) -> list[Skemaraekke]:
    """The read-only grid of a saved døgnskema (issue 15 #3), themes in order."""
    celler = {(p.tidsrum, p.tema_id): p.minutter for p in skema.poster.all()}
    raekker = []
    for tema in VumTema.objects.order_by("raekkefoelge"):
        minutter = tuple(celler.get((t, tema.pk), 0) for t in Tidsrum.values)
        raekker.append(Skemaraekke(tema.navn, minutter, Decimal(sum(minutter)) / 60))
    return raekker


# --- The waiting list (issue 19 #3) ---------------------------------------------


def venteliste_visible_to(user: AbstractBaseUser) -> QuerySet[Ventelisteplads]:
    """The waiting lists of the tilbud the user sees (a tilbudsleder: their own)."""
    return Ventelisteplads.objects.filter(
        tilbud__in=tilbud_visible_to(user)
    ).select_related("tilbud", "borger", "forventet_niveau__takstmodel")


def kan_redigere_venteliste(user: AbstractBaseUser) -> bool:
    """Myndighed and økonomi keep the waiting lists; a tilbudsleder reads."""
    return ser_alle_tilbud(user)


def venteliste_borgere_synlige(
    pladser: Iterable[Ventelisteplads], user: AbstractBaseUser
) -> set[int]:
    """The borgere on the list whom the user may see by name (and masked CPR):
    every one for myndighed and økonomi; for a tilbudsleder those who have or
    had a stay in their tilbud. Others show as the anonymous need."""
    ids = {p.borger_id for p in pladser if p.borger_id is not None}
    if not ids:
        return set()
    synlige = borgere_visible_to(user).filter(pk__in=ids)
    return set(synlige.values_list("pk", flat=True))
