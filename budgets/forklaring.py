"""The Danish sentences of the budget engine's results (STYLE.md 11.3), in one place.

The engine returns figures (engine.Regulering: a Haendelsesart, dates, Decimal
amounts, a level code, labels; engine.advarsler: Mangel codes); this module
alone words them, for the pages, their Excel export (budgets.tabeller), the API
(budgets.serializers, budgets.api) and the budget effect shown after an event
(budgets.views.effekt). Numbers and dates are written as config.lib.formatting
writes them: "−41.234,56 kr.", "10.03.2026".
"""

import dataclasses
from datetime import date
from decimal import Decimal

from budgets.engine import (
    Budgetpost,
    Haendelsesart,
    Noegletal,
    Regulering,
    TilbudGrundlag,
    Tillaeg,
)
from budgets.engine.advarsler import Mangel, mangler
from config.lib.formatting import MAANEDSNAVNE, format_dato, format_kr, format_tal

ETIKETTER = {
    Haendelsesart.TILGANG: "Tilgang",
    Haendelsesart.AFGANG: "Afgang",
    Haendelsesart.INDPLACERING: "Indplacering",
    Haendelsesart.OMPLACERING_TILGANG: "Omplacering fra",
    Haendelsesart.OMPLACERING_AFGANG: "Omplacering til",
    Haendelsesart.GENINDFLYTNING: "Genindflytning (afløbet afkortes)",
    Haendelsesart.ANNULLERET_TILGANG: "Annulleret tilgang",
    Haendelsesart.ANNULLERET_AFGANG: "Annulleret afgang",
    Haendelsesart.ANNULLERET_INDPLACERING: "Annulleret indplacering",
    Haendelsesart.TILLAEG: "Tillægstakst",
    Haendelsesart.TILLAEG_SLUT: "Tillægstakst slutter",
    Haendelsesart.ANNULLERET_TILLAEG: "Annulleret tillægstakst",
    Haendelsesart.TAKSTAENDRING: "Takstændring",
    Haendelsesart.AENDRET_GRUNDLAG: "Ændret grundlag efter vedtagelse",
}

BUDGETPOSTER = {
    Budgetpost.AKTIVITETSBUDGET: "aktivitetsbudget",
    Budgetpost.OVERKAPACITETSTILLAEG: "overkapacitetstillæg",
    Budgetpost.BUDGET: "budget",
}


def haendelse_tekst(r: Regulering) -> str:
    """The event, with the other tilbud of an omplacering: "Omplacering til Birk"."""
    hvad = ETIKETTER[r.haendelse]
    return f"{hvad} {r.modpart}" if r.modpart else hvad


def tillaeg_pris(t: Tillaeg) -> str:
    """E.g. "1,5 timer pr. døgn" or "250,00 kr. pr. døgn" (issue 17)."""
    if t.timer_pr_doegn is not None:
        decimaler = max(0, -t.timer_pr_doegn.normalize().as_tuple().exponent)
        return f"{format_tal(t.timer_pr_doegn, decimaler)} timer pr. døgn"
    assert t.kr_pr_doegn is not None
    return f"{format_kr(t.kr_pr_doegn)} pr. døgn"


_TILLAEG_ORD = {
    Haendelsesart.TILLAEG: ("Tillægstakst", "fra"),
    Haendelsesart.TILLAEG_SLUT: ("Tillægstakst", "slutter"),
    Haendelsesart.ANNULLERET_TILLAEG: ("Annulleret tillægstakst", "fra"),
}


def tillaeg_tekst(r: Regulering) -> str:
    """A tillæg event in words, e.g. "Tillægstakst 1,5 timer pr. døgn fra
    1. marts 2026: ekstra nattevagt" (its end: "… slutter 1. april 2026: …")."""
    assert r.tillaeg is not None
    hvad, ord_ = _TILLAEG_ORD[r.haendelse]
    tekst = f"{hvad} {tillaeg_pris(r.tillaeg)} {ord_} {_dag(r.virkning_fra)}"
    begrundelse = r.tillaeg.begrundelse.strip()
    return f"{tekst}: {begrundelse}" if begrundelse else tekst


def _hvornaar(r: Regulering) -> str:
    """E.g. "Afgang 10.03.2026" or "Tilgang 01.02.2026 (niveau 2)"."""
    if r.haendelse == Haendelsesart.AENDRET_GRUNDLAG:
        return haendelse_tekst(r)  # its 1 January stands for the whole year
    if r.tillaeg is not None:
        return tillaeg_tekst(r)
    niveau = f" (niveau {r.niveau_kode})" if r.niveau_kode else ""
    return f"{haendelse_tekst(r)} {format_dato(r.virkning_fra)}{niveau}"


