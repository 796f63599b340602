"""The vectorised engine (budgets.engine.vektor) gives every stored figure to the
øre as the reference engine does (issue 16 #2).

The reference is tilbud_budget + noegletal + maanedstal.maaneder_af, one tilbud
at a time; the vectorised engine computes every tilbud of a year at once. They
are held equal over the property tests' random histories (tests/budgets/
test_engine_properties.py: stays, returns, annulments, særtakster, sold places,
takst changes in the year, a vedtaget year's kendt_pr and stored oprindeligt),
over the demo municipality, and on one example worked by hand.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Tillaeg,
    Vedtaget,
)
from budgets.engine.maanedstal import Maaneder
from budgets.engine.vektor import (
    IkkeOere,
    Tilbudsdata,
    maaneder_for_aaret,
    oere,
    reference_maaneder,
)
from budgets.engine.vektor_raa import fra_ophold
from budgets.selectors.maanedstal import maaneder_beregnet, maaneder_vektor
from budgets.services.maanedstal import budgetaarene
from offers.models import Tilbud
from tests.budgets.test_demo_data import demo, demo_db  # noqa: F401 (fixtures)
from tests.budgets.test_engine_properties import (
    alle_ophold,
    dateret,
    kendt_pr_datoer,
    opholdene,
    prisliste,
    tilbudene,
)


def reference(data: Tilbudsdata, aar: int, kendt_pr: date | None) -> Maaneder:
    """The stored months as the reference engine computes them (the selectors'
    maaneder_beregnet, without the reads): tilbud_budget, noegletal, maaneder_af."""
    return reference_maaneder(data, aar, kendt_pr)


def forskelle(a: Maaneder, b: Maaneder) -> dict:
    """The columns that differ, for a readable failure."""
    return {
        f.name: (getattr(a, f.name), getattr(b, f.name))
        for f in dataclasses.fields(Maaneder)
        if getattr(a, f.name) != getattr(b, f.name)
    }


beloeb = st.decimals(min_value=-(10**6), max_value=10**6, places=2)
vedtagne = st.none() | st.builds(
    Vedtaget,
    *(st.tuples(*[beloeb] * 12) for _ in range(3)),
)


@settings(max_examples=300, deadline=None)
@given(
    tilbud=tilbudene(),
    opholdene=opholdene(),
    dateret_=dateret(),
    kendt_pr=kendt_pr_datoer,
    vedtaget=vedtagne,
)
def test_every_figure_equals_the_reference_engine(
    tilbud, opholdene, dateret_, kendt_pr, vedtaget
):
    aar, pl = dateret_
    data = Tilbudsdata(tilbud, tuple(opholdene), pl, vedtaget)
    (vektor,) = maaneder_for_aaret([data], aar, kendt_pr)
    assert forskelle(reference(data, aar, kendt_pr), vektor) == {}


@settings(max_examples=150, deadline=None)
@given(
    tilbud_1=tilbudene(),
    tilbud_2=tilbudene(),
    alle=alle_ophold(),
    dateret_=dateret(),
    kendt_pr=kendt_pr_datoer,
)
def test_several_tilbud_at_once_each_equal_the_reference(
    tilbud_1, tilbud_2, alle, dateret_, kendt_pr
):
    """Rows of several tilbud are summed apart: a borger moving between the two
    tilbud counts in each as the reference counts it."""
    aar, pl = dateret_
    data = [
        Tilbudsdata(
            dataclasses.replace(tilbud, id=n),
            tuple(o for t, o in alle if t == n),
            pl,
        )
        for n, tilbud in ((1, tilbud_1), (2, tilbud_2))
    ]
    vektor = maaneder_for_aaret(data, aar, kendt_pr)
    for d, v in zip(data, vektor, strict=True):
        assert forskelle(reference(d, aar, kendt_pr), v) == {}


def _aktivitetstilbud() -> TilbudGrundlag:
    return TilbudGrundlag(
        id=1,
        navn="Bofællesskab",
        pladser=1,
        tildelingsprincip="aktivitet",
        forudsat_belaegning=Decimal(80),
        reguleringsandel=Decimal(50),
        faste_udgifter=Decimal("2900000"),
    )


def test_a_worked_example_by_hand():
    """An aktivitet tilbud (1 place, forudsat belægning 80 %, reguleringsandel
    50 %), one borger on level 2 since 1 June 2025, afgang 10 February 2026:
    financed through 31 March (the month after afgang).

    Døgntakst = basistakst 1,023.87 + servicetakst 1,476.21 = 2,500.08 kr.; the
    average of the 1 January residents is that one: 2,500.08.
    January: A = 31 × 2,500.08 = 77,502.48; F = 1 × 31 × 0.80 × 2,500.08 =
    62,001.984; budget = F + 0.5 × (A − F) = 62,001.984 + 7,750.248 =
    69,752.232 → 69,752.23.
    February: A = 28 × 2,500.08 = 70,002.24; F = 28 × 0.8 × 2,500.08 =
    56,001.792; budget = 56,001.792 + 7,000.224 = 63,002.016 → 63,002.02.
    April (nothing financed): A = 0; F = 30 × 0.8 × 2,500.08 = 60,001.92;
    budget = 60,001.92 − 30,000.96 = 30,000.96.
    Oprindeligt (a resident all year) in April: A = 30 × 2,500.08 = 75,002.40;
    budget = 60,001.92 + 7,500.24 = 67,502.16.
    Days lived there: January 31, February 9 (the afgang day is not one).
    """
    ophold = Ophold(
        id=1,
        borger="Borger",
        tilgang=date(2025, 6, 1),
        afgang=date(2026, 2, 10),
        indplaceringer=(Indplacering(date(2025, 6, 1), "2"),),
    )
    data = Tilbudsdata(_aktivitetstilbud(), (ophold,), prisliste(2026))
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_korrigeret[:4] == (
        Decimal("69752.23"),
        Decimal("63002.02"),
        Decimal("69752.23"),
        Decimal("30000.96"),
    )
    assert m.aktivitet_oprindeligt[3] == Decimal("67502.16")
    assert m.faktisk_aktivitet[:4] == (
        Decimal("77502.48"),
        Decimal("70002.24"),
        Decimal("77502.48"),
        0,
    )
    assert m.forudsat_aktivitet[0] == Decimal("62001.98")
    assert m.borgerdage[:3] == (31, 9, 0)
    assert m.afgange[1] == 1
    assert m.borgere_ultimo[:2] == (1, 0)
    assert m == reference(data, 2026, None)


def test_a_takst_not_in_whole_oere_is_refused():
    """The engine is exact only in whole øre; the selector then falls back."""
    assert oere(Decimal("1023.87")) == 102387
    with pytest.raises(IkkeOere):
        oere(Decimal("1023.875"))
    pl = dataclasses.replace(prisliste(2026), basistakst=Decimal("1023.875"))
    ophold = Ophold(
        1, "B", date(2026, 1, 5), None, (Indplacering(date(2026, 1, 5), "1"),)
    )
    with pytest.raises(IkkeOere):
        maaneder_for_aaret([Tilbudsdata(_aktivitetstilbud(), (ophold,), pl)], 2026)


def test_the_demo_municipality_equals_the_reference_in_every_year(demo_db):  # noqa: F811
    ids = list(Tilbud.objects.values_list("pk", flat=True))
    aarene = budgetaarene()
    assert aarene
    for aar in aarene:
        reference_ = maaneder_beregnet(ids, aar)
        vektor = maaneder_vektor(ids, aar)
        assert vektor.keys() == reference_.keys() == set(ids)
        for i in ids:
            assert forskelle(reference_[i], vektor[i]) == {}, (aar, i)


# --- Which path the oprindeligt rows take (budgets.engine.vektor._oprindeligt):
# an ophold all known by kendt_pr is done from its own segments; one with an item
# registered later goes through bidrag.oprindelig_udgave's copy. Both equal the
# reference, and each example is checked to take the path it is meant for.


def _fuld_regulering() -> TilbudGrundlag:
    """Reguleringsandel 100 %: the aktivitet budget is the activity itself,
    F + 1.0 × (A − F) = A, so a month's figure is døgntakst × financed days."""
    return dataclasses.replace(_aktivitetstilbud(), reguleringsandel=Decimal(100))


