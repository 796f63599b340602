"""Sold-place income from the dated betalingskommune, read from the database.

Issue 13 #1. Bo lives in tilbud B from 1 January 2026 at niveau 1: 1 takstgivende
hour × 492.07 = 492.07 kr. per døgn, and tilbud B has no faste udgifter, so its
basistakst is 0 and the døgntakst 492.07 kr.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.selectors import beboere_for, central_for, tilbud_resultat
from budgets.selectors.maanedstal import maaneder_beregnet, maaneder_vektor
from offers import services
from offers.services.betalingskommune import betalingskommune_set

D = datetime.date
IDAG = D(2026, 6, 30)


@pytest.fixture
def bo(tilbud_b, niveau, raadgiver):
    borger = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_b,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    return borger


def _skift(borger, kode, fra, user):
    betalingskommune_set(
        borger=borger, kommunekode=kode, gyldig_fra=fra, acting_user=user
    )


def _tal(tilbud, idag=IDAG):
    return tilbud_resultat(tilbud, 2026, idag).noegletal


def test_sold_from_1_july_earns_184_days(bo, tilbud_b, raadgiver):
    # July-December = 184 days × 492.07 = 90,540.88 kr.
    _skift(bo, "751", D(2026, 7, 1), raadgiver)
    assert _tal(tilbud_b).indtaegt_salg == Decimal("90540.88")


def test_own_municipality_from_1_october_earns_92_days(bo, tilbud_b, raadgiver):
    # July-September = 92 days × 492.07 = 45,270.44 kr.
    _skift(bo, "751", D(2026, 7, 1), raadgiver)
    _skift(bo, "", D(2026, 10, 1), raadgiver)
    assert _tal(tilbud_b).indtaegt_salg == Decimal("45270.44")


def test_the_own_code_counts_as_the_own_municipality(bo, tilbud_b, raadgiver, settings):
    settings.EGEN_KOMMUNEKODE = "707"
    _skift(bo, "751", D(2026, 7, 1), raadgiver)
    _skift(bo, "707", D(2026, 10, 1), raadgiver)
    assert _tal(tilbud_b).indtaegt_salg == Decimal("45270.44")


def test_a_change_next_year_leaves_this_years_income(
    bo, tilbud_b, raadgiver, oekonomichef
):
    # Sold all of 2026: 365 × 492.07 = 179,605.55 kr., also after own from 2027.
    _skift(bo, "751", D(2026, 1, 1), raadgiver)
    foer = _tal(tilbud_b).indtaegt_salg
    _skift(bo, "", D(2027, 1, 1), raadgiver)
    raekker = {g.id: t for g, t in central_for(oekonomichef, 2026, IDAG).raekker}
    assert (foer, raekker[tilbud_b.pk].indtaegt_salg) == (
        Decimal("179605.55"),
        Decimal("179605.55"),
    )


def test_a_place_sold_from_1_july_is_not_sold_on_30_june(bo, tilbud_b, raadgiver):
    _skift(bo, "751", D(2026, 7, 1), raadgiver)
    assert _tal(tilbud_b, IDAG).solgte_pladser == 0
    assert _tal(tilbud_b, D(2026, 7, 1)).solgte_pladser == 1


def test_the_residents_table_marks_the_borger_sold_on_the_day(bo, tilbud_b, raadgiver):
    _skift(bo, "751", D(2026, 7, 1), raadgiver)
    resultat = tilbud_resultat(tilbud_b, 2026, IDAG)
    juni = [b.ekstern for b in beboere_for(resultat, D(2026, 6, 30))]
    juli = [b.ekstern for b in beboere_for(resultat, D(2026, 7, 1))]
    assert (juni, juli) == ([False], [True])


def test_a_borger_created_with_a_betalingskommune_is_sold_all_year(
    tilbud_b, niveau, raadgiver
):
    # As before issue 13: 365 × 492.07 = 179,605.55 kr.
    borger = services.borger_create(
        cpr="030390-1234", navn="Cy", betalingskommune="751", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_b,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    assert _tal(tilbud_b).indtaegt_salg == Decimal("179605.55")


def test_the_array_read_finds_each_sold_period_as_the_walk_does(
    bo, tilbud_b, raadgiver
):
    """selectors.raa builds the sold periods of every borger in numpy from the
    dated codes (perioder_hvor at once): two sold rows in a row are one
    period, an own code closes it, a later sold code opens another.
    751 from 1 March, 751 again from 1 April, own from 1 June, 147 from
    1 November: sold 1 March-31 May and 1 November-31 December.
    March 31 × 492.07 = 15,254.17; April 30 × 492.07 = 14,762.10; May 15,254.17;
    June-October 0; November 14,762.10; December 15,254.17."""
    for kode, fra in (("751", 3), ("751", 4), ("", 6), ("147", 11)):
        _skift(bo, kode, D(2026, fra, 1), raadgiver)
    (vektor,) = maaneder_vektor([tilbud_b.pk], 2026).values()
    marts, april = Decimal("15254.17"), Decimal("14762.10")
    assert vektor.indtaegt_salg == (
        (0, 0, marts, april, marts) + (0,) * 5 + (april, marts)
    )
    assert vektor == maaneder_beregnet([tilbud_b.pk], 2026)[tilbud_b.pk]
