"""Reads of the tariff tables, and their conversion to engine inputs."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from tariffs import engine, lukkede_aar
from tariffs.models import Takstmodel, Takstniveau, Takstskift, Timeprismodel


def timeprisgrundlag_for(model: Timeprismodel) -> engine.Timeprisgrundlag:
    def linjer(qs) -> tuple[engine.Linje, ...]:
        return tuple(engine.Linje(r.kategori, r.timer, r.procent) for r in qs)

    return engine.Timeprisgrundlag(
        aarsloen=model.aarsloen,
        aarsnorm_timer=model.aarsnorm_timer,
        fravaer=linjer(model.fravaer.all()),
        tidsanvendelse=linjer(model.tidsanvendelse.all()),
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
            "timeprismodel__fravaer",
            "timeprismodel__tidsanvendelse",
        )
        .filter(aar=aar)
        .first()
    )


def servicetakster_for(takstmodel: Takstmodel) -> dict[str, Decimal]:
    """kode -> rounded servicetakst per døgn, each non-særtakst level (DOMAIN.md §3)."""
    timepris = timepriser_for(takstmodel.timeprismodel).timepris_direkte
    return {
        n.kode: engine.servicetakst_pr_doegn(niveau_for(n), takstmodel.enhed, timepris)
        for n in takstmodel.niveauer.all()
        if not n.saertakst
    }


@dataclass(frozen=True)
class Takster:
    """The rounded takster of a year as the budget prices them (DOMAIN.md §2-§3)."""

    timepris_direkte: Decimal
    servicetakster: dict[str, Decimal]


def takster_i_kraft(aar: int) -> Takster | None:
    """The year's takster from its takstmodel as now saved; None without one."""
    takstmodel = takstmodel_for_aar(aar)
    if takstmodel is None:
        return None
    return Takster(
        timepris_direkte=timepriser_for(takstmodel.timeprismodel).timepris_direkte,
        servicetakster=servicetakster_for(takstmodel),
    )


def takstskift_for_aar(aar: int) -> tuple[engine.Takstskift, ...]:
    """The year's changes of takster (issue 13 #3), by gyldig_fra: each holds the
    takster in force before its date. Two queries."""
    rows = Takstskift.objects.filter(aar=aar).prefetch_related("servicetakster")
    return tuple(
        engine.Takstskift(
            gyldig_fra=r.gyldig_fra,
            registreret=r.registreret,
            timepris_direkte=r.timepris_direkte,
            servicetakster={s.kode: s.servicetakst for s in r.servicetakster.all()},
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
