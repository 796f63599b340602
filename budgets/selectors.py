"""Reads for the budget models: load the year's rows set-based, build engine inputs.

The query count is constant in the number of tilbud and borgere (no N+1): one
query each for tilbud, faste udgifter, rammer, ophold, indplaceringer, forbrug and
the year's takstmodel. Everything after that is the pure engine.
"""

import datetime
import itertools
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Q, QuerySet, Sum

from budgets import engine, forberegning
from budgets.engine.niveaukoder import koder_uden_pris
from budgets.models import Budgetaendring, FastUdgift, Forbrug, Rammeforudsaetning
from offers.models import (
    Annullering,
    Borger,
    Haendelsesart,
    Indplacering,
    Ophold,
    Tilbud,
)
from offers.selectors import ser_alle_tilbud, tilbud_visible_to
from tariffs import engine as tariff_engine
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
)
from tariffs.selectors import servicetakster_for, takstmodel_for_aar, timepriser_for


class BudgetGrundlagMangler(Exception):
    """The year has no takstmodel, so nothing can be priced."""


TAKSTNIVEAU_UDEN_PRIS = (
    "Budgettet for {aar} kan ikke beregnes: takstniveau {koder} gælder for {antal} "
    "i {aar}, men takstmodellen for {aar} har ingen fast servicetakst for det. "
    "Økonomi retter takstmodellen for {aar} under Timepris og takster."
)


class TakstniveauUdenPris(BudgetGrundlagMangler):
    """A code in force in the year has no price in the year's takstmodel: data
    from before tariffs.services refused such a model, or written around it."""


@dataclass(frozen=True)
class TilbudResultat:
    tilbud: Tilbud
    grundlag: engine.TilbudGrundlag
    prisliste: engine.Prisliste
    opholdene: tuple[engine.Ophold, ...]
    budget: engine.TilbudBudget
    noegletal: engine.Noegletal


def _faste_udgifter(tilbud_ids: Iterable[int], aar: int) -> dict[int, Decimal]:
    rows = (
        FastUdgift.objects.filter(tilbud_id__in=tilbud_ids, budgetaar__aar=aar)
        .values("tilbud_id")
        .annotate(sum=Sum("beloeb"))
    )
    return {r["tilbud_id"]: r["sum"] for r in rows}


def _rammer(tilbud_ids: Iterable[int], aar: int) -> dict[int, engine.Ramme]:
    rows = Rammeforudsaetning.objects.filter(
        tilbud_id__in=tilbud_ids, budgetaar__aar=aar
    )
    return {
        r.tilbud_id: engine.Ramme(
            rammebeloeb=r.rammebeloeb,
            dimensioneret_pladser=r.dimensioneret_pladser,
            tillaeg_pr_borger_pr_maaned=r.tillaeg_pr_borger_pr_maaned,
            forventede_borgere=r.forventede_borgere,
            timer_pr_borger_pr_doegn=r.timer_pr_borger_pr_doegn,
        )
        for r in rows
    }


def _forbrug(tilbud_ids: Iterable[int], aar: int) -> dict[int, dict[int, Decimal]]:
    rows = (
        Forbrug.objects.filter(tilbud_id__in=tilbud_ids, budgetaar__aar=aar)
        .values("tilbud_id", "maaned")
        .annotate(sum=Sum("beloeb"))
    )
    result: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for r in rows:
        result[r["tilbud_id"]][r["maaned"]] = r["sum"]
    return result


def ophold_i_aaret(tilbud_ids: Iterable[int], aar: int) -> QuerySet[Ophold]:
    """Ophold with a financed day in `aar`: an afgang in December the year before still
    runs into January (DOMAIN.md §6). Annulled ones too: the ledger shows the
    annulment as an entry of its own (issue 12 item 11)."""
    return Ophold.alle.filter(
        tilbud_id__in=tilbud_ids, tilgang__lte=datetime.date(aar, 12, 31)
    ).filter(Q(afgang__isnull=True) | Q(afgang__gte=datetime.date(aar - 1, 12, 1)))


