"""Fictitious borgere: names, CPR numbers and VUM døgnskemaer (DOMAIN.md §5).

Pure helpers over a ``random.Random``; the services write the results.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from budgets.demo.katalog import EFTERNAVNE, KVINDENAVNE, MANDSNAVNE
from config.lib.money import naermeste_heltal

# VUM themes typical of each time of day, with a weight for how much support they take.
TIDSRUM_TEMAER = {
    "morgen": (
        ("egenomsorg", 4),
        ("sundhedsforhold", 2),
        ("praktiske_opgaver", 1),
        ("mentale_funktioner", 1),
        ("kommunikation", 1),
    ),
    "formiddag": (
        ("samfundsliv", 3),
        ("praktiske_opgaver", 2),
        ("mobilitet", 1),
        ("kommunikation", 1),
        ("fysiske_funktioner", 1),
    ),
    "eftermiddag": (
        ("relationer", 2),
        ("samfundsliv", 2),
        ("praktiske_opgaver", 2),
        ("mentale_funktioner", 2),
        ("fysiske_funktioner", 1),
        ("sociale_forhold", 1),
    ),
    "aften": (
        ("egenomsorg", 2),
        ("praktiske_opgaver", 2),
        ("mentale_funktioner", 2),
        ("relationer", 1),
        ("sociale_forhold", 1),
        ("sundhedsforhold", 1),
    ),
    "nat": (
        ("mentale_funktioner", 3),
        ("omgivelser", 2),
        ("sundhedsforhold", 1),
        ("egenomsorg", 1),
    ),
}
# Where light support goes during the day, and how long each time of day is.
BASIS_ANDEL = {"morgen": 24, "formiddag": 16, "eftermiddag": 22, "aften": 26, "nat": 12}
VARIGHED = {
    "morgen": 180,
    "formiddag": 180,
    "eftermiddag": 300,
    "aften": 300,
    "nat": 480,
}
UGEPOSTER = (
    ("praktiske_opgaver", "Indkøb med støtte"),
    ("praktiske_opgaver", "Rengøring og tøjvask"),
    ("samfundsliv", "Ledsagelse til læge, tandlæge eller jobcenter"),
    ("relationer", "Planlægning af samvær med pårørende"),
    ("samfundsliv", "Gennemgang af økonomi og post"),
)
# How much harder than average each theme tends to score, for funktionsevne.
TEMA_FORSKYDNING = {
    "egenomsorg": 0,
    "praktiske_opgaver": 0,
    "samfundsliv": 1,
    "kommunikation": 0,
    "mobilitet": -1,
    "relationer": 1,
    "mentale_funktioner": 1,
    "sundhedsforhold": 0,
    "fysiske_funktioner": -1,
    "sociale_forhold": 0,
    "omgivelser": -1,
}
SAERTAKST = 9  # level numbers from 9 up stand for a særtakst need above 16 hours


@dataclass(frozen=True)
class Skema:
    poster: list[dict[str, Any]]
    ugeposter: list[dict[str, Any]]
    funktionsevner: dict[str, int]
    timer: Fraction  # exact hours per døgn, as the engine counts them


class Navne:
    """Unique Danish names; the gender also sets the CPR's last digit."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.brugt: set[str] = set()

    def nyt(self) -> tuple[str, bool]:
        while True:
            kvinde = self.rng.random() < 0.45
            fornavn = self.rng.choice(KVINDENAVNE if kvinde else MANDSNAVNE)
            navn = f"{fornavn} {self.rng.choice(EFTERNAVNE)}"
            if self.rng.random() < 0.3:
                mellemnavn = self.rng.choice(EFTERNAVNE)
                navn = f"{fornavn} {mellemnavn} {self.rng.choice(EFTERNAVNE)}"
            if navn not in self.brugt:
                self.brugt.add(navn)
                return navn, kvinde


def _mod11_gyldig(cpr: str) -> bool:
    vaegte = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(int(c) * v for c, v in zip(cpr, vaegte, strict=True)) % 11 == 0


def cpr_nummer(rng: random.Random, foedt: date, kvinde: bool, brugt: set[str]) -> str:
    """A fictitious CPR: valid date and century digit, deliberately failing modulus 11.

    Numbers for births 1950-2004 were all issued with a valid modulus-11 check, so a
    failing one cannot belong to a real person born then.
    """
    while True:
        syvende = rng.randint(0, 3) if foedt.year < 2000 else 4
        sidste = rng.randrange(0 if kvinde else 1, 10, 2)
        cpr = f"{foedt:%d%m%y}{syvende}{rng.randint(0, 99):02d}{sidste}"
        if not _mod11_gyldig(cpr) and cpr not in brugt:
            brugt.add(cpr)
            return cpr


