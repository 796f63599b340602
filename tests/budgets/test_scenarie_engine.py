"""Scenarios in the pure engine (issue 16 #1): budgets.engine.scenarie.

The base is DOMAIN.md's worked examples: timepris 492.07 kr. (§2), levels of
2 hours with takstgivende timer in the middle (§3: niveau 2 = 3 h → 3 × 492.07
= 1,476.21 kr. per døgn), and a hybrid tilbud with 8 pladser, 97 % and faste
udgifter 2,900,000 kr. (§4: basistakst 1,023.87 kr.). 2026 has 365 days.
"""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from budgets.engine import Indplacering, Ophold, Prisliste, TilbudGrundlag
from budgets.engine import scenarie as scenarie_engine
from budgets.engine.bemanding import bemanding, stoettebudget_aar
from budgets.engine.bidrag import paakraevede_timer
from budgets.engine.scenarie import (
    Inddata,
    ScenarieFejl,
    anvend,
    beregn,
)
from budgets.engine.scenarie_laes import (
    IKKE_POSITIV,
    KRAEVET,
    OVER_100,
    TIMER_ELLER_PROCENT,
    UDEN_FOR_AARET,
    AendringFejl,
    Art,
    aendring_af,
)
from budgets.engine.tilbud import tilbud_budget
from budgets.engine.vektor import IkkeOere
from tariffs.engine import (
    Linje,
    Niveau,
    Timeprisgrundlag,
    takstgivende_timer,
    timer_pr_doegn,
)

D = datetime.date
AAR = 2026
KATEGORIER = {
    Art.FRAVAER_LINJE: ("ferie", "egen_sygdom"),
    Art.TIDSANVENDELSE_LINJE: ("pauser",),
}


def _ophold(id_: int, tilgang: datetime.date, kode: str = "2") -> Ophold:
    return Ophold(
        id=id_,
        borger=f"Borger {id_}",
        tilgang=tilgang,
        afgang=None,
        indplaceringer=(Indplacering(tilgang, kode),),
        borger_id=id_,
    )


def _inddata(ophold: tuple[Ophold, ...] = ()) -> Inddata:
    g = Timeprisgrundlag(
        Decimal("480000"),
        Decimal("1924"),
        fravaer=(
            Linje("ferie", procent=Decimal("17")),
            Linje("egen_sygdom", procent=Decimal("5")),
        ),
        tidsanvendelse=(Linje("pauser", procent=Decimal("35")),),
    )
    niveauer = tuple(
        Niveau(str(k), f"Niveau {k}", Decimal(2 * (k - 1)), Decimal(2 * k))
        for k in (1, 2, 3)
    ) + (Niveau("S1", "Særtakst 1", Decimal(6), None, saertakst=True),)
    tilbud = TilbudGrundlag(
        id=1,
        navn="Ahorn",
        pladser=8,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal("97"),
        reguleringsandel=Decimal("100"),
        faste_udgifter=Decimal("2900000"),
    )
    return Inddata(AAR, g, "timer_pr_doegn", niveauer, (tilbud,), {1: ophold})


def _med(ind: Inddata, *aendringer: tuple[str, dict]) -> Inddata:
    laest = [
        (nr, aendring_af(art, vaerdi, AAR, KATEGORIER))
        for nr, (art, vaerdi) in enumerate(aendringer, start=1)
    ]
    return anvend(ind, laest)


def test_the_base_reproduces_the_worked_examples():
    base = beregn(_inddata())
    assert base.timepriser.timepris_direkte == Decimal("492.07")
    assert base.servicetakster["2"] == Decimal("1476.21")  # 3 h × 492.07
    assert base.tilbud[0].basistakst == Decimal("1023.87")


def test_sick_leave_plus_one_point_gives_the_new_timepris_and_servicetakst():
    # egen sygdom 5 % → 6 %: fravær 23 % of 1,924 = 442.52 h; fremmøde 1,481.48 h;
    # pauser 35 % = 518.518 h; direkte 962.962 h; 480,000 / 962.962 = 498.4622…
    # → 498.46 kr.; niveau 2: 3 h × 498.46 = 1,495.38 kr. per døgn.
    ind = _med(
        _inddata(), (Art.FRAVAER_LINJE, {"kategori": "egen_sygdom", "procent": "6"})
    )
    scenarie = beregn(ind)
    assert scenarie.timepriser.timepris_direkte == Decimal("498.46")
    assert scenarie.servicetakster["2"] == Decimal("1495.38")


