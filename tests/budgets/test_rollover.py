"""Year rollover (issue 13 #4): "Opret budgetår 2027 fra 2026".

2026: timepris on årsløn 450.000,00 (fravær 17 % + 40 timer, tidsanvendelse
35 % + 12,5 timer), levels 1-3 and S1; tilbud A (hybrid) with its own 2026
settings (10 pladser, 95 %) and faste udgifter 123.456,78 + 200.000,00; tilbud B
(ramme, no settings of its own) with faste udgifter 1.000.000,00 and a frame of
5.000.000,00 with a tillæg of 10.500,75 pr. borger pr. måned. Rolled over with
2,5 % for løn and 2 % for øvrige unless a test says otherwise.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.models import (
    Budgetaar,
    FastUdgift,
    Maanedstal,
    Rammeforudsaetning,
    TilbudAar,
)
from budgets.selectors import (
    NytNiveau,
    central_for,
    niveauskift_for,
    rollover_opsummering,
    tilbud_resultat,
)
from budgets.services.rollover import (
    BUDGETAAR_FINDES,
    KILDE_FINDES_IKKE,
    KILDE_UDEN_TAKSTMODEL,
    KODE_STADIG_UDEN_PRIS,
    KUN_FRA_TIDLIGERE_AAR,
    NIVEAU_BEGRUNDELSE,
    NY_KODE_UGYLDIG,
    NYE_KODER_MANGLER,
    PROCENT_UDEN_FOR,
    TIMEPRIS_FINDES,
    fremskrevet,
    opret_budgetaar,
)
from offers import services as offers_services
from offers.models import Indplacering
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
)
from tariffs.selectors import timepriser_for
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL
from tests.factories import BudgetaarFactory, TilbudFactory

D = datetime.date
IDAG = D(2026, 11, 20)
NIVEAUER = [
    {"kode": "1", "navn": "Niveau 1", "nedre": Decimal("0"), "oevre": Decimal("2")},
    {"kode": "2", "navn": "Niveau 2", "nedre": Decimal("2"), "oevre": Decimal("4")},
    {
        "kode": "3",
        "navn": "Niveau 3",
        "nedre": Decimal("4"),
        "oevre": Decimal("6"),
        "ydelsesbeskrivelse": "Moderat støtte.",
    },
    {
        "kode": "S1",
        "navn": "Særtakst 1",
        "nedre": Decimal("6"),
        "oevre": None,
        "saertakst": True,
    },
]
MODELLER = (
    Budgetaar,
    Timeprismodel,
    Fravaerslinje,
    Tidsanvendelseslinje,
    Takstmodel,
    Takstniveau,
    FastUdgift,
    Rammeforudsaetning,
    TilbudAar,
    Indplacering,
)


@pytest.fixture
def aar_2026(oekonomichef, tilbud_a, tilbud_b):
    timepris = timeprismodel_save(
        acting_user=oekonomichef,
        aar=2026,
        navn="Timepris 2026",
        aarsloen=Decimal("450000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=[
            {"kategori": "ferie", "procent": Decimal("17")},
            {"kategori": "egen_sygdom", "timer": Decimal("40")},
        ],
        tidsanvendelse=[
            {"kategori": "pauser", "procent": Decimal("35")},
            {"kategori": "transport", "timer": Decimal("12.5")},
        ],
    )
    takstmodel = takstmodel_save(
        acting_user=oekonomichef,
        aar=2026,
        navn="Takstmodel 2026",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=NIVEAUER,
    )
    budgetaar = BudgetaarFactory(aar=2026)
    tilbud_b.tildelingsprincip = "ramme"
    tilbud_b.save()
    TilbudAar.objects.create(
        tilbud=tilbud_a,
        budgetaar=budgetaar,
        pladser=10,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal("95"),
        reguleringsandel=Decimal("100"),
    )
    for tilbud, kategori, beloeb in (
        (tilbud_a, "ledelse", "123456.78"),
        (tilbud_a, "bygningsdrift", "200000.00"),
        (tilbud_b, "ledelse", "1000000.00"),
    ):
        FastUdgift.objects.create(
            tilbud=tilbud,
            budgetaar=budgetaar,
            kategori=kategori,
            beloeb=Decimal(beloeb),
        )
    Rammeforudsaetning.objects.create(
        tilbud=tilbud_b,
        budgetaar=budgetaar,
        rammebeloeb=Decimal("5000000.00"),
        dimensioneret_pladser=12,
        tillaeg_pr_borger_pr_maaned=Decimal("10500.75"),
        forventede_borgere=Decimal("11.50"),
        timer_pr_borger_pr_doegn=Decimal("5.75"),
    )
    return takstmodel


def _rul(user, **felter):
    felter = {
        "aar": 2027,
        "kopier_fra": 2026,
        "acting_user": user,
        "fremskrivning_loen_pct": Decimal("2.5"),
        "fremskrivning_oevrige_pct": Decimal("2"),
        **felter,
    }
    return opret_budgetaar(**felter)


def _antal() -> dict[str, int]:
    return {m.__name__: m._default_manager.count() for m in MODELLER}


def _beskeder(exc: pytest.ExceptionInfo, felt: str) -> list[str]:
    return exc.value.message_dict[felt]


# --- fremskrivning ---------------------------------------------------------------


def test_fremskrevet_applies_the_percentage_and_rounds_to_oere():
    # 450.000,00 × 1,025 = 461.250,00; 123.456,78 × 1,02 = 125.925,9156 → 125.925,92
    assert fremskrevet(Decimal("450000.00"), Decimal("2.5")) == Decimal("461250.00")
    assert fremskrevet(Decimal("123456.78"), Decimal("2")) == Decimal("125925.92")


def test_fremskrevet_rounds_half_up_not_to_even():
    # 10.500,75 × 1,02 = 10.710,765: half up 10.710,77 (banker's rounding: ,76)
    assert fremskrevet(Decimal("10500.75"), Decimal("2")) == Decimal("10710.77")


def test_fremskrevet_takes_a_fall():
    # 200.000,00 × (1 − 0,5) = 100.000,00
    assert fremskrevet(Decimal("200000"), Decimal("-50")) == Decimal("100000.00")


# --- what is copied --------------------------------------------------------------


def test_the_new_year_is_created_in_state_forslag(oekonomichef, aar_2026):
    budgetaar = _rul(oekonomichef)
    assert (budgetaar.aar, budgetaar.status) == (2027, "forslag")


def test_aarsloen_is_fremskrevet_with_the_wage_percentage(oekonomichef, aar_2026):
    _rul(oekonomichef)
    # 450.000,00 × 1,025 = 461.250,00
    assert Takstmodel.objects.get(aar=2027).timeprismodel.aarsloen == Decimal(
        "461250.00"
    )


def test_the_timepris_follows_the_aarsloen(oekonomichef, aar_2026):
    _rul(oekonomichef)
    # fravær 17 % × 1.924 + 40 = 367,08; fremmøde 1.924 − 367,08 = 1.556,92;
    # indirekte 35 % × 1.556,92 + 12,5 = 557,422; direkte 999,498 timer.
    # 2026: 450.000 / 999,498 = 450,226… → 450,23; 2027: 461.250 / 999,498 =
    # 461,4817… → 461,48
    foer = timepriser_for(Timeprismodel.objects.get(aar=2026))
    efter = timepriser_for(Timeprismodel.objects.get(aar=2027))
    assert (foer.timepris_direkte, efter.timepris_direkte) == (
        Decimal("450.23"),
        Decimal("461.48"),
    )


def test_every_timepris_line_is_copied_unchanged(oekonomichef, aar_2026):
    _rul(oekonomichef)
    model = Timeprismodel.objects.get(aar=2027)
    assert model.aarsnorm_timer == Decimal("1924")
    assert sorted(model.fravaer.values_list("kategori", "timer", "procent")) == [
        ("egen_sygdom", Decimal("40.000"), None),
        ("ferie", None, Decimal("17.000")),
    ]
    assert sorted(model.tidsanvendelse.values_list("kategori", "timer", "procent")) == [
        ("pauser", None, Decimal("35.000")),
        ("transport", Decimal("12.500"), None),
    ]


def test_the_takstmodel_is_copied_with_every_level_on_the_new_timepris(
    oekonomichef, aar_2026
):
    _rul(oekonomichef)
    model = Takstmodel.objects.get(aar=2027)
    felter = (
        "kode",
        "navn",
        "raekkefoelge",
        "nedre",
        "oevre",
        "takstgivende",
        "saertakst",
        "ydelsesbeskrivelse",
    )
    assert list(model.niveauer.values_list(*felter)) == list(
        aar_2026.niveauer.values_list(*felter)
    )
    assert model.timeprismodel == Timeprismodel.objects.get(aar=2027)
    assert model.enhed == aar_2026.enhed


def test_a_year_in_a_copied_name_becomes_the_new_year(oekonomichef, aar_2026):
    _rul(oekonomichef)
    model = Takstmodel.objects.get(aar=2027)
    assert (model.navn, model.timeprismodel.navn) == (
        "Takstmodel 2027",
        "Timepris 2027",
    )


def test_faste_udgifter_are_fremskrevet_line_by_line(
    oekonomichef, aar_2026, tilbud_a, tilbud_b
):
    _rul(oekonomichef)
    linjer = FastUdgift.objects.filter(budgetaar__aar=2027)
    # 123.456,78 × 1,02 = 125.925,9156 → 125.925,92; 200.000 × 1,02 = 204.000;
    # 1.000.000 × 1,02 = 1.020.000
    assert sorted(linjer.values_list("tilbud__navn", "kategori", "beloeb")) == [
        (tilbud_a.navn, "bygningsdrift", Decimal("204000.00")),
        (tilbud_a.navn, "ledelse", Decimal("125925.92")),
        (tilbud_b.navn, "ledelse", Decimal("1020000.00")),
    ]


def test_a_frames_amounts_are_fremskrevet_and_its_assumptions_kept(
    oekonomichef, aar_2026, tilbud_b
):
    _rul(oekonomichef)
    ramme = Rammeforudsaetning.objects.get(budgetaar__aar=2027)
    # 5.000.000 × 1,02 = 5.100.000; 10.500,75 × 1,02 = 10.710,765 → 10.710,77
    assert (ramme.tilbud, ramme.rammebeloeb, ramme.tillaeg_pr_borger_pr_maaned) == (
        tilbud_b,
        Decimal("5100000.00"),
        Decimal("10710.77"),
    )
    assert (
        ramme.dimensioneret_pladser,
        ramme.forventede_borgere,
        ramme.timer_pr_borger_pr_doegn,
    ) == (12, Decimal("11.50"), Decimal("5.75"))


def test_a_tilbuds_own_settings_of_the_year_are_copied(
    oekonomichef, aar_2026, tilbud_a
):
    _rul(oekonomichef)
    raekke = TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2027)
    assert (raekke.pladser, raekke.tildelingsprincip, raekke.forudsat_belaegning) == (
        10,
        "hybrid",
        Decimal("95"),
    )


def test_a_tilbud_without_settings_of_the_year_gets_its_own_defaults(
    oekonomichef, aar_2026, tilbud_b
):
    _rul(oekonomichef)
    raekke = TilbudAar.objects.get(tilbud=tilbud_b, budgetaar__aar=2027)
    # tilbud B: 12 pladser, ramme, 97 % (tests/conftest.py and the fixture)
    assert (raekke.pladser, raekke.tildelingsprincip, raekke.forudsat_belaegning) == (
        12,
        "ramme",
        Decimal("97"),
    )


def _aarets_raekker(aar: int) -> dict[str, list]:
    tid = Tidsanvendelseslinje.objects.filter(timeprismodel__aar=aar)
    return {
        "timepris": list(Timeprismodel.objects.filter(aar=aar).values()),
        "fravaer": list(Fravaerslinje.objects.filter(timeprismodel__aar=aar).values()),
        "tid": list(tid.values()),
        "takstmodel": list(Takstmodel.objects.filter(aar=aar).values()),
        "niveauer": list(Takstniveau.objects.filter(takstmodel__aar=aar).values()),
        "faste": list(FastUdgift.objects.filter(budgetaar__aar=aar).values()),
        "rammer": list(Rammeforudsaetning.objects.filter(budgetaar__aar=aar).values()),
        "tilbud_aar": list(TilbudAar.objects.filter(budgetaar__aar=aar).values()),
        "budgetaar": list(Budgetaar.objects.filter(aar=aar).values()),
    }


def test_the_source_year_is_left_untouched(oekonomichef, aar_2026):
    foer = _aarets_raekker(2026)
    _rul(oekonomichef)
    assert _aarets_raekker(2026) == foer


def test_every_copied_row_has_a_history_entry_naming_the_user(oekonomichef, aar_2026):
    _rul(oekonomichef)
    for model, aar in (
        (Timeprismodel, {"aar": 2027}),
        (Fravaerslinje, {"timeprismodel__aar": 2027}),
        (Takstniveau, {"takstmodel__aar": 2027}),
        (FastUdgift, {"budgetaar__aar": 2027}),
        (Rammeforudsaetning, {"budgetaar__aar": 2027}),
        (TilbudAar, {"budgetaar__aar": 2027}),
    ):
        ids = set(model.objects.filter(**aar).values_list("pk", flat=True))
        historik = model.history.filter(id__in=ids, history_type="+")
        assert ids and {h.id for h in historik} == ids, model.__name__
        assert {h.history_user for h in historik} == {oekonomichef}, model.__name__


def test_the_new_year_can_be_budgeted(oekonomichef, aar_2026, tilbud_a, tilbud_b):
    _rul(oekonomichef)
    central = central_for(None, 2027, IDAG)
    fast = {g.id: tal.fast_aar for g, tal in central.raekker}
    # A (hybrid): its faste udgifter 125.925,92 + 204.000,00 = 329.925,92;
    # B (ramme): the frame, 5.100.000,00
    assert fast == {tilbud_a.pk: Decimal("329925.92"), tilbud_b.pk: Decimal("5100000")}


def test_any_earlier_year_may_be_copied(oekonomichef, aar_2026):
    budgetaar = _rul(oekonomichef, aar=2028)
    assert budgetaar.aar == 2028
    assert Takstmodel.objects.get(aar=2028).navn == "Takstmodel 2028"


def test_without_kopier_fra_the_year_is_empty(oekonomichef, aar_2026):
    opret_budgetaar(aar=2027, acting_user=oekonomichef)
    assert Budgetaar.objects.filter(aar=2027).exists()
    assert not Takstmodel.objects.filter(aar=2027).exists()
    assert not FastUdgift.objects.filter(budgetaar__aar=2027).exists()


# --- a takstmodel the new year already has ---------------------------------------


def _takstmodel_2027(user, niveauer):
    """A 2027 takstmodel made before the rollover (as an import makes it), on
    DOMAIN.md §2's timepris: 480.000 kr. → 492,07 kr. pr. time."""
    timepris = timeprismodel_save(
        acting_user=user,
        aar=2027,
        navn="Timepris 2027 (importeret)",
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    return takstmodel_save(
        acting_user=user,
        aar=2027,
        navn="Takstmodel 2027 (importeret)",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=niveauer,
    )


# 1: 0-2, 2: 2-4, 4: 4-8 (takstgivende 6, the middle): no level 3 and no S1.
NIVEAUER_2027 = [
    {"kode": "1", "navn": "Niveau 1", "nedre": Decimal("0"), "oevre": Decimal("2")},
    {"kode": "2", "navn": "Niveau 2", "nedre": Decimal("2"), "oevre": Decimal("4")},
    {"kode": "4", "navn": "Niveau 4", "nedre": Decimal("4"), "oevre": Decimal("8")},
]


@pytest.fixture
def importeret_2027(oekonomichef, aar_2026):
    return _takstmodel_2027(oekonomichef, NIVEAUER_2027)


def test_a_takstmodel_the_year_has_is_kept_and_nothing_of_tariffs_copied(
    oekonomichef, importeret_2027
):
    _rul(oekonomichef)
    assert Takstmodel.objects.get(aar=2027) == importeret_2027
    assert list(Timeprismodel.objects.filter(aar=2027)) == [
        importeret_2027.timeprismodel
    ]
    assert importeret_2027.timeprismodel.aarsloen == Decimal("480000")
    assert sorted(importeret_2027.niveauer.values_list("kode", flat=True)) == [
        "1",
        "2",
        "4",
    ]


def test_the_budget_rows_are_copied_beside_a_kept_takstmodel(
    oekonomichef, importeret_2027
):
    _rul(oekonomichef)
    assert FastUdgift.objects.filter(budgetaar__aar=2027).count() == 3


def test_the_stored_months_of_the_new_year_follow_the_rollover(
    oekonomichef, importeret_2027, tilbud_a
):
    central_for(None, 2027, IDAG)  # read before the rollover: stores nothing
    _rul(oekonomichef)
    maaneder = Maanedstal.objects.filter(tilbud=tilbud_a, aar=2027)
    # 125.925,92 + 204.000,00, stored by the rollover's own transaction
    assert sum(maaneder.values_list("fast", flat=True)) == Decimal("329925.92")
    fast = {g.id: tal.fast_aar for g, tal in central_for(None, 2027, IDAG).raekker}
    assert fast[tilbud_a.pk] == Decimal("329925.92")


# --- refusals: nothing is written --------------------------------------------------


def test_an_existing_year_is_refused(oekonomichef, aar_2026):
    BudgetaarFactory(aar=2027)
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef)
    assert _beskeder(exc, "aar") == [BUDGETAAR_FINDES.format(aar=2027)]
    assert _antal() == foer


