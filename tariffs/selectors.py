"""Reads of the tariff tables, and their conversion to engine inputs."""

from decimal import Decimal

from django.db.models import Prefetch

from tariffs import engine
from tariffs.models import Takstmodel, Takstniveau, Timeprismodel


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


def takster_aar(*, timeprismodel: Timeprismodel) -> set[int]:
    """The budget years a timeprismodel prices: those of the takstmodeller that
    use it (a change of it moves every tilbud's budget in them)."""
    if timeprismodel.pk is None:
        return set()
    return set(
        Takstmodel.objects.filter(timeprismodel=timeprismodel).values_list(
            "aar", flat=True
        )
    )
