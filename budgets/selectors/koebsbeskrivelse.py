"""What the buyer buys (issue 18 #2): one sold place described for the buying
municipality, from the stay's decisions, levels and døgnskema. CPR is only ever
the masked form (Borger.cpr_maskeret)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from offers.models import Betalingskommune, Doegnskema, Indplacering, Ophold
from offers.selectors import Skemaraekke, doegnskema_raekker
from tariffs import engine as tariff_engine


@dataclass(frozen=True)
class Niveaubeskrivelse:
    """One decided level from its date: the hours it pays for, and why."""

    gyldig_fra: datetime.date
    kode: str
    navn: str
    aar: int  # the takstmodel's year
    timer_pr_doegn: Decimal | None  # takstgivende; None for a særtakst
    saertakst_timer: Decimal | None
    ydelsesbeskrivelse: str
    begrundelse: str


@dataclass(frozen=True)
class Koebsbeskrivelse:
    ophold: Ophold
    betalingskommuner: tuple[Betalingskommune, ...]
    niveauer: tuple[Niveaubeskrivelse, ...]
    doegnskema: Doegnskema | None
    skemaraekker: tuple[Skemaraekke, ...]

    @property
    def skema_timer(self) -> Decimal:
        return sum((r.timer for r in self.skemaraekker), Decimal(0))


def _niveau(i: Indplacering) -> Niveaubeskrivelse:
    niveau = i.takstniveau
    timer = None
    if not niveau.saertakst and niveau.takstgivende is not None:
        timer = tariff_engine.timer_pr_doegn(
            niveau.takstgivende, niveau.takstmodel.enhed
        )
    return Niveaubeskrivelse(
        gyldig_fra=i.gyldig_fra,
        kode=niveau.kode,
        navn=niveau.navn,
        aar=niveau.takstmodel.aar,
        timer_pr_doegn=timer,
        saertakst_timer=i.saertakst_timer,
        ydelsesbeskrivelse=niveau.ydelsesbeskrivelse,
        begrundelse=i.begrundelse,
    )


def _doegnskema(ophold: Ophold, indplaceringer: list[Indplacering]):
    """The døgnskema behind the newest level, else the borger's newest dated
    before the stay's end."""
    for i in reversed(indplaceringer):
        if i.doegnskema is not None:
            return i.doegnskema
    skemaer = Doegnskema.objects.filter(borger=ophold.borger)
    if ophold.afgang is not None:
        skemaer = skemaer.filter(dato__lt=ophold.afgang)
    return skemaer.order_by("-dato", "-pk").first()


def koebsbeskrivelse_for(ophold: Ophold) -> Koebsbeskrivelse:
    """The description of the stay's place (the caller checked access)."""
    indplaceringer: QuerySet[Indplacering] = (
        Indplacering.objects.filter(ophold=ophold)
        .select_related("takstniveau__takstmodel", "doegnskema")
        .order_by("gyldig_fra", "pk")
    )
    liste = list(indplaceringer)
    skema = _doegnskema(ophold, liste)
    return Koebsbeskrivelse(
        ophold=ophold,
        betalingskommuner=tuple(
            Betalingskommune.objects.filter(borger=ophold.borger).order_by("gyldig_fra")
        ),
        niveauer=tuple(_niveau(i) for i in liste),
        doegnskema=skema,
        skemaraekker=tuple(doegnskema_raekker(skema)) if skema else (),
    )
