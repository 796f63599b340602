"""Issue 13 #2: a vedtaget year's oprindeligt budget is what was known when it
was adopted, and the stored figures are shown as they were adopted.

Takst: servicetakst 500 kr. per døgn on level 1 and 800 kr. on level 2, no
basistakst; 2026 has 365 days. The year was vedtaget on 15 October 2025.
Anna lives in the tilbud since 1 June 2025 at level 1 unless said otherwise.
"""

import dataclasses
from datetime import date
from decimal import Decimal

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Vedtaget,
    kendt_udgave,
    tilbud_budget,
)
from budgets.forklaring import regulering_tekst

AAR = 2026
VEDTAGET = date(2025, 10, 15)
PRISLISTE = Prisliste(
    AAR, Decimal("492.07"), {"1": Decimal("500"), "2": Decimal("800")}, Decimal(0)
)
HYBRID = TilbudGrundlag(
    1, "Solbakken", 8, "hybrid", Decimal(97), Decimal(100), Decimal(0)
)
ANNA = Ophold(
    1,
    "Anna",
    date(2025, 6, 1),
    None,
    (Indplacering(date(2025, 6, 1), "1", registreret=date(2025, 6, 1)),),
    tilgang_registreret=date(2025, 6, 1),
)
DAGE = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def budget(*opholdene, tilbud=HYBRID, kendt_pr=VEDTAGET, vedtaget=None):
    return tilbud_budget(
        tilbud, opholdene, PRISLISTE, AAR, kendt_pr=kendt_pr, vedtaget=vedtaget
    )


def entries(b):
    return [
        (r.haendelse, r.virkning_fra, r.dato_registreret, r.beloeb) for r in b.ledger
    ]


def telescopes(b) -> bool:
    summen = sum((r.beloeb for r in b.ledger), Decimal(0))
    pr_maaned = [sum((r.maaneder[m] for r in b.ledger), Decimal(0)) for m in range(12)]
    forskel = [
        k - o for k, o in zip(b.total_korrigeret, b.total_oprindeligt, strict=True)
    ]
    return (
        summen == b.total_korrigeret_aar - b.total_oprindeligt_aar
        and pr_maaned == forskel
    )


def sen_tilgang(registreret=date(2026, 2, 15)) -> Ophold:
    """The issue's example: tilgang 15.12.2025 registered 15.02.2026."""
    return Ophold(
        2,
        "Bo",
        date(2025, 12, 15),
        None,
        (Indplacering(date(2025, 12, 15), "1", registreret=registreret),),
        tilgang_registreret=registreret,
    )


# --- A late tilgang (the example) ---


def test_late_tilgang_before_1_january_is_not_in_the_oprindeligt_budget():
    # Known on 15.10.2025: nobody. Without kendt_pr it would be 365 × 500.
    assert budget(sen_tilgang()).aktivitet_oprindeligt_aar == Decimal(0)


def test_late_tilgang_is_an_entry_with_both_dates_and_its_january_december_effect():
    # Financed 1 January - 31 December: 365 × 500 = 182,500.
    assert entries(budget(sen_tilgang())) == [
        ("tilgang", date(2025, 12, 15), date(2026, 2, 15), Decimal("182500"))
    ]


def test_late_tilgang_entry_reads_from_1_january():
    assert regulering_tekst(budget(sen_tilgang()).ledger[0]) == (
        "Tilgang 15.12.2025 (niveau 1): aktivitetsbudget +182.500,00 kr. fra 1. januar"
    )


def test_late_tilgang_leaves_the_korrigeret_budget_as_it_is():
    assert budget(sen_tilgang()).aktivitet_korrigeret_aar == Decimal("182500")


def test_tilgang_registered_before_vedtagelse_is_in_the_base():
    b = budget(sen_tilgang(registreret=date(2025, 10, 1)))
    assert (b.aktivitet_oprindeligt_aar, b.ledger) == (Decimal("182500"), ())


def test_tilgang_registered_on_the_day_of_vedtagelse_is_in_the_base():
    b = budget(sen_tilgang(registreret=VEDTAGET))
    assert (b.aktivitet_oprindeligt_aar, b.ledger) == (Decimal("182500"), ())


def test_missing_registration_counts_as_the_effective_date():
    # Effective 15.12.2025, after the vedtagelse: registered then, so late.
    uden = dataclasses.replace(
        sen_tilgang(),
        tilgang_registreret=None,
        indplaceringer=(Indplacering(date(2025, 12, 15), "1"),),
    )
    assert entries(budget(uden)) == [
        ("tilgang", date(2025, 12, 15), None, Decimal("182500"))
    ]


def test_late_tilgang_and_an_afgang_in_the_year_still_telescope():
    # Tilgang +182,500 (as known then: all year); afgang 10 March is financed
    # through 30 April = 120 days: (120 − 365) × 500 = −122,500.
    bo = dataclasses.replace(
        sen_tilgang(), afgang=date(2026, 3, 10), afgang_registreret=date(2026, 3, 10)
    )
    b = budget(bo)
    assert [(h, beloeb) for h, _, _, beloeb in entries(b)] == [
        ("tilgang", Decimal("182500")),
        ("afgang", Decimal("-122500")),
    ]
    assert telescopes(b)