def test_a_source_year_that_does_not_exist_is_refused(oekonomichef, aar_2026):
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, aar=2026, kopier_fra=2025)
    assert _beskeder(exc, "aar") == [BUDGETAAR_FINDES.format(aar=2026)]
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, aar=2028, kopier_fra=2027)
    assert _beskeder(exc, "kopier_fra") == [KILDE_FINDES_IKKE.format(aar=2027)]
    assert _antal() == foer


def test_a_source_year_without_a_takstmodel_is_refused(oekonomichef, db):
    BudgetaarFactory(aar=2026)
    FastUdgift.objects.create(
        tilbud=TilbudFactory(),
        budgetaar=Budgetaar.objects.get(aar=2026),
        kategori="ledelse",
        beloeb=Decimal("1000"),
    )
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef)
    assert _beskeder(exc, "kopier_fra") == [KILDE_UDEN_TAKSTMODEL.format(aar=2026)]
    assert _antal() == foer


def test_copying_from_the_same_or_a_later_year_is_refused(oekonomichef, aar_2026):
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, aar=2025, kopier_fra=2026)
    assert _beskeder(exc, "kopier_fra") == [KUN_FRA_TIDLIGERE_AAR.format(aar=2025)]
    assert not Budgetaar.objects.filter(aar=2025).exists()


