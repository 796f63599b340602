"""The residents of 1 January 2025 and the events from then to 15 November 2026.

Events run in date order. An afgang frees a place that is filled again weeks later,
now and then by an omplacering from another tilbud, so no tilbud is overfilled.
"""

import heapq
import itertools
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from budgets.audit import historik_som
from budgets.demo.katalog import EKSTERNE_I_ALT, HISTORIK_TIL, TILBUD
from budgets.demo.placering import (
    SAERTAKST_2,
    Kontekst,
    borger_ny,
    placer,
    revurder,
)
from budgets.demo.skemaer import SAERTAKST
from offers import services
from offers.models import Tilbud

# Level weights 1-8 by tilbudstype: bofællesskaber house the lighter needs.
NIVEAU_VAEGTE = {
    "bofaellesskab": (12, 35, 30, 15, 6, 2, 0, 0),
    "botilbud_107": (3, 15, 25, 25, 17, 10, 3, 2),
    "botilbud_108": (0, 10, 20, 24, 20, 14, 7, 5),
}
SAERTAKST_BEBOERE = {
    ("Botilbuddet Solbakken", 0): SAERTAKST,
    ("Botilbuddet Engholm", 0): SAERTAKST_2,
    ("Botilbuddet Fjordglimt", 0): SAERTAKST,
}
AFGANGE, NIVEAUSKIFT, EKSTRA_TILGANGE = 17, 20, 2
# Which refills (1st, 3rd, ...) are made by moving a borger from another tilbud.
OMPLACERING_GENBESAETNINGER = frozenset({1, 3, 6, 9, 12})
# Who moves into a free place, by the receiving tilbudstype, and the level step.
OMPLACERING_FRA = {
    "botilbud_108": (("botilbud_107",), 0),  # from temporary to long-term
    "bofaellesskab": (("botilbud_107", "botilbud_108"), -1),  # needs less support
    "botilbud_107": (("bofaellesskab",), 1),  # needs outgrew the bofællesskab
}
# New arrivals (0-based) who are bought by another municipality.
EKSTERNE_TILGANGE = frozenset({1, 4, 8, 12})
DAG = timedelta(days=1)


def beboere_1_januar(ctx: Kontekst, tilbud: list[Tilbud]) -> None:
    """Residents since 2019-2024, each placed on their tilgang in that year's model."""
    i_alt = sum(spec.beboere for spec in TILBUD)
    eksterne = set(
        ctx.rng.sample(range(i_alt), EKSTERNE_I_ALT - len(EKSTERNE_TILGANGE))
    )
    nr = itertools.count()
    for obj, spec in zip(tilbud, TILBUD, strict=True):
        for i in range(spec.beboere):
            niveau = SAERTAKST_BEBOERE.get((spec.navn, i)) or _traek_niveau(ctx, obj)
            tilgang = _tidlig_tilgang(ctx, obj)
            borger = borger_ny(
                ctx,
                tilgang.year,
                obj.tilbudstype == "bofaellesskab",
                next(nr) in eksterne,
            )
            registreret = tilgang + timedelta(days=ctx.rng.randint(0, 3))
            placer(ctx, borger, obj, tilgang, niveau, registreret)


def _traek_niveau(ctx: Kontekst, tilbud: Tilbud) -> int:
    return ctx.rng.choices(range(1, 9), weights=NIVEAU_VAEGTE[tilbud.tilbudstype])[0]


def _tidlig_tilgang(ctx: Kontekst, tilbud: Tilbud) -> date:
    # § 107 is temporary: its residents came more recently.
    fra = date(2022, 1, 3) if tilbud.tilbudstype == "botilbud_107" else date(2019, 1, 2)
    return fra + timedelta(days=ctx.rng.randint(0, (date(2024, 12, 15) - fra).days))


def _naboniveau(ctx: Kontekst, niveau: int) -> int:
    """One level up (more often) or down, within 1-8."""
    retning = 1 if ctx.rng.random() < 0.65 else -1
    nyt = niveau + retning
    return nyt if 1 <= nyt <= 8 else niveau - retning


def historik(ctx: Kontekst) -> None:
    """Afgange, genbesættelser (tilgang or omplacering) and level changes by date."""
    koe: list = []
    seq = itertools.count()

    def planlaeg(dato: date, art: str, tilbud: Tilbud | None = None) -> None:
        if dato <= HISTORIK_TIL:
            heapq.heappush(koe, (dato, next(seq), art, tilbud))

    for art, antal, fra, til in (
        ("afgang", AFGANGE, date(2025, 1, 20), date(2026, 10, 31)),
        ("niveau", NIVEAUSKIFT, date(2025, 2, 1), date(2026, 11, 10)),
        ("tilgang", EKSTRA_TILGANGE, date(2025, 2, 1), date(2025, 5, 31)),
    ):
        for _ in range(antal):
            planlaeg(fra + timedelta(days=ctx.rng.randint(0, (til - fra).days)), art)
    antal: Counter = Counter()
    while koe:
        dato, _, art, tilbud = heapq.heappop(koe)
        _haendelse(ctx, dato, art, tilbud, antal, planlaeg)


