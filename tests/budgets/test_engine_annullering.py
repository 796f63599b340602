"""Issue 12 item 11: an annulment is an entry of its own in the ledger.

Takst: servicetakst 500 kr. per døgn on level 1 and 800 kr. on level 2; 2026 has
365 days. Anna lives in the tilbud since 2025 unless said otherwise.
"""

import dataclasses
from datetime import date
from decimal import Decimal

from budgets.engine import (
    AnnulleretAfgang,
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    noegletal,
    tilbud_budget,
)

AAR = 2026
PRISLISTE = Prisliste(
    AAR, Decimal("492.07"), {"1": Decimal("500"), "2": Decimal("800")}, Decimal(0)
)
HYBRID = TilbudGrundlag(
    1, "Solbakken", 8, "hybrid", Decimal(97), Decimal(100), Decimal(0)
)
ANNA = Ophold(1, "Anna", date(2025, 6, 1), None, (Indplacering(date(2025, 6, 1), "1"),))


def budget(*opholdene):
    return tilbud_budget(HYBRID, opholdene, PRISLISTE, AAR)


def entries(*opholdene):
    return [(r.haendelse, r.beloeb) for r in budget(*opholdene).ledger]


def test_annulled_afgang_is_its_own_entry_that_undoes_the_afgang():
    # Afgang 10 March is financed through 30 April: 1 May-31 Dec = 245 days are
    # taken away (−245 × 500 = −122,500); the annulment gives them back.
    annulleret = dataclasses.replace(
        ANNA,
        annullerede_afgange=(
            AnnulleretAfgang(date(2026, 3, 10), date(2026, 3, 10), date(2026, 3, 20)),
        ),
    )
    assert entries(annulleret) == [
        ("afgang", Decimal("-122500")),
        ("annulleret_afgang", Decimal("122500")),
    ]
    # korrigeret = oprindeligt = 365 × 500 = 182,500
    assert budget(annulleret).aktivitet_korrigeret_aar == Decimal("182500")


def test_corrected_afgang_is_the_annulment_plus_the_new_afgang():
    # Registered 10 March (financed through 30 April), corrected to 20 June
    # (financed through 31 July): −245 × 500, +245 × 500, then 1 Aug-31 Dec
    # = 153 days: −153 × 500 = −76,500.
    rettet = dataclasses.replace(
        ANNA,
        afgang=date(2026, 6, 20),
        afgang_registreret=date(2026, 3, 20),
        annullerede_afgange=(
            AnnulleretAfgang(date(2026, 3, 10), date(2026, 3, 10), date(2026, 3, 20)),
        ),
    )
    assert entries(rettet) == [
        ("afgang", Decimal("-122500")),
        ("annulleret_afgang", Decimal("122500")),
        ("afgang", Decimal("-76500")),
    ]


def test_annulled_indplacering_is_its_own_entry():
    # Level 2 from 1 July: 184 days × (800 − 500) = +55,200; annulled 10 July.
    anna = dataclasses.replace(
        ANNA,
        indplaceringer=(
            *ANNA.indplaceringer,
            Indplacering(
                date(2026, 7, 1), "2", None, date(2026, 7, 1), date(2026, 7, 10)
            ),
        ),
    )
    assert entries(anna) == [
        ("indplacering", Decimal("55200")),
        ("annulleret_indplacering", Decimal("-55200")),
    ]


def test_annulled_tilgang_finances_nothing_and_shows_both_entries():
    # Tilgang 1 March: 1 Mar-31 Dec = 306 days × 500 = 153,000; annulled 5 March.
    bo = Ophold(
        2,
        "Bo",
        date(2026, 3, 1),
        None,
        (Indplacering(date(2026, 3, 1), "1"),),
        tilgang_registreret=date(2026, 3, 1),
        annulleret=date(2026, 3, 5),
    )
    assert entries(bo) == [
        ("tilgang", Decimal("153000")),
        ("annulleret_tilgang", Decimal("-153000")),
    ]
    assert budget(bo).aktivitet_korrigeret_aar == 0


def test_annulled_tilgang_counts_no_borger_days():
    bo = dataclasses.replace(ANNA, annulleret=date(2026, 3, 5))
    result = budget(bo)
    figures = noegletal(HYBRID, [bo], PRISLISTE, result, {}, AAR, date(2026, 3, 1))
    assert (figures.borgere, figures.borgerdage) == (0, 0)


def test_resident_annulled_as_never_there_is_not_in_the_oprindeligt():
    # The annulment takes effect from the tilgang (2025): no 1 January resident.
    bo = dataclasses.replace(ANNA, annulleret=date(2026, 3, 5))
    assert (budget(bo).aktivitet_oprindeligt_aar, budget(bo).ledger) == (0, ())


def test_a_code_only_an_annulled_level_used_still_needs_a_price():
    # The ledger prices the level from 1 July until its annulment is applied.
    from budgets.engine.niveaukoder import koder_uden_pris

    anna = dataclasses.replace(
        ANNA,
        indplaceringer=(
            *ANNA.indplaceringer,
            Indplacering(
                date(2026, 7, 1), "3", None, date(2026, 7, 1), date(2026, 7, 9)
            ),
        ),
    )
    assert koder_uden_pris([anna], {"1", "2"}, AAR) == {"3": ("Anna",)}
