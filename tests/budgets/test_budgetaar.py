"""A budget year's states: forslag → vedtaget → lukket (issue 13 #2).

Tilbud A (hybrid, 8 pladser) has faste udgifter of 2.900.000 kr. in 2026; Anna
lives there from 1 June 2025 at niveau 2, so she is a resident on 1 January
2026 all year. Niveau 2 is 2–4 timer: takstgivende 3 timer × timepris 492,07 kr.
(DOMAIN.md §2) = servicetakst 1.476,21 kr. pr. døgn.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.models import Budgetaar, Budgetstatus, VedtagetBudget
from budgets.selectors.resultater import TAKSTNIVEAU_UDEN_PRIS, tilbud_resultat
from budgets.services.budgetaar import (
    ALLEREDE,
    KAN_IKKE_VEDTAGES,
    LUK_KRAEVER_VEDTAGET,
    luk,
    vedtag,
)
from config.lib.konflikt import Konflikt
from offers import services
from tests.conftest import make_takstmodel
from tests.factories import TakstmodelFactory

D = datetime.date

# Fast budget: 2.900.000 kr. spread by days, to øre, December takes the rest.
# 31 days: 2.900.000 × 31 / 365 = 246.301,369… → 246.301,37
# 30 days: 2.900.000 × 30 / 365 = 238.356,164… → 238.356,16
# 28 days: 2.900.000 × 28 / 365 = 222.465,753… → 222.465,75
# Jan–Nov: 6 × 246.301,37 + 4 × 238.356,16 + 222.465,75 = 2.653.698,61
# December: 2.900.000 − 2.653.698,61 = 246.301,39
FAST = [
    "246301.37",
    "222465.75",
    "246301.37",
    "238356.16",
    "246301.37",
    "238356.16",
    "246301.37",
    "246301.37",
    "238356.16",
    "246301.37",
    "238356.16",
    "246301.39",
]
# Aktivitet (hybrid: servicetakst × days): 1.476,21 × 31 = 45.762,51;
# × 30 = 44.286,30; × 28 = 41.333,88.
AKTIVITET = [
    "45762.51",
    "41333.88",
    "45762.51",
    "44286.30",
    "45762.51",
    "44286.30",
    "45762.51",
    "45762.51",
    "44286.30",
    "45762.51",
    "44286.30",
    "45762.51",
]


@pytest.fixture
def anna_fra_2025(anna, tilbud_a, faste_a, raadgiver, oekonomichef):
    model_2025 = make_takstmodel(2025, oekonomichef)
    return services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2025, 6, 1),
        takstniveau=model_2025.niveauer.get(kode="2"),
        acting_user=raadgiver,
    )


def _raekker(tilbud, aar: int = 2026) -> list[tuple[int, str, str, str]]:
    return [
        (r.maaned, str(r.fast), str(r.aktivitet), str(r.overkapacitet))
        for r in VedtagetBudget.objects.filter(tilbud=tilbud, budgetaar__aar=aar)
    ]


def test_vedtag_stores_the_hand_computed_oprindeligt_month_by_month(
    anna_fra_2025, tilbud_a, oekonomichef
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    assert _raekker(tilbud_a) == [
        (m, f, a, "0.00") for m, f, a in zip(range(1, 13), FAST, AKTIVITET, strict=True)
    ]


def test_vedtag_stores_12_rows_for_every_tilbud(
    anna_fra_2025, tilbud_a, tilbud_b, oekonomichef
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    # Tilbud B has no faste udgifter and no borgere: 12 months of 0.
    assert _raekker(tilbud_b) == [(m, "0.00", "0.00", "0.00") for m in range(1, 13)]
    assert VedtagetBudget.objects.count() == 2 * 12


def test_vedtag_moves_forslag_to_vedtaget_on_the_day(anna_fra_2025, oekonomichef):
    budgetaar = vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    budgetaar.refresh_from_db()
    assert (budgetaar.status, budgetaar.vedtaget, budgetaar.lukket) == (
        Budgetstatus.VEDTAGET,
        D(2025, 12, 10),
        None,
    )


def test_the_history_names_who_vedtog_the_year(anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    seneste = Budgetaar.objects.get(aar=2026).history.first()
    assert (seneste.status, seneste.history_user) == ("vedtaget", oekonomichef)


def test_vedtag_a_year_with_a_takstmodel_but_no_row_creates_it(
    takstmodel_2026, tilbud_a, oekonomichef
):
    assert not Budgetaar.objects.exists()
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    assert Budgetaar.objects.get(aar=2026).status == Budgetstatus.VEDTAGET


def test_a_second_vedtag_is_refused_and_stores_nothing_more(
    anna_fra_2025, oekonomichef
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    with pytest.raises(Konflikt) as fejl:
        vedtag(aar=2026, acting_user=oekonomichef, idag=D(2026, 1, 5))
    assert fejl.value.message_dict == {
        "status": [ALLEREDE.format(aar=2026, status="vedtaget")]
    }
    assert VedtagetBudget.objects.count() == 12
    assert Budgetaar.objects.get(aar=2026).vedtaget == D(2025, 12, 10)


def test_a_year_without_takstmodel_cannot_be_vedtaget(tilbud_a, oekonomichef):
    with pytest.raises(Konflikt) as fejl:
        vedtag(aar=2030, acting_user=oekonomichef)
    besked = KAN_IKKE_VEDTAGES.format(
        aar=2030, grund="Der er ingen takstmodel for 2030."
    )
    assert fejl.value.message_dict == {"aar": [besked]}
    assert not Budgetaar.objects.filter(aar=2030).exists()
    assert not VedtagetBudget.objects.exists()


def test_a_year_with_an_unpriced_code_cannot_be_vedtaget(anna_fra_2025, oekonomichef):
    # 2027's takstmodel (written around the service) has no niveau 2, which
    # Anna is on: the year cannot be priced.
    TakstmodelFactory(aar=2027)
    with pytest.raises(Konflikt) as fejl:
        vedtag(aar=2027, acting_user=oekonomichef)
    grund = TAKSTNIVEAU_UDEN_PRIS.format(aar=2027, koder="2", antal="1 borger")
    assert fejl.value.messages == [KAN_IKKE_VEDTAGES.format(aar=2027, grund=grund)]
    assert not VedtagetBudget.objects.exists()


def test_luk_moves_vedtaget_to_lukket_on_the_day(anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 31))
    budgetaar = Budgetaar.objects.get(aar=2026)
    assert (budgetaar.status, budgetaar.vedtaget, budgetaar.lukket) == (
        Budgetstatus.LUKKET,
        D(2025, 12, 10),
        D(2027, 3, 31),
    )
    assert budgetaar.history.first().history_user == oekonomichef


def test_a_forslag_cannot_be_lukket(anna_fra_2025, oekonomichef):
    with pytest.raises(Konflikt) as fejl:
        luk(aar=2026, acting_user=oekonomichef)
    assert fejl.value.message_dict == {
        "status": [LUK_KRAEVER_VEDTAGET.format(aar=2026)]
    }
    assert Budgetaar.objects.get(aar=2026).status == Budgetstatus.FORSLAG


def test_a_lukket_year_cannot_be_lukket_again(anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 31))
    with pytest.raises(Konflikt) as fejl:
        luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 4, 1))
    assert fejl.value.messages == [ALLEREDE.format(aar=2026, status="lukket")]
    assert Budgetaar.objects.get(aar=2026).lukket == D(2027, 3, 31)


def test_a_lukket_year_cannot_be_vedtaget_again(anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 31))
    with pytest.raises(Konflikt) as fejl:
        vedtag(aar=2026, acting_user=oekonomichef)
    assert fejl.value.messages == [ALLEREDE.format(aar=2026, status="lukket")]
    assert Budgetaar.objects.get(aar=2026).status == Budgetstatus.LUKKET


def test_a_tilgang_registered_after_vedtagelse_leaves_the_stored_rows(
    anna_fra_2025, tilbud_a, raadgiver, oekonomichef
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=bo,
        tilbud=tilbud_a,
        dato=D(2025, 12, 15),
        takstniveau=anna_fra_2025.indplaceringer.get().takstniveau,
        acting_user=raadgiver,
        registreret=D(2026, 2, 15),
    )
    assert _raekker(tilbud_a) == [
        (m, f, a, "0.00") for m, f, a in zip(range(1, 13), FAST, AKTIVITET, strict=True)
    ]
    assert sum(
        (r.aktivitet for r in VedtagetBudget.objects.filter(tilbud=tilbud_a)),
        Decimal(0),
    ) == Decimal("538816.65")  # 365 × 1.476,21
    # The figures did move: Bo lives there all of 2026 too, 2 × 538.816,65.
    resultat = tilbud_resultat(tilbud_a, 2026, D(2026, 6, 30))
    assert resultat.budget.aktivitet_korrigeret_aar == Decimal("1077633.30")