def _indplaceringer(ophold_ids: list[int]) -> dict[int, list[engine.Indplacering]]:
    rows = (
        Indplacering.alle.filter(ophold_id__in=ophold_ids)
        .order_by("gyldig_fra", "id")  # of two on one date the later wins
        .values_list(
            "ophold_id",
            "gyldig_fra",
            "takstniveau__kode",
            "saertakst_timer",
            "registreret",
            "annulleret",
        )
    )
    result: dict[int, list[engine.Indplacering]] = defaultdict(list)
    for ophold_id, *felter in rows:
        result[ophold_id].append(engine.Indplacering(*felter))
    return result


def _annullerede_afgange(
    ophold_ids: list[int],
) -> dict[int, list[engine.AnnulleretAfgang]]:
    rows = (
        Annullering.objects.filter(
            ophold_id__in=ophold_ids, haendelse=Haendelsesart.AFGANG
        )
        .order_by("registreret", "id")
        .values_list("ophold_id", "dato", "dato_registreret", "registreret")
    )
    result: dict[int, list[engine.AnnulleretAfgang]] = defaultdict(list)
    for ophold_id, *felter in rows:
        result[ophold_id].append(engine.AnnulleretAfgang(*felter))
    return result


def _er_ekstern(betalingskommune: str) -> bool:
    return bool(betalingskommune) and betalingskommune != settings.EGEN_KOMMUNEKODE


def _engine_ophold(tilbud_ids: list[int], aar: int) -> dict[int, list[engine.Ophold]]:
    rows = list(
        ophold_i_aaret(tilbud_ids, aar).values(
            "id",
            "tilbud_id",
            "borger_id",
            "tilgang",
            "afgang",
            "tilgang_registreret",
            "afgang_registreret",
            "borger__navn",
            "borger__cpr_maskeret",
            "borger__betalingskommune",
            "omplaceret_fra__tilbud__navn",
            "omplaceret_til__tilbud__navn",
            "annulleret",
        )
    )
    indplaceringer = _indplaceringer([r["id"] for r in rows])
    afgange = _annullerede_afgange([r["id"] for r in rows])
    result: dict[int, list[engine.Ophold]] = defaultdict(list)
    for r in rows:
        result[r["tilbud_id"]].append(
            engine.Ophold(
                id=r["id"],
                borger=f"{r['borger__navn']} ({r['borger__cpr_maskeret']})",
                tilgang=r["tilgang"],
                afgang=r["afgang"],
                indplaceringer=tuple(indplaceringer[r["id"]]),
                ekstern=_er_ekstern(r["borger__betalingskommune"]),
                tilgang_registreret=r["tilgang_registreret"],
                afgang_registreret=r["afgang_registreret"],
                omplacering_fra=r["omplaceret_fra__tilbud__navn"],
                omplacering_til=r["omplaceret_til__tilbud__navn"],
                borger_id=r["borger_id"],
                annulleret=r["annulleret"],
                annullerede_afgange=tuple(afgange[r["id"]]),
            )
        )
    return result


@dataclass(frozen=True)
class Aarsgrundlag:
    """The year's takstmodel priced once: shared by every tilbud."""

    aar: int
    takstmodel: object
    timepriser: tariff_engine.Timepriser
    servicetakster: dict[str, Decimal]
    timer_pr_kode: dict[str, Decimal]


def aarsgrundlag_for(aar: int) -> Aarsgrundlag:
    takstmodel = takstmodel_for_aar(aar)
    if takstmodel is None:
        raise BudgetGrundlagMangler(f"Der er ingen takstmodel for {aar}.")
    niveauer = list(takstmodel.niveauer.all())
    timer = {
        n.kode: tariff_engine.timer_pr_doegn(n.takstgivende, takstmodel.enhed)
        for n in niveauer
        if not n.saertakst
    }
    return Aarsgrundlag(
        aar=aar,
        takstmodel=takstmodel,
        timepriser=timepriser_for(takstmodel.timeprismodel),
        servicetakster=servicetakster_for(takstmodel),
        timer_pr_kode=timer,
    )


def _grundlag(
    tilbud: Tilbud, faste: Decimal, ramme: engine.Ramme | None
) -> engine.TilbudGrundlag:
    return engine.TilbudGrundlag(
        id=tilbud.pk,
        navn=tilbud.navn,
        pladser=tilbud.pladser,
        tildelingsprincip=tilbud.tildelingsprincip,
        forudsat_belaegning=tilbud.forudsat_belaegning,
        reguleringsandel=tilbud.reguleringsandel,
        faste_udgifter=faste,
        ramme=ramme,
    )


