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

import dataclasses
import datetime
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, OuterRef, Q, Subquery
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
from budgets.engine.noegletal import Periodetal, forbrugsprocent_samme_periode
from budgets.engine.perioder import NUL, i_aaret
from budgets.selectors.grundlag import BudgetGrundlagMangler, grundlagene
from budgets.selectors.maanedstal import (
    forbrug_pr_maaned,
    gaeldende_raekker,
    gemte_maaneder,
    korrigeret_pr_maaned,
    maaneder_og_idagtal,
    maaneder_vektor,
    maanedssummer,
    maanedstal_aar,
)
from config.lib import datastamp, gcpause
from offers.models import (
    Betalingskommune,
    Indplacering,
    Ophold,
    Tilbud,
    egne_kommunekoder,
)
from offers.selectors import ser_alle_tilbud, tilbud_visible_to
from tariffs.models import Takstmodel, Takstniveau

GENBEREGNES = (
    "Tallene for {aar} genberegnes efter en ændring af takster eller timepris "
    "({beregnet} af {i_alt} tilbud er klar). De vises, når alle er beregnet."
)
# A recompute that has not moved for this long is taken as dead (its worker
# killed): the year is then computed on read until a job finishes it.
GENBEREGNING_STAAR_STILLE = datetime.timedelta(minutes=10)


# What a cached model was computed by: the engine and the shape of its result (a
# deploy that changes either never reads an entry an older one stored).
_FORMAT = (
    engine.MOTORVERSION,
    tuple(f.name for f in dataclasses.fields(engine.Central)),
    tuple(f.name for f in dataclasses.fields(engine.Noegletal)),
)


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

    `user=None` is for commands run by the operator: every tilbud. Kept in the
    shared cache under the stamp of the committed data (config.lib.datastamp):
    every user who sees the same tilbud on the same day gets one computation
    until a write commits.
    """
    synlige = synlige_tilbud(user)
    parts = (_FORMAT, aar, idag, None if synlige is None else sorted(synlige))
    return datastamp.cached(
        "central", parts, lambda: central_fra_tabellen(synlige, aar, idag)
    )


def central_fra_tabellen(
    synlige: Collection[int] | None, aar: int, idag: datetime.date
) -> engine.Central:
    """The central model read from the stored monthly figures, never cached."""
    with gcpause.paused():  # 1,500 tilbud's rows and Decimals: no cycles among them
        return _central(synlige, aar, idag)


def _central(
    synlige: Collection[int] | None, aar: int, idag: datetime.date
) -> engine.Central:
    raekker, total = _aarets_tal(aar, synlige, idag)
    try:
        forrige, forrige_total = _sidste_aars_tal(aar - 1, synlige)
    except BudgetGrundlagMangler:
        return engine.Central(raekker=raekker, total=total)
    return engine.Central(
        raekker=raekker,
        total=total,
        sidste_aar={
            g.id: forbrugsprocent_samme_periode(n, forrige.get(g.id))
            for g, n in raekker
        },
        sidste_aar_total=forbrugsprocent_samme_periode(
            total, forrige_total if raekker else None
        ),
    )


def _aarets_tal(
    aar: int, synlige: Collection[int] | None, idag: datetime.date
) -> tuple[tuple[engine.CentralRaekke, ...], engine.Noegletal]:
    """The year's rows in navn order and their total."""
    _kraev_takstmodel(aar)
    grundlag = grundlagene(aar, synlige)
    raekker_qs = gaeldende_raekker(aar, _gaeldende_version(aar), synlige)
    maaneder, alt_forbrug = gemte_maaneder(raekker_qs, aar, RAEKKE_KOLONNER, synlige)
    ids = [g.id for g in grundlag]
    beregnede, talte = _beregn_manglende(aar, grundlag, maaneder, idag)
    forbrug = {i: alt_forbrug.get(i, {}) for i in maaneder}
    dagens = _dagens_tal(aar, synlige, idag, ids, talte)
    raekker = tuple(
        (
            g,
            tilbud_noegletal(
                g,
                aar,
                maaneder[g.id],
                forbrug.get(g.id, {}),
                dagens.get(g.id, Idagtal()),
            ),
        )
        for g in grundlag
        if g.id in maaneder  # not deleted since the settings were read
    )
    total = _total(
        aar,
        summer([maanedssummer(raekker_qs), *beregnede.values()]),
        {g.id: maaneder[g.id] for g, _ in raekker},
        forbrug,
        [n for _, n in raekker],
        _sum_idagtal(dagens[g.id] for g, _ in raekker if g.id in dagens),
    )
    return raekker, total