def test_aarsloen_change_reprices_every_level():
    # 500,000 / 975.468: 975.468 × 512 = 499,439.616, the rest 560.384 / 975.468
    # = 0.5745 → 512.57 kr.; niveau 1 = 1 h → 512.57 kr.
    ind = _med(_inddata(), (Art.TIMEPRIS_FELT, {"felt": "aarsloen", "tal": "500000"}))
    assert beregn(ind).servicetakster["1"] == Decimal("512.57")


def test_niveau_timer_change_gives_that_levels_servicetakst():
    # niveau 3 at 5.5 h instead of 5 h: 5.5 × 492.07 = 2,706.385 → 2,706.39 kr.
    ind = _med(_inddata(), (Art.NIVEAU_TIMER, {"niveau": "3", "timer": "5.5"}))
    assert beregn(ind).servicetakster["3"] == Decimal("2706.39")


def test_niveau_spaend_moves_the_default_takstgivende_timer():
    # niveau 3 spanning 4–8 h: the middle is 6 h → 6 × 492.07 = 2,952.42 kr.
    ind = _med(
        _inddata(), (Art.NIVEAU_SPAEND, {"niveau": "3", "nedre": "4", "oevre": "8"})
    )
    assert beregn(ind).servicetakster["3"] == Decimal("2952.42")


def test_pladser_8_to_10_lowers_the_basistakst():
    # 2,900,000 / (10 × 365 × 0.97 = 3,540.5) = 819.0933… → 819.09 kr. per døgn.
    ind = _med(_inddata(), (Art.TILBUD_PLADSER, {"tilbud": 1, "pladser": 10}))
    assert beregn(ind).tilbud[0].basistakst == Decimal("819.09")


def test_two_planned_borgere_from_1_july_add_184_days_each():
    # 2 × 1,476.21 × 184 days (July–December: 31+31+30+31+30+31) = 543,245.28 kr.;
    # July alone: 2 × 1,476.21 × 31 = 91,525.02 kr.; June gets nothing.
    base = beregn(_inddata())
    ind = _med(
        _inddata(),
        (
            Art.PLANLAGT_TILGANG,
            {"antal": 2, "niveau": "2", "tilbud": 1, "dato": "2026-07-01"},
        ),
    )
    scenarie = beregn(ind)
    assert scenarie.total - base.total == Decimal("543245.28")
    assert scenarie.tilbud[0].aktivitet[6] == Decimal("91525.02")
    assert scenarie.tilbud[0].aktivitet[5] == Decimal("0")
    assert [o.borger for o in ind.ophold[1]] == ["Planlagt 1/2", "Planlagt 2/2"]


def test_planned_afgang_ends_the_most_recent_tilgange():
    ophold = (
        _ophold(1, D(2025, 1, 1)),
        _ophold(2, D(2025, 6, 1)),
        _ophold(3, D(2026, 2, 1)),
    )
    ind = _med(
        _inddata(ophold),
        (Art.PLANLAGT_AFGANG, {"antal": 2, "tilbud": 1, "dato": "2026-04-01"}),
    )
    assert [o.afgang for o in ind.ophold[1]] == [None, D(2026, 4, 1), D(2026, 4, 1)]


def test_planned_afgang_keeps_the_run_off():
    # One borger at niveau 2 all year, leaving 1 April: financed through 31 May
    # (DOMAIN.md §6), so June–December lose 1,476.21 × 214 days (30+31+31+30+31
    # +30+31) = 315,908.94 kr.; May still has 31 × 1,476.21 = 45,762.51 kr.
    ind0 = _inddata((_ophold(1, D(2025, 1, 1)),))
    ind = _med(
        ind0, (Art.PLANLAGT_AFGANG, {"antal": 1, "tilbud": 1, "dato": "2026-04-01"})
    )
    base, scenarie = beregn(ind0), beregn(ind)
    assert base.total - scenarie.total == Decimal("315908.94")
    assert scenarie.tilbud[0].aktivitet[4] == Decimal("45762.51")