def foedselsdato(rng: random.Random, tilgangsaar: int, ung: bool) -> date:
    """Born 1950-2004, at least 19 at tilgang; bofællesskaber house younger borgere."""
    senest = min(2004, tilgangsaar - 19)
    tidligst = max(1950, senest - 30) if ung else 1950
    start = date(tidligst, 1, 1)
    return start + timedelta(days=rng.randint(0, (date(senest, 12, 31) - start).days))


def niveau_spaend(niveau: int) -> tuple[int, int]:
    """Target minutes per døgn for a level: its 2-hour span less a 15-minute margin."""
    if niveau > SAERTAKST:  # 2:1 support in parts of the day
        return 21 * 60, 23 * 60
    if niveau == SAERTAKST:
        return 17 * 60, 20 * 60
    nedre = 120 * (niveau - 1)
    return nedre + 15, nedre + 105


def skema(rng: random.Random, niveau: int) -> Skema:
    """A døgnskema whose total lands in ``niveau``'s span (above 16 h for særtakst)."""
    fra, til = niveau_spaend(niveau)
    ugeposter = [
        {"tema": tema, "beskrivelse": tekst, "minutter_pr_uge": 15 * rng.randint(2, 8)}
        for tema, tekst in rng.sample(UGEPOSTER, rng.randint(1, 2))
    ]
    uge = sum(u["minutter_pr_uge"] for u in ugeposter)
    doegn = max(15, 5 * naermeste_heltal((rng.randint(fra, til) - uge / 7) / 5))
    poster = _fordel(rng, doegn)
    return Skema(
        poster=poster,
        ugeposter=ugeposter,
        funktionsevner=_funktionsevner(rng, niveau),
        timer=(Fraction(doegn) + Fraction(uge, 7)) / 60,
    )


def _fordel(rng: random.Random, minutter: int) -> list[dict[str, Any]]:
    """Spread ``minutter`` (a multiple of 5) over times of day and themes."""
    # Heavy needs fill the long times of day (evening, night) rather than the morning.
    vaegt = min(1.0, minutter / 1440)
    poster: list[dict[str, Any]] = []
    for tidsrum, temaer in TIDSRUM_TEMAER.items():
        andel = (1 - vaegt) * BASIS_ANDEL[tidsrum] / 100 + vaegt * VARIGHED[
            tidsrum
        ] / 1440
        minutter_her = 5 * naermeste_heltal(minutter * andel / 5)
        poster += _tidsrum_poster(rng, tidsrum, temaer, minutter_her)
    storst = max(poster, key=lambda p: p["minutter"])
    storst["minutter"] += minutter - sum(p["minutter"] for p in poster)
    return poster


def _tidsrum_poster(
    rng: random.Random, tidsrum: str, temaer: tuple, minutter: int
) -> list[dict[str, Any]]:
    if minutter <= 0:
        return []
    antal = min(3, minutter // 40 + 1)
    valgte = _vaegtet_udvalg(rng, temaer, antal)
    vaegte = [v * rng.uniform(0.6, 1.4) for _, v in valgte]
    poster = [
        {
            "tidsrum": tidsrum,
            "tema": tema,
            "minutter": max(5, 5 * naermeste_heltal(minutter * v / sum(vaegte) / 5)),
        }
        for (tema, _), v in zip(valgte, vaegte, strict=True)
    ]
    poster[0]["minutter"] += minutter - sum(p["minutter"] for p in poster)
    return [p for p in poster if p["minutter"] > 0]


def _vaegtet_udvalg(
    rng: random.Random, temaer: tuple, antal: int
) -> list[tuple[str, int]]:
    tilbage = list(temaer)
    valgte = []
    for _ in range(antal):
        valg = rng.choices(tilbage, weights=[v for _, v in tilbage])[0]
        tilbage.remove(valg)
        valgte.append(valg)
    return valgte


def _funktionsevner(rng: random.Random, niveau: int) -> dict[str, int]:
    """VUM funktionsevne 0-4 per theme, rising with the support need."""
    grund = min(niveau, 8) / 2
    return {
        tema: max(
            0, min(4, naermeste_heltal(grund + forskydning + rng.choice((-1, 0, 0, 1))))
        )
        for tema, forskydning in TEMA_FORSKYDNING.items()
    }
