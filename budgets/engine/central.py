"""The central budgetmodel: every tilbud side by side and summed (DOMAIN.md §7).

The total only sums the per-tilbud figures (DOMAIN.md §8: nothing is computed
twice in another way); ratios follow from the sums through Noegletal's properties.
"""

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from budgets.engine.grundlag import TilbudGrundlag
from budgets.engine.noegletal import Noegletal, forbrugsprocent_samme_periode
from budgets.engine.perioder import NUL, NUL_MAANEDER

# A tilbud's settings and key figures: all the central model shows of it. The
# budget itself (months, ledger) stays with the tilbudsspecifik model.
CentralRaekke = tuple[TilbudGrundlag, Noegletal]


@dataclass(frozen=True)
class Central:
    """The rows of the central model and their total.

    ``sidste_aar`` maps a tilbud id to the forbrugsprocent of the same period last
    year, ``sidste_aar_total`` is the total's (forbrugsprocent_samme_periode);
    None where there is none.
    """

    raekker: tuple[CentralRaekke, ...]
    total: Noegletal
    sidste_aar: Mapping[int, Decimal | None] = field(default_factory=dict)
    sidste_aar_total: Decimal | None = None

    def grupper(self, orden: Sequence[str] = ()) -> tuple["Gruppe", ...]:
        """Issue 17: the rows grouped by tilbudstype, each with its subtotal.

        ``orden`` lists the tilbudstyper in the order to show them (the
        choices' order); a type not in it comes after, by name. Within a group
        the rows keep their order. A subtotal is sum_noegletal of the group's
        rows, as the total is of all rows (DOMAIN.md §8: nothing computed
        twice in another way), so the subtotals sum to the total.
        """
        pr_type: dict[str, list[CentralRaekke]] = {}
        for raekke in self.raekker:
            pr_type.setdefault(raekke[0].tilbudstype, []).append(raekke)
        plads = {t: i for i, t in enumerate(orden)}
        typer = sorted(pr_type, key=lambda t: (plads.get(t, len(plads)), t))
        return tuple(
            Gruppe(
                t,
                tuple(pr_type[t]),
                sum_noegletal([n for _, n in pr_type[t]], self.total.aar),
            )
            for t in typer
        )


@dataclass(frozen=True)
class Gruppe:
    """The central model's rows of one tilbudstype and their subtotal."""

    tilbudstype: str
    raekker: tuple[CentralRaekke, ...]
    subtotal: Noegletal


def _sum_maaneder(vaerdier: Sequence[tuple]) -> tuple:
    """Month by month sum; a month is None only if it is None in every row."""
    return tuple(
        None if all(v is None for v in maaned) else sum(v or 0 for v in maaned)
        for maaned in zip(*vaerdier, strict=True)
    )


# The neutral row: what a municipality without tilbud sums to.
_NUL_RAEKKE = Noegletal(
    aar=0,
    pladser=0,
    borgere=0,
    borgerdage=0,
    belaegning_forudsat=None,
    borgere_pr_niveau={},
    fast=NUL_MAANEDER,
    aktivitet_oprindeligt=NUL_MAANEDER,
    aktivitet_korrigeret=NUL_MAANEDER,
    total_oprindeligt=NUL_MAANEDER,
    total_korrigeret=NUL_MAANEDER,
    forbrug=(None,) * 12,
    forventet_regnskab_maaneder=NUL_MAANEDER,
    solgte_pladser=0,
    indtaegt_salg=NUL,
    tilgange_realiseret=0,
    tilgange_forventet=0,
    afgange_realiseret=0,
    afgange_forventet=0,
    borgere_ultimo=(0,) * 12,
    tilgange=(0,) * 12,
    afgange=(0,) * 12,
)


def _sum_felt(vaerdier: Sequence) -> object:
    first = vaerdier[0]
    if isinstance(first, tuple):
        return _sum_maaneder(vaerdier)
    if isinstance(first, dict):
        return dict(sum((Counter(v) for v in vaerdier), Counter()))
    return sum(vaerdier)


def _belaegning_forudsat(raekker: Sequence[Noegletal]) -> Decimal | None:
    """Assumed belægning of the total, weighted by pladser."""
    pladser = sum(n.pladser for n in raekker)
    if not pladser:
        return None
    vaegtet = sum((n.pladser * (n.belaegning_forudsat or NUL) for n in raekker), NUL)
    return vaegtet / pladser


def sum_noegletal(raekker: Sequence[Noegletal], aar: int) -> Noegletal:
    """The sum of several tilbud's Noegletal of the same year (none: zeros)."""
    if any(n.aar != aar for n in raekker):
        raise ValueError(f"Alle tilbud skal have nøgletal for {aar}.")
    saerlige = {"aar", "belaegning_forudsat"}
    felter = {
        f.name: _sum_felt([getattr(n, f.name) for n in raekker or [_NUL_RAEKKE]])
        for f in dataclasses.fields(Noegletal)
        if f.name not in saerlige
    }
    return Noegletal(
        aar=aar, belaegning_forudsat=_belaegning_forudsat(raekker), **felter
    )


def central_budget(
    raekker: Sequence[CentralRaekke],
    aar: int | None = None,
    sidste_aar: Sequence[CentralRaekke] | None = None,
) -> Central:
    """DOMAIN.md §7: all tilbud side by side and in total.

    ``aar`` is only needed when there are no rows. ``sidste_aar``: last year's
    rows (None: that year has no budget), for the forbrugsprocent of the same
    period last year; the total's sums the same tilbud's rows of last year.
    """
    raekker = tuple(raekker)
    if aar is None:
        if not raekker:
            raise ValueError("Angiv året for en central budgetmodel uden tilbud.")
        aar = raekker[0][1].aar
    total = sum_noegletal([noegletal for _, noegletal in raekker], aar)
    if sidste_aar is None:
        return Central(raekker=raekker, total=total)
    forrige = {grundlag.id: noegletal for grundlag, noegletal in sidste_aar}
    pr_tilbud = {
        g.id: forbrugsprocent_samme_periode(n, forrige.get(g.id)) for g, n in raekker
    }
    samme = [forrige[g.id] for g, _ in raekker if g.id in forrige]
    forrige_total = sum_noegletal(samme, aar - 1) if samme else None
    return Central(
        raekker=raekker,
        total=total,
        sidste_aar=pr_tilbud,
        sidste_aar_total=forbrugsprocent_samme_periode(total, forrige_total),
    )
