"""The central budgetmodel (DOMAIN.md §7) over the tilbud a user may see, read
from the stored monthly figures (budgets.models.Maanedstal, issue 13 #5).

Each tilbud's row is its 12 stored months; the total is a SUM … GROUP BY month
over the same rows. What depends on the day (head counts on the day, realised
tilgange and afgange, forbrug and forventet regnskab) is read in SQL with them.
Nothing is written here: a tilbud without current rows (a deploy with a new
engine before ``manage.py maanedstal_opdater`` ran, a year the takster cannot
price) is computed from its inputs for this read only, and while a change of
the takster is being recomputed the year says so (Genberegnes) rather than show
figures from before it.
"""

import datetime
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from budgets import engine
from budgets.engine.central import _belaegning_forudsat
from budgets.engine.maanedstal import (
    KOLONNER,
    Idagtal,
    Maaneder,
    noegletal_af,
    summer,
    tilbud_noegletal,
)
from budgets.engine.noegletal import forbrugsprocent_samme_periode
from budgets.engine.perioder import NUL, i_aaret
from budgets.models import Maanedstal
from budgets.selectors.grundlag import (
    BudgetGrundlagMangler,
    _aarsindstillinger,
    _faste_udgifter,
    _forbrug,
    _grundlag,
    _rammer,
)
from budgets.selectors.maanedstal import (
    BELOEB_FELT,
    gaeldende_raekker,
    gemte_maaneder,
    maaneder_beregnet,
    maanedstal_aar,
)
from offers.models import Betalingskommune, Indplacering, Ophold, Tilbud
from offers.selectors import ser_alle_tilbud, tilbud_visible_to
from tariffs.models import Takstmodel

GENBEREGNES = (
    "Tallene for {aar} genberegnes efter en ændring af takster eller timepris "
    "({beregnet} af {i_alt} tilbud er klar). De vises, når alle er beregnet."
)
# A recompute that has not moved for this long is taken as dead (its worker
# killed): the year is then computed on read until a job finishes it.
GENBEREGNING_STAAR_STILLE = datetime.timedelta(minutes=10)


class Genberegnes(Exception):
    """The year's stored figures are old while a job recomputes them."""

    def __init__(self, aar: int, beregnet: int, i_alt: int) -> None:
        self.aar, self.beregnet, self.i_alt = aar, beregnet, i_alt
        super().__init__(GENBEREGNES.format(aar=aar, beregnet=beregnet, i_alt=i_alt))


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
    aaret = _aarets_tal(aar, synlige, idag)
    try:
        forrige = _aarets_tal(aar - 1, synlige, None)
    except BudgetGrundlagMangler:
        return engine.Central(raekker=aaret.raekker, total=aaret.total)
    sidste = {g.id: n for g, n in forrige.raekker}
    return engine.Central(
        raekker=aaret.raekker,
        total=aaret.total,
        sidste_aar={
            g.id: forbrugsprocent_samme_periode(n, sidste.get(g.id))
            for g, n in aaret.raekker
        },
        sidste_aar_total=forbrugsprocent_samme_periode(
            aaret.total, forrige.total if forrige.raekker else None
        ),
    )


@dataclass(frozen=True)
class _Aaret:
    raekker: tuple[engine.CentralRaekke, ...]
    total: engine.Noegletal


def _aarets_tal(
    aar: int, synlige: Collection[int] | None, idag: datetime.date | None
) -> _Aaret:
    """The year's rows in navn order and their total; ``idag`` None: without
    the day's figures (last year's rows give only the forbrugsprocent)."""
    if not Takstmodel.objects.filter(aar=aar).exists():
        raise BudgetGrundlagMangler(f"Der er ingen takstmodel for {aar}.")
    grundlag = _grundlagene(aar, synlige)
    version = _gaeldende_version(aar)
    raekker_qs = gaeldende_raekker(aar, version, synlige)
    gemte, forbrug = gemte_maaneder(raekker_qs)
    beregnede = _beregn_manglende(aar, [g.id for g in grundlag if g.id not in gemte])
    forbrug.update(_forbrug(list(beregnede), aar))
    dagens = _idagtal(aar, synlige, idag) if idag is not None else {}
    alle = {**gemte, **beregnede}
    raekker = tuple(
        (g, tilbud_noegletal(g, aar, alle[g.id], forbrug.get(g.id, {}),
                             dagens.get(g.id, Idagtal())))
        for g in grundlag
        if g.id in alle  # not deleted since the settings were read
    )  # fmt: skip
    dagens = {g.id: dagens[g.id] for g, _ in raekker if g.id in dagens}
    total = _total(aar, raekker_qs, raekker, beregnede, forbrug, dagens)
    return _Aaret(raekker, total)


