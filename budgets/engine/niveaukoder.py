"""Which level codes a year's budget must price (DOMAIN.md §3, §6, §8).

A placement names its level by code, and each budget year prices the code with
that year's takstmodel. A code in force on a financed day of the year must
therefore have a servicetakst in the year's model, or the year cannot be priced.
"""

import dataclasses
from collections.abc import Collection, Iterable

from budgets.engine.bidrag import segment_dage
from budgets.engine.grundlag import Ophold


def _som_registreret(ophold: Ophold) -> Ophold:
    """The ophold with nothing annulled: the ledger prices that state too (an
    annulment is an entry of its own), so its codes need a price as well."""
    if ophold.annulleret is None and all(
        i.annulleret is None for i in ophold.indplaceringer
    ):
        return ophold
    return dataclasses.replace(
        ophold,
        annulleret=None,
        indplaceringer=tuple(
            dataclasses.replace(i, annulleret=None) for i in ophold.indplaceringer
        ),
    )


def koder_uden_pris(
    opholdene: Iterable[Ophold], prissatte: Collection[str], aar: int
) -> dict[str, tuple[str, ...]]:
    """Each code in force on a financed day of ``aar`` that is not in ``prissatte``
    (the codes with a servicetakst in the year's takstmodel), with the (masked)
    borgere on it; both sorted. Empty: every financed day can be priced.

    The days are those the budget finances, from tilgang through the month after
    afgang (§6): an afgang in December needs its code in January. A placement with
    its own særtakst or bostøtte hours needs no fixed price. Annulled placements
    count too.
    """
    opholdene = list(opholdene)
    if alle_prissat(opholdene, prissatte):
        return {}
    borgere: dict[str, set[str]] = {}
    for ophold in opholdene:
        for indplacering, _ in segment_dage(_som_registreret(ophold), aar):
            kode = indplacering.niveau_kode
            if not indplacering.egne_timer and kode not in prissatte:
                borgere.setdefault(kode, set()).add(ophold.borger)
    return {kode: tuple(sorted(navne)) for kode, navne in sorted(borgere.items())}


def alle_prissat(opholdene: Iterable[Ophold], prissatte: Collection[str]) -> bool:
    """Whether every fixed-price code of any placement has a price: then no day
    can lack one, and the walk over the financed days is not needed (one set
    operation for the year instead of the segments of every ophold)."""
    koder = {
        i.niveau_kode
        for ophold in opholdene
        for i in ophold.indplaceringer
        if not i.egne_timer
    }
    return koder.issubset(prissatte)
