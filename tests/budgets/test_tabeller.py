"""The budget pages' tables and charts (budgets.tabeller)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from budgets import engine, tabeller
from budgets.engine import Indplacering, Ophold, TilbudGrundlag
from config.lib.templatetags.dansk import celle

NUL = Decimal("0")


def _grundlag(pladser: int, forudsat: Decimal) -> TilbudGrundlag:
    return TilbudGrundlag(
        id=1,
        navn="Bofællesskabet",
        pladser=pladser,
        tildelingsprincip="hybrid",
        forudsat_belaegning=forudsat,
        reguleringsandel=Decimal("50"),
        faste_udgifter=Decimal("0"),
    )


def _central(grundlag: TilbudGrundlag, opholdene: list[Ophold], aar: int):
    prisliste = engine.Prisliste(aar, Decimal("492.07"), {"1": Decimal("100")}, NUL)
    budget = engine.tilbud_budget(grundlag, opholdene, prisliste, aar)
    tal = engine.noegletal(
        grundlag, opholdene, prisliste, budget, {}, aar, date(aar, 12, 31)
    )
    return engine.central_budget([(grundlag, tal)], aar=aar)


INGEN_NIVEAUER = SimpleNamespace(
    takstmodel=SimpleNamespace(niveauer=SimpleNamespace(all=list))
)


def test_chart_shows_forudsat_belaegning_97_25_as_97_3_like_the_table():
    central = _central(_grundlag(8, Decimal("97.25")), [], 2026)
    graf = tabeller.central_grafer(central, INGEN_NIVEAUER)
    # Half up: 97.25 → 97.3 in the chart, "97,3 %" in the table (banker's: 97.2).
    assert (graf["belaegning_forudsat"], celle(Decimal("97.25"), "procent")) == (
        ["97.3"],
        "97,3 %",
    )


def test_chart_shows_realised_belaegning_97_25_as_97_3():
    # 2024 has 366 days; 200 pladser at 97.25 % are 0.9725 × 200 × 366 = 71,187
    # borger-days: 194 borgere all year (194 × 366 = 71,004) and one more for
    # 183 days (2 July - 31 December). 71,187 / 366 / 200 × 100 = 97.25 exactly.
    hele_aaret = [
        Ophold(
            n, f"B{n}", date(2023, 1, 1), None, (Indplacering(date(2023, 1, 1), "1"),)
        )
        for n in range(194)
    ]
    halvt = Ophold(
        999, "B999", date(2024, 7, 2), None, (Indplacering(date(2024, 7, 2), "1"),)
    )
    central = _central(_grundlag(200, Decimal("97")), [*hele_aaret, halvt], 2024)
    ((_, tal),) = central.raekker
    assert tal.belaegning_realiseret == Decimal("97.25")
    assert tabeller.central_grafer(central, INGEN_NIVEAUER)["belaegning"] == ["97.3"]
