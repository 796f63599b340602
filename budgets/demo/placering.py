"""One borger's assessment and placement decision, written through the services."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from budgets.audit import historik_som, historik_tidspunkt
from budgets.demo.katalog import HISTORIK_TIL
from budgets.demo.skemaer import (
    SAERTAKST,
    Navne,
    Skema,
    cpr_nummer,
    foedselsdato,
    skema,
)
from config.lib.money import naermeste_heltal
from offers import services
from offers.models import Borger, Doegnskema, Tilbud
from tariffs.models import Takstniveau

SAERTAKST_2 = SAERTAKST + 1  # 2:1 support, decided as S2 over the suggested S1
OVERSTYRING_ANDEL = 0.05
BEGRUNDELSER = {
    1: (
        "Borgeren er i en ustabil periode, og døgnskemaet undervurderer behovet for "
        "støtte om aftenen og natten.",
        "Nyligt udskrevet fra psykiatrisk afdeling; der er aftalt ekstra støtte de "
        "første måneder.",
        "Forværring i helbredet efter vurderingen; behovet er drøftet med "
        "tilbudslederen.",
    ),
    -1: (
        "Borgeren træner at klare praktiske opgaver selv; støtten trappes ned efter "
        "aftale med borgeren.",
        "Døgnskemaet er udarbejdet under en krise; det forventede behov i hverdagen er "
        "lavere.",
        "En del af støtten gives i dagtilbud og indgår ikke i botilbuddets ydelse.",
    ),
}
BEGRUNDELSE_S2 = (
    "2:1-støtte ved personlig pleje og i perioder med udadreagerende adfærd; besluttet "
    "efter risikovurdering."
)


@dataclass
class Beboer:
    borger: Borger
    tilbud: Tilbud
    tilgang: date
    niveau: int  # 1-8, or SAERTAKST / SAERTAKST_2
    sidst: date  # gyldig_fra of the latest indplacering


@dataclass
class Kontekst:
    rng: random.Random
    niveauer: dict[int, dict[str, Takstniveau]]
    raadgivere: tuple[User, User]
    kommuner: list[str]  # betalingskommuner still to hand out
    navne: Navne = field(init=False)
    cpr: set[str] = field(default_factory=set)
    beboere: dict[int, Beboer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.navne = Navne(self.rng)

    def raadgiver(self, borger: Borger) -> User:
        return self.raadgivere[borger.pk % 2]

    def registreret(self, dato: date) -> date:
        """Most events are registered within days; some weeks late (DOMAIN.md §8)."""
        if dato <= HISTORIK_TIL - timedelta(days=60) and self.rng.random() < 0.15:
            return dato + timedelta(days=self.rng.randint(14, 42))
        return dato + timedelta(days=self.rng.randint(0, 4))


def borger_ny(ctx: Kontekst, tilgangsaar: int, ung: bool, ekstern: bool) -> Borger:
    navn, kvinde = ctx.navne.nyt()
    foedt = foedselsdato(ctx.rng, tilgangsaar, ung)
    return services.borger_create(
        cpr=cpr_nummer(ctx.rng, foedt, kvinde, ctx.cpr),
        navn=navn,
        betalingskommune=ctx.kommuner.pop() if ekstern else "",
        acting_user=ctx.raadgivere[0],
    )


def placer(
    ctx: Kontekst,
    borger: Borger,
    tilbud: Tilbud,
    dato: date,
    niveau: int,
    registreret: date,
    fra: Beboer | None = None,
    pladsandel: Decimal = Decimal(1),
    visiterede_timer_pr_uge: Decimal | None = None,
) -> Beboer:
    """Tilgang (or omplacering from ``fra``) with a fresh døgnskema and its decision.

    ``pladsandel``: a dagtilbud's hel (1) or halv (0.5) plads; ``visiterede_
    timer_pr_uge``: a bostøtte § 85 decision's hours (both issue 17)."""
    bemaerkning = "Revurdering ved omplacering." if fra else "Udredning ved visitation."
    skemaet, vurdering = _doegnskema(ctx, borger, dato, niveau, bemaerkning)
    valgt, begrundelse, timer = _beslut(ctx, skemaet, vurdering, niveau, dato.year)
    kwargs = {
        "borger": borger,
        "dato": dato,
        "takstniveau": valgt,
        "saertakst_timer": timer,
        "begrundelse": begrundelse,
        "doegnskema": skemaet,
        "registreret": registreret,
        "acting_user": ctx.raadgiver(borger),
        "pladsandel": pladsandel,
        "visiterede_timer_pr_uge": visiterede_timer_pr_uge,
    }
    with historik_som(dato=registreret):  # the history as if typed in that day
        if fra:
            services.omplacering(til_tilbud=tilbud, **kwargs)
        else:
            services.borger_tilgang(tilbud=tilbud, **kwargs)
            _borger_oprettet(borger, min(skemaet.dato, registreret))
    beboer = Beboer(borger, tilbud, dato, _niveau_nummer(valgt, niveau), dato)
    ctx.beboere[borger.pk] = beboer
    return beboer