@pytest.mark.parametrize(
    ("felt", "procent"),
    [
        ("fremskrivning_loen_pct", Decimal("-50.01")),
        ("fremskrivning_loen_pct", Decimal("100.01")),
        ("fremskrivning_oevrige_pct", Decimal("-51")),
        ("fremskrivning_oevrige_pct", "NaN"),
        ("fremskrivning_oevrige_pct", "to"),
    ],
)
def test_a_percentage_outside_minus_50_to_100_is_refused(
    oekonomichef, aar_2026, felt, procent
):
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, **{felt: procent})
    assert _beskeder(exc, felt) == [PROCENT_UDEN_FOR]
    assert _antal() == foer


def test_the_bounds_minus_50_and_100_are_accepted(oekonomichef, aar_2026):
    _rul(
        oekonomichef,
        fremskrivning_loen_pct=Decimal("100"),
        fremskrivning_oevrige_pct=Decimal("-50"),
    )
    # 450.000 × 2 = 900.000; 200.000 × 0,5 = 100.000
    assert Timeprismodel.objects.get(aar=2027).aarsloen == Decimal("900000.00")
    assert FastUdgift.objects.get(
        budgetaar__aar=2027, kategori="bygningsdrift"
    ).beloeb == Decimal("100000.00")


def test_a_timepris_of_the_copys_name_without_a_takstmodel_is_refused(
    oekonomichef, aar_2026
):
    timeprismodel_save(
        acting_user=oekonomichef,
        aar=2027,
        navn="Timepris 2027",
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=TIDSANVENDELSE_EKSEMPEL,
    )
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef)
    besked = TIMEPRIS_FINDES.format(navn="Timepris 2027", aar=2027)
    assert _beskeder(exc, "kopier_fra") == [besked]
    assert _antal() == foer


