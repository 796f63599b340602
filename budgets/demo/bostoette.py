"""Issue 17: one bostøtte § 85 tilbud in the demo municipality, visiteret in hours
per week, with the leveret hours of each month of 2026 imported, and one
tillægstakst on a resident of a botilbud.

- **Bostøtten Nord** (hybrid, no faste udgifter: udekørende støtte has no
  building): eight borgere visiteret 2-6 hours per week, placed 2024-2026 on
  niveau 1 (the hours price the placement: timer pr. uge × timepris ÷ 7). One
  borger's hours go from 3 to 4,5 on 1 April 2026; one leaves 15 June 2026.
- **Leveret tid** for January-November 2026 (the planning system's export up to
  the month before today's demo date): 80-105 % of the visiterede hours of the
  days the borger lived there, to the quarter hour, so the follow-up page shows
  both under- and overlevering.
- **Egen timeprismodel** "Bostøtte 2025"/"Bostøtte 2026": the area's plus
  6 % transport (kørsel between the borgere's homes), so its timepris is
  higher than the botilbud's (issue 17: several timeprismodeller per year).
- **Tillægstakst**: a resident of Solbakken gets 1,5 hours per døgn from 1
  September to 1 December 2026 (a period of unrest that needs an extra night
  watch); it is budgeted and shown in the ledger like a level change.

Created after everything else, with a random source of its own, so the other
demo figures are as before.
"""

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from budgets.audit import historik_som
from budgets.demo.katalog import (
    AARSLOEN,
    AARSNORM,
    BUDGETAAR,
    FRAVAER,
    SEED,
    TIDSANVENDELSE,
)
from budgets.demo.placering import Kontekst, borger_ny, placer
from budgets.engine.perioder import dage_i_maaned
from budgets.models import AARSFELTER, Budgetaar, TilbudAar
from budgets.services import leveret_tid_save
from config.lib.history import save_with_history as gem
from config.lib.money import naermeste_heltal
from offers import services
from offers.models import Ophold, Tilbud
from offers.services.tillaeg import tillaeg_create
from tariffs.services import timeprismodel_save

BOSTOETTE_NAVN = "Bostøtten Nord"
# (tilgang, visiterede timer pr. uge)
BORGERE = (
    (date(2024, 3, 1), Decimal(2)),
    (date(2024, 9, 1), Decimal(3)),
    (date(2025, 1, 6), Decimal("3.5")),
    (date(2025, 5, 1), Decimal(4)),
    (date(2025, 10, 1), Decimal(5)),
    (date(2026, 2, 1), Decimal("2.5")),
    (date(2026, 5, 4), Decimal(6)),
    (date(2026, 9, 1), Decimal(3)),
)
OEGET = (1, date(2026, 4, 1), Decimal("4.5"))  # borger 1: 3 → 4,5 hours
AFGANG = (3, date(2026, 6, 15))  # borger 3 leaves
LEVERET_MAANEDER = range(1, 12)  # January-November 2026
TILLAEG_TILBUD = "Botilbuddet Solbakken"
TRANSPORT = ("transport", "6")  # kørsel between borgere, % of attendance


def bostoette_create(ctx: Kontekst, oekonomi: User) -> Tilbud:
    """The tilbud, its borgere, their leveret hours and the tillægstakst."""
    ctx = Kontekst(
        random.Random(SEED + 85), ctx.niveauer, ctx.raadgivere, [], cpr=ctx.cpr
    )
    tilbud = gem(
        Tilbud(
            navn=BOSTOETTE_NAVN,
            tilbudstype="bostoette_85",
            pladser=10,
            tildelingsprincip="hybrid",
            forudsat_belaegning=Decimal(90),
            reguleringsandel=Decimal(100),
        ),
        oekonomi,
    )
    _egen_timeprismodel(tilbud, oekonomi)
    borgere = [_placer(ctx, tilbud, tilgang, timer) for tilgang, timer in BORGERE]
    nr, dato, timer = OEGET
    with historik_som(dato=dato):
        services.indplacering_create(
            borger=borgere[nr],
            gyldig_fra=dato,
            takstniveau=ctx.niveauer[dato.year]["1"],
            begrundelse="Opfølgning: behov for mere støtte i hverdagen.",
            acting_user=ctx.raadgiver(borgere[nr]),
            registreret=dato,
            visiterede_timer_pr_uge=timer,
        )
    nr, dato = AFGANG
    with historik_som(dato=dato):
        services.borger_afgang(
            borger=borgere[nr],
            dato=dato,
            acting_user=ctx.raadgiver(borgere[nr]),
            registreret=dato,
            afgangsaarsag="egen_bolig",
        )
    _leveret(ctx, tilbud, oekonomi)
    _tillaeg(ctx)
    return tilbud


