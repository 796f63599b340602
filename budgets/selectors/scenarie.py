"""Scenarios (issue 16 #1): the year's engine inputs, and base vs scenario.

One set of reads builds the year's inputs (budgets.engine.scenarie.Inddata);
the base and the scenario are then computed the same pure way, so every
difference is a change's. Nothing is written: a scenario's figures are stored
nowhere, and the real budget (Maanedstal, VedtagetBudget) is never touched.

Grundlag ``vedtaget``: the ophold as registered by the year's day of vedtagelse
(engine.kendt_udgave); ``aktuelt``: as registered now. The tilbud's settings
and faste udgifter are the year's current ones in both.

The base (the year's inputs and their result) is the same for every scenario of
a year and grundlag until real data changes: it is kept in the shared cache
under the stamp of the committed data (config.lib.datastamp, as the central
model is), so a result after a change computes only the scenario side. A
scenario's own rows do not move the stamp (budgets.apps); every other committed
write does, and a transaction that has written computes the base itself. Each
web process also keeps the base in memory (unpickling 50,000 stays from the
shared cache took 1.9 s at national scale), and the base carries its stays as
arrays for the scenario side to reuse (budgets.engine.scenarie, Speed).
"""

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet

from budgets import engine
from budgets.engine.bemanding import Bemanding
from budgets.engine.scenarie import Inddata, Resultat, TilbudTal, anvend, beregn
from budgets.engine.scenarie_laes import Aendring, Art, aendring_af
from budgets.models_scenarie import Scenarieaendring, Scenariegrundlag, Scenario
from budgets.selectors.grundlag import (
    INGEN_REGULERING,
    _aarsindstillinger,
    _efterreguleringer,
    _engine_ophold,
    _faste_udgifter,
    _grundlag,
    _rammer,
    aarsgrundlag_for,
)
from config.lib import datastamp
from config.lib.roles import OEKONOMI, har_rolle
from offers.models import Tilbud
from tariffs.models import FravaerKategori, TidsanvendelseKategori
from tariffs.selectors import niveau_for, timeprisgrundlag_for

KATEGORIER: Mapping[str, Collection[str]] = {
    Art.FRAVAER_LINJE: tuple(FravaerKategori.values),
    Art.TIDSANVENDELSE_LINJE: tuple(TidsanvendelseKategori.values),
}


def scenarier_visible_to(user: AbstractBaseUser) -> QuerySet[Scenario]:
    """Every scenario for an økonomi user (they are shared), none for others."""
    if not har_rolle(user, OEKONOMI):
        return Scenario.objects.none()
    return Scenario.objects.select_related("created_by").annotate(
        antal_aendringer=Count("aendringer")
    )


def _tilbud_grundlag(tilbud_list: list[Tilbud], aar: int) -> tuple:
    ids = [t.pk for t in tilbud_list]
    faste, rammer = _faste_udgifter(ids, aar), _rammer(ids, aar)
    aarene = _aarsindstillinger(ids, aar)
    reguleringer = _efterreguleringer(ids, aar)
    return tuple(
        _grundlag(
            t,
            faste.get(t.pk, Decimal(0)),
            rammer.get(t.pk),
            aarene.get(t.pk),
            reguleringer.get(t.pk, INGEN_REGULERING),
        )
        for t in tilbud_list
    )


def _kendte(
    ophold: Mapping[int, list[engine.Ophold]], kendt_pr
) -> dict[int, tuple[engine.Ophold, ...]]:
    """Each tilbud's stays as registered by ``kendt_pr`` (None: as now)."""
    result = {}
    for tilbud_id, liste in ophold.items():
        kendte = (engine.kendt_udgave(o, kendt_pr) for o in liste)
        result[tilbud_id] = tuple(o for o in kendte if o is not None)
    return result


def inddata_for(aar: int, grundlag: str, med_ophold: bool = True) -> Inddata:
    """The year's engine inputs (BudgetGrundlagMangler without a takstmodel).

    ``med_ophold=False`` leaves out the stays: enough to check a change."""
    grundaar = aarsgrundlag_for(aar)
    takstmodel = grundaar.takstmodel
    tilbud_list = list(Tilbud.objects.order_by("navn", "pk"))
    ophold = _engine_ophold([t.pk for t in tilbud_list], aar) if med_ophold else {}
    kendt_pr = grundaar.kendt_pr if grundlag == Scenariegrundlag.VEDTAGET else None
    tilbud = _tilbud_grundlag(tilbud_list, aar)
    # Issue 17: the tilbud's own timeprismodeller (a scenario's timepris
    # changes act on the takstmodel's; these keep theirs).
    egne = {
        t.timeprismodel: timeprisgrundlag_for(
            grundaar.timeprisvalg(t.timeprismodel).model
        )
        for t in tilbud
        if grundaar.egen_timeprismodel(t.timeprismodel)
    }
    return Inddata(
        aar=aar,
        timeprisgrundlag=timeprisgrundlag_for(takstmodel.timeprismodel),
        enhed=takstmodel.enhed,
        niveauer=tuple(niveau_for(n) for n in takstmodel.niveauer.all()),
        tilbud=tilbud,
        ophold=_kendte(ophold, kendt_pr),
        egne_timeprismodeller=egne,
    )