def _prisliste(grundlag: engine.TilbudGrundlag, aar: Aarsgrundlag) -> engine.Prisliste:
    basistakst = tariff_engine.basistakst_pr_doegn(
        grundlag.faste_udgifter,
        grundlag.pladser,
        tariff_engine.dage_i_aaret(aar.aar),
        grundlag.forudsat_belaegning,
    )
    return engine.Prisliste(
        aar=aar.aar,
        timepris_direkte=aar.timepriser.timepris_direkte,
        servicetakster=aar.servicetakster,
        basistakst=basistakst,
    )


def tilbud_resultater(
    tilbud_list: Iterable[Tilbud],
    aar: int,
    idag: datetime.date,
    *,
    med_ledger: bool = True,
) -> list[TilbudResultat]:
    """The tilbudsspecifik budgetmodel of each tilbud, from one set of reads."""
    return tilbud_resultater_med(tilbud_list, aarsgrundlag_for(aar), idag, med_ledger)


def tilbud_resultat(tilbud: Tilbud, aar: int, idag: datetime.date) -> TilbudResultat:
    (resultat,) = tilbud_resultater([tilbud], aar, idag)
    return resultat


def synlige_tilbud(user: AbstractBaseUser | None) -> frozenset[int] | None:
    """The ids of the tilbud the user may see; None means every tilbud (no user,
    or a role that sees all: no need to list 1,500 ids on every request)."""
    if user is None or ser_alle_tilbud(user):
        return None
    return frozenset(tilbud_visible_to(user).values_list("pk", flat=True))


def central_for(
    user: AbstractBaseUser | None, aar: int, idag: datetime.date
) -> engine.Central:
    """DOMAIN.md §7 over the tilbud the user may see (a tilbudsleder: their own).

    `user=None` is for commands run by the operator: every tilbud.
    """
    synlige = synlige_tilbud(user)

    def beregn() -> engine.Central:
        raekker = _synlige_raekker(alle_central_raekker(aar, idag), synlige)
        sidste_aar = _sidste_aars_raekker(aar, idag, synlige)
        return engine.central_budget(raekker, aar=aar, sidste_aar=sidste_aar)

    return memoised(("central", aar, idag, synlige), beregn)


def _synlige_raekker(
    raekker: list[engine.CentralRaekke], synlige: frozenset[int] | None
) -> list[engine.CentralRaekke]:
    return raekker if synlige is None else [r for r in raekker if r[0].id in synlige]


def _sidste_aars_raekker(
    aar: int, idag: datetime.date, synlige: frozenset[int] | None
) -> list[engine.CentralRaekke] | None:
    """Last year's central rows (stored like this year's), for the forbrugsprocent
    of the same period last year; None when that year cannot be budgeted."""
    try:
        return _synlige_raekker(alle_central_raekker(aar - 1, idag), synlige)
    except BudgetGrundlagMangler:
        return None


def forbrugsprocent_sidste_aar_for(resultat: TilbudResultat) -> Decimal | None:
    """The tilbud's forbrugsprocent of the same period last year (DOMAIN.md §7);
    None when last year has no budget for it or no actuals for the period.

    Budget and forbrug do not depend on the day they are seen from (only head
    counts do), so last year is read as of its last day."""
    from budgets.engine.noegletal import forbrugsprocent_samme_periode

    aar = resultat.noegletal.aar - 1
    try:
        forrige = tilbud_resultater(
            [resultat.tilbud], aar, datetime.date(aar, 12, 31), med_ledger=False
        )
    except BudgetGrundlagMangler:
        forrige = []
    sidste_aar = forrige[0].noegletal if forrige else None
    return forbrugsprocent_samme_periode(resultat.noegletal, sidste_aar)


