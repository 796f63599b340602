"""Bulk tilgang, afgang and indplacering from a case-system export (issue 6).

CSV (or Excel) with columns cpr, tilbud, haendelse (tilgang/afgang/indplacering),
dato, niveau; optional timer (særtakst hours per døgn), visiterede_timer
(bostøtte § 85: visiterede timer pr. uge, issue 17), navn (creates a borger
the product does not know yet), begrundelse and, on an afgang line,
afgangsaarsag (a code such as doed, or its Danish label such as "Død"; with
"andet" the begrundelse is its free text). An event that already exists
identically is skipped, so importing the same file again changes nothing.
The CPR never appears in an error message (STYLE.md 5.4): errors name the line.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from budgets.imports.common import (
    Fremskridt,
    ImportAfvist,
    Raekke,
    RaekkeFejl,
    begraens,
    dato_eller_fejl,
    decimal_eller_fejl,
    kolonnens_navn,
    kraevet,
    laes_tabel,
    tilbud_eller_fejl,
    tilbud_opslag,
    valider_alle,
)
from config.lib.security import normaliser_cifre
from offers import cpr as cpr_lib
from offers import services
from offers.models import Afgangsaarsag, Borger, Indplacering, Ophold, Tilbud
from tariffs.models import Takstniveau

KOLONNER = ("cpr", "tilbud", "haendelse", "dato", "niveau")
VALGFRI = (
    "timer",
    "visiterede_timer",
    "navn",
    "begrundelse",
    "afgangsaarsag",
    "pladsandel",
)
TILGANG, AFGANG, INDPLACERING = "tilgang", "afgang", "indplacering"
# On one day an afgang comes before a tilgang (omplacering), a level after both.
_RANG = {AFGANG: 0, TILGANG: 1, INDPLACERING: 2}
HAENDELSE_FEJL = "Ukendt hændelse '{tekst}' (brug tilgang, afgang eller indplacering)."
NIVEAU_FEJL = "Takstniveau '{kode}' findes ikke i takstmodellen for {aar}."
AARSAG_FEJL = (
    "Ukendt afgangsårsag '{tekst}' (brug andet_tilbud, egen_bolig, doed, "
    "anden_kommune eller andet)."
)
AARSAG_KUN_AFGANG = "En afgangsårsag angives kun på en afgang."
# Issue 17: a dagtilbud's hel or halv plads, as a share or in words.
PLADSANDEL_FEJL = "Ukendt pladsandel '{tekst}' (brug 1, 0,5, hel eller halv)."
PLADSANDEL_KUN_NIVEAU = "En pladsandel angives kun på en tilgang eller indplacering."
_PLADSANDELE = {
    "1": Decimal(1),
    "1,0": Decimal(1),
    "1.0": Decimal(1),
    "hel": Decimal(1),
    "0,5": Decimal("0.5"),
    "0.5": Decimal("0.5"),
    "halv": Decimal("0.5"),
}
# Code or Danish label, either case: "doed", "Død".
_AARSAGER = {
    **{v: v for v in Afgangsaarsag.values},
    **{label.lower(): v for v, label in Afgangsaarsag.choices},
}
BORGER_UKENDT = "Der findes ingen borger med CPR-nummeret; angiv navn for at oprette."
_CHUNK = 900  # below SQLite's limit on query parameters


@dataclass(frozen=True)
class Haendelse:
    linje: int
    cpr_hash: str
    cpr: str
    navn: str
    art: str
    dato: date
    tilbud_id: int | None
    niveau: Takstniveau | None
    timer: Decimal | None
    begrundelse: str
    afgangsaarsag: str = ""
    ugetimer: Decimal | None = None  # bostøtte: visiterede timer pr. uge
    pladsandel: Decimal = Decimal(1)


def laes(indhold: bytes, filnavn: str) -> list[Raekke]:
    return laes_tabel(indhold, filnavn, KOLONNER, VALGFRI)


def _kendte_hashes(hashes: set[str]) -> set[str]:
    liste, kendte = sorted(hashes), set()
    for i in range(0, len(liste), _CHUNK):
        chunk = liste[i : i + _CHUNK]
        kendte |= set(
            Borger.objects.filter(cpr_hash__in=chunk).values_list("cpr_hash", flat=True)
        )
    return kendte


def _normaliseret_cpr(tekst: str) -> str:
    """ASCII digits first ("１５０５８５-１２３７" is 150585-1237), so the same
    person validates and hashes as the same borger whatever digits the file uses."""
    return cpr_lib.normalize_cpr(normaliser_cifre(tekst))


def _cpr(raekke: Raekke, fejl: list[str]) -> str:
    try:
        return _normaliseret_cpr(raekke["cpr"])
    except ValidationError as err:
        fejl.extend(err.messages)
        return ""


class _Validator:
    """Row checks with the lookups loaded once for the whole file."""

    def __init__(self, raekker: list[Raekke]) -> None:
        self.tilbud = tilbud_opslag()
        self.niveauer = {
            (n.takstmodel.aar, n.kode): n
            for n in Takstniveau.objects.select_related("takstmodel")
        }
        hashes = set()
        for raekke in raekker:
            try:
                hashes.add(cpr_lib.hash_cpr(_normaliseret_cpr(raekke["cpr"])))
            except ValidationError:
                pass
        self.kendte = _kendte_hashes(hashes)

    def _niveau(self, raekke: Raekke, art: str, dato, fejl) -> Takstniveau | None:
        if art not in (TILGANG, INDPLACERING) or dato is None:
            return None
        kode = kraevet(raekke, "niveau", fejl)
        niveau = self.niveauer.get((dato.year, kode))
        if kode and niveau is None:
            fejl.append(NIVEAU_FEJL.format(kode=kode, aar=dato.year))
        return niveau

    def __call__(self, raekke: Raekke) -> Haendelse:
        fejl: list[str] = []
        # An empty cell is one message (kraevet); only a filled one is parsed.
        cpr = _cpr(raekke, fejl) if kraevet(raekke, "cpr", fejl) else ""
        art = kraevet(raekke, "haendelse", fejl).strip().lower()
        if art and art not in _RANG:
            fejl.append(HAENDELSE_FEJL.format(tekst=raekke["haendelse"]))
        dato = None
        if tekst := kraevet(raekke, "dato", fejl):
            dato = dato_eller_fejl(tekst, fejl)
        tilbud_id = None
        if art == TILGANG or raekke["tilbud"]:
            tekst = kraevet(raekke, "tilbud", fejl)
            tilbud_id = tilbud_eller_fejl(tekst, self.tilbud, fejl)
        niveau = self._niveau(raekke, art, dato, fejl)
        timer = None
        if raekke.get("timer"):
            timer = decimal_eller_fejl(
                raekke["timer"], fejl, kolonne=kolonnens_navn(raekke, "timer")
            )
        ugetimer = None
        if raekke.get("visiterede_timer"):
            kolonne = kolonnens_navn(raekke, "visiterede_timer")
            ugetimer = decimal_eller_fejl(
                raekke["visiterede_timer"], fejl, kolonne=kolonne
            )
        cpr_hash = cpr_lib.hash_cpr(cpr) if cpr else ""
        navn = raekke.get("navn", "")
        if cpr and cpr_hash not in self.kendte:
            if not (navn and art == TILGANG):
                fejl.append(BORGER_UKENDT)
            self.kendte.add(cpr_hash)  # created by this row: later rows may use it
        aarsag = _afgangsaarsag(raekke, art, fejl)
        pladsandel = _pladsandel(raekke, art, fejl)
        if fejl:
            raise RaekkeFejl(fejl)
        return Haendelse(
            int(raekke["linje"]),
            cpr_hash,
            cpr,
            navn,
            art,
            dato,
            tilbud_id,
            niveau,
            timer,
            raekke.get("begrundelse", ""),
            aarsag,
            ugetimer,
            pladsandel,
        )


def _pladsandel(raekke: Raekke, art: str, fejl: list[str]) -> Decimal:
    """Issue 17: the optional pladsandel (blank: a whole place)."""
    tekst = raekke.get("pladsandel", "").strip().lower()
    if not tekst:
        return Decimal(1)
    if art not in (TILGANG, INDPLACERING):
        fejl.append(PLADSANDEL_KUN_NIVEAU)
        return Decimal(1)
    andel = _PLADSANDELE.get(tekst)
    if andel is None:
        fejl.append(PLADSANDEL_FEJL.format(tekst=raekke["pladsandel"]))
        return Decimal(1)
    return andel


def _afgangsaarsag(raekke: Raekke, art: str, fejl: list[str]) -> str:
    tekst = raekke.get("afgangsaarsag", "").strip()
    if not tekst:
        return ""
    if art != AFGANG:
        fejl.append(AARSAG_KUN_AFGANG)
        return ""
    aarsag = _AARSAGER.get(tekst.lower())
    if aarsag is None:
        fejl.append(AARSAG_FEJL.format(tekst=tekst))
        return ""
    return aarsag


def valider(raekker: list[Raekke], fremskridt: Fremskridt) -> list[Haendelse]:
    return valider_alle(raekker, _Validator(raekker), fremskridt)


class _Skriver:
    """Applies the events through offers.services, skipping those already there."""

    def __init__(self, haendelser: list[Haendelse], user: AbstractBaseUser) -> None:
        self.user = user
        hashes = {h.cpr_hash for h in haendelser}
        self.borgere = {
            b.cpr_hash: b
            for i in range(0, len(hashes), _CHUNK)
            for b in Borger.objects.filter(cpr_hash__in=sorted(hashes)[i : i + _CHUNK])
        }
        ids = {h.tilbud_id for h in haendelser if h.tilbud_id}
        self.tilbud = Tilbud.objects.in_bulk(ids)
        self.ny: str | None = None

    def _borger(self, h: Haendelse) -> Borger:
        if h.cpr_hash not in self.borgere:
            self.borgere[h.cpr_hash] = services.borger_create(
                cpr=h.cpr, navn=h.navn, acting_user=self.user
            )
            self.ny = h.cpr_hash
        return self.borgere[h.cpr_hash]

    def rul_tilbage(self) -> None:
        """The row's savepoint was rolled back: forget a borger it created."""
        if self.ny:
            self.borgere.pop(self.ny, None)

    def __call__(self, h: Haendelse) -> bool:
        """Apply one event; False when it already exists identically."""
        borger = self._borger(h)
        if h.art == TILGANG:
            return self._tilgang(borger, h)
        if h.art == AFGANG:
            if Ophold.objects.filter(borger=borger, afgang=h.dato).exists():
                return False
            services.borger_afgang(
                borger=borger,
                dato=h.dato,
                acting_user=self.user,
                afgangsaarsag=h.afgangsaarsag,
                afgangsaarsag_tekst=h.begrundelse if h.afgangsaarsag else "",
            )
            return True
        if Indplacering.objects.filter(
            ophold__borger=borger,
            gyldig_fra=h.dato,
            takstniveau=h.niveau,
            visiterede_timer_pr_uge=h.ugetimer,
        ).exists():
            return False
        services.indplacering_create(
            borger=borger,
            gyldig_fra=h.dato,
            takstniveau=h.niveau,
            saertakst_timer=h.timer,
            visiterede_timer_pr_uge=h.ugetimer,
            begrundelse=h.begrundelse,
            acting_user=self.user,
            pladsandel=h.pladsandel,
        )
        return True

    def _tilgang(self, borger: Borger, h: Haendelse) -> bool:
        if Ophold.objects.filter(
            borger=borger, tilbud_id=h.tilbud_id, tilgang=h.dato
        ).exists():
            return False
        services.borger_tilgang(
            borger=borger,
            tilbud=self.tilbud[h.tilbud_id],
            dato=h.dato,
            takstniveau=h.niveau,
            saertakst_timer=h.timer,
            visiterede_timer_pr_uge=h.ugetimer,
            begrundelse=h.begrundelse,
            acting_user=self.user,
            pladsandel=h.pladsandel,
        )
        return True


def gem(haendelser: list[Haendelse], acting_user: AbstractBaseUser) -> dict[str, int]:
    """In date order. Each event in its own savepoint, so every failing line is
    reported; any failure rejects the file (the runner's transaction rolls back)."""
    skriv = _Skriver(haendelser, acting_user)
    fejl: list[tuple[int, str]] = []
    gemt = 0
    for h in sorted(haendelser, key=lambda h: (h.dato, _RANG[h.art], h.linje)):
        skriv.ny = None
        try:
            with transaction.atomic():
                gemt += skriv(h)
        except ValidationError as err:
            skriv.rul_tilbage()
            fejl.append((h.linje, " ".join(err.messages)))
    if fejl:
        raise ImportAfvist(
            begraens([f"Linje {linje}: {b}" for linje, b in sorted(fejl)]),
            linjer=len({linje for linje, _ in fejl}),
        )
    return {
        "raekker": len(haendelser),
        "aendret": gemt,
        "uaendret": len(haendelser) - gemt,
    }
