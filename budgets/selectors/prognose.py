"""The prognose of the year (issue 19 #1): per tilbud and in total, from the
central model's korrigeret budget and forbrug, last year's forbrug (the
seasonal profile), the residents on the day and the tilbud's ended stays.

The pure rule is budgets.engine.prognose; here its inputs are read, set-based.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgets import engine
from budgets.engine.perioder import NUL, i_aaret, sidste_dag
from budgets.engine.prognose import (
    Prognose,
    Prognosegrundlag,
    Tilbageblik,
    Ventende,
    beboernes_aktivitet,
    forventede_tilgange,
    prognose,
    prognose_som_kendt,
    tilbageblik,
    tilbageblik_i_alt,
)
from budgets.selectors.central import central_for, synlige_tilbud
from budgets.selectors.grundlag import (
    _beregningsophold,
    _prisliste,
    aarsgrundlag_for,
)
from budgets.selectors.maanedstal import forbrug_pr_maaned
from budgets.selectors.resultater import TilbudResultat, tilbud_resultater
from config.lib import datastamp
from offers.models import Ophold, Tilbud, Ventelisteplads


@dataclass(frozen=True)
class Tilbudsprognose:
    grundlag: engine.TilbudGrundlag
    noegletal: engine.Noegletal
    prognose: Prognose
    sidste_aars_forbrug: tuple[Decimal | None, ...]
    beboere: int  # residents on the day with no registered afgang
    gns_opholdsdage: Decimal | None
    ventende: tuple[Ventende, ...] = ()  # the waiting list the prognose read


@dataclass(frozen=True)
class Centralprognose:
    aar: int
    dag: datetime.date
    raekker: tuple[Tilbudsprognose, ...]
    total: engine.Noegletal

    @property
    def pr_maaned(self) -> tuple[Decimal, ...]:
        return tuple(
            sum((r.prognose.pr_maaned[m] for r in self.raekker), NUL) for m in range(12)
        )

    def del_pr_maaned(self, navn: str) -> tuple[Decimal, ...]:
        """The total of one part (kendt, tilgange, afgange) per month ahead."""
        return tuple(
            sum((getattr(r.prognose.maaneder[m], navn) for r in self.raekker), NUL)
            for m in range(12)
        )

    @property
    def i_alt(self) -> Decimal:
        return sum(self.pr_maaned, NUL)

    @property
    def pr_tilbud(self) -> dict[int, Decimal]:
        """The year's prognose per tilbud id (the central table's column)."""
        return {r.grundlag.id: r.prognose.i_alt for r in self.raekker}


def prognose_for(user, aar: int, idag: datetime.date) -> Centralprognose:
    """The prognose over the tilbud the user may see (a tilbudsleder: their own),
    kept in the shared cache under the stamp of the committed data."""
    synlige = synlige_tilbud(user)
    parts = (aar, idag, None if synlige is None else sorted(synlige))
    return datastamp.cached(
        "prognose", parts, lambda: _prognose(user, synlige, aar, idag)
    )


def _prognose(
    user, synlige: Collection[int] | None, aar: int, idag: datetime.date
) -> Centralprognose:
    central = central_for(user, aar, idag)
    dag = i_aaret(idag, aar)
    ids = [g.id for g, _ in central.raekker]
    sidste = forbrug_pr_maaned(aar - 1, synlige)
    grundaar = aarsgrundlag_for(aar)
    # Only the residents on the day with no afgang: all beboernes_aktivitet
    # reads (the year's every stay with its labels took 2 s at national scale).
    opholdene = _beregningsophold(ids, aar, aabne_paa=dag)
    ophold_dage = gns_opholdsdage(ids, dag)
    venteliste = _venteliste(ids)
    raekker = []
    for g, n in central.raekker:
        prisliste = _prisliste(g, grundaar)
        beboere = beboernes_aktivitet(g, opholdene.get(g.id, ()), prisliste, dag)
        ventende = tuple(venteliste.get(g.id, ()))
        sidste_aar = tuple(sidste.get(g.id, {}).get(m) for m in range(1, 13))
        p = prognose(
            Prognosegrundlag(
                aar=aar,
                dag=dag,
                korrigeret=n.total_korrigeret,
                forbrug=n.forbrug,
                sidste_aars_forbrug=sidste_aar,
                tilgange=forventede_tilgange(g, prisliste, ventende, beboere, dag),
                beboere=beboere,
                gns_opholdsdage=ophold_dage.get(g.id),
                hverdage=prisliste.hverdage,
            )
        )
        raekker.append(
            Tilbudsprognose(
                g,
                n,
                p,
                sidste_aar,
                len(beboere),
                ophold_dage.get(g.id),
                ventende,
            )
        )
    return Centralprognose(aar, dag, tuple(raekker), central.total)


def _venteliste(tilbud_ids: Sequence[int]) -> dict[int, list[Ventende]]:
    """Each tilbud's waiting list: wanted date, probability, expected level."""
    rows = (
        Ventelisteplads.objects.filter(tilbud_id__in=tilbud_ids)
        .order_by("tilbud_id", "oensket_dato", "pk")
        .values_list(
            "tilbud_id", "oensket_dato", "sandsynlighed", "forventet_niveau__kode"
        )
    )
    result: dict[int, list[Ventende]] = defaultdict(list)
    for tilbud_id, dato, sandsynlighed, kode in rows:
        result[tilbud_id].append(Ventende(dato, sandsynlighed, kode))
    return result