# --- level codes that disappear -----------------------------------------------------


@pytest.fixture
def anna_paa_3(importeret_2027, anna, tilbud_a, raadgiver):
    """Anna lives in A at level 3 from 1 March 2026; 2027's model has no 3."""
    niveau_3 = Takstniveau.objects.get(takstmodel__aar=2026, kode="3")
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau_3,
        acting_user=raadgiver,
    )
    return anna


def _bo(raadgiver, tilbud, kode, **felter):
    """Bo lives in ``tilbud`` at ``kode`` (2026's model) from 1 February 2026."""
    bo = offers_services.borger_create(
        cpr="020290-1234", navn="Bo", acting_user=raadgiver
    )
    niveau = Takstniveau.objects.get(takstmodel__aar=2026, kode=kode)
    offers_services.borger_tilgang(
        borger=bo,
        tilbud=tilbud,
        dato=D(2026, 2, 1),
        takstniveau=niveau,
        acting_user=raadgiver,
        **felter,
    )
    return bo


def test_a_borger_on_a_code_that_disappears_must_be_given_a_new_one(
    oekonomichef, anna_paa_3, tilbud_a
):
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef)
    assert _beskeder(exc, "nye_koder") == [
        NYE_KODER_MANGLER.format(aar=2027, antal="1 borger"),
        f"Anna (010190-xxxx) i {tilbud_a.navn}: niveau 3 (borger-id {anna_paa_3.pk})",
    ]
    assert _antal() == foer