def _med_spion(monkeypatch) -> list:
    from budgets.engine import vektor

    kald = []
    kopien = vektor._oprindeligt_kendt

    def spion(*args):
        kald.append(args)
        return kopien(*args)

    monkeypatch.setattr(vektor, "_oprindeligt_kendt", spion)
    return kald


def test_a_resident_on_1_january_keeps_that_level_all_year_fast_path(monkeypatch):
    """Level 1 from 1 June 2025, level 2 from 1 March 2026, afgang 10 May 2026.
    Døgntakst level 1 = 1,023.87 + 615.09 = 1,638.96; level 2 = 1,023.87 +
    1,476.21 = 2,500.08.
    Oprindeligt (a resident on 1 January: level 1, no afgang): April 30 ×
    1,638.96 = 49,168.80; December 31 × 1,638.96 = 50,807.76.
    Korrigeret: April 30 × 2,500.08 = 75,002.40; June (the month after
    afgang) 30 × 2,500.08 = 75,002.40; July nothing."""
    kald = _med_spion(monkeypatch)
    ophold = Ophold(
        id=1,
        borger="B",
        tilgang=date(2025, 6, 1),
        afgang=date(2026, 5, 10),
        indplaceringer=(
            Indplacering(date(2025, 6, 1), "1"),
            Indplacering(date(2026, 3, 1), "2"),
        ),
        borger_id=1,
    )
    data = Tilbudsdata(_fuld_regulering(), (ophold,), prisliste(2026))
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_oprindeligt[3] == Decimal("49168.80")
    assert m.aktivitet_oprindeligt[11] == Decimal("50807.76")
    assert m.aktivitet_korrigeret[3] == Decimal("75002.40")
    assert m.aktivitet_korrigeret[5] == Decimal("75002.40")
    assert m.aktivitet_korrigeret[6] == 0
    assert kald == []
    assert forskelle(reference(data, 2026, None), m) == {}