# --- A late afgang on or before 1 January ---


def late_afgang(dato: date) -> Ophold:
    return dataclasses.replace(ANNA, afgang=dato, afgang_registreret=date(2026, 1, 20))


def test_late_afgang_in_december_keeps_the_resident_all_year_in_the_base():
    assert budget(late_afgang(date(2025, 12, 10))).aktivitet_oprindeligt_aar == (
        Decimal("182500")
    )


def test_late_afgang_in_december_is_an_entry_for_february_to_december():
    # Afgang 10.12.2025 is financed through 31.01.2026: 31 × 500 = 15,500 left
    # of 182,500: −167,000, from 1 February.
    b = budget(late_afgang(date(2025, 12, 10)))
    assert entries(b) == [
        ("afgang", date(2025, 12, 10), date(2026, 1, 20), Decimal("-167000"))
    ]
    assert regulering_tekst(b.ledger[0]).endswith("fra 1. februar")


def test_late_afgang_that_ended_the_financing_before_the_year_takes_it_all():
    # Afgang 15.11.2025 is financed through 31.12.2025: nothing in 2026.
    b = budget(late_afgang(date(2025, 11, 15)))
    assert entries(b) == [
        ("afgang", date(2025, 11, 15), date(2026, 1, 20), Decimal("-182500"))
    ]
    assert telescopes(b)


def test_afgang_known_at_vedtagelse_is_in_the_base_with_no_entry():
    # Registered 1.10.2025: the January run-off only, 31 × 500 (as without kendt_pr).
    kendt = dataclasses.replace(
        ANNA, afgang=date(2025, 12, 10), afgang_registreret=date(2025, 10, 1)
    )
    b = budget(kendt)
    assert (b.aktivitet_oprindeligt_aar, b.ledger) == (Decimal("15500"), ())


# --- A late indplacering or annulment effective before 1 January ---


def test_late_indplacering_before_1_january_is_an_entry_not_the_base():
    # Level 2 from 1.12.2025, registered 10.01.2026: the base keeps level 1
    # (365 × 500 = 182,500); the entry is 365 × (800 − 500) = +109,500.
    anna = dataclasses.replace(
        ANNA,
        indplaceringer=(
            *ANNA.indplaceringer,
            Indplacering(date(2025, 12, 1), "2", registreret=date(2026, 1, 10)),
        ),
    )
    b = budget(anna)
    assert b.aktivitet_oprindeligt_aar == Decimal("182500")
    assert entries(b) == [
        ("indplacering", date(2025, 12, 1), date(2026, 1, 10), Decimal("109500"))
    ]
    assert b.ledger[0].niveau_kode == "2"


def test_level_annulled_after_vedtagelse_is_in_the_base_and_its_annulment_an_entry():
    # Level 2 from 1.9.2025 was known (registered 1.9.2025), annulled 1.2.2026:
    # base 365 × 800 = 292,000; the annulment 365 × (500 − 800) = −109,500.
    anna = dataclasses.replace(
        ANNA,
        indplaceringer=(
            *ANNA.indplaceringer,
            Indplacering(
                date(2025, 9, 1),
                "2",
                registreret=date(2025, 9, 1),
                annulleret=date(2026, 2, 1),
            ),
        ),
    )
    b = budget(anna)
    assert b.aktivitet_oprindeligt_aar == Decimal("292000")
    assert entries(b) == [
        (
            "annulleret_indplacering",
            date(2025, 9, 1),
            date(2026, 2, 1),
            Decimal("-109500"),
        )
    ]


def test_tilgang_annulled_after_vedtagelse_is_an_entry_taking_the_year_away():
    anna = dataclasses.replace(ANNA, annulleret=date(2026, 3, 1))
    b = budget(anna)
    assert (b.aktivitet_oprindeligt_aar, entries(b)) == (
        Decimal("182500"),
        [
            (
                "annulleret_tilgang",
                date(2025, 6, 1),
                date(2026, 3, 1),
                Decimal("-182500"),
            )
        ],
    )


def test_kendt_udgave_leaves_out_what_was_registered_later():
    anna = dataclasses.replace(
        ANNA, afgang=date(2025, 12, 10), afgang_registreret=date(2026, 1, 20)
    )
    assert kendt_udgave(anna, VEDTAGET).afgang is None


def test_kendt_udgave_of_a_tilgang_registered_later_is_none():
    assert kendt_udgave(sen_tilgang(), VEDTAGET) is None


# --- kendt_pr None changes nothing ---


def test_without_kendt_pr_a_late_tilgang_is_in_the_base_as_before():
    b = budget(sen_tilgang(), kendt_pr=None)
    assert (b.aktivitet_oprindeligt_aar, b.ledger) == (Decimal("182500"), ())