def test_nye_koder_must_cover_every_borger_on_a_code_that_disappears(
    oekonomichef, anna_paa_3, tilbud_b, raadgiver
):
    bo = _bo(raadgiver, tilbud_b, "3")
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, nye_koder={anna_paa_3.pk: "4"})
    assert _beskeder(exc, "nye_koder")[0] == NYE_KODER_MANGLER.format(
        aar=2027, antal="1 borger"
    )
    assert f"(borger-id {bo.pk})" in _beskeder(exc, "nye_koder")[1]
    assert _antal() == foer


def test_the_new_code_is_an_indplacering_from_1_january(
    oekonomichef, anna_paa_3, tilbud_a
):
    _rul(oekonomichef, nye_koder={anna_paa_3.pk: "4"})
    ny = Indplacering.objects.get(ophold__borger=anna_paa_3, gyldig_fra=D(2027, 1, 1))
    assert (ny.takstniveau.takstmodel.aar, ny.takstniveau.kode) == (2027, "4")
    assert ny.besluttet_af == oekonomichef
    assert ny.begrundelse == NIVEAU_BEGRUNDELSE.format(
        aar=2027, kode="3", kopier_fra=2026
    )
    assert ny.history.get().history_user == oekonomichef


def test_the_new_code_prices_the_new_year(oekonomichef, anna_paa_3, tilbud_a):
    _rul(oekonomichef, nye_koder={str(anna_paa_3.pk): "4"})  # JSON gives strings
    tal = tilbud_resultat(tilbud_a, 2027, IDAG).noegletal
    # Anna all 2027 at level 4: 6 timer × 492,07 = 2.952,42 kr. pr. døgn × 365
    # = 1.077.633,30 kr.
    assert tal.aktivitet_oprindeligt_aar == Decimal("1077633.30")


