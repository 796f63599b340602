"""Tilbud, timepris- and takstmodeller, budget years, faste udgifter and rammer.

Takster go through the tariff services. Tilbud and the budget rows have no
service yet, so they are saved here with full_clean and a history user.
"""

import random
from decimal import Decimal

from django.contrib.auth.models import User

from budgets.demo.katalog import (
    AARSLOEN,
    AARSNORM,
    BUDGETAAR,
    FAST_ANDEL,
    FAST_GRUNDBELOEB,
    FAST_PR_PLADS,
    FRAVAER,
    HISTORISKE_AAR,
    PL_FREMSKRIVNING_2026,
    RAMME_TILLAEG,
    RAMME_TIMER,
    TIDSANVENDELSE,
    TILBUD,
    TilbudSpec,
    takstniveauer,
)
from budgets.models import (
    AARSFELTER,
    Budgetaar,
    FastUdgift,
    Rammeforudsaetning,
    TilbudAar,
)
from config.lib.history import save_with_history as gem
from config.lib.money import round_to_oere
from offers.models import Tilbud
from tariffs.engine import dage_i_aaret
from tariffs.models import Takstniveau
from tariffs.selectors import timepriser_for
from tariffs.services import takstmodel_save, timeprismodel_save

Niveauer = dict[int, dict[str, Takstniveau]]


def tilbud_create(user: User) -> list[Tilbud]:
    return [
        gem(
            Tilbud(
                navn=s.navn,
                tilbudstype=s.tilbudstype,
                pladser=s.pladser,
                tildelingsprincip=s.tildelingsprincip,
                forudsat_belaegning=Decimal(s.forudsat_belaegning),
                reguleringsandel=Decimal(s.reguleringsandel),
            ),
            user,
        )
        for s in TILBUD
    ]


def takstmodeller_create(user: User) -> tuple[Niveauer, dict[int, Decimal]]:
    """A timepris and a takstmodel per year; returns levels by year and kode,
    and timepris_direkte by year."""
    niveauer: Niveauer = {}
    timepris: dict[int, Decimal] = {}
    for aar, aarsloen in AARSLOEN.items():
        historisk = " (historisk)" if aar in HISTORISKE_AAR else ""
        model = timeprismodel_save(
            acting_user=user,
            aar=aar,
            navn=f"Timepris botilbud og bofællesskaber {aar}",
            aarsloen=Decimal(aarsloen),
            aarsnorm_timer=AARSNORM,
            fravaer=[{"kategori": k, "procent": Decimal(p)} for k, p in FRAVAER],
            tidsanvendelse=[
                {"kategori": k, "procent": Decimal(p)} for k, p in TIDSANVENDELSE
            ],
        )
        takstmodel = takstmodel_save(
            acting_user=user,
            aar=aar,
            navn=f"Takstmodel {aar}{historisk}",
            enhed="timer_pr_doegn",
            timeprismodel=model,
            niveauer=takstniveauer(),
        )
        niveauer[aar] = {n.kode: n for n in takstmodel.niveauer.all()}
        timepris[aar] = timepriser_for(model).timepris_direkte
    return niveauer, timepris


def budget_create(
    rng: random.Random, tilbud: list[Tilbud], timepris: dict[int, Decimal], user: User
) -> dict[tuple[int, int], int]:
    """Budgetår, each tilbud's settings per year, faste udgifter per kategori and
    the ramme forudsætninger.

    Returns the fixed costs in whole kroner by (tilbud pk, year).
    """
    aarene = {aar: gem(Budgetaar(aar=aar), user) for aar in BUDGETAAR}
    faste: dict[tuple[int, int], int] = {}
    for obj, spec in zip(tilbud, TILBUD, strict=True):
        linjer = _faste_linjer(rng, spec)
        for aar, budgetaar in aarene.items():
            indstillinger = {felt: getattr(obj, felt) for felt in AARSFELTER}
            gem(TilbudAar(tilbud=obj, budgetaar=budgetaar, **indstillinger), user)
            if aar == 2026:
                linjer = {
                    k: v * PL_FREMSKRIVNING_2026 // 1000 // 100 * 100
                    for k, v in linjer.items()
                }
            for kategori, beloeb in linjer.items():
                gem(
                    FastUdgift(
                        tilbud=obj,
                        budgetaar=budgetaar,
                        kategori=kategori,
                        beloeb=Decimal(beloeb),
                    ),
                    user,
                )
            faste[obj.pk, aar] = sum(linjer.values())
            if spec.tildelingsprincip == "ramme":
                _ramme_create(obj, budgetaar, faste[obj.pk, aar], timepris[aar], user)
    return faste


def _faste_linjer(rng: random.Random, spec: TilbudSpec) -> dict[str, int]:
    """The 2025 fixed costs split by kategori, each line in whole hundreds."""
    total = (
        (FAST_GRUNDBELOEB + FAST_PR_PLADS * spec.pladser) * rng.randint(95, 105) // 100
    )
    art = "bofaellesskab" if spec.tilbudstype == "bofaellesskab" else "botilbud"
    linjer = {
        k: total * promille // 1000 // 100 * 100 for k, promille in FAST_ANDEL[art]
    }
    linjer["oevrige"] += total // 100 * 100 - sum(linjer.values())
    return linjer


def _ramme_create(
    tilbud: Tilbud, budgetaar: Budgetaar, faste: int, timepris: Decimal, user: User
) -> None:
    """DOMAIN.md §6 ramme: faste udgifter + expected borgere × hours × timepris."""
    forventede = Decimal(tilbud.pladser) - Decimal("0.5")
    timer = RAMME_TIMER[budgetaar.aar]
    aktivitet = forventede * timer * timepris * dage_i_aaret(budgetaar.aar)
    gem(
        Rammeforudsaetning(
            tilbud=tilbud,
            budgetaar=budgetaar,
            rammebeloeb=round_to_oere(faste + aktivitet),
            dimensioneret_pladser=tilbud.pladser,
            tillaeg_pr_borger_pr_maaned=RAMME_TILLAEG,
            forventede_borgere=forventede,
            timer_pr_borger_pr_doegn=timer,
        ),
        user,
    )
