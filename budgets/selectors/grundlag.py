"""Read the year's rows set-based and build the engine's inputs.

The query count is constant in the number of tilbud and borgere (no N+1): one
query each for tilbud, faste udgifter, rammer, ophold, indplaceringer, the
borgere's betalingskommuner, forbrug, the year's takstmodel and state, and (a
vedtaget year) the stored oprindeligt budgets. Everything after that is the pure
engine.
"""

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from budgets import engine
from budgets.models import (
    AARSFELTER,
    Budgetaar,
    Budgetstatus,
    Efterregulering,
    FastUdgift,
    Forbrug,
    Rammeforudsaetning,
    TilbudAar,
    VedtagetBudget,
)
from config.lib.sql import i_liste
from offers.models import (
    Annullering,
    Betalingskommune,
    Haendelsesart,
    Indplacering,
    Ophold,
    Tilbud,
    Tillaegstakst,
    er_ekstern,
)
from tariffs import engine as tariff_engine
from tariffs.models import Timeprismodel
from tariffs.selectors import (
    TIMEPRIS_RELATIONER,
    servicetakster_for,
    takstmodel_for_aar,
    takstskift_for_aar,
    timepriser_for,
)


class BudgetGrundlagMangler(Exception):
    """The year has no takstmodel, so nothing can be priced."""


def _faste_udgifter(tilbud_ids: Iterable[int] | None, aar: int) -> dict[int, Decimal]:
    """Each tilbud's fixed costs of the year (None: every tilbud's)."""
    rows = (
        _i_tilbuddene(FastUdgift.objects.filter(budgetaar__aar=aar), tilbud_ids)
        .order_by()  # Meta.ordering by tilbud would join offers_tilbud
        .values("tilbud_id")
        .annotate(sum=Sum("beloeb"))
    )
    return {r["tilbud_id"]: r["sum"] for r in rows}


def _rammer(tilbud_ids: Iterable[int] | None, aar: int) -> dict[int, engine.Ramme]:
    """Each tilbud's saved frame of the year (None: every tilbud's)."""
    rows = _i_tilbuddene(
        Rammeforudsaetning.objects.filter(budgetaar__aar=aar), tilbud_ids
    )
    return {
        r.pop("tilbud_id"): engine.Ramme(**r)
        for r in rows.values("tilbud_id", *RAMMEFELTER)
    }


# The saved frame's fields (the others are the dagspris frame's, issue 17).
RAMMEFELTER = tuple(
    f.name for f in dataclasses.fields(engine.Ramme) if f.default is dataclasses.MISSING
)


# Issue 18 #3: (til_takst, til_ramme) of the efterreguleringer booked into a year.
Regulering = tuple[Decimal, Decimal]
INGEN_REGULERING: Regulering = (Decimal(0), Decimal(0))


def _efterreguleringer(
    tilbud_ids: Iterable[int] | None, aar: int
) -> dict[int, Regulering]:
    """Per tilbud, what earlier closed years booked into ``aar`` (issue 18 #3):
    the til_takst carried into its takst and the til_ramme into its frame, in
    one query (None: every tilbud). Only bogført parts: one left pending (its
    year was vedtaget or lukket when the earlier year was lukket) prices
    nothing."""
    rows = Efterregulering.objects.filter(
        Q(takst_aar=aar, takst_bogfoert=True) | Q(ramme_aar=aar, ramme_bogfoert=True)
    )
    if tilbud_ids is not None:
        rows = rows.filter(i_liste("tilbud_id", tilbud_ids))
    result: dict[int, Regulering] = {}
    for (
        tilbud_id,
        takst_aar,
        til_takst,
        ramme_aar,
        til_ramme,
        t_bog,
        r_bog,
    ) in rows.order_by().values_list(
        "tilbud_id",
        "takst_aar",
        "til_takst",
        "ramme_aar",
        "til_ramme",
        "takst_bogfoert",
        "ramme_bogfoert",
    ):
        takst, ramme = result.get(tilbud_id, INGEN_REGULERING)
        if takst_aar == aar and t_bog:
            takst += til_takst
        if ramme_aar == aar and r_bog:
            ramme += til_ramme
        result[tilbud_id] = (takst, ramme)
    return result


def _aarsindstillinger(
    tilbud_ids: Iterable[int] | None, aar: int
) -> dict[int, dict[str, Any]]:
    """Each tilbud's own settings for the year (TilbudAar, issue 13 #1), in one
    query (None: every tilbud's). A tilbud without a row for the year is left
    out: it uses its own."""
    rows = _i_tilbuddene(TilbudAar.objects.filter(budgetaar__aar=aar), tilbud_ids)
    return {
        r.pop("tilbud_id"): r
        for r in rows.values("tilbud_id", *AARSFELTER, "timeprismodel")
    }