def test_a_code_not_in_the_new_takstmodel_is_refused(oekonomichef, anna_paa_3):
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, nye_koder={anna_paa_3.pk: "3"})
    besked = NY_KODE_UGYLDIG.format(borger="Anna (010190-xxxx)", kode="3", aar=2027)
    assert _beskeder(exc, "nye_koder") == [besked]
    assert _antal() == foer


def test_a_saertakst_is_not_a_new_code(
    oekonomichef, aar_2026, anna, tilbud_a, raadgiver
):
    _takstmodel_2027(
        oekonomichef,
        [
            *NIVEAUER_2027,
            {
                "kode": "S9",
                "navn": "Særtakst",
                "nedre": Decimal("8"),
                "oevre": None,
                "saertakst": True,
            },
        ],
    )
    niveau_3 = Takstniveau.objects.get(takstmodel__aar=2026, kode="3")
    offers_services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau_3,
        acting_user=raadgiver,
    )
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, nye_koder={anna.pk: "S9"})
    assert "nye_koder" in exc.value.message_dict


def test_a_borger_on_a_saertakst_with_own_hours_is_not_asked(
    oekonomichef, importeret_2027, tilbud_b, raadgiver
):
    _bo(raadgiver, tilbud_b, "S1", saertakst_timer=Decimal("18"))
    _rul(oekonomichef)
    assert Budgetaar.objects.filter(aar=2027).exists()


