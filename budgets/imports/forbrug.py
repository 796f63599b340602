"""Monthly actuals from the finance system (issue 6).

Columns tilbud, måned (ÅÅÅÅ-MM), art, beløb (Danish numbers). Several rows for
the same tilbud, month and art are postings and are summed; the sum *replaces*
the month's amount, so importing the same file again changes nothing.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from budgets import services
from budgets.imports.common import (
    Fremskridt,
    Raekke,
    RaekkeFejl,
    beloeb_eller_fejl,
    kraevet,
    laes_tabel,
    tilbud_eller_fejl,
    tilbud_opslag,
    valider_alle,
)
from budgets.models import Budgetaar, Forbrugsart

KOLONNER = ("tilbud", "maaned", "art", "beloeb")
MAANED_FEJL = "Måneden '{tekst}' skal skrives som ÅÅÅÅ-MM (fx 2026-03)."
ART_FEJL = "Ukendt art '{tekst}' (brug løn, drift eller indtægt)."
AAR_LAAST = "Budgetåret {aar} er låst."

_ARTER = {
    "loen": Forbrugsart.LOEN, "løn": Forbrugsart.LOEN, "drift": Forbrugsart.DRIFT,
    "indtaegt": Forbrugsart.INDTAEGT, "indtægt": Forbrugsart.INDTAEGT,
}  # fmt: skip
_AAR_MAANED = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?: 00:00:00)?$")
_MAANED_AAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


@dataclass(frozen=True)
class Post:
    linje: int
    tilbud_id: int
    aar: int
    maaned: int
    art: str
    beloeb: Decimal


def laes(indhold: bytes, filnavn: str) -> list[Raekke]:
    return laes_tabel(indhold, filnavn, KOLONNER)


def _aar_maaned(tekst: str, fejl: list[str]) -> tuple[int, int]:
    match = _AAR_MAANED.match(tekst)
    if match:
        aar, maaned = int(match[1]), int(match[2])
    elif match := _MAANED_AAR.match(tekst):
        maaned, aar = int(match[1]), int(match[2])
    else:
        aar, maaned = 0, 0
    if not (1 <= maaned <= 12 and 2000 <= aar <= 2100):
        fejl.append(MAANED_FEJL.format(tekst=tekst))
    return aar, maaned


def valider(raekker: list[Raekke], fremskridt: Fremskridt) -> list[Post]:
    opslag = tilbud_opslag()
    laaste = set(Budgetaar.objects.filter(laast=True).values_list("aar", flat=True))

    def en(raekke: Raekke) -> Post:
        fejl: list[str] = []
        tilbud_id = tilbud_eller_fejl(kraevet(raekke, "tilbud", fejl), opslag, fejl)
        aar, maaned = _aar_maaned(raekke["maaned"], fejl)
        if aar in laaste:
            fejl.append(AAR_LAAST.format(aar=aar))
        art = _ARTER.get(raekke["art"].strip().lower())
        if art is None:
            fejl.append(ART_FEJL.format(tekst=raekke["art"]))
        beloeb = beloeb_eller_fejl(kraevet(raekke, "beloeb", fejl), fejl)
        if fejl:
            raise RaekkeFejl(fejl)
        return Post(int(raekke["linje"]), tilbud_id, aar, maaned, art, beloeb)

    return valider_alle(raekker, en, fremskridt)


def gem(poster: list[Post], acting_user: AbstractBaseUser) -> dict[str, int]:
    summer: dict[tuple[int, int, int, str], Decimal] = defaultdict(Decimal)
    for post in poster:
        summer[(post.tilbud_id, post.aar, post.maaned, post.art)] += post.beloeb
    budgetaar = {aar: services.budgetaar_aabent(aar) for _, aar, _, _ in summer}
    aendret = 0
    for (tilbud_id, aar, maaned, art), beloeb in summer.items():
        aendret += services.forbrug_save(
            tilbud_id=tilbud_id, budgetaar=budgetaar[aar], maaned=maaned, art=art,
            beloeb=beloeb, acting_user=acting_user,
        )  # fmt: skip
    return {
        "raekker": len(poster),
        "aendret": aendret,
        "uaendret": len(summer) - aendret,
    }
