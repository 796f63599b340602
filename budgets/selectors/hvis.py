"""What-if on the timeprismodel (DOMAIN.md §2): the year's prices and every
visible tilbud's central row, før and efter."""

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from budgets import engine
from budgets.selectors.central import central_for
from budgets.selectors.grundlag import Aarsgrundlag, Timeprisvalg, aarsgrundlag_for
from budgets.selectors.resultater import tilbud_resultater_med
from offers.selectors import tilbud_visible_to
from tariffs import engine as tariff_engine
from tariffs.models import Timeprismodel
from tariffs.selectors import (
    TIMEPRIS_RELATIONER,
    niveau_for,
    takstskift_for_aar,
    timeprisgrundlag_for,
)


def _servicetakster(
    grundaar: Aarsgrundlag, g: tariff_engine.Timeprisgrundlag
) -> dict[str, Decimal]:
    """The takstmodel's levels priced by ``g``, each at its tier's timepris."""
    takstmodel = grundaar.takstmodel
    niveauer = sorted(takstmodel.niveauer.all(), key=lambda n: n.raekkefoelge)
    return tariff_engine.servicetakster(
        g, [niveau_for(n) for n in niveauer], takstmodel.enhed
    )


def aarsgrundlag_hvis(
    grundaar: Aarsgrundlag,
    g: tariff_engine.Timeprisgrundlag,
    egne: dict[int, Timeprisvalg] | None = None,
) -> Aarsgrundlag:
    """The year's prices recomputed from a changed timeprisgrundlag (what-if),
    each level at the timepris of its tier (issue 17). ``egne``: the year's
    other timeprismodeller as changed too (issue 17), by id; a model not in
    it is read as saved."""
    return dataclasses.replace(
        grundaar,
        timepriser=tariff_engine.timepriser(g),
        servicetakster=_servicetakster(grundaar, g),
        _egne=dict(egne or {}),
    )


def _egne_hvis(
    grundaar: Aarsgrundlag, point: Decimal
) -> tuple[dict[int, Timeprisvalg], list[tuple[str, tariff_engine.Hvis]]]:
    """Issue 17: each other timeprismodel of the year (a tilbud's own) with
    its egen sygdom raised by ``point`` as the takstmodel's: its prices for
    the what-if by id, and its timepris før/efter by name."""
    modeller = (
        Timeprismodel.objects.filter(aar=grundaar.aar)
        .exclude(pk=grundaar.timeprismodel_id)
        .prefetch_related(*TIMEPRIS_RELATIONER)
        .order_by("navn")
    )
    valg, visning = {}, []
    for model in modeller:
        g = timeprisgrundlag_for(model)
        linje = tariff_engine.sygefravaer_plus(g, point)
        ny = tariff_engine.med_linje(g, tariff_engine.FRAVAER, linje)
        valg[model.pk] = Timeprisvalg(
            model.pk,
            model.navn,
            model.aarsloen,
            tariff_engine.timepriser(ny),
            _servicetakster(grundaar, ny),
            model,
            takstskift_for_aar(grundaar.aar, model.pk),
        )
        hvis = tariff_engine.timepris_hvis(g, fravaer={linje.kategori: linje})
        visning.append((model.navn, hvis))
    return valg, visning


@dataclass(frozen=True)
class Hvis:
    """What-if on the timeprismodel: prices and each tilbud's central row, før/efter."""

    timepriser: tariff_engine.Hvis
    ny_linje: tariff_engine.Linje
    servicetakster: list[tuple[str, str, Decimal, Decimal]]  # kode, navn, før, efter
    tilbud: list[tuple[engine.CentralRaekke, engine.CentralRaekke]]  # før, efter
    # Issue 17: the year's other timeprismodeller (tilbud's own), each moved by
    # the same points: (navn, its timepriser før/efter).
    egne: list[tuple[str, tariff_engine.Hvis]] = dataclasses.field(default_factory=list)

    @property
    def aktivitet_foer(self) -> Decimal:
        return sum(
            (f.aktivitet_korrigeret_aar for (_, f), _ in self.tilbud), Decimal(0)
        )

    @property
    def aktivitet_efter(self) -> Decimal:
        return sum(
            (e.aktivitet_korrigeret_aar for _, (_, e) in self.tilbud), Decimal(0)
        )


def hvis_sygefravaer(
    user: AbstractBaseUser, aar: int, point: Decimal, idag: datetime.date
) -> Hvis:
    """DOMAIN.md §2 "what if sick leave rises by `point` %": new timepris, every
    takst and every visible tilbud's budget for the year. Raises ValueError on an
    impossible change (negative absence, no direct time left).

    "Før" is the central model's own rows (the stored monthly figures); only
    "efter" is computed, live: a what-if is stored nowhere. Every
    timeprismodel of the year moves (issue 17): a tilbud on its own is
    repriced by its own model's egen sygdom + ``point``."""
    foer = aarsgrundlag_for(aar)
    g = timeprisgrundlag_for(foer.takstmodel.timeprismodel)
    linje = tariff_engine.sygefravaer_plus(g, point)
    hvis = tariff_engine.timepris_hvis(g, fravaer={linje.kategori: linje})
    egne, egne_visning = _egne_hvis(foer, point)
    efter = aarsgrundlag_hvis(
        foer, tariff_engine.med_linje(g, tariff_engine.FRAVAER, linje), egne
    )
    niveauer = [
        (n.kode, n.navn, foer.servicetakster[n.kode], efter.servicetakster[n.kode])
        for n in foer.takstmodel.niveauer.all()
        if not n.saertakst
    ]
    foer_raekker = {g.id: (g, t) for g, t in central_for(user, aar, idag).raekker}
    tilbud_list = list(tilbud_visible_to(user).order_by("navn"))
    par = [
        (foer_raekker[r.tilbud.pk], (r.grundlag, r.noegletal))
        for r in tilbud_resultater_med(tilbud_list, efter, idag, med_ledger=False)
        if r.tilbud.pk in foer_raekker  # a tilbud created between the two reads
    ]
    return Hvis(hvis, linje, niveauer, par, egne_visning)