def test_a_borger_who_left_before_the_run_off_reaches_the_year_is_not_asked(
    oekonomichef, importeret_2027, tilbud_b, raadgiver
):
    bo = _bo(raadgiver, tilbud_b, "3")
    # afgang 10.10.2026: financed through 30.11.2026
    offers_services.borger_afgang(
        borger=bo, dato=D(2026, 10, 10), acting_user=raadgiver
    )
    _rul(oekonomichef)
    assert Budgetaar.objects.filter(aar=2027).exists()


def test_a_code_still_unpriced_in_a_run_off_is_refused(
    oekonomichef, importeret_2027, tilbud_b, raadgiver
):
    bo = _bo(raadgiver, tilbud_b, "3")
    # afgang 15.12.2026: financed through 31.01.2027 at level 3, which 2027 lacks;
    # the borger lives nowhere on 1 January, so no new level can be given
    offers_services.borger_afgang(
        borger=bo, dato=D(2026, 12, 15), acting_user=raadgiver
    )
    foer = _antal()
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef)
    besked = KODE_STADIG_UDEN_PRIS.format(
        aar=2027, kode="3", borgere="Bo (020290-xxxx)"
    )
    assert _beskeder(exc, "takstmodel") == [besked]
    assert _antal() == foer


def test_a_borger_id_that_is_not_a_number_is_refused(oekonomichef, anna_paa_3):
    with pytest.raises(ValidationError) as exc:
        _rul(oekonomichef, nye_koder={"anna": "4"})
    assert "nye_koder" in exc.value.message_dict


# --- the summary ------------------------------------------------------------------


def test_the_summary_sets_the_new_year_beside_the_old(oekonomichef, aar_2026):
    _rul(oekonomichef)
    o = rollover_opsummering(aar=2027, kopier_fra=2026)
    # timepris 450,23 → 461,48 (test_the_timepris_follows_the_aarsloen); faste
    # 123.456,78 + 200.000 + 1.000.000 = 1.323.456,78 → 125.925,92 + 204.000 +
    # 1.020.000 = 1.349.925,92; the frame 5.000.000 → 5.100.000
    assert (o.aarsloen_foer, o.aarsloen_efter) == (Decimal("450000"), Decimal("461250"))
    assert (o.timepris_foer, o.timepris_efter) == (Decimal("450.23"), Decimal("461.48"))
    assert (o.niveauer_foer, o.niveauer_efter) == (4, 4)
    assert (o.faste_foer, o.faste_efter) == (
        Decimal("1323456.78"),
        Decimal("1349925.92"),
    )
    assert (o.rammer_foer, o.rammer_efter) == (Decimal("5000000"), Decimal("5100000"))
    assert (o.tilbud_indstillinger, o.nye_niveauer) == (2, ())


def test_the_summary_names_the_borgere_given_a_new_level(
    oekonomichef, anna_paa_3, tilbud_a
):
    _rul(oekonomichef, nye_koder={anna_paa_3.pk: "4"})
    o = rollover_opsummering(aar=2027, kopier_fra=2026)
    assert o.nye_niveauer == (
        NytNiveau("Anna (010190-xxxx)", tilbud_a.navn, fra_kode="3", til_kode="4"),
    )
    assert (o.niveauer_foer, o.niveauer_efter) == (4, 3)


def test_the_borgere_to_ask_are_read_without_writing(oekonomichef, anna_paa_3):
    foer = _antal()
    skift = niveauskift_for(aar=2027, kopier_fra=2026)
    assert [(b.borger, b.kode) for b in skift.borgere] == [("Anna (010190-xxxx)", "3")]
    assert skift.valg == (("1", "Niveau 1"), ("2", "Niveau 2"), ("4", "Niveau 4"))
    assert _antal() == foer