def _egen_timeprismodel(tilbud: Tilbud, oekonomi: User) -> None:
    """Issue 17: "Bostøtte {år}" per budget year, the area's model plus the
    kørsel between borgere (6 % of attendance), named on the tilbud's year
    settings. 2026: direct time 1.924 × 78 % × (100 − 35 − 6) % = 885,4248
    hours, timepris 480.000 / 885,4248 = 542,11 kr. (the area's 492,07)."""
    for aar in BUDGETAAR:
        model = timeprismodel_save(
            acting_user=oekonomi,
            aar=aar,
            navn=f"Bostøtte {aar}",
            aarsloen=Decimal(AARSLOEN[aar]),
            aarsnorm_timer=AARSNORM,
            fravaer=[{"kategori": k, "procent": Decimal(p)} for k, p in FRAVAER],
            tidsanvendelse=[
                {"kategori": k, "procent": Decimal(p)}
                for k, p in (*TIDSANVENDELSE, TRANSPORT)
            ],
        )
        indstillinger = {felt: getattr(tilbud, felt) for felt in AARSFELTER}
        gem(
            TilbudAar(
                tilbud=tilbud,
                budgetaar=Budgetaar.objects.get(aar=aar),
                timeprismodel=model,
                **indstillinger,
            ),
            oekonomi,
        )


def _placer(ctx: Kontekst, tilbud: Tilbud, tilgang: date, timer: Decimal):
    """A tilgang on niveau 1 after a døgnskema, as every demo placement; the
    visiterede hours price it."""
    borger = borger_ny(ctx, tilgang.year, ctx.rng.random() < 0.4, False)
    placer(ctx, borger, tilbud, tilgang, 1, tilgang, visiterede_timer_pr_uge=timer)
    return borger


def _leveret(ctx: Kontekst, tilbud: Tilbud, oekonomi: User) -> None:
    """80-105 % of the visiterede hours of the days lived there, to ¼ hour."""
    dage_i = dage_i_maaned(2026)
    for ophold in Ophold.objects.filter(tilbud=tilbud).prefetch_related(
        "indplaceringer"
    ):
        for maaned in LEVERET_MAANEDER:
            visiteret = _visiteret(ophold, maaned, dage_i[maaned - 1])
            if not visiteret:
                continue
            andel = Decimal(ctx.rng.randint(80, 105)) / 100
            timer = Decimal(naermeste_heltal(visiteret * andel * 4)) / 4
            leveret_tid_save(
                borger_id=ophold.borger_id,
                tilbud_id=tilbud.pk,
                aar=2026,
                maaned=maaned,
                timer=timer,
                acting_user=oekonomi,
            )


def _visiteret(ophold: Ophold, maaned: int, dage: int) -> Decimal:
    """Hours per week × the days lived there in the month ÷ 7 (the follow-up's
    own rule, budgets.engine.bostoette, in whole days)."""
    total = Decimal(0)
    for dag in range(1, dage + 1):
        d = date(2026, maaned, dag)
        if d < ophold.tilgang or (ophold.afgang and d >= ophold.afgang):
            continue
        gaeldende = [i for i in ophold.indplaceringer.all() if i.gyldig_fra <= d]
        if gaeldende:
            total += max(gaeldende, key=lambda i: i.gyldig_fra).visiterede_timer_pr_uge
    return total / 7


def _tillaeg(ctx: Kontekst) -> None:
    dato = date(2026, 9, 1)
    ophold = (
        Ophold.objects.filter(
            tilbud__navn=TILLAEG_TILBUD, afgang__isnull=True, tilgang__lt=dato
        )
        .select_related("borger")
        .order_by("tilgang", "pk")
        .first()
    )
    if ophold is None:
        return
    with historik_som(dato=dato):
        tillaeg_create(
            borger=ophold.borger,
            ophold=ophold,
            fra=dato,
            til=date(2026, 12, 1),
            timer_pr_doegn=Decimal("1.5"),
            begrundelse="Ekstra nattevagt i en periode med uro.",
            acting_user=ctx.raadgiver(ophold.borger),
            registreret=dato,
        )
