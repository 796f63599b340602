"""Leverede timer i bostøtte § 85 from the planning system, monthly (issue 17).

Columns cpr, tilbud, maaned (ÅÅÅÅ-MM), leverede_timer (Danish numbers, at most
two decimals). Several rows for the same borger, tilbud and month are summed
(a planning system may give one row per employee); the sum *replaces* the
month's hours of that borger in that tilbud, so importing the same file again
changes nothing, and a corrected file for a month replaces only the borgere and
tilbud it names (a borger not in the file keeps the hours stored).

As the forbrug import: nothing is written at once. ``forhaandsvis`` says per
row what happens (ny, ændret, uændret) and the job waits for the user; ``gem``
runs on confirmation and refuses if the stored hours differ from the preview
by then. The tilbud must be a bostøtte § 85 tilbud and the borger must live in
it some day of the month. The CPR is validated and looked up by its keyed hash;
the preview and every message name the borger by name and masked CPR only.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from budgets import services
from budgets.imports.common import (
    Fremskridt,
    ImportAfvist,
    Raekke,
    RaekkeFejl,
    decimal_eller_fejl,
    kolonnens_navn,
    kraevet,
    laes_tabel,
    tilbud_eller_fejl,
    tilbud_opslag,
    valider_alle,
)
from budgets.imports.forbrug import AENDRET, NY, UAENDRET, _aar_maaned, optael
from budgets.models import Budgetaar, Budgetstatus, LeveretTid
from config.lib.money import round_to_oere
from config.lib.security import normaliser_cifre
from offers import cpr as cpr_lib
from offers.models import Borger, Ophold, Tilbud, Tilbudstype

KOLONNER = ("cpr", "tilbud", "maaned", "leverede_timer")
MAKS_TIMER = Decimal(744)  # 31 days × 24 hours
IKKE_BOSTOETTE = "Tilbuddet '{tekst}' er ikke et bostøttetilbud (§ 85)."
BORGER_UKENDT = "Der findes ingen borger med CPR-nummeret."
INTET_OPHOLD = "Borgeren bor ikke i tilbuddet i {aar}-{maaned:02d}."
TIMER_DECIMALER = "Timerne '{tekst}' har mere end to decimaler."
TIMER_NEGATIVE = "Leverede timer kan ikke være negative ('{tekst}')."
TIMER_FOR_MANGE = "'{tekst}' timer er flere end en måned har (højst 744)."
AAR_LAAST = services.AAR_LAAST
DATA_AENDRET = (
    "De leverede timer er ændret, siden forhåndsvisningen blev lavet, så intet er "
    "gemt. Upload filen igen for at se en ny forhåndsvisning."
)


@dataclass(frozen=True)
class Levering:
    linje: int
    borger_id: int
    tilbud_id: int
    aar: int
    maaned: int
    timer: Decimal


def laes(indhold: bytes, filnavn: str) -> list[Raekke]:
    return laes_tabel(indhold, filnavn, KOLONNER)


def _cpr_hash(tekst: str, fejl: list[str]) -> str:
    try:
        return cpr_lib.hash_cpr(cpr_lib.normalize_cpr(normaliser_cifre(tekst)))
    except ValidationError as err:
        fejl.extend(err.messages)
        return ""


def _timer(raekke: Raekke, fejl: list[str]) -> Decimal | None:
    tekst = kraevet(raekke, "leverede_timer", fejl)
    kolonne = kolonnens_navn(raekke, "leverede_timer")
    timer = decimal_eller_fejl(tekst, fejl, kolonne=kolonne)
    if timer is None:
        return None
    if timer != round_to_oere(timer):
        fejl.append(TIMER_DECIMALER.format(tekst=tekst))
    elif timer < 0:
        fejl.append(TIMER_NEGATIVE.format(tekst=tekst))
    elif timer > MAKS_TIMER:
        fejl.append(TIMER_FOR_MANGE.format(tekst=tekst))
    else:
        return timer
    return None


class _Validator:
    """Row checks with the lookups loaded once for the whole file."""

    def __init__(self) -> None:
        self.tilbud = tilbud_opslag()
        self.bostoette = set(
            Tilbud.objects.filter(tilbudstype=Tilbudstype.BOSTOETTE_85).values_list(
                "pk", flat=True
            )
        )
        self.borgere = dict(Borger.objects.values_list("cpr_hash", "pk"))
        self.ophold: dict[tuple[int, int], list] = defaultdict(list)
        for borger, tilbud, tilgang, afgang in Ophold.objects.filter(
            tilbud_id__in=self.bostoette
        ).values_list("borger_id", "tilbud_id", "tilgang", "afgang"):
            self.ophold[(borger, tilbud)].append((tilgang, afgang))
        self.laaste = set(
            Budgetaar.objects.filter(status=Budgetstatus.LUKKET).values_list(
                "aar", flat=True
            )
        )

    def _tilbud(self, raekke: Raekke, fejl: list[str]) -> int | None:
        tekst = kraevet(raekke, "tilbud", fejl)
        tilbud_id = tilbud_eller_fejl(tekst, self.tilbud, fejl)
        if tilbud_id is not None and tilbud_id not in self.bostoette:
            fejl.append(IKKE_BOSTOETTE.format(tekst=tekst))
            return None
        return tilbud_id

    def __call__(self, raekke: Raekke) -> Levering:
        fejl: list[str] = []
        borger_id = None
        if tekst := kraevet(raekke, "cpr", fejl):
            if cpr_hash := _cpr_hash(tekst, fejl):
                borger_id = self.borgere.get(cpr_hash)
                if borger_id is None:
                    fejl.append(BORGER_UKENDT)
        tilbud_id = self._tilbud(raekke, fejl)
        aar, maaned = 0, 0
        if tekst := kraevet(raekke, "maaned", fejl):
            aar, maaned = _aar_maaned(tekst, fejl)
        if aar in self.laaste:
            fejl.append(AAR_LAAST.format(aar=aar))
        timer = _timer(raekke, fejl)
        stays = self.ophold.get((borger_id, tilbud_id), [])
        if borger_id and tilbud_id and aar and not _bor_der(stays, aar, maaned):
            fejl.append(INTET_OPHOLD.format(aar=aar, maaned=maaned))
        if fejl:
            raise RaekkeFejl(fejl)
        return Levering(int(raekke["linje"]), borger_id, tilbud_id, aar, maaned, timer)


def _bor_der(stays: list, aar: int, maaned: int) -> bool:
    """A stay [tilgang, afgang) with a day in the month."""
    foerste = datetime.date(aar, maaned, 1)
    sidste = datetime.date(aar, maaned, calendar.monthrange(aar, maaned)[1])
    return any(
        tilgang <= sidste and (afgang is None or afgang > foerste)
        for tilgang, afgang in stays
    )


def valider(raekker: list[Raekke], fremskridt: Fremskridt) -> list[Levering]:
    return valider_alle(raekker, _Validator(), fremskridt)


Noegle = tuple[int, int, int, int]  # tilbud_id, borger_id, aar, maaned


def _summer(leveringer: list[Levering]) -> tuple[dict, dict]:
    summer: dict[Noegle, Decimal] = defaultdict(Decimal)
    linjer: dict[Noegle, list[int]] = defaultdict(list)
    for lev in leveringer:
        noegle = (lev.tilbud_id, lev.borger_id, lev.aar, lev.maaned)
        summer[noegle] += lev.timer
        linjer[noegle].append(lev.linje)
    return summer, linjer


def _gemte(noegler: set[Noegle], laas: bool) -> dict[Noegle, Decimal]:
    """The stored hours of the file's borgere (locked until the write commits,
    so a second confirmed import waits and compares with what this one wrote)."""
    qs = LeveretTid.objects.filter(
        borger_id__in={n[1] for n in noegler}, aar__in={n[2] for n in noegler}
    )
    if laas:
        qs = qs.select_for_update()
    felter = ("tilbud_id", "borger_id", "aar", "maaned", "timer")
    return {(t, b, a, m): timer for t, b, a, m, timer in qs.values_list(*felter)}


def plan(leveringer: list[Levering], *, laas: bool = False) -> list[dict]:
    """Per tilbud, borger and month: the stored hours (foer) and the file's
    (efter). Plain JSON values (hours as strings, the borger masked)."""
    summer, linjer = _summer(leveringer)
    gemte = _gemte(set(summer), laas)
    navne = dict(
        Tilbud.objects.filter(pk__in={n[0] for n in summer}).values_list("pk", "navn")
    )
    borgere = {
        pk: f"{navn} ({cpr})"
        for pk, navn, cpr in Borger.objects.filter(
            pk__in={n[1] for n in summer}
        ).values_list("pk", "navn", "cpr_maskeret")
    }
    raekker = []
    for noegle in sorted(summer):
        tilbud_id, borger_id, aar, maaned = noegle
        foer, efter = gemte.get(noegle), round_to_oere(summer[noegle])
        status = NY if foer is None else (UAENDRET if foer == efter else AENDRET)
        raekker.append(
            {
                "tilbud_id": tilbud_id,
                "tilbud": navne[tilbud_id],
                "borger_id": borger_id,
                "borger": borgere[borger_id],
                "aar": aar,
                "maaned": maaned,
                "foer": None if foer is None else str(foer),
                "efter": str(efter),
                "status": status,
                "linjer": linjer[noegle],
            }
        )
    return raekker


def forhaandsvis(leveringer: list[Levering]) -> dict:
    """What confirming would write: every row and counts per status."""
    raekker = plan(leveringer)
    return {"raekker": raekker, **optael(raekker)}


def _sammenlignes(raekker: list[dict]) -> list[tuple]:
    felter = ("tilbud_id", "borger_id", "aar", "maaned", "foer", "efter")
    return [tuple(r[f] for f in felter) for r in raekker]


def gem(
    leveringer: list[Levering], acting_user: AbstractBaseUser, forhaandsvisning: dict
) -> dict[str, int]:
    """Write the confirmed preview, inside the runner's transaction; refused
    (nothing written) if the stored hours are no longer those the user saw."""
    raekker = plan(leveringer, laas=True)
    if _sammenlignes(raekker) != _sammenlignes(forhaandsvisning.get("raekker", [])):
        raise ImportAfvist([DATA_AENDRET])
    try:
        for r in raekker:
            if r["status"] != UAENDRET:
                services.leveret_tid_save(
                    borger_id=r["borger_id"],
                    tilbud_id=r["tilbud_id"],
                    aar=r["aar"],
                    maaned=r["maaned"],
                    timer=Decimal(r["efter"]),
                    acting_user=acting_user,
                )
    except IntegrityError as err:  # a month created by someone else meanwhile
        raise ImportAfvist([DATA_AENDRET]) from err
    return {"raekker": len(leveringer), **optael(raekker)}