def _haendelse(
    ctx: Kontekst,
    dato: date,
    art: str,
    tilbud: Tilbud | None,
    antal: Counter,
    planlaeg: Callable[..., None],
) -> None:
    if art == "afgang":
        ledig = _afgang(ctx, dato)
        if ledig:
            antal["afgang"] += 1
            planlaeg(dato + timedelta(days=ctx.rng.randint(21, 75)), "genbesaet", ledig)
    elif art == "genbesaet":
        antal["genbesaet"] += 1
        fra = None
        if antal["genbesaet"] in OMPLACERING_GENBESAETNINGER:
            fra = _omplacering(ctx, dato, tilbud)
        if fra:
            antal["omplacering"] += 1
            planlaeg(dato + timedelta(days=ctx.rng.randint(21, 60)), "tilgang", fra)
        elif _tilgang(ctx, dato, tilbud, antal["tilgang"]):
            antal["tilgang"] += 1
    elif art == "tilgang" and _tilgang(ctx, dato, tilbud, antal["tilgang"]):
        antal["tilgang"] += 1
    elif art == "niveau" and _niveauskift(ctx, dato):
        antal["niveau"] += 1


def _belaegning(ctx: Kontekst, tilbud: Tilbud) -> int:
    return sum(1 for b in ctx.beboere.values() if b.tilbud.pk == tilbud.pk)


def _ledigt(ctx: Kontekst, oensket: Tilbud | None) -> Tilbud | None:
    """The wished tilbud if it has a free place, else the one with most free places."""
    if oensket and _belaegning(ctx, oensket) < oensket.pladser:
        return oensket
    alle = {b.tilbud.pk: b.tilbud for b in ctx.beboere.values()}.values()
    bedst = max(alle, key=lambda t: t.pladser - _belaegning(ctx, t))
    return bedst if _belaegning(ctx, bedst) < bedst.pladser else None


def _tilgang(ctx: Kontekst, dato: date, oensket: Tilbud | None, nr: int) -> bool:
    tilbud = _ledigt(ctx, oensket)
    if tilbud is None:
        return False
    borger = borger_ny(
        ctx, dato.year, tilbud.tilbudstype == "bofaellesskab", nr in EKSTERNE_TILGANGE
    )
    # Half the tilgange are planned and registered ahead of the day.
    if ctx.rng.random() < 0.5:
        registreret = dato - timedelta(days=ctx.rng.randint(3, 14))
    else:
        registreret = ctx.registreret(dato)
    placer(ctx, borger, tilbud, dato, _traek_niveau(ctx, tilbud), registreret)
    return True


def _afgang(ctx: Kontekst, dato: date) -> Tilbud | None:
    kandidater = [
        b
        for b in ctx.beboere.values()
        if b.niveau <= 8 and b.tilgang <= dato - 120 * DAG and b.sidst < dato
    ]
    if not kandidater:
        return None
    vaegte = {"botilbud_107": 3, "bofaellesskab": 2, "botilbud_108": 1}
    beboer = ctx.rng.choices(
        kandidater, [vaegte[b.tilbud.tilbudstype] for b in kandidater]
    )[0]
    registreret = ctx.registreret(dato)
    with historik_som(dato=registreret):
        services.borger_afgang(
            borger=beboer.borger,
            dato=dato,
            registreret=registreret,
            acting_user=ctx.raadgiver(beboer.borger),
        )
    del ctx.beboere[beboer.borger.pk]
    return beboer.tilbud


def _omplacering(ctx: Kontekst, dato: date, til: Tilbud) -> Tilbud | None:
    """Move someone into ``til``'s free place; returns the tilbud they left."""
    typer, trin = OMPLACERING_FRA[til.tilbudstype]
    kandidater = [
        b
        for b in ctx.beboere.values()
        if b.tilbud.tilbudstype in typer
        and b.niveau <= (4 if trin < 0 else 8)
        and b.tilgang <= dato - 90 * DAG
        and b.sidst <= dato - 30 * DAG
    ]
    if not kandidater or _belaegning(ctx, til) >= til.pladser:
        return None
    beboer = ctx.rng.choice(kandidater)
    niveau = max(1, beboer.niveau + trin)
    placer(ctx, beboer.borger, til, dato, niveau, ctx.registreret(dato), fra=beboer)
    return beboer.tilbud


def _niveauskift(ctx: Kontekst, dato: date) -> bool:
    kandidater = [
        b for b in ctx.beboere.values() if b.niveau <= 8 and b.sidst <= dato - 120 * DAG
    ]
    if not kandidater:
        return False
    beboer = ctx.rng.choice(kandidater)
    revurder(ctx, beboer, dato, _naboniveau(ctx, beboer.niveau), ctx.registreret(dato))
    return True
