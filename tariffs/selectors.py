"""Reads of the tariff tables, and their conversion to engine inputs."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from tariffs import engine, lukkede_aar
from tariffs.models import Takstmodel, Takstniveau, Takstskift, Timeprismodel

# Prefetch these on a Timeprismodel (or "timeprismodel__" + each on a Takstmodel)
# before timeprisgrundlag_for: one query each, whatever the number of models.
TIMEPRIS_RELATIONER = ("fravaer", "tidsanvendelse", "loenposter", "grupper")


def linje_for(row) -> engine.Linje:
    """A Fravaerslinje or Tidsanvendelseslinje as the engine's line, in the one
    form it is given in (a fravær line has only timer and procent)."""
    former = {form: getattr(row, form, None) for form in engine.LINJEFORMER}
    return engine.Linje(row.kategori, **former)


def timeprisgrundlag_for(model: Timeprismodel) -> engine.Timeprisgrundlag:
    return engine.Timeprisgrundlag(
        aarsloen=model.aarsloen,
        aarsnorm_timer=model.aarsnorm_timer,
        fravaer=tuple(linje_for(r) for r in model.fravaer.all()),
        tidsanvendelse=tuple(linje_for(r) for r in model.tidsanvendelse.all()),
        loenposter=tuple(
            engine.Loenpost(p.kategori, p.beloeb) for p in model.loenposter.all()
        ),
        grupper=tuple(
            engine.Timeprisgruppe(g.fra, g.til, g.direkte_procent)
            for g in model.grupper.all()
        ),
        ekstratimer_direkte_procent=model.ekstratimer_direkte_procent,
    )


def timepriser_for(model: Timeprismodel) -> engine.Timepriser:
    return engine.timepriser(timeprisgrundlag_for(model))


def niveau_for(niveau: Takstniveau) -> engine.Niveau:
    return engine.Niveau(
        kode=niveau.kode,
        navn=niveau.navn,
        nedre=niveau.nedre,
        oevre=niveau.oevre,
        takstgivende=niveau.takstgivende,
        saertakst=niveau.saertakst,
        fast_pris=niveau.fast_pris,
    )


def takstmodel_for_aar(aar: int) -> Takstmodel | None:
    return (
        Takstmodel.objects.select_related("timeprismodel")
        .prefetch_related(
            Prefetch("niveauer", queryset=Takstniveau.objects.order_by("raekkefoelge")),
            *(f"timeprismodel__{r}" for r in TIMEPRIS_RELATIONER),
        )
        .filter(aar=aar)
        .first()
    )


def _ordnede_niveauer(takstmodel: Takstmodel) -> list[Takstniveau]:
    """The levels by rækkefølge (a prefetch keeps its own order; sorted here so
    that a tier's levels are the right ones whatever was prefetched)."""
    return sorted(takstmodel.niveauer.all(), key=lambda n: n.raekkefoelge)


def servicetakster_for(
    takstmodel: Takstmodel, timeprismodel: Timeprismodel | None = None
) -> dict[str, Decimal]:
    """kode -> rounded servicetakst per døgn, each non-særtakst level (DOMAIN.md §3),
    each at the timepris of its tier (issue 17; none: timepris_direkte).

    ``timeprismodel``: another of the year's models (a tilbud's own, issue 17)
    pricing the takstmodel's levels; None: the takstmodel's."""
    return engine.servicetakster(
        timeprisgrundlag_for(timeprismodel or takstmodel.timeprismodel),
        [niveau_for(n) for n in _ordnede_niveauer(takstmodel)],
        takstmodel.enhed,
    )


@dataclass(frozen=True)
class Timepristrin:
    """One tier as the takstblad shows it: its levels and timepris (issue 17)."""

    niveauer: str  # "2–4", "17+"
    direkte_procent: Decimal
    direkte_timer: Decimal
    timepris: Decimal
    koder: tuple[str, ...]  # the takstmodel's levels priced with it


def timepristrin_for(
    takstmodel: Takstmodel, timeprismodel: Timeprismodel | None = None
) -> list[Timepristrin]:
    """The timeprismodel's tiers with the codes of the levels each prices; empty
    without tiers (every level uses timepris_direkte). ``timeprismodel``: as
    servicetakster_for."""
    model = timeprismodel or takstmodel.timeprismodel
    g = timeprisgrundlag_for(model)
    niveauer = _ordnede_niveauer(takstmodel)
    trin = []
    for row in model.grupper.all():
        gruppe = engine.Timeprisgruppe(row.fra, row.til, row.direkte_procent)
        koder = tuple(
            n.kode
            for n in niveauer
            if not n.saertakst and engine.gruppe_for((gruppe,), n.raekkefoelge)
        )
        trin.append(
            Timepristrin(
                niveauer=row.niveauer_tekst,
                direkte_procent=row.direkte_procent,
                direkte_timer=engine.direkte_timer_gruppe(g, gruppe),
                timepris=engine.timepris_gruppe(g, gruppe),
                koder=koder,
            )
        )
    return trin


@dataclass(frozen=True)
class Takster:
    """The rounded takster of a year as the budget prices them (DOMAIN.md §2-§3)."""

    timepris_direkte: Decimal
    servicetakster: dict[str, Decimal]
    timepris_ekstratimer: Decimal | None = None  # issue 17


def _takster(takstmodel: Takstmodel, model: Timeprismodel | None = None) -> Takster:
    """The takster of the takstmodel's levels priced with ``model`` (a tilbud's
    own, issue 17; None: the takstmodel's timeprismodel)."""
    timepriser = timepriser_for(model or takstmodel.timeprismodel)
    return Takster(
        timepris_direkte=timepriser.timepris_direkte,
        servicetakster=servicetakster_for(takstmodel, model),
        timepris_ekstratimer=timepriser.timepris_ekstratimer,
    )


def takster_i_kraft(aar: int) -> Takster | None:
    """The year's takster from its takstmodel as now saved; None without one."""
    takstmodel = takstmodel_for_aar(aar)
    return None if takstmodel is None else _takster(takstmodel)


def takster_i_kraft_pr_model(aar: int) -> dict[int | None, Takster]:
    """The year's takster as now saved: the takstmodel's (key None) and, issue
    17, those of each other timeprismodel of the year (by id) pricing the
    takstmodel's levels, as a tilbud naming it is priced. Empty without a
    takstmodel."""
    takstmodel = takstmodel_for_aar(aar)
    if takstmodel is None:
        return {}
    egne = (
        Timeprismodel.objects.filter(aar=aar)
        .exclude(pk=takstmodel.timeprismodel_id)
        .prefetch_related(*TIMEPRIS_RELATIONER)
    )
    return {None: _takster(takstmodel), **{m.pk: _takster(takstmodel, m) for m in egne}}


def takstskift_for_aar(
    aar: int, timeprismodel_id: int | None = None
) -> tuple[engine.Takstskift, ...]:
    """The year's changes of takster (issue 13 #3), by gyldig_fra: each holds the
    takster in force before its date. Two queries. ``timeprismodel_id``
    (issue 17): those of a tilbud's own timeprismodel; None: the takstmodel's."""
    rows = Takstskift.objects.filter(
        aar=aar, timeprismodel_id=timeprismodel_id
    ).prefetch_related("servicetakster")
    return tuple(
        engine.Takstskift(
            gyldig_fra=r.gyldig_fra,
            registreret=r.registreret,
            timepris_direkte=r.timepris_direkte,
            servicetakster={s.kode: s.servicetakst for s in r.servicetakster.all()},
            timepris_ekstratimer=r.timepris_ekstratimer,
        )
        for r in rows.order_by("gyldig_fra")
    )


@dataclass(frozen=True)
class Aarsstatus:
    """A budget year's state as the tariff writes need it (issue 13 #2)."""

    lukket: bool = False
    vedtaget: bool = False  # vedtaget or lukket: a change needs its gyldig_fra


def budgetaar_status(aar: int) -> Aarsstatus:
    """The state of budget year ``aar``; a year not yet created is a forslag.

    Read by budgets' one reader (budgets.selectors.budgetaar.budgetaar_status),
    reached through tariffs.lukkede_aar: tariffs may not import budgets."""
    status = lukkede_aar.budgetaar_status(aar)
    return Aarsstatus(lukket=status == "lukket", vedtaget=status != "forslag")