def gns_opholdsdage(
    tilbud_ids: Sequence[int], dag: datetime.date
) -> dict[int, Decimal]:
    """Each tilbud's average length of its stays ended by ``dag``: days of
    [tilgang, afgang), annulled stays left out (they never were)."""
    rows = (
        Ophold.objects.filter(
            tilbud_id__in=tilbud_ids, afgang__isnull=False, afgang__lte=dag
        )
        .order_by()
        .values_list("tilbud_id", "tilgang", "afgang")
    )
    dage: dict[int, list[int]] = defaultdict(list)
    for tilbud_id, tilgang, afgang in rows:
        dage[tilbud_id].append((afgang - tilgang).days)
    return {t: Decimal(sum(d)) / len(d) for t, d in dage.items() if sum(d) > 0}


def tilbageblik_for(r: TilbudResultat, idag: datetime.date) -> list[Tilbageblik]:
    """Back-testing one tilbud (issue 19 #2): each past month with actuals
    against the prognose made at the end of the month 1, 3 and 6 months before
    it, made again from what was registered by then (prognose_som_kendt).

    Per tilbud: twelve runs of the reference engine at most. ``r``: the
    tilbud's budget model of the year (tilbud_resultat), which the page reads
    for its ledger too. In total: tilbageblik_i_alt_for."""
    tilbud, aar = r.tilbud, r.noegletal.aar
    sidste = forbrug_pr_maaned(aar - 1, [tilbud.pk]).get(tilbud.pk, {})
    return _tilbageblik(r, idag, sidste, _gns_pr_maaned([tilbud.pk], aar, idag))


def _gns_pr_maaned(
    tilbud_ids: Sequence[int], aar: int, idag: datetime.date
) -> dict[int, dict[int, Decimal]]:
    """gns_opholdsdage at the end of each past month (1–11): one read a month."""
    result = {}
    for maaned in range(1, 12):
        dag = sidste_dag(aar, maaned)
        if dag >= idag:
            break
        result[maaned] = gns_opholdsdage(tilbud_ids, dag)
    return result


def _tilbageblik(
    r: TilbudResultat,
    idag: datetime.date,
    sidste: dict[int, Decimal],
    gns: dict[int, dict[int, Decimal]],
) -> list[Tilbageblik]:
    tilbud, aar = r.tilbud, r.noegletal.aar
    forbrug = r.noegletal.forbrug
    sidste_aar = tuple(sidste.get(m) for m in range(1, 13))
    senest = max((m + 1 for m, f in enumerate(forbrug) if f is not None), default=0)
    prognoser = {}
    for maaned in range(1, senest):
        dag = sidste_dag(aar, maaned)
        if dag >= idag:
            break
        p = prognose_som_kendt(
            r.grundlag,
            r.opholdene,
            r.prisliste,
            maaned,
            forbrug,
            sidste_aar,
            gns.get(maaned, {}).get(tilbud.pk),
        )
        prognoser[maaned] = p.pr_maaned
    return tilbageblik(prognoser, forbrug)


def tilbageblik_i_alt_for(user, aar: int, idag: datetime.date) -> list[Tilbageblik]:
    """Back-testing in total (issue 19 #2) over the tilbud the user may see: each
    tilbud's back-test (as on its page) summed per month and lag
    (tilbageblik_i_alt). Each tilbud's budget model from one set of reads, last
    year's forbrug and the lengths of stay read once for all; kept in the shared
    cache under the stamp of the committed data, as prognose_for."""
    synlige = synlige_tilbud(user)
    parts = (aar, idag, None if synlige is None else sorted(synlige))
    return datastamp.cached(
        "prognose-tilbageblik",
        parts,
        lambda: _tilbageblik_i_alt(user, aar, idag),
    )


def _tilbageblik_i_alt(user, aar: int, idag: datetime.date) -> list[Tilbageblik]:
    ids = [r.grundlag.id for r in prognose_for(user, aar, idag).raekker]
    tilbud = Tilbud.objects.filter(pk__in=ids).order_by("pk")
    resultater = tilbud_resultater(tilbud, aar, idag, med_ledger=False)
    sidste = forbrug_pr_maaned(aar - 1, ids)
    gns = _gns_pr_maaned(ids, aar, idag)
    return tilbageblik_i_alt(
        _tilbageblik(r, idag, sidste.get(r.tilbud.pk, {}), gns) for r in resultater
    )