def test_a_return_in_the_run_off_cuts_it_but_not_the_oprindeligt_fast_path(
    monkeypatch,
):
    """Stay A: level 3 from 1 March 2025, afgang 10 December 2025; the same
    borger returns 15 January 2026 (stay B, level 1). Døgntakst level 3 =
    1,023.87 + 2,460.35 = 3,484.22; level 1 = 1,638.96.
    Korrigeret January: A through 14 January (the return cuts the run-off),
    14 × 3,484.22 = 48,779.08, and B 15-31 January, 17 × 1,638.96 =
    27,862.32: 76,641.40.
    Oprindeligt: A's afgang was made before 1 January, so A is there for its
    run-off, all January (the return was not made then): 31 × 3,484.22 =
    108,010.82; B came after 1 January and is not there; February 0."""
    kald = _med_spion(monkeypatch)
    a = Ophold(
        id=1,
        borger="B",
        tilgang=date(2025, 3, 1),
        afgang=date(2025, 12, 10),
        indplaceringer=(Indplacering(date(2025, 3, 1), "3"),),
        borger_id=7,
    )
    b = Ophold(
        id=2,
        borger="B",
        tilgang=date(2026, 1, 15),
        afgang=None,
        indplaceringer=(Indplacering(date(2026, 1, 15), "1"),),
        borger_id=7,
    )
    data = Tilbudsdata(_fuld_regulering(), (a, b), prisliste(2026))
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_korrigeret[0] == Decimal("76641.40")
    assert m.aktivitet_oprindeligt[:2] == (Decimal("108010.82"), 0)
    assert kald == []
    assert forskelle(reference(data, 2026, None), m) == {}


def test_an_afgang_registered_after_vedtagelse_takes_the_copy(monkeypatch):
    """Vedtaget 15 December 2025. Level 1 from 1 June 2025; afgang 10 March
    2026, registered 20 January 2026: not known then, so the oprindeligt is a
    resident all year at level 1: December 31 × 1,638.96 = 50,807.76, while
    the korrigeret ends with April (the month after afgang): May 0."""
    kald = _med_spion(monkeypatch)
    ophold = Ophold(
        id=1,
        borger="B",
        tilgang=date(2025, 6, 1),
        afgang=date(2026, 3, 10),
        indplaceringer=(Indplacering(date(2025, 6, 1), "1", registreret=None),),
        afgang_registreret=date(2026, 1, 20),
        borger_id=1,
    )
    kendt_pr = date(2025, 12, 15)
    data = Tilbudsdata(_fuld_regulering(), (ophold,), prisliste(2026))
    (m,) = maaneder_for_aaret([data], 2026, kendt_pr)
    assert m.aktivitet_oprindeligt[11] == Decimal("50807.76")
    assert m.aktivitet_korrigeret[4] == 0
    assert len(kald) == 1
    assert forskelle(reference(data, 2026, kendt_pr), m) == {}


@settings(max_examples=100, deadline=None)
@given(
    tilbud=tilbudene(),
    opholdene=opholdene(),
    dateret_=dateret(),
    kendt_pr=kendt_pr_datoer,
)
def test_the_walk_alone_equals_the_reference_too(tilbud, opholdene, dateret_, kendt_pr):
    """Every ophold walked one by one (no arrays): the path the ophold the
    arrays do not take go, held to the reference on its own."""
    aar, pl = dateret_
    data = Tilbudsdata(tilbud, tuple(opholdene), pl)
    (vektor,) = maaneder_for_aaret([data], aar, kendt_pr, som_raekker=False)
    assert forskelle(reference(data, aar, kendt_pr), vektor) == {}