# A tilbud's row (engine.maanedstal.noegletal_af) and the total's forventet
# regnskab read only these columns of its months: the others (forudsat and
# faktisk aktivitet, service) are not read per tilbud, only summed in SQL.
RAEKKE_KOLONNER = tuple(
    k
    for k in KOLONNER
    if k not in ("forudsat_aktivitet", "faktisk_aktivitet", "service_korrigeret")
)


def _sidste_aars_tal(
    aar: int, synlige: Collection[int] | None
) -> tuple[dict[int, Periodetal], Periodetal]:
    """Last year's korrigeret budget and forbrug by month, per tilbud and in
    total: all that the forbrugsprocent of the same period reads (§7).

    The total's forbrug is None in a month no tilbud has actuals for (as
    ``_total``'s)."""
    _kraev_takstmodel(aar)
    ids = Tilbud.objects.values_list("pk", flat=True)
    ids = list(ids if synlige is None else ids.filter(pk__in=synlige))
    raekker_qs = gaeldende_raekker(aar, _gaeldende_version(aar), synlige)
    korrigeret = korrigeret_pr_maaned(raekker_qs)
    if mangler := [i for i in ids if i not in korrigeret]:
        beregnede = maaneder_vektor(mangler, aar)
        korrigeret.update({i: m.total_korrigeret for i, m in beregnede.items()})
    forbrug = forbrug_pr_maaned(aar, synlige)
    pr_tilbud = {
        i: Periodetal(
            korrigeret[i], tuple(forbrug.get(i, {}).get(m) for m in range(1, 13))
        )
        for i in ids
        if i in korrigeret
    }
    total_forbrug: list[Decimal | None] = [None] * 12
    for tal in pr_tilbud.values():
        for m, beloeb in enumerate(tal.forbrug):
            if beloeb is not None:
                total_forbrug[m] = (total_forbrug[m] or NUL) + beloeb
    total_korrigeret = tuple(
        sum((t.total_korrigeret[m] for t in pr_tilbud.values()), NUL) for m in range(12)
    )
    return pr_tilbud, Periodetal(total_korrigeret, tuple(total_forbrug))


def _kraev_takstmodel(aar: int) -> None:
    if not Takstmodel.objects.filter(aar=aar).exists():
        raise BudgetGrundlagMangler(f"Der er ingen takstmodel for {aar}.")


def _gaeldende_version(aar: int) -> int:
    """The version rows must have; Genberegnes while a job recomputes the year."""
    tilstand = maanedstal_aar(aar)
    if tilstand.genberegnes and (
        timezone.now() - tilstand.opdateret < GENBEREGNING_STAAR_STILLE
    ):
        raise Genberegnes(aar, tilstand.beregnet, tilstand.i_alt)
    return tilstand.version


def _beregn_manglende(
    aar: int,
    grundlag: Sequence[engine.TilbudGrundlag],
    maaneder: dict[int, Maaneder],
    idag: datetime.date,
) -> tuple[dict[int, Maaneder], dict[int, Idagtal]]:
    """The tilbud without current rows, computed from their inputs (their
    settings as read for the model) for this read only and added to
    ``maaneder``; with the figures of the day of those whose ophold the
    computation read (maaneder_og_idagtal)."""
    mangler = [g for g in grundlag if g.id not in maaneder]
    if not mangler:
        return {}, {}
    ids = [g.id for g in mangler]
    beregnede, talte = maaneder_og_idagtal(ids, aar, idag, mangler)
    maaneder.update(beregnede)
    return beregnede, talte


def _dagens_tal(
    aar: int,
    synlige: Collection[int] | None,
    idag: datetime.date,
    ids: Sequence[int],
    talte: dict[int, Idagtal],
) -> dict[int, Idagtal]:
    """The figures of the day of every tilbud: those the computation counted
    from the ophold it read, the rest read in SQL (every visible tilbud when
    it counted none: no list of 1,500 ids sent)."""
    if not talte:
        return _idagtal(aar, synlige, idag)
    resten = [i for i in ids if i not in talte]
    return talte | (_idagtal(aar, resten, idag) if resten else {})