def _fra(r: Regulering, aar: int | None) -> str:
    """The first day the entry changes: "10. december" for an event dated inside
    its first changed month of the year ``aar`` (a tilgang 10.12.2026 is financed
    from that day, not from 1 December), else "1. maj". Without the year, the
    month's first day."""
    fra_maaned = r.fra_maaned
    dag = r.virkning_fra
    i_maaneden = aar == dag.year and dag.month == fra_maaned
    return f"{dag.day if i_maaneden else 1}. {MAANEDSNAVNE[fra_maaned - 1]}"


def _beloeb_fra(r: Regulering, aar: int | None) -> str:
    """E.g. "−41.234,56 kr. fra 1. maj": the year's change, from its first day."""
    return f"{format_kr(r.beloeb, fortegn=True)} fra {_fra(r, aar)}"


def regulering_tekst(r: Regulering, aar: int | None = None) -> str:
    """The ledger's Forklaring for the year ``aar``, e.g.
    "Afgang 10.03.2025: aktivitetsbudget −41.234,56 kr. fra 1. maj",
    "Tilgang 10.12.2026 (niveau 1): aktivitetsbudget +15.499,56 kr. fra 10. december",
    "Takstændring 01.07.2026: aktivitetsbudget +12.345,00 kr. fra 1. juli" or
    "Ændret grundlag efter vedtagelse: budget +5.000,00 kr. fra 1. januar"."""
    post = BUDGETPOSTER[r.budgetpost]
    # A tillæg's text ends with its begrundelse after a colon (tillaeg_tekst).
    skille = " – " if r.tillaeg is not None else ": "
    if r.fra_maaned is None:
        return f"{_hvornaar(r)}{skille}ingen ændring af {post}"
    return f"{_hvornaar(r)}{skille}{post} {_beloeb_fra(r, aar)}"


def budgeteffekt_tekst(
    r: Regulering,
    tilbud: str,
    naeste_aar: Regulering | None = None,
    falder_fra: date | None = None,
) -> str:
    """One event's ledger entry as the borger page says it after the event, e.g.
    "aktivitetsbudget for Bofællesskabet X: −41.234,56 kr. fra 1. maj 2026".

    An afgang late in the year changes nothing this year (the run-off, DOMAIN.md
    §6); ``naeste_aar`` is then its change of the next year (the engine's
    figures, budgets.selectors.visning), worded as
    "Budgettet falder fra 1. februar 2027: −X kr. i 2027". Without a price for
    the next year, ``falder_fra`` (the day after the run-off) says when only."""
    post, aar = BUDGETPOSTER[r.budgetpost], r.virkning_fra.year
    if r.tillaeg is not None:  # issue 17: which tillæg, then its effect
        return f"{tillaeg_tekst(r)}. {budgeteffekt_tekst(_uden_tillaeg(r), tilbud)}"
    if r.fra_maaned is None:
        tekst = f"ingen ændring af {post} for {tilbud} i {aar}"
        if naeste_aar is not None and naeste_aar.fra_maaned is not None:
            tekst += f". {_falder_tekst(naeste_aar, aar + 1)}"
        elif falder_fra is not None:
            tekst += (
                f". Budgettet falder fra {_dag(falder_fra)}; beløbet kan ikke "
                f"beregnes uden en takstmodel for {falder_fra.year}"
            )
        return tekst
    return f"{post} for {tilbud}: {_beloeb_fra(r, aar)} {aar}"


def _uden_tillaeg(r: Regulering) -> Regulering:
    return dataclasses.replace(r, tillaeg=None)


def _dag(d: date) -> str:
    """E.g. "1. februar 2027"."""
    return f"{d.day}. {MAANEDSNAVNE[d.month - 1]} {d.year}"


def _falder_tekst(r: Regulering, aar: int) -> str:
    """E.g. "Budgettet falder fra 1. februar 2027: −45.762,51 kr. i 2027"."""
    beloeb = format_kr(r.beloeb, fortegn=True)
    return f"Budgettet falder fra {_fra(r, aar)} {aar}: {beloeb} i {aar}"


def forbrug_etiket(t: Noegletal) -> str:
    """Forbrug named by the period it covers, e.g. "Forbrug t.o.m. juni 2026": the
    last month with imported forbrug (a figure "til dato" says nothing of when)."""
    if not t.maaneder_med_forbrug:
        return f"Forbrug {t.aar} (intet indlæst endnu)"
    maaned = MAANEDSNAVNE[max(t.maaneder_med_forbrug)]
    return f"Forbrug t.o.m. {maaned} {t.aar}"