def _forbrug(tilbud_ids: Iterable[int], aar: int) -> dict[int, dict[int, Decimal]]:
    rows = (
        Forbrug.objects.filter(i_liste("tilbud_id", tilbud_ids), budgetaar__aar=aar)
        .order_by()  # Meta.ordering by tilbud would join offers_tilbud
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
    return _i_tilbuddene(Ophold.alle, tilbud_ids).filter(
        Q(afgang__isnull=True) | Q(afgang__gte=datetime.date(aar - 1, 12, 1)),
        tilgang__lte=datetime.date(aar, 12, 31),
    )


# From this many tilbud ids on, the rows of every tilbud but a few are asked
# for as "not those few": with the whole area's 1,500 ids PostgreSQL probed the
# ophold index once per id (60,000 buffer reads, 28 ms at national scale) in
# each of the four reads that take the year's ophold as a subquery, where one
# sequential scan reads the table in 5 ms.
MANGE_TILBUD = 100


def _i_tilbuddene(
    rows: QuerySet, tilbud_ids: Iterable[int] | None, felt: str = "tilbud_id"
) -> QuerySet:
    """The rows of the tilbud (None: every tilbud), with the shortest test of
    ``felt``."""
    if tilbud_ids is None:
        return rows.all()
    ids = {int(i) for i in tilbud_ids}
    if len(ids) < MANGE_TILBUD:
        return rows.filter(i_liste(felt, ids))
    andre = set(Tilbud.objects.values_list("pk", flat=True)) - ids
    if len(andre) >= len(ids):
        return rows.filter(i_liste(felt, ids))
    return rows.exclude(i_liste(felt, andre)) if andre else rows.all()


def grundlagene(
    aar: int, tilbud_ids: Collection[int] | None
) -> list[engine.TilbudGrundlag]:
    """The tilbud's (None: every tilbud's) settings for the year, in navn
    order: what _grundlag makes of each, from five queries of plain values (no
    model instances): the tilbud, the year's fixed costs, frames, own settings
    and booked efterreguleringer (issue 18 #3)."""
    faste, rammer = _faste_udgifter(tilbud_ids, aar), _rammer(tilbud_ids, aar)
    aarene = _aarsindstillinger(tilbud_ids, aar)
    reguleringer = _efterreguleringer(tilbud_ids, aar)
    tilbud = _i_tilbuddene(Tilbud.objects.order_by("navn"), tilbud_ids, "pk")
    return [
        engine.TilbudGrundlag(
            id=t["pk"],
            navn=t["navn"],
            faste_udgifter=faste.get(t["pk"], Decimal(0)),
            ramme=rammer.get(t["pk"]),
            tilbudstype=t["tilbudstype"],
            efterregulering_til_takst=reguleringer.get(t["pk"], INGEN_REGULERING)[0],
            efterregulering_til_ramme=reguleringer.get(t["pk"], INGEN_REGULERING)[1],
            **aarene.get(t["pk"], {felt: t[felt] for felt in AARSFELTER}),
        )
        for t in tilbud.values("pk", "navn", "tilbudstype", *AARSFELTER)
    ]


# The ophold are given as a query, not as ids: a list of 50,000 ids costs more to
# send than the rows cost to read; PostgreSQL joins the subquery instead.


def _indplaceringer(
    opholdene: QuerySet[Ophold],
) -> dict[int, list[engine.Indplacering]]:
    rows = (
        Indplacering.alle.filter(ophold_id__in=opholdene.values("id"))
        .order_by("gyldig_fra", "id")  # of two on one date the later wins
        .values_list(
            "ophold_id",
            "gyldig_fra",
            "takstniveau__kode",
            "saertakst_timer",
            "registreret",
            "annulleret",
            "visiterede_timer_pr_uge",
            "pladsandel",
        )
    )
    result: dict[int, list[engine.Indplacering]] = defaultdict(list)
    for ophold_id, *felter in rows:
        result[ophold_id].append(engine.Indplacering(*felter))
    return result


def _annullerede_afgange(
    opholdene: QuerySet[Ophold],
) -> dict[int, list[engine.AnnulleretAfgang]]:
    rows = (
        Annullering.objects.filter(
            ophold_id__in=opholdene.values("id"), haendelse=Haendelsesart.AFGANG
        )
        .order_by("registreret", "id")
        .values_list("ophold_id", "dato", "dato_registreret", "registreret")
    )
    result: dict[int, list[engine.AnnulleretAfgang]] = defaultdict(list)
    for ophold_id, *felter in rows:
        result[ophold_id].append(engine.AnnulleretAfgang(*felter))
    return result


def tillaeg_af(opholdene: QuerySet[Ophold]) -> dict[int, list[engine.Tillaeg]]:
    """Issue 17: each ophold's tillægstakster, annulled ones too (the ledger
    shows an annulment), in one query."""
    rows = (
        Tillaegstakst.alle.filter(ophold_id__in=opholdene.values("id"))
        .order_by("fra", "id")
        .values_list(
            "ophold_id",
            "fra",
            "til",
            "timer_pr_doegn",
            "kr_pr_doegn",
            "registreret",
            "til_registreret",
            "annulleret",
            "begrundelse",
        )
    )
    result: dict[int, list[engine.Tillaeg]] = defaultdict(list)
    for ophold_id, *felter in rows:
        result[ophold_id].append(engine.Tillaeg(*felter))
    return result


def _eksterne(opholdene: QuerySet[Ophold]) -> dict[int, tuple[engine.Periode, ...]]:
    """Issue 13: per borger of the ophold, the periods another municipality pays.

    One query for every borger (a subquery, not a list of ids).
    """
    rows = (
        Betalingskommune.objects.filter(borger_id__in=opholdene.values("borger_id"))
        .order_by("borger_id", "gyldig_fra")
        .values_list("borger_id", "gyldig_fra", "kommunekode")
    )
    skift: dict[int, list[tuple[datetime.date, bool]]] = defaultdict(list)
    for borger_id, gyldig_fra, kommunekode in rows:
        skift[borger_id].append((gyldig_fra, er_ekstern(kommunekode)))
    return {b: engine.perioder_hvor(s) for b, s in skift.items()}


def _engine_ophold(tilbud_ids: list[int], aar: int) -> dict[int, list[engine.Ophold]]:
    opholdene = ophold_i_aaret(tilbud_ids, aar)
    rows = list(
        opholdene.values(
            "id",
            "tilbud_id",
            "borger_id",
            "tilgang",
            "afgang",
            "tilgang_registreret",
            "afgang_registreret",
            "borger__navn",
            "borger__cpr_maskeret",
            "omplaceret_fra__tilbud__navn",
            "omplaceret_til__tilbud__navn",
            "annulleret",
        )
    )
    indplaceringer = _indplaceringer(opholdene) if rows else {}
    afgange = _annullerede_afgange(opholdene) if rows else {}
    eksterne = _eksterne(opholdene) if rows else {}
    tillaeg = tillaeg_af(opholdene) if rows else {}
    result: dict[int, list[engine.Ophold]] = defaultdict(list)
    for r in rows:
        result[r["tilbud_id"]].append(
            engine.Ophold(
                id=r["id"],
                borger=f"{r['borger__navn']} ({r['borger__cpr_maskeret']})",
                tilgang=r["tilgang"],
                afgang=r["afgang"],
                indplaceringer=tuple(indplaceringer[r["id"]]),
                eksterne=eksterne.get(r["borger_id"], ()),
                tilgang_registreret=r["tilgang_registreret"],
                afgang_registreret=r["afgang_registreret"],
                omplacering_fra=r["omplaceret_fra__tilbud__navn"],
                omplacering_til=r["omplaceret_til__tilbud__navn"],
                borger_id=r["borger_id"],
                annulleret=r["annulleret"],
                annullerede_afgange=tuple(afgange[r["id"]]),
                tillaeg=tuple(tillaeg.get(r["id"], ())),
            )
        )
    return result


def _beregningsophold(
    tilbud_ids: list[int], aar: int, aabne_paa: datetime.date | None = None
) -> dict[int, list[engine.Ophold]]:
    """_engine_ophold without what only labels the ledger: no borger label, no
    omplacering names. The joins to borger and to the other stay's tilbud and
    a dict per row were most of the read; the stored months need neither.

    ``aabne_paa``: only the stays begun by that day with no afgang registered
    (the prognose's residents, issue 19)."""
    opholdene = ophold_i_aaret(tilbud_ids, aar)
    if aabne_paa is not None:
        opholdene = opholdene.filter(afgang__isnull=True, tilgang__lte=aabne_paa)
    rows = list(
        opholdene.values_list(
            "id",
            "tilbud_id",
            "borger_id",
            "tilgang",
            "afgang",
            "tilgang_registreret",
            "afgang_registreret",
            "annulleret",
        )
    )
    if not rows:
        return {}
    indplaceringer = _indplaceringer(opholdene)
    afgange = _annullerede_afgange(opholdene)
    eksterne = _eksterne(opholdene)
    tillaeg = tillaeg_af(opholdene)
    result: dict[int, list[engine.Ophold]] = defaultdict(list)
    for id_, tilbud_id, borger_id, tilgang, afgang, t_reg, a_reg, annulleret in rows:
        result[tilbud_id].append(
            engine.Ophold(
                id=id_,
                borger="",
                tilgang=tilgang,
                afgang=afgang,
                indplaceringer=tuple(indplaceringer[id_]),
                eksterne=eksterne.get(borger_id, ()),
                tilgang_registreret=t_reg,
                afgang_registreret=a_reg,
                borger_id=borger_id,
                annulleret=annulleret,
                annullerede_afgange=tuple(afgange.get(id_, ())),
                tillaeg=tuple(tillaeg.get(id_, ())),
            )
        )
    return result


@dataclass(frozen=True)
class Timeprisvalg:
    """The prices of one timeprismodel of the year on the takstmodel's levels
    (issue 17): a tilbud's own, or the takstmodel's."""

    id: int
    navn: str
    aarsloen: Decimal
    timepriser: tariff_engine.Timepriser
    servicetakster: dict[str, Decimal]
    model: object  # the Timeprismodel, its lines prefetched
    # The takster before each dated change of this model (issue 17; the
    # takstmodel's: the year's skift), sorted by gyldig_fra.
    skift: tuple[tariff_engine.Takstskift, ...] = ()


@dataclass(frozen=True)
class Aarsgrundlag:
    """The year's takstmodel priced once, and the year's state: shared by every
    tilbud.

    ``skift``: the takster in force before each change made in the running year
    (issue 13 #3), sorted by gyldig_fra; the fields above are the newest.
    ``vedtaget``: the year is vedtaget or lukket, so its oprindeligt budget is
    stored; ``kendt_pr`` is then its day of vedtagelse (issue 13 #2).
    """

    aar: int
    takstmodel: object
    timepriser: tariff_engine.Timepriser
    servicetakster: dict[str, Decimal]
    timer_pr_kode: dict[str, Decimal]
    skift: tuple[tariff_engine.Takstskift, ...] = ()
    vedtaget: bool = False
    kendt_pr: datetime.date | None = None
    # Issue 17: the year's other timeprismodeller, priced when a tilbud first
    # names one (timeprisvalg): the common case reads none of them.
    _egne: dict[int, Timeprisvalg] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def timeprismodel_id(self) -> int:
        return self.takstmodel.timeprismodel_id

    def egen_timeprismodel(self, timeprismodel_id: int | None) -> bool:
        """The tilbud names a timeprismodel other than the takstmodel's."""
        return timeprismodel_id is not None and (
            timeprismodel_id != self.timeprismodel_id
        )

    def timeprisvalg(self, timeprismodel_id: int | None) -> Timeprisvalg:
        """The prices a tilbud naming ``timeprismodel_id`` (None: the
        takstmodel's) is budgeted with; its own model is read once per year."""
        if not self.egen_timeprismodel(timeprismodel_id):
            model = self.takstmodel.timeprismodel
            return Timeprisvalg(
                model.pk,
                model.navn,
                model.aarsloen,
                self.timepriser,
                self.servicetakster,
                model,
                self.skift,
            )
        assert timeprismodel_id is not None
        if timeprismodel_id not in self._egne:
            model = (
                Timeprismodel.objects.prefetch_related(*TIMEPRIS_RELATIONER)
                .filter(aar=self.aar, pk=timeprismodel_id)
                .first()
            )
            if model is None:  # only a row written past the services
                raise BudgetGrundlagMangler(
                    f"Et tilbuds timeprismodel hører ikke til {self.aar}."
                )
            self._egne[timeprismodel_id] = Timeprisvalg(
                model.pk,
                model.navn,
                model.aarsloen,
                timepriser_for(model),
                servicetakster_for(self.takstmodel, model),
                model,
                takstskift_for_aar(self.aar, model.pk),
            )
        return self._egne[timeprismodel_id]


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
    vedtaget, kendt_pr = _vedtagelse(aar)
    return Aarsgrundlag(
        aar=aar,
        takstmodel=takstmodel,
        timepriser=timepriser_for(takstmodel.timeprismodel),
        servicetakster=servicetakster_for(takstmodel),
        timer_pr_kode=timer,
        vedtaget=vedtaget,
        kendt_pr=kendt_pr,
        skift=takstskift_for_aar(aar),
    )


def _vedtagelse(aar: int) -> tuple[bool, datetime.date | None]:
    """(vedtaget or lukket, the day of vedtagelse) of the year; a year without a
    row is a forslag."""
    row = Budgetaar.objects.filter(aar=aar).values("status", "vedtaget").first()
    if row is None:
        return False, None
    vedtaget = row["status"] in (Budgetstatus.VEDTAGET, Budgetstatus.LUKKET)
    return vedtaget, row["vedtaget"] if vedtaget else None


def _vedtagne(tilbud_ids: Iterable[int], aar: int) -> dict[int, engine.Vedtaget]:
    """Each tilbud's oprindeligt budget as stored at vedtagelse, in one query. A
    tilbud without all 12 months stored is left out: it is computed."""
    rows = (
        VedtagetBudget.objects.filter(
            i_liste("tilbud_id", tilbud_ids), budgetaar__aar=aar
        )
        .order_by("tilbud_id", "maaned")
        .values_list("tilbud_id", "maaned", "fast", "aktivitet", "overkapacitet")
    )
    maaneder: dict[int, list[tuple[Decimal, Decimal, Decimal]]] = defaultdict(list)
    for tilbud_id, _maaned, *beloeb in rows:
        maaneder[tilbud_id].append(tuple(beloeb))
    return {
        tilbud_id: engine.Vedtaget(
            *(tuple(kolonne) for kolonne in zip(*m, strict=True))
        )
        for tilbud_id, m in maaneder.items()
        if len(m) == 12
    }


def _grundlag(
    tilbud: Tilbud,
    faste: Decimal,
    ramme: engine.Ramme | None,
    aaret: Mapping[str, Any] | None = None,
    regulering: Regulering = INGEN_REGULERING,
) -> engine.TilbudGrundlag:
    """``aaret``: the year's own settings (_aarsindstillinger); None for a year
    without them, which uses the tilbud's (those a new year gets).
    ``regulering``: what earlier closed years booked into it
    (_efterreguleringer)."""
    if aaret is None:
        aaret = {felt: getattr(tilbud, felt) for felt in AARSFELTER}
    return engine.TilbudGrundlag(
        id=tilbud.pk,
        navn=tilbud.navn,
        faste_udgifter=faste,
        ramme=ramme,
        tilbudstype=tilbud.tilbudstype,
        efterregulering_til_takst=regulering[0],
        efterregulering_til_ramme=regulering[1],
        **aaret,
    )


def _aarets_grundlag(tilbud: Tilbud, aar: int) -> engine.TilbudGrundlag:
    """One tilbud's settings, fixed costs and booked efterregulering for the
    year, without its frame."""
    faste = _faste_udgifter([tilbud.pk], aar).get(tilbud.pk, Decimal(0))
    aaret = _aarsindstillinger([tilbud.pk], aar).get(tilbud.pk)
    regulering = _efterreguleringer([tilbud.pk], aar).get(tilbud.pk, INGEN_REGULERING)
    return _grundlag(tilbud, faste, None, aaret, regulering)


def _prisliste(grundlag: engine.TilbudGrundlag, aar: Aarsgrundlag) -> engine.Prisliste:
    basistakst = tariff_engine.basistakst_pr_doegn(
        grundlag.faste_udgifter,
        grundlag.pladser,
        tariff_engine.dage_i_aaret(aar.aar),
        grundlag.forudsat_belaegning,
    )
    if aar.egen_timeprismodel(grundlag.timeprismodel):
        # Issue 17: the tilbud's own timeprismodel prices the takstmodel's
        # levels as they are now; the model's own takstskift (not the
        # takstmodel's) date its earlier takster.
        valg = aar.timeprisvalg(grundlag.timeprismodel)
        return grundlag.prisliste(
            aar.aar,
            valg.timepriser.timepris_direkte,
            valg.servicetakster,
            basistakst,
            valg.skift,
            timepris_ekstratimer=valg.timepriser.timepris_ekstratimer,
            egen_timeprismodel=True,
        )
    return grundlag.prisliste(
        aar.aar,
        aar.timepriser.timepris_direkte,
        aar.servicetakster,
        basistakst,
        aar.skift,
        aar.timepriser.timepris_ekstratimer,
    )
