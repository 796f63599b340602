"""offers.services.omplacering before a registered afgang (issue 12 item 10).

Until the afgang day the borger lives in the stay, so a move on an earlier day
ends the stay on the move day instead; the afgang rules apply to the move day.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.selectors import tilbud_resultat
from offers import services
from offers.models import Annullering, Haendelsesart, Indplacering, Ophold

D = datetime.date


@pytest.fixture
def fraflytter_15_december(anna, tilbud_a, niveau, raadgiver):
    """Anna in tilbud A from 1 February 2026 with an afgang on 15 December 2026."""
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    services.borger_afgang(borger=anna, dato=D(2026, 12, 15), acting_user=raadgiver)
    return anna


def test_omplacering_before_the_afgang_ends_the_stay_on_the_move_day(
    fraflytter_15_december, tilbud_a, tilbud_b, niveau, raadgiver
):
    nyt = services.omplacering(
        borger=fraflytter_15_december,
        til_tilbud=tilbud_b,
        dato=D(2026, 12, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2026, 11, 20),
    )
    gammelt = Ophold.objects.get(tilbud=tilbud_a)
    # A: [1 Feb, 1 Dec), registered 20 Nov; B: [1 Dec, open).
    assert (gammelt.afgang, gammelt.afgang_registreret) == (
        D(2026, 12, 1),
        D(2026, 11, 20),
    )
    assert (nyt.tilgang, nyt.afgang) == (D(2026, 12, 1), None)
    assert nyt.omplaceret_fra == gammelt


def test_omplacering_on_or_after_the_afgang_day_finds_no_stay(
    fraflytter_15_december, tilbud_b, niveau, raadgiver
):
    with pytest.raises(ValidationError) as err:
        services.omplacering(
            borger=fraflytter_15_december,
            til_tilbud=tilbud_b,
            dato=D(2026, 12, 15),
            takstniveau=niveau["2"],
            acting_user=raadgiver,
        )
    assert err.value.message_dict == {"dato": [services.INTET_OPHOLD]}


def test_refused_omplacering_before_the_afgang_keeps_the_registered_afgang(
    fraflytter_15_december, tilbud_a, tilbud_b, niveau, raadgiver
):
    # Hours on a level that is not a særtakst: the tilgang step refuses them, after
    # the stay was reopened and ended on the move day; all of it is rolled back.
    with pytest.raises(ValidationError) as err:
        services.omplacering(
            borger=fraflytter_15_december,
            til_tilbud=tilbud_b,
            dato=D(2026, 12, 1),
            takstniveau=niveau["2"],
            acting_user=raadgiver,
            saertakst_timer=5,
        )
    assert err.value.message_dict == {"saertakst_timer": [services.SAERTAKST_TIMER_KUN]}
    gammelt = Ophold.objects.get(tilbud=tilbud_a)
    assert gammelt.afgang == D(2026, 12, 15)
    assert Ophold.objects.count() == 1 and Indplacering.objects.count() == 1


def test_the_replaced_afgang_is_kept_as_an_annulment_with_the_reason(
    fraflytter_15_december, tilbud_b, niveau, raadgiver
):
    services.omplacering(
        borger=fraflytter_15_december,
        til_tilbud=tilbud_b,
        dato=D(2026, 12, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    annullering = Annullering.objects.get()
    assert (annullering.haendelse, annullering.dato) == (
        Haendelsesart.AFGANG,
        D(2026, 12, 15),
    )
    assert annullering.begrundelse == services.AFGANG_ERSTATTET.format(
        tilbud=tilbud_b, dato="01.12.2026"
    )


def test_ledger_of_a_move_before_a_registered_afgang_sums_to_the_budget(
    anna, tilbud_a, tilbud_b, faste_a, niveau, raadgiver
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2026, 2, 1),
    )
    services.borger_afgang(
        borger=anna,
        dato=D(2026, 10, 15),
        acting_user=raadgiver,
        registreret=D(2026, 3, 1),
    )
    services.omplacering(
        borger=anna,
        til_tilbud=tilbud_b,
        dato=D(2026, 9, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2026, 8, 1),
    )
    budget = tilbud_resultat(tilbud_a, 2026, D(2026, 12, 1)).budget
    # Niveau 2 = 3 h x 492.07 = 1,476.21 kr. per døgn. Tilgang 1 Feb: 334 days
    # = 493,054.14. The move on 1 Sep, financed through 31 Oct: -61 days (Nov +
    # Dec) = -90,048.81. The ledger applies events by effective date, so the
    # replaced afgang (15 Oct) and its annulment change nothing after the move.
    assert {r.haendelse: r.beloeb for r in budget.ledger} == {
        "tilgang": Decimal("493054.14"),
        "omplacering_afgang": Decimal("-90048.81"),
        "afgang": Decimal("0.00"),
        "annulleret_afgang": Decimal("0.00"),
    }
    # Korrigeret: 1 Feb-31 Oct = 273 days x 1,476.21 = 403,005.33; Anna was not
    # there on 1 January, so the oprindeligt aktivitetsbudget is 0 and the entries
    # sum to korrigeret - oprindeligt.
    assert sum(budget.aktivitet_korrigeret) == Decimal("403005.33")
    assert sum(r.beloeb for r in budget.ledger) == Decimal("403005.33")