def test_the_arrays_take_the_plain_ophold_and_leave_a_return_to_the_walk():
    """vektor_raa.fra_ophold: a borger with one stay is plain; a borger with
    two stays in the tilbud (a return may cut the run-off), an annulled stay
    and one whose afgang was registered after kendt_pr go to the walk."""
    niveau = (Indplacering(date(2025, 6, 1), "1"),)

    def ophold(id_, borger_id, **felter) -> Ophold:
        return Ophold(
            id=id_,
            borger="B",
            tilgang=felter.pop("tilgang", date(2025, 6, 1)),
            afgang=felter.pop("afgang", None),
            indplaceringer=niveau,
            borger_id=borger_id,
            **felter,
        )

    opholdene = (
        ophold(1, 1),
        ophold(2, 2, afgang=date(2025, 12, 10)),
        ophold(3, 2, tilgang=date(2026, 1, 15)),
        ophold(4, 3, annulleret=date(2025, 7, 1)),
        ophold(5, 4, afgang=date(2026, 3, 10), afgang_registreret=date(2026, 1, 20)),
    )
    raa, andre = fra_ophold([opholdene], 2026, date(2025, 12, 15))
    assert raa.plain.tolist() == [True, False, False, False, False]
    assert [o.id for o in andre[0]] == [2, 3, 4, 5]


def test_a_tillaeg_goes_to_the_walk_and_is_priced_to_the_oere():
    """Issue 17, by hand. A hybrid tilbud, two borgere on level 1 (615,09 kr.
    pr. døgn) since 1 June 2025; borger 2 has a tillægstakst of 250 kr. pr.
    døgn from 10 March to 1 April 2026 and, sold to another municipality,
    an hours tillæg of 1,5 timer × 492,07 = 738,105 → 738,11 kr. pr. døgn for
    1-10 May (til 11 May).

    March: 2 × 31 × 615,09 = 38.135,58 + 22 × 250 = 5.500 → 43.635,58 kr.
    May: 2 × 31 × 615,09 = 38.135,58 + 10 × 738,11 = 7.381,10 → 45.516,68 kr.
    Sold income in May (borger 2 only): 31 × (1.023,87 + 615,09) = 50.807,76
    + 7.381,10 = 58.188,86 kr.
    The oprindeligt budget (registered after 1 January) has no tillæg: March
    38.135,58 kr.
    """
    niveau = (Indplacering(date(2025, 6, 1), "1"),)
    tillaeg = (
        Tillaeg(date(2026, 3, 10), date(2026, 4, 1), None, Decimal("250")),
        Tillaeg(date(2026, 5, 1), date(2026, 5, 11), Decimal("1.5"), None),
    )
    opholdene = (
        Ophold(1, "A", date(2025, 6, 1), None, niveau, borger_id=1),
        Ophold(
            2,
            "B",
            date(2025, 6, 1),
            None,
            niveau,
            borger_id=2,
            eksterne=((date(2026, 5, 1), date(2026, 5, 31)),),
            tillaeg=tillaeg,
        ),
    )
    raa, andre = fra_ophold([opholdene], 2026, None)
    assert raa.plain.tolist() == [True, False]
    assert [o.id for o in andre[0]] == [2]
    tilbud = TilbudGrundlag(
        1, "T", 2, "hybrid", Decimal(97), Decimal(100), Decimal("2900000")
    )
    data = Tilbudsdata(tilbud, opholdene, prisliste(2026))
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_korrigeret[2] == Decimal("43635.58")
    assert m.aktivitet_korrigeret[4] == Decimal("45516.68")
    assert m.aktivitet_oprindeligt[2] == Decimal("38135.58")
    assert m.indtaegt_salg[4] == Decimal("58188.86")
    assert m.indtaegt_salg[3] == 0
    assert m == reference(data, 2026, None)


def _bostoette_prisliste() -> Prisliste:
    """Timepris direkte 420 kr. (issue 17's worked example), no basistakst."""
    return Prisliste(2026, Decimal("420.00"), {"1": Decimal("615.09")}, Decimal(0))


def _bostoette_tilbud() -> TilbudGrundlag:
    return dataclasses.replace(
        _fuld_regulering(), navn="Bostøtte", faste_udgifter=Decimal(0)
    )