def _grundlagene(
    aar: int, synlige: Collection[int] | None
) -> list[engine.TilbudGrundlag]:
    """Every (visible) tilbud's settings for the year, in navn order."""
    tilbud_qs = Tilbud.objects.order_by("navn")
    if synlige is not None:
        tilbud_qs = tilbud_qs.filter(pk__in=synlige)
    tilbud_list = list(tilbud_qs)
    ids = [t.pk for t in tilbud_list]
    faste, rammer = _faste_udgifter(ids, aar), _rammer(ids, aar)
    aarene = _aarsindstillinger(ids, aar)
    return [
        _grundlag(t, faste.get(t.pk, NUL), rammer.get(t.pk), aarene.get(t.pk))
        for t in tilbud_list
    ]


def _gaeldende_version(aar: int) -> int:
    """The version rows must have; Genberegnes while a job recomputes the year."""
    tilstand = maanedstal_aar(aar)
    if tilstand.genberegnes and (
        timezone.now() - tilstand.opdateret < GENBEREGNING_STAAR_STILLE
    ):
        raise Genberegnes(aar, tilstand.beregnet, tilstand.i_alt)
    return tilstand.version


def _beregn_manglende(aar: int, mangler: Sequence[int]) -> dict[int, Maaneder]:
    """Tilbud without current rows, computed from their inputs for this read."""
    return maaneder_beregnet(mangler, aar) if mangler else {}


def _idagtal(
    aar: int, synlige: Collection[int] | None, idag: datetime.date
) -> dict[int, Idagtal]:
    """Per tilbud, in SQL: the head counts on the day (clamped into the year)
    and the tilgange and afgange of the year up to and including ``idag``."""
    ophold = Ophold.objects.all()  # annulled stays never were
    if synlige is not None:
        ophold = ophold.filter(tilbud_id__in=synlige)
    realiseret = _realiseret(ophold, aar, idag)
    tal: dict[int, dict] = {}
    for tilbud_id, niveau, kommune, antal in _paa_dagen(ophold, i_aaret(idag, aar)):
        t = tal.setdefault(tilbud_id, {"niveauer": Counter(), "solgte": 0})
        if niveau is not None:
            t["niveauer"][niveau] += antal
        if kommune and kommune != settings.EGEN_KOMMUNEKODE:
            t["solgte"] += antal
    return {
        tilbud_id: Idagtal(
            borgere_pr_niveau=dict(tal.get(tilbud_id, {}).get("niveauer", {})),
            solgte_pladser=tal.get(tilbud_id, {}).get("solgte", 0),
            tilgange_realiseret=realiseret.get(tilbud_id, (0, 0))[0],
            afgange_realiseret=realiseret.get(tilbud_id, (0, 0))[1],
        )
        for tilbud_id in set(tal) | set(realiseret)
    }


def _realiseret(ophold, aar: int, idag: datetime.date) -> dict[int, tuple[int, int]]:
    """(tilgange, afgange) of the year dated on or before ``idag``."""
    periode = (datetime.date(aar, 1, 1), min(idag, datetime.date(aar, 12, 31)))
    tilgang, afgang = Q(tilgang__range=periode), Q(afgang__range=periode)
    rows = (
        ophold.filter(tilgang | afgang)
        .values("tilbud_id")
        .annotate(t=Count("pk", filter=tilgang), a=Count("pk", filter=afgang))
        .values_list("tilbud_id", "t", "a")
    )
    return {tilbud_id: (t, a) for tilbud_id, t, a in rows}