def aendringer_for(
    aendringer: Iterable[Scenarieaendring], aar: int
) -> list[tuple[int, Aendring]]:
    """The stored changes read for the engine, numbered by their ids."""
    return [(a.pk, aendring_af(a.art, a.vaerdi, aar, KATEGORIER)) for a in aendringer]


@dataclass(frozen=True)
class Sammenligning:
    """A scenario's result side by side with its base (issue 16 #1)."""

    scenario: Scenario
    base: Resultat
    scenarie: Resultat
    niveauer: tuple[tuple[str, str], ...]  # kode, navn of the non-særtakst levels

    @property
    def servicetakster(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(kode, navn, base, scenario) of each level."""
        return [
            (
                kode,
                navn,
                self.base.servicetakster[kode],
                self.scenarie.servicetakster[kode],
            )
            for kode, navn in self.niveauer
        ]

    @property
    def tilbud(self) -> list[tuple[TilbudTal | None, TilbudTal | None]]:
        """(base, scenario) per tilbud; a new tilbud has no base."""
        base = {t.id: t for t in self.base.tilbud}
        return [(base.get(t.id), t) for t in self.scenarie.tilbud]


def _anvendt(ind: Inddata, scenario: Scenario) -> Inddata:
    aendringer = aendringer_for(scenario.aendringer.order_by("pk"), scenario.aar)
    return anvend(ind, aendringer)


# What a cached base was computed by: the engine and the shape of its parts (a
# deploy that changes either never reads an entry an older one stored).
_FORMAT = (
    engine.MOTORVERSION,
    *(
        tuple(f.name for f in dataclasses.fields(klasse))
        for klasse in (Inddata, Resultat, TilbudTal, Bemanding, engine.Ophold)
    ),
)


def base_for(aar: int, grundlag: str) -> tuple[Inddata, Resultat]:
    """The year's inputs and their result, from the shared cache while no write
    has committed (module doc). BudgetGrundlagMangler without a takstmodel,
    ValueError for inputs the engine cannot price."""

    def beregnet() -> tuple[Inddata, Resultat]:
        ind = inddata_for(aar, grundlag)
        return ind, beregn(ind)

    return datastamp.cached(
        "scenarie-base", (_FORMAT, aar, grundlag), beregnet, in_process=True
    )


def scenario_resultat(scenario: Scenario) -> Sammenligning:
    """Base and scenario for the year (ScenarieFejl or ValueError for changes the
    inputs cannot take, BudgetGrundlagMangler without a takstmodel)."""
    ind, base = base_for(scenario.aar, scenario.grundlag)
    scenarie_ind = _anvendt(ind, scenario)
    niveauer = tuple((n.kode, n.navn) for n in scenarie_ind.niveauer if not n.saertakst)
    scenarie = beregn(scenarie_ind, (ind, base))
    return Sammenligning(scenario, base, scenarie, niveauer)


@dataclass(frozen=True)
class ScenarieResultat:
    scenario: Scenario
    resultat: Resultat


@dataclass(frozen=True)
class Flere:
    """Several scenarios of one year and grundlag beside their common base."""

    base: Resultat
    scenarier: tuple[ScenarieResultat, ...]


FORSKELLIGE_GRUNDLAG = "Kun scenarier for samme budgetår og grundlag kan sammenlignes."
INGEN_VALGT = "Vælg mindst ét scenarie at sammenligne."


def scenarier_sammenlignet(scenarier: Iterable[Scenario]) -> Flere:
    """The base read once and each scenario on it (ValueError when the scenarios
    differ in year or grundlag, or a change cannot be applied)."""
    scenarier = list(scenarier)
    if not scenarier:
        raise ValueError(INGEN_VALGT)
    if len({(s.aar, s.grundlag) for s in scenarier}) != 1:
        raise ValueError(FORSKELLIGE_GRUNDLAG)
    ind, base = base_for(scenarier[0].aar, scenarier[0].grundlag)
    resultater = tuple(
        ScenarieResultat(s, beregn(_anvendt(ind, s), (ind, base))) for s in scenarier
    )
    return Flere(base, resultater)
