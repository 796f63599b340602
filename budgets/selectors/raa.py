"""The year's ophold read as flat rows for the vectorised engine (issue 16 #2).

The same rows as grundlag._beregningsophold (ophold, indplaceringer, annulled
afgange, betalingskommuner), read with their dates as day numbers
(date.toordinal, computed by the database), so they become arrays without a
Python object per date; an engine.Ophold is built only for the few ophold the
arrays do not take (budgets.engine.vektor_raa.almindelige). Building ~50,000
Ophold objects and their segments one by one was most of a full computation.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import numpy as np
from django.db.models import F, Func, IntegerField
from django.db.models import Value as V
from django.db.models.functions import Cast, Coalesce, Round

from budgets import engine
from budgets.engine import vektor_raa
from budgets.engine.vektor_raa import AABEN, INGEN
from budgets.selectors.grundlag import (
    _annullerede_afgange,
    ophold_i_aaret,
    tillaeg_af,
)
from config.lib.sql import heltal_kolonner
from offers.models import Betalingskommune, Indplacering, er_ekstern
from tariffs.models import Takstniveau


class Dagnummer(Func):
    """date.toordinal() in SQL: 1 January of year 1 is day 1."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "((%(expressions)s) - DATE '0001-01-01' + 1)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(julianday(%(expressions)s) - 1721424.5 AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


UDEN = -1  # no hours (særtakst, bostøtte)


def _hundrededele(felt: str) -> Coalesce:
    """A decimal of two places as whole hundredths (UDEN for none); rounded
    first: SQLite may hold 7.3 as 7.2999…."""
    return Coalesce(Cast(Round(F(felt) * 100), IntegerField()), V(UDEN))


def _timer(hundrededele: np.int64) -> Decimal | None:
    return None if hundrededele == UDEN else Decimal(int(hundrededele)).scaleb(-2)


def _dag(felt: str, ingen: int) -> Coalesce:
    return Coalesce(Dagnummer(felt), V(ingen))


def _dato(dag: int) -> date | None:
    return None if dag in (INGEN, AABEN) else date.fromordinal(dag)


def ophold_som_raekker(
    tilbud_ids: Sequence[int], aar: int, kendt_pr: date | None
) -> tuple[vektor_raa.Raa, dict[int, list[engine.Ophold]]]:
    """The tilbud's ophold of the year: the plain ones as arrays (Raa), the
    others as engine.Ophold per tilbud id, for the walk."""
    opholdene = ophold_i_aaret(tilbud_ids, aar)
    ids, tilbud, borger, tilgang, afgang, t_reg, a_reg, annulleret = heltal_kolonner(
        opholdene.order_by(),  # the arrays need no order: no sort of 48,000 rows
        "id",
        "tilbud_id",
        "borger_id",
        _dag("tilgang", INGEN),
        _dag("afgang", AABEN),
        _dag("tilgang_registreret", INGEN),
        _dag("afgang_registreret", INGEN),
        _dag("annulleret", INGEN),
    )
    ind = _indplaceringer(opholdene, ids)
    afgange = _annullerede_afgange(opholdene) if len(ids) else {}
    # Issue 17: an ophold with a tillægstakst (even an annulled one) is walked.
    tillaeg = tillaeg_af(opholdene) if len(ids) else {}
    oph = vektor_raa.RaaOphold(
        id=ids,
        tilbud=_pladser(np.asarray(tilbud_ids, dtype=np.int64), tilbud),
        borger=borger,
        tilgang=tilgang,
        afgang=afgang,
        registreret=vektor_raa.ophold_kendt_fra(tilgang, afgang, t_reg, a_reg),
        saerlig=(
            (annulleret != INGEN)
            | np.isin(ids, list(afgange))
            | np.isin(ids, list(tillaeg))
        ),
        ekstern_af=borger,
        annulleret=annulleret != INGEN,
    )
    indplaceringer, noegler = ind
    eksterne = _eksterne(opholdene)
    plain = vektor_raa.almindelige(oph, indplaceringer, kendt_pr)
    raa = vektor_raa.Raa(aar, oph, indplaceringer, eksterne, noegler, plain)
    rows = (ids, tilbud, borger, tilgang, afgang, t_reg, a_reg, annulleret)
    return raa, _de_andre(raa, rows, afgange, tillaeg)


def _pladser(raekkefoelge: np.ndarray, vaerdier: np.ndarray) -> np.ndarray:
    """The index in ``raekkefoelge`` (distinct ids) of each of ``vaerdier``,
    which all are among them (the ophold read are those of these tilbud)."""
    orden = np.argsort(raekkefoelge, kind="stable")
    plads = np.searchsorted(raekkefoelge, vaerdier, sorter=orden)
    plads = orden[np.minimum(plads, len(orden) - 1)] if len(orden) else plads
    if not np.array_equal(raekkefoelge[plads], vaerdier):
        raise ValueError("Et ophold hører til et tilbud, der ikke blev spurgt efter.")
    return plads


def _indplaceringer(opholdene, ids: np.ndarray):
    """The indplaceringer as arrays, and the price keys (kode, særtakst-timer,
    visiterede timer pr. uge) their ``noegle`` indexes."""
    # Unordered: segmenter sorts the arrays itself, and the model's ordering
    # (by ophold) joined the stays again only to sort 64,000 rows on disk.
    alle = Indplacering.alle.filter(ophold_id__in=opholdene.values("id")).order_by()
    ophold, fra, reg, annulleret, id_, niveau, saertakst, uge = heltal_kolonner(
        alle,
        "ophold_id",
        Dagnummer("gyldig_fra"),
        _dag("registreret", INGEN),
        _dag("annulleret", INGEN),
        "id",
        "takstniveau_id",
        # Særtakst hours and bostøtte's hours per week (two decimals each) as
        # whole hundredths, in the same read.
        _hundrededele("saertakst_timer"),
        _hundrededele("visiterede_timer_pr_uge"),
    )
    # The price key: the level's kode (one per level id), or with særtakst or
    # bostøtte hours its own key per distinct (kode, hours, hours per week).
    koder = dict(
        Takstniveau.objects.filter(pk__in=np.unique(niveau).tolist()).values_list(
            "pk", "kode"
        )
    )
    noegler: dict[tuple, int] = {}
    niveauer, hvor = np.unique(niveau, return_inverse=True)
    pr_niveau = np.array(
        [
            noegler.setdefault((koder[n], None, None), len(noegler))
            for n in niveauer.tolist()
        ],
        dtype=np.int64,
    )
    noegle = pr_niveau[hvor.reshape(-1)] if len(niveau) else niveau
    for j in np.flatnonzero((saertakst != UDEN) | (uge != UDEN)).tolist():
        n = (koder[int(niveau[j])], _timer(saertakst[j]), _timer(uge[j]))
        noegle[j] = noegler.setdefault(n, len(noegler))
    orden = np.argsort(ids, kind="stable")
    plads = orden[np.searchsorted(ids, ophold, sorter=orden)] if len(ids) else ophold
    return vektor_raa.RaaIndplaceringer(
        ophold=plads,
        gyldig_fra=fra,
        noegle=noegle,
        registreret=vektor_raa.kendt_fra(fra, reg),
        annulleret=annulleret != INGEN,
        id=id_,
        datoer=(reg, annulleret),
    ), list(noegler)


def _eksterne(opholdene) -> vektor_raa.RaaEksterne:
    """perioder.perioder_hvor of each borger's betalingskommuner, for every
    borger at once: a period opens at a sold day after an own one (or the
    first row) and closes the day before the next own one."""
    kommuner = Betalingskommune.objects.filter(
        borger_id__in=opholdene.values("borger_id")
    ).order_by("borger_id", "gyldig_fra")
    rows = list(
        kommuner.values_list("borger_id", Dagnummer("gyldig_fra"), "kommunekode")
    )
    borger, fra = (np.array([r[j] for r in rows], dtype=np.int64) for j in (0, 1))
    koder = [r[2] for r in rows]
    ekstern = {k: er_ekstern(k) for k in set(koder)}
    flag = np.array([ekstern[k] for k in koder], dtype=bool)
    foerste = np.r_[True, borger[1:] != borger[:-1]] if len(borger) else flag
    foer = np.r_[False, flag[:-1]] & ~foerste
    aabner = np.flatnonzero(flag & ~foer)
    lukker = np.flatnonzero(~flag & foer)
    # Each opening is closed by the next closing row of the same borger, if any.
    naeste = np.searchsorted(lukker, aabner)
    har = naeste < len(lukker)
    slut = np.full(len(aabner), AABEN, dtype=np.int64)
    luk = lukker[naeste[har]]
    samme = borger[luk] == borger[aabner[har]]
    slut[np.flatnonzero(har)[samme]] = fra[luk[samme]].astype(np.int64) - 1
    return vektor_raa.RaaEksterne(
        borger=borger[aabner].astype(np.int64),
        fra=fra[aabner].astype(np.int64),
        til=slut,
    )


def _de_andre(
    raa: vektor_raa.Raa, rows, afgange, tillaeg
) -> dict[int, list[engine.Ophold]]:
    """engine.Ophold of the ophold that are not plain, per tilbud id."""
    andre = np.flatnonzero(~raa.plain)
    if not len(andre):
        return {}
    ids, tilbud, borger, tilgang, afgang, t_reg, a_reg, annulleret = (
        k[andre].tolist() for k in rows
    )
    ind = raa.indplaceringer
    valgt = np.flatnonzero(~raa.plain[ind.ophold])
    reg, annulleret_dag = (d[valgt].tolist() for d in ind.datoer)
    indplaceringer: dict[int, list[tuple]] = defaultdict(list)
    for j, o, fra, n, r, a in zip(
        ind.id[valgt].tolist(),
        ind.ophold[valgt].tolist(),
        ind.gyldig_fra[valgt].tolist(),
        ind.noegle[valgt].tolist(),
        reg,
        annulleret_dag,
        strict=True,
    ):
        kode, timer, uge = raa.noegler[n]
        indplacering = engine.Indplacering(
            date.fromordinal(fra), kode, timer, _dato(r), _dato(a), uge
        )
        indplaceringer[o].append((fra, j, indplacering))
    eksterne = _perioder_pr_borger(raa.eksterne, set(borger))
    result: dict[int, list[engine.Ophold]] = defaultdict(list)
    for k, o in enumerate(andre.tolist()):
        niveauer = sorted(indplaceringer[o], key=lambda x: x[:2])
        result[tilbud[k]].append(
            engine.Ophold(
                id=ids[k],
                borger="",
                tilgang=date.fromordinal(tilgang[k]),
                afgang=_dato(afgang[k]),
                indplaceringer=tuple(i for _, _, i in niveauer),
                eksterne=eksterne.get(borger[k], ()),
                tilgang_registreret=_dato(t_reg[k]),
                afgang_registreret=_dato(a_reg[k]),
                borger_id=borger[k],
                annulleret=_dato(annulleret[k]),
                annullerede_afgange=tuple(afgange.get(ids[k], ())),
                tillaeg=tuple(tillaeg.get(ids[k], ())),
            )
        )
    return result


def _perioder_pr_borger(
    eksterne: vektor_raa.RaaEksterne, borgere: set[int]
) -> dict[int, tuple[engine.Periode, ...]]:
    """The ekstern periods of the borgere, as engine.Ophold.eksterne holds them."""
    result: dict[int, list[engine.Periode]] = defaultdict(list)
    for b, fra, til in zip(
        eksterne.borger.tolist(),
        eksterne.fra.tolist(),
        eksterne.til.tolist(),
        strict=True,
    ):
        if b in borgere:
            result[b].append((date.fromordinal(fra), _dato(til)))
    return {b: tuple(p) for b, p in result.items()}