AFVIGELSE_FORKLARING = (
    "Afvigelse = korrigeret budget − forventet regnskab. Positiv (+, grøn): "
    "mindreforbrug, der er penge tilbage. Negativ (−, rød): merforbrug."
)


def afvigelse_ord(afvigelse: Decimal) -> str:
    """The sign of an afvigelse in words, so it is not told by colour alone."""
    if afvigelse > 0:
        return "mindreforbrug"
    if afvigelse < 0:
        return "merforbrug"
    return "i balance"


# What each figure of the tilbud page is made of: the blocks its explanation
# shows (issue 15: not every block whatever was clicked). timepris: the
# timeprismodel; takstblad: the levels' hours and takster; faste: the fixed
# costs; haendelser: the year's regulations; forbrug: the imported lines by art;
# maaneder: the figure month by month.
FORKLARINGSBLOKKE = {
    "fast": ("faste", "maaneder"),
    "aktivitet_oprindeligt": ("timepris", "takstblad"),
    "aktivitet_korrigeret": ("haendelser", "takstblad"),
    "forbrug": ("forbrug", "maaneder"),
    "forventet_regnskab": ("maaneder",),
    "basistakst": ("faste",),
    "bemanding": ("timepris", "takstblad"),
}

# The monthly table's columns (budgets.tabeller.maaned_tabel) for each figure.
MAANEDSKOLONNER = {
    "fast": ("Måned", "Fast budget"),
    "forbrug": ("Måned", "Budget i alt", "Forbrug"),
    "forventet_regnskab": (
        "Måned",
        "Budget i alt",
        "Forbrug",
        "Forventet regnskab",
        "Afvigelse",
    ),
}


def forklaringsblokke(felt: str, princip: str) -> tuple[str, ...]:
    """The blocks of ``felt``'s explanation for a tilbud of ``princip``: the
    fixed costs make the fast budget only under hybrid (a ramme's is its frame,
    aktivitet has none), and a ramme's årsværk are bought net of them."""
    blokke = FORKLARINGSBLOKKE[felt]
    if felt == "fast" and princip != "hybrid":
        blokke = tuple(b for b in blokke if b != "faste")
    if felt == "bemanding" and princip == "ramme":
        blokke = (*blokke, "faste")
    return blokke


UDEN_RAMME = (
    "Rammestyret tilbud uden budgetramme for {aar}: fast budget vises som 0 kr."
)
UDEN_FASTE_UDGIFTER = (
    "Ingen faste udgifter registreret for {aar}: basistaksten er 0 kr."
)
ADVARSLER = {Mangel.RAMME: UDEN_RAMME, Mangel.FASTE_UDGIFTER: UDEN_FASTE_UDGIFTER}


def advarsler(tilbud: TilbudGrundlag, aar: int) -> tuple[str, ...]:
    """The warnings to show with the tilbud's figures for ``aar``; () if none."""
    return tuple(ADVARSLER[m].format(aar=aar) for m in mangler(tilbud))


# --- Capacity (issue 19 #3; budgets.engine.kapacitet) -------------------------

OVERBELAEGNING = (
    "Advarsel: med tilgangen er der {belagt} borgere i {tilbud} den {dato}, men "
    "tilbuddet har {pladser} pladser. Tilgangen er registreret; overvej "
    "belægningen."
)
UNDER_FORUDSAT = (
    "Belægningen er under den forudsatte ({forudsat} %) i {antal} måneder i træk: "
    "{maaneder}."
)


def maaned_navn(maaned: date) -> str:
    return f"{MAANEDSNAVNE[maaned.month - 1]} {maaned.year}"


def overbelaegning_tekst(fundet, tilbud: str) -> str:
    """fundet: an engine.kapacitet.Overbelaegning."""
    return OVERBELAEGNING.format(
        belagt=fundet.belagt,
        tilbud=tilbud,
        dato=format_dato(fundet.dato),
        pladser=fundet.pladser,
    )


def under_forudsat_tekst(loeb) -> str:
    """loeb: consecutive engine.kapacitet.Maanedskapacitet under forudsat."""
    maaneder = ", ".join(
        f"{maaned_navn(m.maaned)} ({format_tal(m.belaegning, 1)} %)" for m in loeb
    )
    return UNDER_FORUDSAT.format(
        forudsat=format_tal(loeb[0].forudsat_belaegning, 1),
        antal=len(loeb),
        maaneder=maaneder,
    )