def _borger_oprettet(borger: Borger, dato: date) -> None:
    """The borger's record dates from their first assessment or placement, not
    from the load: created before either, an hour before the day's changes."""
    borger.history.filter(history_type="+").update(
        history_date=historik_tidspunkt(dato) - timedelta(hours=1)
    )


def revurder(
    ctx: Kontekst, beboer: Beboer, dato: date, niveau: int, registreret: date
) -> None:
    """A new døgnskema and level from ``dato`` within the current ophold."""
    skemaet, vurdering = _doegnskema(
        ctx, beboer.borger, dato, niveau, "Revurdering ved opfølgning."
    )
    valgt, begrundelse, timer = _beslut(ctx, skemaet, vurdering, niveau, dato.year)
    with historik_som(dato=registreret):
        services.indplacering_create(
            borger=beboer.borger,
            gyldig_fra=dato,
            takstniveau=valgt,
            saertakst_timer=timer,
            begrundelse=begrundelse,
            doegnskema=skemaet,
            registreret=registreret,
            acting_user=ctx.raadgiver(beboer.borger),
        )
    beboer.niveau, beboer.sidst = _niveau_nummer(valgt, niveau), dato


def _doegnskema(
    ctx: Kontekst, borger: Borger, dato: date, niveau: int, bemaerkning: str
) -> tuple[Doegnskema, Skema]:
    vurdering = skema(ctx.rng, niveau)
    skemadato = dato - timedelta(days=ctx.rng.randint(5, 20))
    with historik_som(dato=skemadato):
        skemaet = services.doegnskema_create(
            borger=borger,
            dato=skemadato,
            poster=vurdering.poster,
            ugeposter=vurdering.ugeposter,
            funktionsevner=vurdering.funktionsevner,
            bemaerkning=bemaerkning,
            acting_user=ctx.raadgiver(borger),
        )
    return skemaet, vurdering


def _beslut(
    ctx: Kontekst, skemaet: Doegnskema, vurdering: Skema, niveau: int, aar: int
) -> tuple[Takstniveau, str, Decimal | None]:
    """The decided level: mostly the suggestion, sometimes overridden with a reason."""
    forslag = services.foreslaaet_takstniveau(skemaet, aar)
    assert forslag is not None  # every demo year has a model and every total a level
    if forslag.saertakst:
        timer = Decimal(naermeste_heltal(vurdering.timer * 2)) / 2  # to the half hour
        if niveau == SAERTAKST_2:
            return ctx.niveauer[aar]["S2"], BEGRUNDELSE_S2, timer
        return forslag, "", timer
    kode = int(forslag.kode)
    if 2 <= kode <= 7 and ctx.rng.random() < OVERSTYRING_ANDEL:
        retning = ctx.rng.choice((1, -1))
        begrundelse = ctx.rng.choice(BEGRUNDELSER[retning])
        return ctx.niveauer[aar][str(kode + retning)], begrundelse, None
    return forslag, "", None


def _niveau_nummer(valgt: Takstniveau, maal: int) -> int:
    return maal if valgt.saertakst else int(valgt.kode)