def _central_raekker(aar: int, idag: datetime.date) -> list[engine.CentralRaekke]:
    """Every tilbud's central row in navn order: the stored row where it is
    current (budgets.forberegning), else computed now and stored."""
    versioner = forberegning.versioner()  # before the inputs: see forberegning
    if takstmodel_for_aar(aar) is None:
        raise BudgetGrundlagMangler(f"Der er ingen takstmodel for {aar}.")
    ids = list(Tilbud.objects.order_by("navn").values_list("pk", flat=True))
    raekker = forberegning.gemte(aar, idag, versioner)
    mangler = [pk for pk in ids if pk not in raekker]
    if mangler:
        beregnet = {
            r.tilbud.pk: (r.grundlag, r.noegletal)
            for r in tilbud_resultater(
                Tilbud.objects.filter(pk__in=mangler), aar, idag, med_ledger=False
            )
        }
        nye = {pk: beregnet.get(pk) for pk in mangler}  # None: deleted meanwhile
        forberegning.gem(aar, idag, versioner, nye)
        raekker.update(nye)
    return [r for r in (raekker[pk] for pk in ids) if r is not None]


# The engine is pure, so its results for a year can be kept per process, keyed by
# the inputs' fingerprint; nothing is invalidated by hand. The fingerprint must
# change with every committed change, whatever order ids were assigned in:
#
# * the sum of Budgetaendring.antal. Every save or delete that can change a figure
#   inserts rows with antal >= 1 in the writer's own transaction (budgets.signals),
#   so the sum rises at the writer's commit, even when a writer that inserted
#   later has committed first. Nothing lowers it: the table has no foreign key (no
#   cascade deletes), the admin may not delete from it, and saml_aendringer
#   replaces the rows it sees by their sums in one transaction. So an unchanged
#   sum means no change was committed in between (issue 12 #13). MAX(id) or
#   MAX(time) alone do not: PostgreSQL assigns both at insert, not commit, so a
#   slow writer's commit left them unchanged and the memo served old figures;
# * the newest history row (id and time) of every input table. A fingerprint seen
#   inside a transaction that is then rolled back (a failed request, a test) must
#   not come back: SQLite reuses a rolled-back id, and a later commit raises the
#   sum to the same value, but no later row has the rolled-back row's time.
#
# The fingerprint is read before the inputs, so a stored result is never older
# than its key. Bulk writes bypass history (and signals) and must call
# budget_memo_clear() and forberegning.glem().
_MEMO: "OrderedDict[tuple, list[engine.CentralRaekke]]" = OrderedDict()
_MEMO_SIZE = 4
_FINGERPRINT_MODELS = [
    Tilbud,
    Borger,
    Ophold,
    Indplacering,
    Takstmodel,
    Takstniveau,
    Timeprismodel,
    Fravaerslinje,
    Tidsanvendelseslinje,
    FastUdgift,
    Rammeforudsaetning,
    Forbrug,
]


@lru_cache(maxsize=4)
def _fingerprint_sql(vendor: str) -> str:
    """Built once: reaching `Model.history` constructs manager classes (slow)."""
    aendringer = connection.ops.quote_name(Budgetaendring._meta.db_table)
    parts = [f"(SELECT COALESCE(SUM(antal), 0) FROM {aendringer})"]
    for model in _FINGERPRINT_MODELS:
        table = connection.ops.quote_name(model.history.model._meta.db_table)
        parts.append(f"(SELECT MAX(history_id) FROM {table})")
        parts.append(f"(SELECT MAX(history_date) FROM {table})")
    return f"SELECT {', '.join(parts)}"


def data_fingerprint() -> tuple:
    """One query: the committed changes' count and the newest history rows."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(connection.vendor))
        return tuple(cursor.fetchone())


# One computation at a time per process: after a change, twenty requests that
# miss together wait for the first one's result instead of all computing it
# (under the GIL they would only slow each other down). Re-entrant because a
# derived output computes the results it is derived from.
_MEMO_LOCK = threading.RLock()


def _memo(store: OrderedDict, size: int, key: tuple, beregn: Callable[[], Any]) -> Any:
    if key not in store:
        with _MEMO_LOCK:
            if key not in store:
                store[key] = beregn()
                while len(store) > size:
                    store.popitem(last=False)
    try:
        store.move_to_end(key)
        return store[key]
    except KeyError:  # evicted by another thread in between: compute afresh
        return beregn()


def alle_central_raekker(aar: int, idag: datetime.date) -> list[engine.CentralRaekke]:
    """Every tilbud's central row for the year, memoised by the data fingerprint."""
    key = (connection.alias, aar, idag, data_fingerprint())
    return _memo(_MEMO, _MEMO_SIZE, key, lambda: _central_raekker(aar, idag))


