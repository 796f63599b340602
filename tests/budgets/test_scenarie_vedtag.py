"""Adopting a scenario of 2026 as the proposal of 2027 (issue 16 #1).

2026 (tests.conftest): årsløn 480,000 kr., årsnorm 1,924 h, ferie 17 %, egen
sygdom 5 %, pauser 35 % (timepris 492.07 kr.); tilbud A: 8 pladser, 97 %, faste
udgifter 2,900,000 kr. (basistakst 1,023.87 kr.). The rule: rollover first, then
each change as an absolute value, amounts fremskrevet
(budgets.selectors.scenarie_vedtag).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from budgets.engine.scenarie import beregn
from budgets.engine.scenarie_laes import Art
from budgets.models import (
    Budgetaar,
    FastUdgift,
    Maanedstal,
    TilbudAar,
)
from budgets.selectors.scenarie import inddata_for
from budgets.selectors.scenarie_vedtag import (
    IKKE_BORGERE,
    IKKE_NYT_TILBUD,
    IKKE_PAA_NYT_TILBUD,
    vedtagelsesplan,
)
from budgets.services import scenarie as services
from budgets.services.rollover import PROCENT_UDEN_FOR, opret_budgetaar
from budgets.services.scenarie_vedtag import (
    AAR_LAAST,
    DELT_TIMEPRIS,
    fordelt,
    scenario_vedtag,
)
from config.lib.konflikt import Konflikt
from offers.models import Ophold, Tilbud
from tariffs.selectors import takstmodel_for_aar, timepriser_for
from tariffs.services import takstmodel_save
from tests.factories import BudgetaarFactory, FastUdgiftFactory
from tests.scenarier import tilfoej

D = datetime.date


@pytest.fixture
def scenario(oekonomichef, faste_a):
    return services.scenario_create(
        navn="Plan 2027", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )


def _vedtag(scenario, user, loen="2,5", oevrige="2"):
    return scenario_vedtag(
        scenario=scenario,
        fremskrivning_loen_pct=loen,
        fremskrivning_oevrige_pct=oevrige,
        acting_user=user,
    )


def _timepris(aar):
    return timepriser_for(takstmodel_for_aar(aar).timeprismodel).timepris_direkte


def _basistakst(aar, tilbud):
    resultat = beregn(inddata_for(aar, "aktuelt", med_ophold=False))
    return next(t.basistakst for t in resultat.tilbud if t.id == tilbud.pk)


def test_sick_leave_plus_one_point_and_ten_places_give_the_hand_computed_figures(
    scenario, oekonomichef, tilbud_a
):
    tilfoej(
        scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="egen_sygdom", procent="6"
    )
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    aar = _vedtag(scenario, oekonomichef)
    assert (aar.aar, aar.status) == (2027, "forslag")
    # Rollover: årsløn 480,000 × 1.025 = 492,000.00. Scenario: egen sygdom 6 %
    # (absolute). Fravær (17 + 6) % × 1,924 = 442.52 h; fremmøde 1,481.48 h;
    # direkte × 0.65 = 962.962 h; 492,000 / 962.962 = 510.9236… → 510.92 kr.
    assert takstmodel_for_aar(2027).timeprismodel.aarsloen == Decimal("492000.00")
    assert _timepris(2027) == Decimal("510.92")
    # Faste udgifter 2,900,000 × 1.02 = 2,958,000.00 kr.; pladser 10 (absolute):
    # 2,958,000 / (10 × 365 × 0.97 = 3,540.5) = 835.4752… → 835.48 kr.
    assert _basistakst(2027, tilbud_a) == Decimal("835.48")
    # 2026 is untouched: 492.07 and 1,023.87 kr. as before.
    assert _timepris(2026) == Decimal("492.07")
    assert _basistakst(2026, tilbud_a) == Decimal("1023.87")


def test_amounts_are_fremskrevet_and_fixed_costs_scaled_over_their_lines(
    scenario, oekonomichef, tilbud_a
):
    # 2026: ledelse 2,900,000 + administration 100,000 = 3,000,000 kr.
    FastUdgiftFactory(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get(aar=2026),
        kategori="administration",
        beloeb=Decimal("100000"),
    )
    tilfoej(
        scenario,
        oekonomichef,
        Art.TILBUD_FASTE_UDGIFTER,
        tilbud=tilbud_a.pk,
        faste_udgifter="3300000",
    )
    tilfoej(scenario, oekonomichef, Art.TIMEPRIS_FELT, felt="aarsloen", tal="500000")
    _vedtag(scenario, oekonomichef, loen="2", oevrige="0")
    # 500,000 × 1.02 = 510,000.00 (not the rolled-over 489,600.00).
    assert takstmodel_for_aar(2027).timeprismodel.aarsloen == Decimal("510000.00")
    # 3,300,000 × 1.00, scaled × 1.1 over the lines: 3,190,000 + 110,000.
    linjer = dict(
        FastUdgift.objects.filter(tilbud=tilbud_a, budgetaar__aar=2027).values_list(
            "kategori", "beloeb"
        )
    )
    assert linjer == {
        "ledelse": Decimal("3190000.00"),
        "administration": Decimal("110000.00"),
    }
    # The stored monthly figures of 2027 follow in the same transaction.
    fast = Maanedstal.objects.filter(tilbud=tilbud_a, aar=2027)
    assert sum(fast.values_list("fast", flat=True)) == Decimal("3300000.00")


def test_an_existing_proposal_is_written_in_place_with_the_user_in_history(
    scenario, oekonomichef, tilbud_a
):
    opret_budgetaar(
        aar=2027,
        kopier_fra=2026,
        fremskrivning_loen_pct=Decimal(0),
        fremskrivning_oevrige_pct=Decimal(0),
        acting_user=oekonomichef,
    )
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    tilfoej(scenario, oekonomichef, Art.NIVEAU_TIMER, niveau="2", timer="3,5")
    _vedtag(scenario, oekonomichef)
    assert Budgetaar.objects.filter(aar=2027).count() == 1
    raekke = TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2027)
    assert raekke.pladser == 10
    assert raekke.history.latest().history_user == oekonomichef
    niveau = takstmodel_for_aar(2027).niveauer.get(kode="2")
    assert niveau.takstgivende == Decimal("3.50")
    assert niveau.history.latest().history_user == oekonomichef
    # The existing year was rolled over at 0 %: no percentage given now touches
    # what the scenario does not change (årsløn stays 480,000).
    assert takstmodel_for_aar(2027).timeprismodel.aarsloen == Decimal("480000.00")


@pytest.mark.parametrize("status", ["vedtaget", "lukket"])
def test_a_vedtaget_or_lukket_next_year_is_refused_and_nothing_written(
    scenario, oekonomichef, tilbud_a, status
):
    BudgetaarFactory(aar=2027, status=status)
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    with pytest.raises(Konflikt) as exc:
        _vedtag(scenario, oekonomichef)
    assert exc.value.message_dict == {
        "aar": [AAR_LAAST.format(aar=2027, status=status)]
    }
    assert not TilbudAar.objects.filter(budgetaar__aar=2027).exists()
    assert takstmodel_for_aar(2027) is None


def test_borgere_and_new_tilbud_are_listed_but_not_written(
    scenario, oekonomichef, tilbud_a, niveau
):
    tilfoej(
        scenario,
        oekonomichef,
        Art.PLANLAGT_TILGANG,
        antal=2,
        niveau="2",
        tilbud=tilbud_a.pk,
        dato="2026-07-01",
    )
    nyt = tilfoej(
        scenario,
        oekonomichef,
        Art.NYT_TILBUD,
        navn="Bofællesskabet Eg",
        pladser=6,
        belaegning="95",
        princip="aktivitet",
        faste_udgifter="1000000",
        dato="2026-09-01",
    )
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, nyt_tilbud=nyt.pk, pladser=8)
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=9)
    plan = vedtagelsesplan(scenario)
    assert [p.grund for p in plan.skrives_ikke] == [
        IKKE_BORGERE,
        IKKE_NYT_TILBUD,
        IKKE_PAA_NYT_TILBUD,
    ]
    assert [p.hvad for p in plan.skrives] == ["Bofællesskabet Ahorn: pladser"]
    _vedtag(scenario, oekonomichef)
    assert not Tilbud.objects.filter(navn="Bofællesskabet Eg").exists()
    assert not Ophold.alle.exists()
    assert TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2027).pladser == 9


def test_a_percentage_out_of_range_is_a_field_error(scenario, oekonomichef):
    with pytest.raises(ValidationError) as exc:
        _vedtag(scenario, oekonomichef, loen="101", oevrige="")
    assert exc.value.message_dict == {
        "fremskrivning_loen_pct": [PROCENT_UDEN_FOR],
        "fremskrivning_oevrige_pct": [PROCENT_UDEN_FOR],
    }
    assert not Budgetaar.objects.filter(aar=2027).exists()


def test_only_oekonomi_may_adopt(scenario, raadgiver):
    with pytest.raises(PermissionDenied):
        _vedtag(scenario, raadgiver)


def test_fordelt_puts_the_oere_left_over_on_the_largest_line():
    # 100 + 200 → 301: 100.333… → 100.33, 200.666… → 200.67; sum 301.00 exactly.
    assert fordelt({"a": Decimal(100), "b": Decimal(200)}, Decimal(301)) == {
        "a": Decimal("100.33"),
        "b": Decimal("200.67"),
    }
    # 1 + 1 + 1 → 1: 0.33 each = 0.99; the øre left goes to the largest ("c").
    assert fordelt({"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}, Decimal(1)) == {
        "a": Decimal("0.33"),
        "b": Decimal("0.33"),
        "c": Decimal("0.34"),
    }
    assert fordelt({}, Decimal(5)) == {"oevrige": Decimal(5)}


def test_a_timeprismodel_shared_with_2026_is_a_konflikt_and_nothing_is_written(
    scenario, oekonomichef, takstmodel_2026
):
    # 2027 priced by 2026's own timeprismodel (e.g. set up by hand): writing
    # sygefravær there would move 2026 too.
    niveauer = [
        {f: getattr(n, f) for f in ("kode", "navn", "nedre", "oevre", "saertakst")}
        for n in takstmodel_2026.niveauer.order_by("raekkefoelge")
    ]
    takstmodel_save(
        acting_user=oekonomichef,
        aar=2027,
        navn="Takstmodel 2027",
        enhed="timer_pr_doegn",
        timeprismodel=takstmodel_2026.timeprismodel,
        niveauer=niveauer,
    )
    tilfoej(
        scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="egen_sygdom", procent="6"
    )
    with pytest.raises(Konflikt) as exc:
        _vedtag(scenario, oekonomichef)
    assert exc.value.message_dict == {
        "timeprismodel": [
            DELT_TIMEPRIS.format(navn="Timepris 2026", aar=2027, andre="2026")
        ]
    }
    assert _timepris(2026) == Decimal("492.07")
    # The rollover ran inside the same transaction and is rolled back with it.
    assert not Budgetaar.objects.filter(aar=2027).exists()


def test_of_two_changes_to_one_assumption_the_later_wins(
    scenario, oekonomichef, tilbud_a
):
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=11)
    _vedtag(scenario, oekonomichef)
    assert TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2027).pladser == 11


def test_after_adopting_the_stored_figures_equal_a_computation_from_nothing(
    scenario, oekonomichef, raadgiver, tilbud_a, niveau
):
    """Adopting is a write path like the others (issue 13 #5): the stored monthly
    figures of every year equal the engine's computation from nothing after it."""
    from offers import services as offers_services
    from tests.maanedstal import fra_bunden, tabel

    anna = offers_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    tilfoej(
        scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="egen_sygdom", procent="6"
    )
    tilfoej(scenario, oekonomichef, Art.TILBUD_PLADSER, tilbud=tilbud_a.pk, pladser=10)
    _vedtag(scenario, oekonomichef)
    gemt, forfra = tabel(), fra_bunden()
    assert (tilbud_a.pk, 2027) in gemt  # the new year was computed and stored
    assert gemt == forfra
