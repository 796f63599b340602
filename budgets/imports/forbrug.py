"""Monthly actuals from the finance system (issue 6; preview: issue 12 item 14).

Columns tilbud, måned (ÅÅÅÅ-MM), art, beløb (Danish numbers). Several rows for
the same tilbud, month and art are postings and are summed; the sum *replaces*
the month's amount, so importing the same file again changes nothing.

Because a sum replaces what is there, nothing is written at once: ``forhaandsvis``
says per month what happens (ny, ændret from X to Y, uændret) and the job waits
for the user. ``gem`` runs only on confirmation and refuses if the stored months
differ from the preview by then. A month must lie in a budget year: one with a
takstmodel (budgets.selectors.budgetaar_valg).
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError

from budgets import selectors, services
from budgets.imports.common import (
    Fremskridt,
    ImportAfvist,
    Raekke,
    RaekkeFejl,
    beloeb_eller_fejl,
    kolonnens_navn,
    kraevet,
    laes_tabel,
    tilbud_eller_fejl,
    tilbud_opslag,
    valider_alle,
)
from budgets.models import Budgetaar, Budgetstatus, Forbrug, Forbrugsart
from config.lib.money import round_to_oere
from offers.models import Tilbud

KOLONNER = ("tilbud", "maaned", "art", "beloeb")
MAANED_FEJL = "Måneden '{tekst}' skal skrives som ÅÅÅÅ-MM (fx 2026-03)."
ART_FEJL = "Ukendt art '{tekst}' (brug løn, drift eller indtægt)."
AAR_LAAST = services.AAR_LAAST  # one message for a lukket year on every path
AAR_UDEN_BUDGET = (
    "Der er intet budget for {aar}: året har ingen takstmodel. "
    "Opret takstmodellen for {aar} først, eller ret måneden."
)
DATA_AENDRET = (
    "Forbruget er ændret, siden forhåndsvisningen blev lavet, så intet er gemt. "
    "Upload filen igen for at se en ny forhåndsvisning."
)
NY, AENDRET, UAENDRET = "ny", "aendret", "uaendret"

_ARTER = {
    "loen": Forbrugsart.LOEN,
    "løn": Forbrugsart.LOEN,
    "drift": Forbrugsart.DRIFT,
    "indtaegt": Forbrugsart.INDTAEGT,
    "indtægt": Forbrugsart.INDTAEGT,
}
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
        return 0, 0
    return aar, maaned


def valider(raekker: list[Raekke], fremskridt: Fremskridt) -> list[Post]:
    opslag = tilbud_opslag()
    laaste = set(
        Budgetaar.objects.filter(status=Budgetstatus.LUKKET).values_list(
            "aar", flat=True
        )
    )
    budgetaar = set(selectors.budgetaar_valg())

    def en(raekke: Raekke) -> Post:
        fejl: list[str] = []
        # An empty cell is one message (kraevet); only a filled one is parsed.
        tilbud_id = tilbud_eller_fejl(kraevet(raekke, "tilbud", fejl), opslag, fejl)
        aar, maaned = 0, 0
        if tekst := kraevet(raekke, "maaned", fejl):
            aar, maaned = _aar_maaned(tekst, fejl)
        if aar in laaste:
            fejl.append(AAR_LAAST.format(aar=aar))
        elif aar and aar not in budgetaar:
            fejl.append(AAR_UDEN_BUDGET.format(aar=aar))
        art = None
        if tekst := kraevet(raekke, "art", fejl):
            art = _ARTER.get(tekst.strip().lower())
            if art is None:
                fejl.append(ART_FEJL.format(tekst=tekst))
        beloeb = beloeb_eller_fejl(
            kraevet(raekke, "beloeb", fejl), fejl, kolonnens_navn(raekke, "beloeb")
        )
        if fejl:
            raise RaekkeFejl(fejl)
        return Post(int(raekke["linje"]), tilbud_id, aar, maaned, art, beloeb)

    return valider_alle(raekker, en, fremskridt)


Noegle = tuple[int, int, int, str]  # tilbud_id, aar, maaned, art


def _summer(poster: list[Post]) -> tuple[dict[Noegle, Decimal], dict[Noegle, list]]:
    summer: dict[Noegle, Decimal] = defaultdict(Decimal)
    linjer: dict[Noegle, list[int]] = defaultdict(list)
    for post in poster:
        noegle = (post.tilbud_id, post.aar, post.maaned, post.art)
        summer[noegle] += post.beloeb
        linjer[noegle].append(post.linje)
    return summer, linjer


def _gemte(noegler: set[Noegle], laas: bool) -> dict[Noegle, Decimal]:
    """The stored months of the file's tilbud and years.

    ``laas``: the years' rows and the months are locked until the write commits, so
    a second confirmed import of the same years waits and then compares with what
    this one wrote, and no one changes a month between comparison and write.
    """
    aar_qs = Budgetaar.objects.filter(aar__in={n[1] for n in noegler})
    qs = Forbrug.objects.filter(tilbud_id__in={n[0] for n in noegler})
    if laas:
        aar_qs, qs = aar_qs.select_for_update(), qs.select_for_update()
    aarene = dict(aar_qs.values_list("pk", "aar"))
    felter = ("tilbud_id", "budgetaar_id", "maaned", "art", "beloeb")
    return {
        (tilbud_id, aarene[budgetaar_id], maaned, art): beloeb
        for tilbud_id, budgetaar_id, maaned, art, beloeb in qs.filter(
            budgetaar_id__in=aarene
        ).values_list(*felter)
    }


def _status(foer: Decimal | None, efter: Decimal) -> str:
    if foer is None:
        return NY
    return UAENDRET if foer == efter else AENDRET


def plan(poster: list[Post], *, laas: bool = False) -> list[dict]:
    """Per tilbud, month and art: the stored amount (foer) and the file's (efter).

    Plain JSON values (amounts as strings), as the job stores them; reads only.
    """
    summer, linjer = _summer(poster)
    gemte = _gemte(set(summer), laas)
    navne = dict(
        Tilbud.objects.filter(pk__in={n[0] for n in summer}).values_list("pk", "navn")
    )
    raekker = []
    for noegle in sorted(summer):
        tilbud_id, aar, maaned, art = noegle
        # Exact: every posting has at most two decimals; this fixes "1" as "1.00".
        foer, efter = gemte.get(noegle), round_to_oere(summer[noegle])
        raekker.append(
            {
                "tilbud_id": tilbud_id,
                "tilbud": navne[tilbud_id],
                "aar": aar,
                "maaned": maaned,
                "art": art,
                "art_tekst": Forbrugsart(art).label,
                "foer": None if foer is None else str(foer),
                "efter": str(efter),
                "status": _status(foer, efter),
                "linjer": linjer[noegle],
            }
        )
    return raekker


def optael(raekker: list[dict]) -> dict[str, int]:
    """How many preview rows are new, changed and unchanged (every import's)."""
    return {s: sum(r["status"] == s for r in raekker) for s in (NY, AENDRET, UAENDRET)}


def forhaandsvis(poster: list[Post]) -> dict:
    """What confirming would write: every month and counts per status."""
    raekker = plan(poster)
    return {"raekker": raekker, **optael(raekker)}


def _sammenlignes(raekker: list[dict]) -> list[tuple]:
    """What must be as previewed: the months, their stored and their new amounts."""
    felter = ("tilbud_id", "aar", "maaned", "art", "foer", "efter")
    return [tuple(r[f] for f in felter) for r in raekker]


def gem(
    poster: list[Post], acting_user: AbstractBaseUser, forhaandsvisning: dict
) -> dict[str, int]:
    """Write the confirmed preview, inside the runner's transaction.

    Refused (nothing written) if the stored months are no longer those the user
    saw: another import or user changed one, or created it, in between.
    """
    raekker = plan(poster, laas=True)
    if _sammenlignes(raekker) != _sammenlignes(forhaandsvisning.get("raekker", [])):
        raise ImportAfvist([DATA_AENDRET])
    budgetaar = {
        aar: services.budgetaar_aabent(aar) for aar in {r["aar"] for r in raekker}
    }
    try:
        for r in raekker:
            if r["status"] != UAENDRET:
                services.forbrug_save(
                    tilbud_id=r["tilbud_id"],
                    budgetaar=budgetaar[r["aar"]],
                    maaned=r["maaned"],
                    art=r["art"],
                    beloeb=Decimal(r["efter"]),
                    acting_user=acting_user,
                )
    except IntegrityError as err:  # a month created by someone else meanwhile
        raise ImportAfvist([DATA_AENDRET]) from err
    return {"raekker": len(poster), **optael(raekker)}