def budget_memo_clear() -> None:
    _MEMO.clear()
    _AFLEDT.clear()


# Outputs derived from the results (a serialised API payload, a rendered table) are
# kept under the same fingerprint, so they can never outlive the data they show.
_AFLEDT: "OrderedDict[tuple, Any]" = OrderedDict()
_AFLEDT_SIZE = 32


def memoised(noegle: tuple, beregn: Callable[[], Any]) -> Any:
    """`beregn()` once per data fingerprint and `noegle`.

    `noegle` must hold all the other inputs.
    """
    key = (connection.alias, data_fingerprint(), noegle)
    return _memo(_AFLEDT, _AFLEDT_SIZE, key, beregn)


def bemanding_for(resultat: TilbudResultat, grundaar: Aarsgrundlag) -> engine.Bemanding:
    """The staffing the budget's support part buys (per principle, see
    engine.bemanding), against the hours the levels require (§6)."""
    model = grundaar.takstmodel.timeprismodel
    paakraevet = engine.paakraevede_timer(
        resultat.opholdene, grundaar.timer_pr_kode, grundaar.aar
    )
    return engine.bemanding(
        engine.stoettebudget_aar(resultat.grundlag, resultat.budget),
        model.aarsloen,
        grundaar.timepriser.direkte_timer,
        paakraevet,
    )


# --- Reads for the role pages (issue 5) ----------------------------------------


def budgetaar_valg() -> list[int]:
    """The years that can be budgeted: those with a takstmodel, newest first."""
    from tariffs.models import Takstmodel

    return list(Takstmodel.objects.order_by("-aar").values_list("aar", flat=True))


def standard_budgetaar(
    idag: datetime.date, valg: list[int] | None = None
) -> int | None:
    """The current year if it has a takstmodel, else the latest year that has one.

    ``valg``: budgetaar_valg() when the caller has already read it."""
    valg = budgetaar_valg() if valg is None else valg
    if idag.year in valg:
        return idag.year
    return valg[0] if valg else None


_EFFEKT_ARTER = {
    "tilgang": (engine.Haendelsesart.TILGANG, engine.Haendelsesart.OMPLACERING_TILGANG),
    "afgang": (engine.Haendelsesart.AFGANG, engine.Haendelsesart.OMPLACERING_AFGANG),
    "indplacering": (engine.Haendelsesart.INDPLACERING,),
}


def budgeteffekt_for(
    ophold: Ophold, haendelse: str, virkning_fra: datetime.date, idag: datetime.date
) -> str | None:
    """The ledger row of one event as a sentence, e.g.
    "aktivitetsbudget for Bofællesskabet X: −41.234,56 kr. fra 1. maj 2026".

    None when the year cannot be priced (no takstmodel) or no row matches.
    """
    from budgets.engine.ledger import MAANEDSNAVNE
    from config.lib.formatting import format_kr

    try:
        resultat = tilbud_resultat(ophold.tilbud, virkning_fra.year, idag)
    except BudgetGrundlagMangler:
        return None
    arter = _EFFEKT_ARTER.get(haendelse, ())
    for r in resultat.budget.ledger:
        if (
            r.ophold_id == ophold.pk
            and r.haendelse in arter
            and (r.virkning_fra == virkning_fra)
        ):
            aendrede = [m for m, b in enumerate(r.maaneder) if b != 0]
            if not aendrede:
                aar = r.virkning_fra.year
                return f"ingen ændring af {r.budgetpost} for {ophold.tilbud} i {aar}"
            maaned = MAANEDSNAVNE[aendrede[0]]
            return (
                f"{r.budgetpost} for {ophold.tilbud}: "
                f"{format_kr(r.beloeb, fortegn=True)}"
                f" fra 1. {maaned} {virkning_fra.year}"
            )
    return None


@dataclass(frozen=True)
class Beboer:
    """A resident row of the tilbudsspecifik model (masked label, level, takster)."""

    borger: str
    tilgang: datetime.date
    afgang: datetime.date | None
    niveau_kode: str | None
    servicetakst: Decimal | None
    doegntakst: Decimal | None
    ekstern: bool