def test_a_tilbud_closed_from_1_october_stops_its_fast_budget_and_its_stays():
    # One borger at niveau 2 all year; closing 1 October ends the stay then: it
    # is financed through 30 November (the month after), December is 0.
    # The fast budget stops 30 September: October–December 0, January unchanged
    # (2,900,000 × 31 / 365 = 246,301.369… → 246,301.37 kr.).
    ind = _med(
        _inddata((_ophold(1, D(2025, 1, 1)),)),
        (Art.LUKKET_TILBUD, {"tilbud": 1, "dato": "2026-10-01"}),
    )
    tal = beregn(ind).tilbud[0]
    assert tal.fast[0] == Decimal("246301.37")
    assert tal.fast[9:] == (Decimal(0), Decimal(0), Decimal(0))
    assert tal.aktivitet[10] == Decimal("44286.30")  # 30 × 1,476.21
    assert tal.aktivitet[11] == Decimal(0)


def test_a_new_tilbud_from_1_july_with_planned_borgere():
    # Faste udgifter 365,000 kr. a year, 4 pladser, 100 %: basistakst
    # 365,000 / (4 × 365) = 250.00 kr.; open from 1 July: fast 184 days × 1,000 =
    # 184,000 kr.; 1 planned borger on niveau 1 (1 h × 492.07) from 1 August:
    # 153 days (31+30+31+30+31) × 492.07 = 75,286.71 kr.
    ind = _med(
        _inddata(),
        (
            Art.NYT_TILBUD,
            {
                "navn": "Nyt botilbud",
                "pladser": 4,
                "belaegning": "100",
                "princip": "hybrid",
                "faste_udgifter": "365000",
                "dato": "2026-07-01",
            },
        ),
        (
            Art.PLANLAGT_TILGANG,
            {"antal": 1, "niveau": "1", "nyt_tilbud": 1, "dato": "2026-08-01"},
        ),
    )
    nyt = beregn(ind).tilbud[1]
    assert (nyt.id, nyt.navn, nyt.basistakst) == (-1, "Nyt botilbud", Decimal("250.00"))
    assert nyt.fast[5] == Decimal(0) and nyt.fast[6] == Decimal("31000")
    assert nyt.total == Decimal("184000") + Decimal("75286.71")


def test_staffing_follows_the_activity_budget():
    # Hybrid: årsværk = aktivitetsbudget / årsløn. One borger at niveau 2 all
    # year: 1,476.21 × 365 = 538,816.65 kr. / 480,000 = 1.122534… årsværk; at
    # årsløn 500,000 the takst is 3 × 512.57 = 1,537.71 → × 365 = 561,264.15 kr.
    # / 500,000 = 1.1225283 årsværk.
    ind0 = _inddata((_ophold(1, D(2025, 1, 1)),))
    ind = _med(ind0, (Art.TIMEPRIS_FELT, {"felt": "aarsloen", "tal": "500000"}))
    assert beregn(ind0).tilbud[0].bemanding.stoettebudget == Decimal("538816.65")
    assert beregn(ind).aarsvaerk == Decimal("1.1225283")


def test_changes_leave_the_base_inputs_unchanged():
    ind0 = _inddata((_ophold(1, D(2025, 1, 1)),))
    _med(ind0, (Art.LUKKET_TILBUD, {"tilbud": 1, "dato": "2026-10-01"}))
    assert ind0.ophold[1][0].afgang is None


def test_unknown_tilbud_is_refused():
    with pytest.raises(ScenarieFejl):
        _med(_inddata(), (Art.TILBUD_PLADSER, {"tilbud": 99, "pladser": 10}))


def test_planned_tilgang_on_a_saertakst_is_refused():
    with pytest.raises(ScenarieFejl):
        _med(
            _inddata(),
            (
                Art.PLANLAGT_TILGANG,
                {"antal": 1, "niveau": "S1", "tilbud": 1, "dato": "2026-07-01"},
            ),
        )


