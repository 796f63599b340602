"""Reads of the year rollover (issue 13 #4): which borgere need a new level code
on 1 January, and what a rollover made."""

import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from budgets.engine.bidrag import er_beboer_1_januar, indplacering_paa
from budgets.engine.grundlag import Ophold
from budgets.engine.niveaukoder import koder_uden_pris
from budgets.models import Budgetaar, FastUdgift, Rammeforudsaetning, TilbudAar
from budgets.selectors.grundlag import BudgetGrundlagMangler, _engine_ophold
from budgets.selectors.tilbud_aar import INGEN_TAKSTMODEL
from offers.models import Indplacering, Tilbud
from tariffs.models import Takstmodel
from tariffs.selectors import takstmodel_for_aar, timepriser_for

NUL = Decimal(0)


@dataclass(frozen=True)
class BorgerPaaKode:
    """A borger living in a tilbud on 1 January at a level code without a price in
    the new year's takstmodel. ``borger`` is the masked label (navn, CPR-xxxx)."""

    borger_id: int
    borger: str
    tilbud: str
    kode: str


@dataclass(frozen=True)
class Niveauskift:
    """What a rollover into ``aar`` must ask: the borgere to give a new level,
    and the levels they may get, those of the new year's takstmodel with a fixed
    takst (kode, navn).

    ``uden_pris``: codes without a fixed takst on a financed day of ``aar`` that
    no new level from 1 January can fix (a borger in the run-off after an afgang
    in December lives nowhere on 1 January), with the masked borgere on them.
    """

    aar: int
    borgere: tuple[BorgerPaaKode, ...]
    valg: tuple[tuple[str, str], ...]
    uden_pris: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def nyt_aars_takstmodel(aar: int, kopier_fra: int) -> Takstmodel | None:
    """The takstmodel year ``aar`` will have after a rollover from ``kopier_fra``:
    its own if it has one (e.g. imported; the rollover keeps it), else a copy of
    ``kopier_fra``'s. None: ``kopier_fra`` has none to copy."""
    return takstmodel_for_aar(aar) or takstmodel_for_aar(kopier_fra)


def _kode_uden_pris_1_januar(
    ophold: Ophold, aar: int, prissatte: Collection[str]
) -> str | None:
    """The code in force on 1 January of ``aar`` if the borger lives there that
    day and the code is not in ``prissatte``. A særtakst placement brings its own
    hours and needs no fixed takst (as budgets.engine.niveaukoder); an annulled
    ophold or level never was."""
    if not er_beboer_1_januar(ophold, aar):
        return None
    indplacering = indplacering_paa(ophold, datetime.date(aar, 1, 1))
    if (
        indplacering is None
        or indplacering.egne_timer
        or indplacering.niveau_kode in prissatte
    ):
        return None
    return indplacering.niveau_kode


def niveauskift_for(*, aar: int, kopier_fra: int) -> Niveauskift:
    """Who needs a new level when ``aar`` is rolled over from ``kopier_fra``, from
    one read of the year's ophold. Empty when ``kopier_fra`` has no takstmodel
    (the rollover refuses that)."""
    model = nyt_aars_takstmodel(aar, kopier_fra)
    if model is None:
        return Niveauskift(aar=aar, borgere=(), valg=())
    faste = [n for n in model.niveauer.all() if not n.saertakst]
    prissatte = {n.kode for n in faste}
    navne = dict(Tilbud.objects.values_list("pk", "navn"))
    borgere, oevrige = [], []
    for tilbud_id, opholdene in _engine_ophold(list(navne), aar).items():
        for ophold in opholdene:
            kode = _kode_uden_pris_1_januar(ophold, aar, prissatte)
            if kode is None:
                oevrige.append(ophold)
                continue
            borgere.append(
                BorgerPaaKode(ophold.borger_id, ophold.borger, navne[tilbud_id], kode)
            )
    # A borger given a new level from 1 January has no day of the year at the
    # old one; every other ophold must be priced as it stands.
    return Niveauskift(
        aar=aar,
        borgere=tuple(sorted(borgere, key=lambda b: (b.borger, b.borger_id))),
        valg=tuple((n.kode, n.navn) for n in faste),
        uden_pris=koder_uden_pris(oevrige, prissatte, aar),
    )


@dataclass(frozen=True)
class TilbudFremskrevet:
    """One tilbud's fixed costs and frame in the two years (None: no frame)."""

    tilbud_id: int
    navn: str
    faste_foer: Decimal
    faste_efter: Decimal
    ramme_foer: Decimal | None
    ramme_efter: Decimal | None


@dataclass(frozen=True)
class NytNiveau:
    """A borger given a new level on 1 January because the old one has no fixed
    takst in the new year's takstmodel."""

    borger: str
    tilbud: str
    fra_kode: str
    til_kode: str


@dataclass(frozen=True)
class Rolloveropsummering:
    """What year ``aar`` holds next to ``kopier_fra``: shown after a rollover so
    the økonomichef can check and edit it before vedtagelse."""

    aar: int
    kopier_fra: int
    takstmodel_id: int
    aarsloen_foer: Decimal
    aarsloen_efter: Decimal
    timepris_foer: Decimal  # timepris for direkte tid (DOMAIN.md §2)
    timepris_efter: Decimal
    niveauer_foer: int
    niveauer_efter: int
    faste_foer: Decimal
    faste_efter: Decimal
    rammer_foer: Decimal
    rammer_efter: Decimal
    tilbud_indstillinger: int  # tilbud with settings of their own for ``aar``
    tilbud: tuple[TilbudFremskrevet, ...]
    nye_niveauer: tuple[NytNiveau, ...]