def _idagtal(
    aar: int, synlige: Collection[int] | None, idag: datetime.date
) -> dict[int, Idagtal]:
    """Per tilbud, in SQL: the head counts on the day (clamped into the year)
    and the tilgange and afgange of the year up to and including ``idag``."""
    ophold = Ophold.objects.all()  # annulled stays never were
    if synlige is not None:
        ophold = ophold.filter(tilbud_id__in=synlige)
    realiseret = _realiseret(ophold, aar, idag)
    dag = i_aaret(idag, aar)
    paa_dagen = ophold.filter(tilgang__lte=dag).filter(
        Q(afgang__isnull=True) | Q(afgang__gt=dag)
    )
    niveauer, solgte = _pr_niveau(paa_dagen, dag), _solgte(paa_dagen, dag)
    return {
        tilbud_id: Idagtal(
            borgere_pr_niveau=niveauer.get(tilbud_id, {}),
            solgte_pladser=solgte.get(tilbud_id, 0),
            tilgange_realiseret=realiseret.get(tilbud_id, (0, 0))[0],
            afgange_realiseret=realiseret.get(tilbud_id, (0, 0))[1],
        )
        for tilbud_id in set(niveauer) | set(solgte) | set(realiseret)
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


def _pr_niveau(paa_dagen, dag: datetime.date) -> dict[int, dict[str, int]]:
    """Per tilbud, the stays lived in on ``dag`` by the level in force then
    (a stay without one is left out, as engine.borgere_pr_niveau does)."""
    # Of an ophold's indplaceringer in force only one has a given date (the
    # constraint indplacering_en_pr_ophold_pr_dato), so the date alone orders.
    niveau = (
        Indplacering.objects.filter(ophold_id=OuterRef("pk"), gyldig_fra__lte=dag)
        .order_by("-gyldig_fra")
        .values("takstniveau_id")[:1]
    )
    rows = list(
        paa_dagen.annotate(niveau=Subquery(niveau))
        .values("tilbud_id", "niveau")
        .annotate(antal=Count("pk"))
        .values_list("tilbud_id", "niveau", "antal")
    )
    koder = dict(
        Takstniveau.objects.filter(pk__in={n for _, n, _ in rows}).values_list(
            "pk", "kode"
        )
    )
    pr_tilbud: dict[int, Counter] = defaultdict(Counter)
    for tilbud_id, niveau_id, antal in rows:
        if niveau_id is not None:
            pr_tilbud[tilbud_id][koder[niveau_id]] += antal
    return {tilbud_id: dict(antal) for tilbud_id, antal in pr_tilbud.items()}


def _solgte(paa_dagen, dag: datetime.date) -> dict[int, int]:
    """Per tilbud, the stays lived in on ``dag`` that another municipality
    pays for that day (its betalingskommune row in force)."""
    egen = egne_kommunekoder()
    kommune = (
        Betalingskommune.objects.filter(
            borger_id=OuterRef("borger_id"), gyldig_fra__lte=dag
        )
        .order_by("-gyldig_fra")
        .values("kommunekode")[:1]
    )
    # Only borgere another municipality has ever paid for can be sold.
    eksterne = Betalingskommune.objects.exclude(kommunekode__in=egen)
    rows = (
        paa_dagen.filter(borger_id__in=eksterne.values("borger_id"))
        .annotate(kommune=Subquery(kommune))
        .exclude(kommune__in=egen)
        .values("tilbud_id")
        .annotate(antal=Count("pk"))
        .values_list("tilbud_id", "antal")
    )
    return dict(rows)


def _total(
    aar: int,
    summer_: Maaneder,
    maaneder: Mapping[int, Maaneder],
    forbrug: Mapping[int, Mapping[int, Decimal]],
    noegletal: Sequence[engine.Noegletal],
    idag: Idagtal,
) -> engine.Noegletal:
    """The total by sum_noegletal's rules from the months summed in SQL: forbrug
    is None in a month no tilbud has actuals for, and forventet regnskab is
    each tilbud's forbrug where it has actuals, else its korrigeret budget."""
    forbrug_total: list[Decimal | None] = [None] * 12
    forventet = list(summer_.total_korrigeret)
    for tilbud_id, pr_maaned in forbrug.items():
        if tilbud_id not in maaneder:
            continue  # not shown (deleted since the rows were read)
        korrigeret = maaneder[tilbud_id].total_korrigeret
        for maaned, beloeb in pr_maaned.items():
            forbrug_total[maaned - 1] = (forbrug_total[maaned - 1] or NUL) + beloeb
            forventet[maaned - 1] += beloeb - korrigeret[maaned - 1]
    return noegletal_af(
        aar,
        sum(n.pladser for n in noegletal),
        _belaegning_forudsat(noegletal),
        summer_,
        tuple(forbrug_total),
        idag,
        forventet=tuple(forventet),
    )


def _sum_idagtal(tal: Iterable[Idagtal]) -> Idagtal:
    tal = list(tal)
    niveauer: Counter = Counter()
    for t in tal:
        niveauer.update(t.borgere_pr_niveau)  # one Counter, not one per tilbud
    return Idagtal(
        borgere_pr_niveau={kode: antal for kode, antal in niveauer.items() if antal},
        solgte_pladser=sum(t.solgte_pladser for t in tal),
        tilgange_realiseret=sum(t.tilgange_realiseret for t in tal),
        afgange_realiseret=sum(t.afgange_realiseret for t in tal),
    )