@pytest.mark.parametrize(
    ("art", "vaerdi", "felt", "besked"),
    [
        (Art.TILBUD_PLADSER, {"tilbud": 1, "pladser": 0}, "pladser", IKKE_POSITIV),
        (Art.TILBUD_PLADSER, {"tilbud": 1}, "pladser", KRAEVET),
        (
            Art.TILBUD_BELAEGNING,
            {"tilbud": 1, "belaegning": "101"},
            "belaegning",
            OVER_100,
        ),
        (Art.FRAVAER_LINJE, {"kategori": "ferie"}, "timer", TIMER_ELLER_PROCENT),
        (
            Art.PLANLAGT_TILGANG,
            {"antal": 1, "niveau": "2", "tilbud": 1, "dato": "2027-01-01"},
            "dato",
            UDEN_FOR_AARET.format(aar=2026),
        ),
    ],
)
def test_a_bad_change_gives_a_danish_field_error(art, vaerdi, felt, besked):
    with pytest.raises(AendringFejl) as fejl:
        aendring_af(art, vaerdi, AAR, KATEGORIER)
    assert fejl.value.fejl[felt] == besked


def test_a_planned_tilgang_before_a_new_tilbud_opens_is_refused():
    with pytest.raises(ScenarieFejl, match="åbent fra 01.07.2026 til 31.12.2026"):
        _med(
            _inddata(),
            (
                Art.NYT_TILBUD,
                {
                    "navn": "Nyt",
                    "pladser": 4,
                    "belaegning": "100",
                    "princip": "hybrid",
                    "faste_udgifter": "0",
                    "dato": "2026-07-01",
                },
            ),
            (
                Art.PLANLAGT_TILGANG,
                {"antal": 1, "niveau": "1", "nyt_tilbud": 1, "dato": "2026-06-30"},
            ),
        )


# --- The vectorised engine prices a result as the reference does (issue 16) ----


def _reference(ind: Inddata, tilbud_id: int):
    """One tilbud of the inputs by the reference engine, as the result used to be
    computed: tilbud_budget at the year's takster with its own basistakst."""
    resultat = beregn(ind)
    t = next(t for t in ind.tilbud if t.id == tilbud_id)
    tal = next(t for t in resultat.tilbud if t.id == tilbud_id)
    prisliste = Prisliste(
        AAR,
        resultat.timepriser.timepris_direkte,
        resultat.servicetakster,
        tal.basistakst,
    )
    ophold = ind.ophold.get(tilbud_id, ())
    budget = tilbud_budget(t, ophold, prisliste, AAR, med_ledger=False)
    timer = {
        n.kode: timer_pr_doegn(takstgivende_timer(n), ind.enhed)
        for n in ind.niveauer
        if not n.saertakst
    }
    staff = bemanding(
        stoettebudget_aar(t, budget),
        ind.timeprisgrundlag.aarsloen,
        resultat.timepriser.direkte_timer,
        paakraevede_timer(ophold, timer, AAR),
    )
    return tal, budget, staff


def _blandet_scenarie() -> Inddata:
    base = _inddata((_ophold(1, D(2026, 2, 1)), _ophold(2, D(2026, 3, 15), "3")))
    return _med(
        base,
        (Art.TIMEPRIS_FELT, {"felt": "aarsloen", "tal": "500000"}),
        (Art.NIVEAU_TIMER, {"niveau": "3", "timer": "5.5"}),
        (Art.TILBUD_PLADSER, {"tilbud": 1, "pladser": 10}),
        (
            Art.PLANLAGT_TILGANG,
            {"tilbud": 1, "antal": 2, "niveau": "2", "dato": "2026-07-01"},
        ),
        (
            Art.NYT_TILBUD,
            {
                "navn": "Birk",
                "pladser": 6,
                "belaegning": "100",
                "princip": "aktivitet",
                "faste_udgifter": "1095000",
                "dato": "2026-04-01",
            },
        ),
        (
            Art.PLANLAGT_TILGANG,
            {"nyt_tilbud": 5, "antal": 3, "niveau": "1", "dato": "2026-05-01"},
        ),
    )


def test_a_result_of_several_changes_equals_the_reference_engine_per_tilbud():
    ind = _blandet_scenarie()
    for tilbud_id in (1, -5):
        tal, budget, staff = _reference(ind, tilbud_id)
        assert tal.aktivitet == tuple(
            a + o
            for a, o in zip(
                budget.aktivitet_korrigeret, budget.overkapacitet, strict=True
            )
        )
        assert tal.bemanding == staff
    # Ahorn open all year: its fast months are the reference's as they are.
    ahorn, budget, _ = _reference(ind, 1)
    assert ahorn.fast == budget.fast
    # Birk opens 1 April: nothing before, the reference's months from April.
    birk, budget, _ = _reference(ind, -5)
    assert birk.fast[:3] == (Decimal(0),) * 3
    assert birk.fast[3:] == budget.fast[3:]