def _summer(model, felt: str, aarene: Iterable[int]) -> dict[tuple[int, int], Decimal]:
    """(tilbud id, år) -> Σ ``felt`` over the model's rows of those years."""
    rows = (
        model.objects.filter(budgetaar__aar__in=list(aarene))
        .values("tilbud_id", "budgetaar__aar")
        .annotate(sum=Sum(felt))
    )
    return {(r["tilbud_id"], r["budgetaar__aar"]): r["sum"] for r in rows}


def _tilbud_fremskrevet(aar: int, kopier_fra: int) -> tuple[TilbudFremskrevet, ...]:
    faste = _summer(FastUdgift, "beloeb", (kopier_fra, aar))
    rammer = _summer(Rammeforudsaetning, "rammebeloeb", (kopier_fra, aar))
    return tuple(
        TilbudFremskrevet(
            tilbud_id=pk,
            navn=navn,
            faste_foer=faste.get((pk, kopier_fra), NUL),
            faste_efter=faste.get((pk, aar), NUL),
            ramme_foer=rammer.get((pk, kopier_fra)),
            ramme_efter=rammer.get((pk, aar)),
        )
        for pk, navn in Tilbud.objects.values_list("pk", "navn")
    )


def nye_niveauer_for(aar: int, prissatte: Collection[str]) -> tuple[NytNiveau, ...]:
    """Each level dated 1 January of ``aar`` that follows one whose code is not in
    ``prissatte`` (nor a særtakst with its own hours): the new codes a rollover
    gave. Two queries, whatever the number of borgere."""
    nytaar = datetime.date(aar, 1, 1)
    nye = list(
        Indplacering.objects.filter(
            gyldig_fra=nytaar, ophold__annulleret__isnull=True
        ).values_list(
            "ophold_id",
            "ophold__borger__navn",
            "ophold__borger__cpr_maskeret",
            "ophold__tilbud__navn",
            "takstniveau__kode",
        )
    )
    forrige: dict[int, tuple[str, Decimal | None]] = {}
    for ophold_id, kode, timer, uge in (
        Indplacering.objects.filter(
            ophold_id__in=[n[0] for n in nye], gyldig_fra__lt=nytaar
        )
        .order_by("gyldig_fra", "id")  # the last one wins, as in the engine
        .values_list(
            "ophold_id",
            "takstniveau__kode",
            "saertakst_timer",
            "visiterede_timer_pr_uge",
        )
    ):
        forrige[ophold_id] = (kode, timer if uge is None else uge)
    skift = []
    for ophold_id, navn, cpr, tilbud, til_kode in nye:
        fra_kode, timer = forrige.get(ophold_id, (None, None))
        if fra_kode is not None and timer is None and fra_kode not in prissatte:
            skift.append(NytNiveau(f"{navn} ({cpr})", tilbud, fra_kode, til_kode))
    return tuple(sorted(skift, key=lambda n: (n.borger, n.tilbud)))


def _takstmodel(aar: int) -> Takstmodel:
    model = takstmodel_for_aar(aar)
    if model is None:
        raise BudgetGrundlagMangler(INGEN_TAKSTMODEL.format(aar=aar))
    return model


def rollover_opsummering(*, aar: int, kopier_fra: int) -> Rolloveropsummering:
    """What the rollover from ``kopier_fra`` made of ``aar``: timepris, levels,
    Σ faste udgifter and Σ rammer before and after, the tilbud settings and the
    borgere moved to a new level. Raises BudgetGrundlagMangler when either year
    has no takstmodel."""
    foer, efter = _takstmodel(kopier_fra), _takstmodel(aar)
    tilbud = _tilbud_fremskrevet(aar, kopier_fra)
    niveauer_efter = list(efter.niveauer.all())
    prissatte = {n.kode for n in niveauer_efter if not n.saertakst}
    return Rolloveropsummering(
        aar=aar,
        kopier_fra=kopier_fra,
        takstmodel_id=efter.pk,
        aarsloen_foer=foer.timeprismodel.aarsloen,
        aarsloen_efter=efter.timeprismodel.aarsloen,
        timepris_foer=timepriser_for(foer.timeprismodel).timepris_direkte,
        timepris_efter=timepriser_for(efter.timeprismodel).timepris_direkte,
        niveauer_foer=len(foer.niveauer.all()),
        niveauer_efter=len(niveauer_efter),
        faste_foer=sum((t.faste_foer for t in tilbud), NUL),
        faste_efter=sum((t.faste_efter for t in tilbud), NUL),
        rammer_foer=sum((t.ramme_foer or NUL for t in tilbud), NUL),
        rammer_efter=sum((t.ramme_efter or NUL for t in tilbud), NUL),
        tilbud_indstillinger=TilbudAar.objects.filter(budgetaar__aar=aar).count(),
        tilbud=tilbud,
        nye_niveauer=nye_niveauer_for(aar, prissatte),
    )


def kopier_fra_valg() -> list[int]:
    """The budget years a rollover may copy: those with a takstmodel (with or
    without a row of their own, as budgets.selectors.budgetaar lists them),
    newest first."""
    return sorted(set(Takstmodel.objects.values_list("aar", flat=True)), reverse=True)


def naeste_budgetaar(idag: datetime.date) -> int:
    """The year after the latest budget year (none: after ``idag``'s year)."""
    aarene = {
        *Budgetaar.objects.values_list("aar", flat=True),
        *Takstmodel.objects.values_list("aar", flat=True),
    }
    return max(aarene, default=idag.year) + 1
