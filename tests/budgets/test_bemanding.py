"""DOMAIN.md §6, issue 12 item 4: årsværk = the budget part that pays for support
hours / årsløn, for every tildelingsprincip (budgets.engine.bemanding).

Takster as in test_engine: servicetakst 100, 200 and 300 kr. per døgn for levels
1-3, basistakst 1,000 kr.; årsløn 480,000 kr. (DOMAIN.md §2).
"""

from datetime import date
from decimal import Decimal

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    Ramme,
    TilbudGrundlag,
    bemanding,
    stoettebudget_aar,
    tilbud_budget,
)
from config.lib.money import round_half_up

AAR = 2025  # 365 days
AARSLOEN = Decimal("480000")
PRISLISTE = Prisliste(
    aar=AAR,
    timepris_direkte=Decimal("492.07"),
    servicetakster={"1": Decimal("100"), "2": Decimal("200"), "3": Decimal("300")},
    basistakst=Decimal("1000"),
)


def _beboer(id: int, kode: str) -> Ophold:
    """A 1 January resident all year at the level."""
    start = date(2024, 6, 1)
    return Ophold(id, f"Borger {id}", start, None, (Indplacering(start, kode),))


TO_BEBOERE = [_beboer(1, "2"), _beboer(2, "3")]


def _tilbud(princip: str, **kwargs) -> TilbudGrundlag:
    felter = {
        "id": 1,
        "navn": "Bofællesskabet",
        "pladser": 2,
        "tildelingsprincip": princip,
        "forudsat_belaegning": Decimal("100"),
        "reguleringsandel": Decimal("50"),
        "faste_udgifter": Decimal("2900000"),
        "ramme": None,
    }
    return TilbudGrundlag(**(felter | kwargs))


def _ramme(rammebeloeb: str, dimensioneret: int = 17) -> Ramme:
    return Ramme(
        rammebeloeb=Decimal(rammebeloeb),
        dimensioneret_pladser=dimensioneret,
        tillaeg_pr_borger_pr_maaned=Decimal("10500"),
        forventede_borgere=Decimal("2"),
        timer_pr_borger_pr_doegn=Decimal("3"),
    )


def _stoettebudget(t: TilbudGrundlag, opholdene=()) -> Decimal:
    return stoettebudget_aar(t, tilbud_budget(t, opholdene, PRISLISTE, AAR))


def _aarsvaerk(t: TilbudGrundlag, opholdene=()) -> Decimal:
    b = bemanding(_stoettebudget(t, opholdene), AARSLOEN, Decimal("975.468"), 0)
    return round_half_up(b.aarsvaerk, 2)


def test_ramme_aarsvaerk_is_the_frame_minus_faste_udgifter_over_aarsloen():
    t = _tilbud("ramme", ramme=_ramme("15700000"), faste_udgifter=Decimal("2900000"))
    # (15,700,000 − 2,900,000) / 480,000 = 12,800,000 / 480,000 = 26.666… → 26.67
    assert _aarsvaerk(t) == Decimal("26.67")


def test_ramme_without_faste_udgifter_buys_staff_for_the_whole_frame():
    t = _tilbud("ramme", ramme=_ramme("15700000"), faste_udgifter=Decimal("0"))
    # 15,700,000 / 480,000 = 32.708… → 32.71
    assert _aarsvaerk(t) == Decimal("32.71")


def test_ramme_stoettebudget_adds_the_overkapacitet_tillaeg():
    t = _tilbud(
        "ramme",
        ramme=_ramme("1200000", dimensioneret=2),
        faste_udgifter=Decimal("200000"),
    )
    opholdene = [*TO_BEBOERE, _beboer(3, "1")]
    # 3 borgere all year, 2 places: 1 × 10,500 × 12 months = 126,000 tillæg;
    # 1,200,000 − 200,000 + 126,000 = 1,126,000 kr.
    assert _stoettebudget(t, opholdene) == Decimal("1126000")


def test_aktivitet_aarsvaerk_counts_only_the_servicetakst_part():
    t = _tilbud("aktivitet")
    # Levels 2 and 3 all year: (200 + 300) × 365 = 182,500 kr. of servicetakst;
    # the døgntakst budget is (1,200 + 1,300) × 365 = 912,500 kr. (1.90 årsværk).
    # 182,500 / 480,000 = 0.3802… → 0.38
    assert _aarsvaerk(t, TO_BEBOERE) == Decimal("0.38")


def test_aktivitet_stoettebudget_is_servicetakst_times_financed_days():
    t = _tilbud("aktivitet")
    afgang = Ophold(
        3,
        "Borger 3",
        date(2024, 6, 1),
        date(2025, 3, 10),
        (Indplacering(date(2024, 6, 1), "1"),),
    )
    # 182,500 + level 1 (100 kr.) financed 1 January - 30 April (120 days) = 12,000
    assert _stoettebudget(t, [*TO_BEBOERE, afgang]) == Decimal("194500")


def test_hybrid_stoettebudget_is_the_aktivitetsbudget():
    t = _tilbud("hybrid")
    # (200 + 300) × 365 = 182,500 kr.; the 2,900,000 kr. fast budget buys no staff.
    assert _stoettebudget(t, TO_BEBOERE) == Decimal("182500")
