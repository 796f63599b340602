"""What-if on the timeprismodel (DOMAIN.md §2): the year's prices and every
visible tilbud's central row, før and efter."""

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from budgets import engine
from budgets.selectors.central import central_for
from budgets.selectors.grundlag import Aarsgrundlag, aarsgrundlag_for
from budgets.selectors.resultater import tilbud_resultater_med
from offers.selectors import tilbud_visible_to
from tariffs import engine as tariff_engine
from tariffs.selectors import niveau_for, timeprisgrundlag_for


def aarsgrundlag_hvis(
    grundaar: Aarsgrundlag, g: tariff_engine.Timeprisgrundlag
) -> Aarsgrundlag:
    """The year's prices recomputed from a changed timeprisgrundlag (what-if),
    each level at the timepris of its tier (issue 17)."""
    timepriser = tariff_engine.timepriser(g)
    takstmodel = grundaar.takstmodel
    niveauer = sorted(takstmodel.niveauer.all(), key=lambda n: n.raekkefoelge)
    servicetakster = tariff_engine.servicetakster(
        g, [niveau_for(n) for n in niveauer], takstmodel.enhed
    )
    return dataclasses.replace(
        grundaar, timepriser=timepriser, servicetakster=servicetakster
    )


@dataclass(frozen=True)
class Hvis:
    """What-if on the timeprismodel: prices and each tilbud's central row, før/efter."""

    timepriser: tariff_engine.Hvis
    ny_linje: tariff_engine.Linje
    servicetakster: list[tuple[str, str, Decimal, Decimal]]  # kode, navn, før, efter
    tilbud: list[tuple[engine.CentralRaekke, engine.CentralRaekke]]  # før, efter

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
    "efter" is computed, live: a what-if is stored nowhere."""
    foer = aarsgrundlag_for(aar)
    g = timeprisgrundlag_for(foer.takstmodel.timeprismodel)
    linje = tariff_engine.sygefravaer_plus(g, point)
    hvis = tariff_engine.timepris_hvis(g, fravaer={linje.kategori: linje})
    efter = aarsgrundlag_hvis(
        foer, tariff_engine.med_linje(g, tariff_engine.FRAVAER, linje)
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
    return Hvis(hvis, linje, niveauer, par)