def test_a_bostoette_placement_is_budgeted_by_its_visiterede_hours():
    """Issue 17: 3 visiterede timer pr. uge at timepris 420 kr.: 3 × 420 ÷ 7 =
    1,260 ÷ 7 = 180.00 kr. per døgn (basistakst 0). Placed 1 March 2026,
    open: March 31 × 180.00 = 5,580.00 kr.; April 30 × 180.00 = 5,400.00;
    February nothing. The arrays take it (plain) and equal the walk."""
    ophold = Ophold(
        id=1,
        borger="B",
        tilgang=date(2026, 3, 1),
        afgang=None,
        indplaceringer=(
            Indplacering(date(2026, 3, 1), "1", visiterede_timer_pr_uge=Decimal(3)),
        ),
        borger_id=1,
    )
    data = Tilbudsdata(_bostoette_tilbud(), (ophold,), _bostoette_prisliste())
    raa, _ = fra_ophold([(ophold,)], 2026, None)
    assert raa.plain.tolist() == [True]
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_korrigeret[1:4] == (0, Decimal("5580.00"), Decimal("5400.00"))
    assert forskelle(reference(data, 2026, None), m) == {}
    (walk,) = maaneder_for_aaret([data], 2026, som_raekker=False)
    assert forskelle(walk, m) == {}


def test_two_bostoette_borgere_on_one_level_are_priced_by_their_own_hours():
    """Same level code, 3 and 7 timer pr. uge, both resident all January 2026:
    3 × 420 ÷ 7 = 180.00 and 7 × 420 ÷ 7 = 420.00 kr. per døgn; January
    31 × (180.00 + 420.00) = 18,600.00 kr. One price key per hours, not per
    code."""

    def ophold(id_: int, timer: int) -> Ophold:
        return Ophold(
            id=id_,
            borger="B",
            tilgang=date(2025, 6, 1),
            afgang=None,
            indplaceringer=(
                Indplacering(
                    date(2025, 6, 1), "1", visiterede_timer_pr_uge=Decimal(timer)
                ),
            ),
            borger_id=id_,
        )

    data = Tilbudsdata(
        _bostoette_tilbud(), (ophold(1, 3), ophold(2, 7)), _bostoette_prisliste()
    )
    (m,) = maaneder_for_aaret([data], 2026)
    assert m.aktivitet_korrigeret[0] == Decimal("18600.00")
    assert m.aktivitet_oprindeligt[0] == Decimal("18600.00")
    assert forskelle(reference(data, 2026, None), m) == {}


@pytest.mark.parametrize("som_raekker", [True, False])
def test_stu_and_dagtilbud_beside_a_plain_tilbud_equal_the_reference(som_raekker):
    """Issue 17: a tilbud priced by a dagspris (STU dimensioned for N, a
    dagtilbud's half place paid per weekday) goes to the reference engine
    (vektor.kun_reference); a plain tilbud beside it keeps the arrays. Each
    equals the reference, in input order. Hand figures: tests/budgets/
    test_dagspris.py (June: STU frame 192.000 + 2 × 640 × 30 = 38.400;
    dagtilbud August 0,5 × 500 × 21 = 5.250)."""
    from tests.budgets.test_dagspris import dagtilbud, elev, stu

    stu_ = stu(dimensioneret_til=10, dagspris=Decimal(640))
    elever = tuple(elev(n, date(2025, 8, 1)) for n in range(12))
    halv = Ophold(
        id=100,
        borger="Halv",
        tilgang=date(2026, 8, 1),
        afgang=None,
        indplaceringer=(
            Indplacering(date(2026, 8, 1), "1", pladsandel=Decimal("0.5")),
        ),
        borger_id=100,
    )
    almindelig = Ophold(
        id=200,
        borger="Borger",
        tilgang=date(2025, 6, 1),
        afgang=date(2026, 2, 10),
        indplaceringer=(Indplacering(date(2025, 6, 1), "2"),),
    )
    alle = [
        Tilbudsdata(_aktivitetstilbud(), (almindelig,), prisliste(2026)),
        Tilbudsdata(stu_, elever, _med_dagspris(stu_)),
        Tilbudsdata(dagtilbud(), (halv,), _med_dagspris(dagtilbud())),
    ]
    maaneder = maaneder_for_aaret(alle, 2026, som_raekker=som_raekker)
    for m, data in zip(maaneder, alle, strict=True):
        assert not forskelle(m, reference(data, 2026, None))
    assert maaneder[1].fast[5] == Decimal("192000.00")
    assert maaneder[1].overkapacitet_korrigeret[5] == Decimal("38400.00")
    assert maaneder[2].aktivitet_korrigeret[7] == Decimal("5250.00")


def _med_dagspris(tilbud: TilbudGrundlag):
    p = prisliste(2026)
    return tilbud.prisliste(2026, p.timepris_direkte, p.servicetakster, p.basistakst)