def test_kendt_pr_after_every_registration_gives_the_budget_without_it():
    anna = dataclasses.replace(
        ANNA, afgang=date(2026, 3, 10), afgang_registreret=date(2026, 3, 12)
    )
    opholdene = (anna, sen_tilgang())
    assert budget(*opholdene, kendt_pr=date(2030, 1, 1)) == budget(
        *opholdene, kendt_pr=None
    )


# --- The stored oprindeligt budget (vedtaget) ---

FAST = TilbudGrundlag(
    1, "Solbakken", 8, "hybrid", Decimal(97), Decimal(100), Decimal("365000")
)


def stored(fast_pr_dag=Decimal(1000), aktivitet_pr_dag=Decimal(500)) -> Vedtaget:
    """Faste udgifter 365,000 spread by days is exactly 1,000 per day."""
    return Vedtaget(
        fast=tuple(fast_pr_dag * d for d in DAGE),
        aktivitet=tuple(aktivitet_pr_dag * d for d in DAGE),
        overkapacitet=(Decimal(0),) * 12,
    )


def test_stored_oprindeligt_equal_to_the_base_makes_no_entry():
    b = budget(ANNA, tilbud=FAST, vedtaget=stored())
    assert (b.fast_oprindeligt, b.ledger) == (stored().fast, ())


def test_stored_oprindeligt_is_shown_when_fixed_costs_changed_after_adoption():
    # Faste udgifter now 438,000 = 1,200 per day; adopted 1,000 per day.
    tilbud = dataclasses.replace(FAST, faste_udgifter=Decimal("438000"))
    b = budget(ANNA, tilbud=tilbud, vedtaget=stored())
    assert (sum(b.fast_oprindeligt), sum(b.fast)) == (
        Decimal("365000"),
        Decimal("438000"),
    )


def test_changed_fixed_costs_are_a_first_entry_aendret_grundlag():
    # 365 × (1,200 − 1,000) = +73,000; January 31 × 200 = 6,200.
    tilbud = dataclasses.replace(FAST, faste_udgifter=Decimal("438000"))
    b = budget(ANNA, tilbud=tilbud, vedtaget=stored())
    (post,) = b.ledger
    assert (post.haendelse, post.beloeb, post.maaneder[0]) == (
        "aendret_grundlag",
        Decimal("73000"),
        Decimal("6200"),
    )
    assert regulering_tekst(post) == (
        "Ændret grundlag efter vedtagelse: budget +73.000,00 kr. fra 1. januar"
    )
    # korrigeret 438,000 + 182,500 − oprindeligt 365,000 + 182,500 = 73,000
    assert telescopes(b)


def test_stored_aktivitet_differing_in_one_month_is_that_months_entry():
    # Adopted January aktivitet 15,000; the base now has 31 × 500 = 15,500.
    vedtaget = stored()
    vedtaget = dataclasses.replace(
        vedtaget, aktivitet=(Decimal("15000"), *vedtaget.aktivitet[1:])
    )
    b = budget(ANNA, tilbud=FAST, vedtaget=vedtaget)
    assert [(r.haendelse, r.maaneder) for r in b.ledger] == [
        ("aendret_grundlag", (Decimal("500"),) + (Decimal(0),) * 11)
    ]
    assert b.aktivitet_oprindeligt[0] == Decimal("15000")


def test_a_difference_under_half_an_oere_in_every_month_makes_no_entry():
    # Faste udgifter 365,000.004: December takes the rest, 31,000.004; stored
    # to øre as 31,000.00 (0.004 kr. is the rounding, not a change).
    tilbud = dataclasses.replace(FAST, faste_udgifter=Decimal("365000.004"))
    assert budget(ANNA, tilbud=tilbud, vedtaget=stored()).ledger == ()


def test_stored_base_and_a_late_tilgang_telescope_to_the_stored_oprindeligt():
    # Stored: Anna only (182,500) and fast 365,000. Bo's late tilgang +182,500.
    b = budget(ANNA, sen_tilgang(), tilbud=FAST, vedtaget=stored())
    assert [(r.haendelse, r.beloeb) for r in b.ledger] == [
        ("tilgang", Decimal("182500"))
    ]
    assert (b.total_oprindeligt_aar, b.total_korrigeret_aar) == (
        Decimal("547500"),
        Decimal("730000"),
    )
    assert telescopes(b)


def test_aendret_grundlag_comes_before_the_events():
    tilbud = dataclasses.replace(FAST, faste_udgifter=Decimal("438000"))
    b = budget(ANNA, sen_tilgang(), tilbud=tilbud, vedtaget=stored())
    assert [r.haendelse for r in b.ledger] == ["aendret_grundlag", "tilgang"]
    assert telescopes(b)


def test_stored_oprindeligt_without_ledger_is_shown_too():
    tilbud = dataclasses.replace(FAST, faste_udgifter=Decimal("438000"))
    b = tilbud_budget(
        tilbud, [ANNA], PRISLISTE, AAR, med_ledger=False, vedtaget=stored()
    )
    assert (b.ledger, b.total_oprindeligt_aar) == ((), Decimal("547500"))
