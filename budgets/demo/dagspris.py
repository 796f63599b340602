"""Issue 17: one STU and one dagtilbud § 104 in the demo municipality, priced per
day (budgets.engine.dagspris), with figures a finance user finds plausible.

- **STU Vestegnen** (ramme): 640 kr. per student-day in 2026 (620 in 2025), the
  middle of the 575–772 kr. the sources quote; dimensioned for 10 students,
  12 places. Students start with the school year in August and leave after
  three years at the end of June: intakes of August 2023, 2024, 2025 and 2026.
  On 1 January 2026 11 are enrolled (one above N); the 2023 intake leaves on
  1 July 2026 (financed through August), the 2026 intake of 4 starts on
  3 August, so August has 15 financed and September 12.
- **Dagtilbuddet Værkstedet** (hybrid, no faste udgifter): 500 kr. per
  attendance day in 2026 (480 in 2025) for a full place, half for a half place,
  paid for the weekdays (Mon–Fri). 14 borgere, 4 of them on a half place; one
  goes from half to full place on 1 March 2026, one leaves 15 May 2026.

Created after the ten residential tilbud's history and actuals, with a random
source of their own, so the other demo figures are as before.
"""

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from budgets.audit import historik_som
from budgets.demo.katalog import BUDGETAAR, SEED
from budgets.demo.placering import Kontekst, borger_ny, placer
from budgets.models import Budgetaar, TilbudAar
from config.lib.history import save_with_history as gem
from offers import services
from offers.models import Tilbud

STU_NAVN = "STU Vestegnen"
DAGTILBUD_NAVN = "Dagtilbuddet Værkstedet"
STU_PRIS = {2025: Decimal(620), 2026: Decimal(640)}
DAGTILBUD_PRIS = {2025: Decimal(480), 2026: Decimal(500)}
# (school year's first day, students, last day before the afgang or None)
STU_HOLD = (
    (date(2023, 8, 1), 3, date(2026, 7, 1)),
    (date(2024, 8, 1), 4, None),
    (date(2025, 8, 1), 4, None),
    (date(2026, 8, 3), 4, None),
)
HALV = Decimal("0.5")


def dagspris_tilbud_create(ctx: Kontekst, oekonomi: User) -> list[Tilbud]:
    """The two tilbud, their settings per budget year and their borgere.

    ``ctx`` shares the CPR numbers used; its random source is replaced by one
    of its own, so the residential tilbud's draws are not moved."""
    ctx = Kontekst(
        random.Random(SEED + 17), ctx.niveauer, ctx.raadgivere, [], cpr=ctx.cpr
    )
    stu = gem(
        Tilbud(
            navn=STU_NAVN,
            tilbudstype="stu",
            pladser=12,
            tildelingsprincip="ramme",
            forudsat_belaegning=Decimal(100),
            reguleringsandel=Decimal(100),
            dagspris=STU_PRIS[2026],
            dimensioneret_til=10,
        ),
        oekonomi,
    )
    dagtilbud = gem(
        Tilbud(
            navn=DAGTILBUD_NAVN,
            tilbudstype="dagtilbud_104",
            pladser=16,
            tildelingsprincip="hybrid",
            forudsat_belaegning=Decimal(90),
            reguleringsandel=Decimal(100),
            dagspris=DAGTILBUD_PRIS[2026],
            dagsgrundlag="hverdage",
        ),
        oekonomi,
    )
    for aar in BUDGETAAR:
        budgetaar = Budgetaar.objects.get(aar=aar)
        for tilbud, pris in ((stu, STU_PRIS), (dagtilbud, DAGTILBUD_PRIS)):
            felter = {
                "pladser": tilbud.pladser,
                "tildelingsprincip": tilbud.tildelingsprincip,
                "forudsat_belaegning": tilbud.forudsat_belaegning,
                "reguleringsandel": tilbud.reguleringsandel,
                "dagspris": pris[aar],
                "dagsgrundlag": tilbud.dagsgrundlag,
                "dimensioneret_til": tilbud.dimensioneret_til,
            }
            gem(TilbudAar(tilbud=tilbud, budgetaar=budgetaar, **felter), oekonomi)
    _stu_elever(ctx, stu)
    _dagtilbud_borgere(ctx, dagtilbud)
    return [stu, dagtilbud]


def _stu_elever(ctx: Kontekst, stu: Tilbud) -> None:
    for start, antal, afgang in STU_HOLD:
        for _ in range(antal):
            borger = borger_ny(ctx, start.year, True, False)
            # Admitted in the spring before the school year starts.
            registreret = date(start.year, 6, 15)
            placer(ctx, borger, stu, start, 1, registreret)
            if afgang is not None:
                with historik_som(dato=afgang):
                    services.borger_afgang(
                        borger=borger,
                        dato=afgang,
                        acting_user=ctx.raadgiver(borger),
                        registreret=afgang,
                        afgangsaarsag="andet",
                        afgangsaarsag_tekst="STU-forløbet er afsluttet.",
                    )


def _dagtilbud_borgere(ctx: Kontekst, dagtilbud: Tilbud) -> None:
    for i in range(14):
        tilgang = date(2019 + i % 7, 1 + (i * 5) % 12, 1 + i)
        borger = borger_ny(ctx, tilgang.year, i % 2 == 0, False)
        andel = HALV if i % 4 == 1 else Decimal(1)  # 4 of 14 on a half place
        placer(ctx, borger, dagtilbud, tilgang, 1 + i % 3, tilgang, pladsandel=andel)
        if i == 1:  # from half to full place
            dato = date(2026, 3, 1)
            niveau = borger.ophold.get().indplaceringer.get().takstniveau
            with historik_som(dato=dato):
                services.indplacering_create(
                    borger=borger,
                    gyldig_fra=dato,
                    takstniveau=ctx.niveauer[2026][niveau.kode],
                    begrundelse="Fuld plads efter aftale med borgeren.",
                    acting_user=ctx.raadgiver(borger),
                    registreret=dato,
                    pladsandel=Decimal(1),
                )
        if i == 6:
            dato = date(2026, 5, 15)
            with historik_som(dato=dato):
                services.borger_afgang(
                    borger=borger,
                    dato=dato,
                    acting_user=ctx.raadgiver(borger),
                    registreret=dato,
                    afgangsaarsag="egen_bolig",
                )