def test_a_result_of_several_changes_by_hand():
    # Årsløn 500,000: timepris 512.57 kr. (test above). Niveau 2 = 3 h:
    # 3 × 512.57 = 1,537.71 kr.; niveau 3 now 5.5 h: 5.5 × 512.57 = 2,819.135
    # → 2,819.14 kr.; niveau 1 = 1 h: 512.57 kr.
    # Ahorn (hybrid, 10 pladser) in July: Borger 1 (niveau 2), Borger 2
    # (niveau 3) and the 2 planned on niveau 2, 4 ≤ 10 pladser (no
    # overkapacitet): 31 × (3 × 1,537.71 + 2,819.14) = 31 × 7,432.27
    # = 230,400.37 kr. Basistakst 2,900,000 / (10 × 365 × 0.97) = 819.09 kr.
    # Birk (new, 6 pladser, 100 %): basistakst 1,095,000 / (6 × 365) = 500.00 kr.
    resultat = beregn(_blandet_scenarie())
    ahorn = next(t for t in resultat.tilbud if t.id == 1)
    birk = next(t for t in resultat.tilbud if t.id == -5)
    assert resultat.servicetakster == {
        "1": Decimal("512.57"),
        "2": Decimal("1537.71"),
        "3": Decimal("2819.14"),
    }
    assert ahorn.aktivitet[6] == Decimal("230400.37")
    assert ahorn.basistakst == Decimal("819.09")
    assert birk.basistakst == Decimal("500.00")


def test_a_takst_not_in_whole_oere_falls_back_to_the_reference(monkeypatch):
    ind = _blandet_scenarie()
    vektor = beregn(ind)

    def ikke_oere(*args, **kwargs):
        raise IkkeOere("0.005")

    monkeypatch.setattr(scenarie_engine, "maaneder_for_aaret", ikke_oere)
    assert beregn(ind) == vektor


def test_a_tilbud_nothing_changed_for_is_taken_from_the_base():
    # Birk (id 2) is untouched by Ahorn's pladser: its figures are the base's
    # own; Ahorn's are computed (2,900,000 / (10 × 365 × 0.97) = 819.09 kr.).
    birk = dataclasses.replace(_inddata().tilbud[0], id=2, navn="Birk")
    ind = dataclasses.replace(
        _inddata((_ophold(1, D(2026, 2, 1)),)),
        tilbud=(_inddata().tilbud[0], birk),
    )
    ind = dataclasses.replace(
        ind, ophold={**ind.ophold, 2: (_ophold(2, D(2026, 3, 1)),)}
    )
    base = beregn(ind)
    scenarie = _med(ind, (Art.TILBUD_PLADSER, {"tilbud": 1, "pladser": 10}))
    resultat = beregn(scenarie, (ind, base))
    assert resultat == beregn(scenarie)
    assert resultat.tilbud[1] is base.tilbud[1]
    assert resultat.tilbud[0].basistakst == Decimal("819.09")
    # A change every tilbud depends on (the timepris) computes them all.
    alle = _med(ind, (Art.TIMEPRIS_FELT, {"felt": "aarsloen", "tal": "500000"}))
    resultat = beregn(alle, (ind, base))
    assert resultat == beregn(alle)
    assert resultat.tilbud[1] != base.tilbud[1]


# --- A scenario side reuses the base's arrays (issue 16: a result within 1 s) ----


def _to_tilbud_med_saerlige() -> Inddata:
    """Ahorn (id 1) with three plain stays, one særtakst stay and a borger who
    moves out and back (a return: walked, never in the arrays); Birk (id 2)
    with two plain stays."""
    ind = _inddata()
    birk = dataclasses.replace(ind.tilbud[0], id=2, navn="Birk", pladser=4)
    saertakst = dataclasses.replace(
        _ophold(4, D(2026, 1, 10)),
        indplaceringer=(Indplacering(D(2026, 1, 10), "S1", Decimal("7.5")),),
    )
    ud = dataclasses.replace(_ophold(5, D(2025, 6, 1)), afgang=D(2026, 3, 10))
    ind_igen = dataclasses.replace(_ophold(6, D(2026, 3, 20), "3"), borger_id=5)
    ahorn = (
        _ophold(1, D(2025, 5, 1)),
        _ophold(2, D(2026, 2, 14), "3"),
        _ophold(3, D(2026, 6, 1), "1"),
        saertakst,
        ud,
        ind_igen,
    )
    return dataclasses.replace(
        ind,
        tilbud=(ind.tilbud[0], birk),
        ophold={1: ahorn, 2: (_ophold(7, D(2024, 1, 1)), _ophold(8, D(2026, 9, 1)))},
    )