def _paa_dagen(ophold, dag: datetime.date) -> list[tuple[int, str | None, str, int]]:
    """(tilbud, level in force, betalingskommune in force, count) of the stays
    lived in on ``dag``: [tilgang, afgang)."""
    niveau = (
        Indplacering.objects.filter(ophold_id=OuterRef("pk"), gyldig_fra__lte=dag)
        .order_by("-gyldig_fra", "-pk")  # of two on one date the later wins
        .values("takstniveau__kode")[:1]
    )
    kommune = (
        Betalingskommune.objects.filter(
            borger_id=OuterRef("borger_id"), gyldig_fra__lte=dag
        )
        .order_by("-gyldig_fra")
        .values("kommunekode")[:1]
    )
    return list(
        ophold.filter(tilgang__lte=dag)
        .filter(Q(afgang__isnull=True) | Q(afgang__gt=dag))
        .annotate(niveau=Subquery(niveau), kommune=Subquery(kommune))
        .values("tilbud_id", "niveau", "kommune")
        .annotate(antal=Count("pk"))
        .values_list("tilbud_id", "niveau", "kommune", "antal")
    )


def _total(
    aar: int,
    raekker_qs: QuerySet[Maanedstal],
    raekker: Sequence[engine.CentralRaekke],
    beregnede: Mapping[int, Maaneder],
    forbrug: Mapping[int, Mapping[int, Decimal]],
    dagens: Mapping[int, Idagtal],
) -> engine.Noegletal:
    """The total (sum_noegletal's rules): SUM … GROUP BY month over the stored
    rows, plus the tilbud computed for this read."""
    gemte, forbrug_total, forventet = _maanedssummer(raekker_qs)
    for tilbud_id, maaneder in beregnede.items():
        for m, korrigeret in enumerate(maaneder.total_korrigeret):
            f = forbrug.get(tilbud_id, {}).get(m + 1)
            forventet[m] += korrigeret if f is None else f
            if f is not None:
                forbrug_total[m] = (forbrug_total[m] or NUL) + f
    noegletal = [n for _, n in raekker]
    return noegletal_af(
        aar,
        sum(n.pladser for n in noegletal),
        _belaegning_forudsat(noegletal),
        summer([gemte, *beregnede.values()]),
        tuple(forbrug_total),
        _sum_idagtal(dagens.values()),
        forventet=tuple(forventet),
    )


def _maanedssummer(
    raekker_qs: QuerySet[Maanedstal],
) -> tuple[Maaneder, list[Decimal | None], list[Decimal]]:
    """Per month: the sum of every column, of forbrug (None: no tilbud has
    actuals) and of forventet regnskab (each tilbud's forbrug, else budget)."""
    korrigeret = F("fast") + F("aktivitet_korrigeret") + F("overkapacitet_korrigeret")
    summer_ = {f"sum_{k}": Sum(k) for k in KOLONNER}
    rows = {
        r["maaned"]: r
        for r in raekker_qs.order_by()
        .values("maaned")
        .annotate(
            **summer_,
            sum_forbrug=Sum("forbrug"),
            sum_forventet=Sum(
                Coalesce("forbrug", korrigeret, output_field=BELOEB_FELT)
            ),
        )
    }
    tomt = {f"sum_{k}": 0 for k in KOLONNER} | {"sum_forventet": NUL}
    maaneder = [rows.get(m, tomt) for m in range(1, 13)]
    kolonner = {k: tuple(r[f"sum_{k}"] or 0 for r in maaneder) for k in KOLONNER}
    forbrug_ = [r.get("sum_forbrug") for r in maaneder]
    return Maaneder(**kolonner), forbrug_, [r["sum_forventet"] or NUL for r in maaneder]


def _sum_idagtal(tal: Iterable[Idagtal]) -> Idagtal:
    tal = list(tal)
    return Idagtal(
        borgere_pr_niveau=dict(
            sum((Counter(t.borgere_pr_niveau) for t in tal), Counter())
        ),
        solgte_pladser=sum(t.solgte_pladser for t in tal),
        tilgange_realiseret=sum(t.tilgange_realiseret for t in tal),
        afgange_realiseret=sum(t.afgange_realiseret for t in tal),
    )