def beboere_for(resultat: TilbudResultat, dag: datetime.date) -> list[Beboer]:
    """The borgere in the tilbud on ``dag`` with the level in force and its takster."""
    raekker = []
    for o in resultat.opholdene:
        if not engine.i_tilbud(o, dag):  # [tilgang, afgang)
            continue
        gaeldende = engine.indplacering_paa(o, dag)
        service = resultat.prisliste.servicetakst(gaeldende) if gaeldende else None
        raekker.append(
            Beboer(
                borger=o.borger,
                tilgang=o.tilgang,
                afgang=o.afgang,
                niveau_kode=gaeldende.niveau_kode if gaeldende else None,
                servicetakst=service,
                doegntakst=resultat.prisliste.basistakst + service if service else None,
                ekstern=o.ekstern,
            )
        )
    return sorted(raekker, key=lambda b: b.borger)


def kommentarer_for(tilbud: Tilbud, aar: int) -> dict[int, list]:
    """Month -> the tilbud's comments in the year, newest first, with their author."""
    from budgets.models import Kommentar

    result: dict[int, list] = defaultdict(list)
    rows = Kommentar.objects.filter(tilbud=tilbud, budgetaar__aar=aar).select_related(
        "forfatter"
    )
    for kommentar in rows.order_by("-oprettet"):
        result[kommentar.maaned].append(kommentar)
    return dict(result)


def faste_udgifter_for(tilbud: Tilbud, aar: int) -> QuerySet[FastUdgift]:
    """The fixed-cost lines behind the basistakst (DOMAIN.md §4)."""
    return FastUdgift.objects.filter(tilbud=tilbud, budgetaar__aar=aar).order_by(
        "kategori"
    )


def basistakst_for(tilbud: Tilbud, aar: int) -> Decimal | None:
    """DOMAIN.md §4: the year's basistakst from the saved fixed costs; None when
    the tilbud has no places or assumed belægning to spread them over."""
    faste = _faste_udgifter([tilbud.pk], aar).get(tilbud.pk, Decimal(0))
    try:
        return tariff_engine.basistakst_pr_doegn(
            faste, tilbud.pladser, tariff_engine.dage_i_aaret(aar),
            tilbud.forudsat_belaegning,
        )  # fmt: skip
    except ValueError:
        return None


def aarsgrundlag_hvis(
    grundaar: Aarsgrundlag, g: tariff_engine.Timeprisgrundlag
) -> Aarsgrundlag:
    """The year's prices recomputed from a changed timeprisgrundlag (what-if)."""
    import dataclasses

    from tariffs.selectors import niveau_for

    timepriser = tariff_engine.timepriser(g)
    takstmodel = grundaar.takstmodel
    servicetakster = {
        n.kode: tariff_engine.servicetakst_pr_doegn(
            niveau_for(n), takstmodel.enhed, timepriser.timepris_direkte
        )
        for n in takstmodel.niveauer.all()
        if not n.saertakst
    }
    return dataclasses.replace(
        grundaar, timepriser=timepriser, servicetakster=servicetakster
    )


def koder_uden_pris_i_aaret(
    aar: int, prissatte: Collection[str]
) -> dict[str, tuple[str, ...]]:
    """The codes in force on a financed day of ``aar`` in any tilbud that
    ``prissatte`` lacks, with the masked borgere on them (tariffs.services
    refuses a takstmodel that would leave one)."""
    ids = list(Tilbud.objects.values_list("pk", flat=True))
    opholdene = _engine_ophold(ids, aar).values()
    return koder_uden_pris(itertools.chain(*opholdene), prissatte, aar)


def _kraev_priser(
    opholdene: Iterable[list[engine.Ophold]], grundaar: Aarsgrundlag
) -> None:
    """Refuse in Danish, naming the codes, before the engine meets a code it
    cannot price. Only a count of borgere: the user may not see every tilbud."""
    mangler = koder_uden_pris(
        itertools.chain(*opholdene), grundaar.servicetakster, grundaar.aar
    )
    if mangler:
        antal = len({borger for borgere in mangler.values() for borger in borgere})
        raise TakstniveauUdenPris(
            TAKSTNIVEAU_UDEN_PRIS.format(
                aar=grundaar.aar,
                koder=", ".join(mangler),
                antal=f"{antal} borger" if antal == 1 else f"{antal} borgere",
            )  # fmt: skip
        )


