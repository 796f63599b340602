"""Reads for progression (issue 19 item 4): a borger's levels and funktionsevne
over time, a tilbud's level movement and length of stay, and the due-list of
follow-ups. The rules are pure, in offers.engine; these load and convert.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q

from config.lib.formatting import format_dato
from offers import engine
from offers.models import Borger, Indplacering, Ophold, Tilbud
from offers.selectors import borger_doegnskemaer, borger_ophold, ophold_visible_to
from tariffs.models import VumTema


def _niveauer(ophold: Ophold) -> engine.OpholdNiveauer:
    """An ophold whose indplaceringer (with takstniveau) are prefetched."""
    return engine.OpholdNiveauer(
        tilgang=ophold.tilgang,
        afgang=ophold.afgang,
        niveauer=tuple(
            engine.Niveau(i.gyldig_fra, i.takstniveau.kode, i.takstniveau.raekkefoelge)
            for i in ophold.indplaceringer.all()
        ),
        tilbud=ophold.tilbud.navn,
    )


def _gaeldende(ophold: Ophold, dato: datetime.date) -> Indplacering | None:
    """The ophold's level in force on ``dato`` (its first, if it begins later)."""
    rows = sorted(ophold.indplaceringer.all(), key=lambda i: i.gyldig_fra)
    index = engine.gaeldende_niveau_index([i.gyldig_fra for i in rows], dato)
    return None if index is None else rows[index]


@dataclass(frozen=True)
class BorgerProgression:
    niveauer: list[engine.Niveauperiode]
    datoer: tuple[datetime.date, ...]  # the døgnskemaer that scored funktionsevne
    temaer: list[engine.Temaforloeb]
    opfoelgning: Indplacering | None  # the level whose follow-up comes next


def borger_progression(
    borger: Borger, idag: datetime.date, user: AbstractBaseUser | None = None
) -> BorgerProgression:
    """What ``user`` may see of the borger (a tilbudsleder: the stays in their
    tilbud, as offers.selectors), as levels and funktionsevne over time."""
    ophold = list(borger_ophold(borger, user))
    skemaer = borger_doegnskemaer(borger, user).prefetch_related("funktionsevner__tema")
    vurderinger = [
        engine.Vurdering(s.dato, {f.tema.kode: f.score for f in s.funktionsevner.all()})
        for s in skemaer
    ]
    temaer = VumTema.objects.order_by("raekkefoelge").values_list("kode", "navn")
    datoer, forloeb = engine.funktionsevne_forloeb(vurderinger, list(temaer))
    loebende = engine.aktuelt_ophold(ophold, idag) or engine.kommende_ophold(
        ophold, idag
    )
    return BorgerProgression(
        niveauer=engine.niveauforloeb(_niveauer(o) for o in ophold),
        datoer=datoer,
        temaer=forloeb,
        opfoelgning=_gaeldende(loebende, idag) if loebende else None,
    )


def _med_niveauer(ophold) -> Iterable[Ophold]:
    indplaceringer = Indplacering.objects.select_related("takstniveau").order_by(
        "gyldig_fra"
    )
    return ophold.select_related("borger", "tilbud").prefetch_related(
        Prefetch("indplaceringer", queryset=indplaceringer)
    )


def opfoelgninger_due(
    user: AbstractBaseUser, idag: datetime.date
) -> list[engine.Opfoelgning]:
    """The follow-ups due by today + 30 days, overdue first, of the levels in
    force (or first to come) in the stays not ended that ``user`` may see. A
    level replaced by a newer one is not due: the new decision followed it up."""
    ikke_sluttet = ophold_visible_to(user).filter(
        Q(afgang__isnull=True) | Q(afgang__gt=idag)
    )
    opfoelgninger = []
    for o in _med_niveauer(ikke_sluttet):
        niveau = _gaeldende(o, idag)
        if niveau is None or niveau.naeste_opfoelgning is None:
            continue
        opfoelgninger.append(
            engine.Opfoelgning(
                dato=niveau.naeste_opfoelgning,
                borger_id=o.borger_id,
                navn=o.borger.navn,
                cpr_maskeret=o.borger.cpr_maskeret,
                tilbud=o.tilbud.navn,
                kode=niveau.takstniveau.kode,
                indplacering_id=niveau.pk,
            )
        )
    return engine.opfoelgninger_forfaldne(opfoelgninger, idag)


@dataclass(frozen=True)
class TilbudProgression:
    bevaegelse: engine.Bevaegelse
    laengde: engine.Opholdslaengde


def tilbud_progression(tilbud: Tilbud, dato: datetime.date) -> TilbudProgression:
    """The tilbud's level movement over the 12 months to ``dato`` and its average
    length of stay (offers.engine.niveaubevaegelse, opholdslaengde)."""
    ophold = list(_med_niveauer(Ophold.objects.filter(tilbud=tilbud)))
    pr_borger: dict[int, list[engine.OpholdNiveauer]] = defaultdict(list)
    for o in ophold:
        pr_borger[o.borger_id].append(_niveauer(o))
    return TilbudProgression(
        bevaegelse=engine.niveaubevaegelse(pr_borger.values(), dato),
        laengde=engine.opholdslaengde(((o.tilgang, o.afgang) for o in ophold), dato),
    )


def progression_graf(p: BorgerProgression, idag: datetime.date) -> dict:
    """The borger page's two charts (static/js/grafer.js): the level's rækkefølge
    from each change (stepped, the last held to its end or today), and the
    funktionsevne per theme per døgnskema. Dates as the page shows them; the
    tables under the charts hold the same figures."""
    labels = [format_dato(n.fra) for n in p.niveauer]
    raekkefoelge = [n.raekkefoelge for n in p.niveauer]
    if p.niveauer:
        sidste = p.niveauer[-1]
        slut = sidste.til if sidste.til is not None else max(idag, sidste.fra)
        labels.append(format_dato(slut))
        raekkefoelge.append(sidste.raekkefoelge)
    return {
        "niveau_labels": labels,
        "niveau_raekkefoelge": raekkefoelge,
        "niveau_koder": {str(n.raekkefoelge): n.kode for n in p.niveauer},
        "funktionsevne_labels": [format_dato(d) for d in p.datoer],
        "funktionsevne": [
            {"label": t.navn, "data": list(t.scores)}
            for t in p.temaer
            if any(s is not None for s in t.scores)
        ],
    }
