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
    TilbudGrundlag,
    Vedtaget,
    noegletal,
    tilbud_budget,
)
from budgets.engine.maanedstal import Maaneder, maaneder_af
from budgets.engine.vektor import (
    IkkeOere,
    Tilbudsdata,
    maaneder_for_aaret,
    oere,
)
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
    maaneder_beregnet, without the reads)."""
    budget = tilbud_budget(
        data.grundlag,
        data.opholdene,
        data.prisliste,
        aar,
        med_ledger=False,
        kendt_pr=kendt_pr,
        vedtaget=data.vedtaget,
    )
    tal = noegletal(
        data.grundlag,
        data.opholdene,
        data.prisliste,
        budget,
        {},
        aar,
        date(aar, 12, 31),
    )
    return maaneder_af(budget, tal, data.opholdene, data.prisliste)


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