def tilbud_resultater_med(
    tilbud_list: Iterable[Tilbud],
    grundaar: Aarsgrundlag,
    idag: datetime.date,
    med_ledger: bool = True,
) -> list[TilbudResultat]:
    """Each tilbud's budget model from one set of reads, priced with `grundaar`
    (the year's own prices, or a what-if's); without ledger when not needed."""
    tilbud_list = list(tilbud_list)
    ids, aar = [t.pk for t in tilbud_list], grundaar.aar
    faste, rammer = _faste_udgifter(ids, aar), _rammer(ids, aar)
    forbrug, opholdene = _forbrug(ids, aar), _engine_ophold(ids, aar)
    _kraev_priser(opholdene.values(), grundaar)
    resultater = []
    for tilbud in tilbud_list:  # every tilbud, a missing frame too (advarsler)
        grundlag = _grundlag(
            tilbud, faste.get(tilbud.pk, Decimal(0)), rammer.get(tilbud.pk)
        )
        prisliste = _prisliste(grundlag, grundaar)
        ophold = tuple(opholdene.get(tilbud.pk, ()))
        budget = engine.tilbud_budget(
            grundlag, ophold, prisliste, aar, med_ledger=med_ledger
        )
        tal = engine.noegletal(
            grundlag, ophold, prisliste, budget, forbrug.get(tilbud.pk, {}), aar, idag
        )
        resultater.append(
            TilbudResultat(tilbud, grundlag, prisliste, ophold, budget, tal)
        )
    return resultater


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

    "Før" is the central model's own rows (stored, see forberegning); only
    "efter" is computed. The result is memoised, so the Excel export of what is
    on the screen does not compute it again."""
    noegle = ("hvis-sygefravaer", aar, str(point), idag, synlige_tilbud(user))
    return memoised(noegle, lambda: _hvis_sygefravaer(user, aar, point, idag))


def _hvis_sygefravaer(
    user: AbstractBaseUser, aar: int, point: Decimal, idag: datetime.date
) -> Hvis:
    from tariffs.selectors import timeprisgrundlag_for

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
    foer_raekker = {g.id: (g, t) for g, t in alle_central_raekker(aar, idag)}
    tilbud_list = list(tilbud_visible_to(user).order_by("navn"))
    par = [
        (foer_raekker[r.tilbud.pk], (r.grundlag, r.noegletal))
        for r in tilbud_resultater_med(tilbud_list, efter, idag, med_ledger=False)
        if r.tilbud.pk in foer_raekker  # a tilbud created between the two reads
    ]
    return Hvis(hvis, linje, niveauer, par)


@dataclass(frozen=True)
class Takstbladlinje:
    """One level of a takstblad; a særtakst has no fixed takst (set per placement)."""

    kode: str
    navn: str
    saertakst: bool
    servicetakst_pr_doegn: Decimal | None
    doegntakst: Decimal | None


@dataclass(frozen=True)
class Takstblad:
    """One tilbud's prices in a year (DOMAIN.md §4), as Tilbudsportalen shows them."""

    tilbud: Tilbud
    aar: int
    forudsat_belaegning: Decimal
    timepris_direkte: Decimal
    basistakst_pr_doegn: Decimal
    niveauer: tuple[Takstbladlinje, ...]


def takstblad_for(tilbud: Tilbud, aar: int) -> Takstblad:
    """Basistakst and each level's servicetakst and døgntakst; raises
    BudgetGrundlagMangler when the year has no takstmodel."""
    grundaar = aarsgrundlag_for(aar)
    faste = _faste_udgifter([tilbud.pk], aar).get(tilbud.pk, Decimal(0))
    basistakst = _prisliste(_grundlag(tilbud, faste, None), grundaar).basistakst
    linjer = []
    for niveau in grundaar.takstmodel.niveauer.all():
        service = grundaar.servicetakster.get(niveau.kode)
        doegn = None
        if service is not None:
            doegn = tariff_engine.doegntakst(basistakst, service)
        linjer.append(
            Takstbladlinje(niveau.kode, niveau.navn, niveau.saertakst, service, doegn)
        )
    return Takstblad(
        tilbud=tilbud,
        aar=aar,
        forudsat_belaegning=tilbud.forudsat_belaegning,
        timepris_direkte=grundaar.timepriser.timepris_direkte,
        basistakst_pr_doegn=basistakst,
        niveauer=tuple(linjer),
    )