@pytest.mark.parametrize(
    "aendringer",
    [
        # The timepris: every tilbud priced anew on the same arrays.
        [(Art.FRAVAER_LINJE, {"kategori": "egen_sygdom", "procent": "6"})],
        # The timepris and Ahorn's stays: Ahorn walked, Birk from the arrays.
        [
            (Art.TIMEPRIS_FELT, {"felt": "aarsloen", "tal": "500000"}),
            (
                Art.PLANLAGT_TILGANG,
                {"tilbud": 1, "antal": 2, "niveau": "2", "dato": "2026-07-01"},
            ),
            (Art.PLANLAGT_AFGANG, {"tilbud": 2, "antal": 1, "dato": "2026-10-15"}),
        ],
        # A level's hours, a closed tilbud and a new one with planned borgere.
        [
            (Art.NIVEAU_TIMER, {"niveau": "3", "timer": "5.5"}),
            (Art.LUKKET_TILBUD, {"tilbud": 2, "dato": "2026-10-01"}),
            (
                Art.NYT_TILBUD,
                {
                    "navn": "Ceder",
                    "pladser": 6,
                    "belaegning": "100",
                    "princip": "aktivitet",
                    "faste_udgifter": "1095000",
                    "dato": "2026-04-01",
                },
            ),
            (
                Art.PLANLAGT_TILGANG,
                {"nyt_tilbud": 3, "antal": 3, "niveau": "1", "dato": "2026-05-01"},
            ),
        ],
    ],
)
def test_a_scenario_on_the_bases_arrays_equals_one_computed_from_nothing(aendringer):
    ind = _to_tilbud_med_saerlige()
    base = beregn(ind)
    scenarie = _med(ind, *aendringer)
    resultat = beregn(scenarie, (ind, base))
    assert resultat == beregn(scenarie)
    # The staffing's required hours, too (not part of ==: TilbudTal holds them).
    for tal, fra_intet in zip(resultat.tilbud, beregn(scenarie).tilbud, strict=True):
        assert tal.bemanding.paakraevede_timer == fra_intet.bemanding.paakraevede_timer
    # The arrays are the base's own (not made again from the stays).
    assert resultat.opholdsdata.raa.ophold is base.opholdsdata.raa.ophold


def test_the_required_hours_from_the_arrays_by_hand():
    # Hours per døgn: niveau 1 = 1 h, 2 = 3 h, 3 = 5 h (the middle of each
    # span), the særtakst stay 7.5 h. Ahorn in 2026, financed days:
    # 1 (niveau 2, all year) 365 × 3 = 1,095; 2 (niveau 3 from 14 Feb) 321 × 5
    # = 1,605; 3 (niveau 1 from 1 June) 214 × 1 = 214; 4 (særtakst from 10 Jan)
    # 356 × 7.5 = 2,670; 5 (niveau 2, afgang 10 March: financed to 30 April,
    # cut by the return on 20 March, the day before: 1 Jan–19 March) 78 × 3
    # = 234; 6 (niveau 3 from 20 March) 287 × 5 = 1,435.
    # Σ = 1,095 + 1,605 + 214 + 2,670 + 234 + 1,435 = 7,253 hours.
    # Birk: 7 (niveau 2 all year) 365 × 3 = 1,095; 8 (from 1 Sept) 122 × 3
    # = 366; Σ = 1,461.
    resultat = beregn(_to_tilbud_med_saerlige())
    ahorn, birk = resultat.tilbud
    assert ahorn.bemanding.paakraevede_timer == Decimal("7253")
    assert birk.bemanding.paakraevede_timer == Decimal("1461")
    # Stays 5 and 6 are one borger's: walked, the other four from the arrays.
    andre = resultat.opholdsdata.andre
    assert sorted(o.id for o in andre[0]) == [5, 6]
    assert andre[1] == ()
