"""The statement of a month as invoiced (issue 18: an invoiced month never moves).

A kommune's month that is marked faktureret shows the lines stored with the
mark, never a recomputation. If a recomputation of it now differs (a late
afgang, a level change with an earlier date, a takst change), the difference per
borger is an efterregulering line on the kommune's next month that is not
invoiced: the first un-invoiced month after the invoiced one. When that month is
invoiced in its turn, its efterregulering lines are stored with it, so the
difference is invoiced once (engine.afregning.efterregulering subtracts them).
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from budgets.engine import afregning as beregning
from budgets.models import AfregningFaktureret, AfregningFaktureretLinje
from budgets.selectors.afregning import Salg, afloeb, salg_i_aaret
from budgets.selectors.grundlag import BudgetGrundlagMangler

# How far back an unbroken run of invoiced months is followed for their
# efterreguleringer (a claim older than this is out of time anyway).
TILBAGE_MAANEDER = 24

Maaned = tuple[int, int]


def _linje(r: AfregningFaktureretLinje, kode: str) -> beregning.Afregningslinje:
    return beregning.Afregningslinje(
        kommunekode=kode,
        tilbud_id=r.tilbud_ref,
        tilbud=r.tilbud_navn,
        ophold_id=r.ophold_ref,
        borger=r.borger,
        fra=r.fra,
        til=r.til,
        niveau_kode=r.niveau_kode,
        saertakst_timer=r.saertakst_timer,
        basistakst=r.basistakst,
        servicetakst=r.servicetakst,
        efterregulering_pr_doegn=r.efterregulering_pr_doegn,
        tillaeg=r.tillaeg or None,
        hverdage=r.hverdage,
    )


def _efterregulering(
    r: AfregningFaktureretLinje, kode: str
) -> beregning.Efterreguleringslinje:
    return beregning.Efterreguleringslinje(
        kommunekode=kode,
        tilbud_id=r.tilbud_ref,
        tilbud=r.tilbud_navn,
        ophold_id=r.ophold_ref,
        borger=r.borger,
        aar=r.reguleret_aar,
        maaned=r.reguleret_maaned,
        beloeb=r.beloeb,
    )


class _Faktureringer:
    """Every mark and stored line of the kommuner, read once."""

    def __init__(self, koder: set[str]) -> None:
        self.marker: set[tuple[str, int, int]] = set()
        self.linjer: dict[tuple[str, int, int], list] = defaultdict(list)
        self.reguleret: dict[tuple[str, int, int], list] = defaultdict(list)
        self.efterreg_i: dict[tuple[str, int, int], list] = defaultdict(list)
        rows = AfregningFaktureretLinje.objects.filter(
            faktureret__kommunekode__in=koder
        ).select_related("faktureret")
        for m in AfregningFaktureret.objects.filter(kommunekode__in=koder):
            self.marker.add((m.kommunekode, m.aar, m.maaned))
        for r in rows.order_by("pk"):
            f = r.faktureret
            egen = (f.kommunekode, f.aar, f.maaned)
            if r.er_efterregulering:
                e = _efterregulering(r, f.kommunekode)
                self.efterreg_i[egen].append(e)
                self.reguleret[(f.kommunekode, e.aar, e.maaned)].append(e)
            else:
                self.linjer[egen].append(_linje(r, f.kommunekode))

    def faktureret(self, kode: str, maaned: Maaned) -> bool:
        return (kode, *maaned) in self.marker


class _Genberegning:
    """Months recomputed now, one read of the stays per year."""

    def __init__(self, user: AbstractBaseUser | None) -> None:
        self.user, self.salg, self.maaneder = user, {}, {}

    def _salg(self, aar: int) -> Salg | None:
        if aar not in self.salg:
            try:
                self.salg[aar] = salg_i_aaret(aar, self.user)
            except BudgetGrundlagMangler:
                # Not an empty month: a year that cannot be priced now is not
                # regulated (its invoice stands) rather than regulated to zero.
                self.salg[aar] = None
        return self.salg[aar]

    def afregning(self, maaned: Maaned) -> beregning.Afregning | None:
        if maaned not in self.maaneder:
            salg = self._salg(maaned[0])
            self.maaneder[maaned] = (
                None if salg is None else beregning.afregning(salg, *maaned, afloeb())
            )
        return self.maaneder[maaned]


def _udestaaende(
    kode: str, maaned: Maaned, f: _Faktureringer, g: _Genberegning
) -> tuple[beregning.Efterreguleringslinje, ...]:
    """The efterreguleringer the un-invoiced ``maaned`` carries for the kommune:
    those of the unbroken run of invoiced months just before it."""
    ud: list[beregning.Efterreguleringslinje] = []
    forrige = beregning.foregaaende_maaned(*maaned)
    for _ in range(TILBAGE_MAANEDER):
        if not f.faktureret(kode, forrige):
            break
        nu_afr = g.afregning(forrige)  # only an invoiced month is recomputed
        if nu_afr is None:
            break
        nu = nu_afr.kommune(kode).linjer
        ud[:0] = beregning.efterregulering(
            kode,
            *forrige,
            nu,
            f.linjer[(kode, *forrige)],
            f.reguleret[(kode, *forrige)],
        )
        forrige = beregning.foregaaende_maaned(*forrige)
    return tuple(ud)


def _kommune(
    kode: str, maaned: Maaned, beregnet: beregning.Afregning, f, g
) -> beregning.Kommuneafregning:
    if f.faktureret(kode, maaned):
        return beregning.Kommuneafregning(
            kode,
            tuple(f.linjer[(kode, *maaned)]),
            tuple(f.efterreg_i[(kode, *maaned)]),
            faktureret=True,
        )
    return beregning.Kommuneafregning(
        kode, beregnet.kommune(kode).linjer, _udestaaende(kode, maaned, f, g)
    )


def opgoerelse_for(
    aar: int, maaned: int, user: AbstractBaseUser | None
) -> beregning.Afregning:
    """The month's statement per kommune: an invoiced kommune's stored lines
    and efterreguleringer, another's computed lines and the efterreguleringer
    it carries. Raises BudgetGrundlagMangler like afregning_for when the month
    itself cannot be computed."""
    g = _Genberegning(user)
    salg = salg_i_aaret(aar, user)  # raises for a year without a takstmodel
    g.salg[aar] = salg
    beregnet = beregning.afregning(salg, aar, maaned, afloeb())
    g.maaneder[(aar, maaned)] = beregnet
    koder = set(
        AfregningFaktureret.objects.values_list("kommunekode", flat=True).distinct()
    ) | {k.kommunekode for k in beregnet.kommuner}
    f = _Faktureringer(koder)
    kommuner = (_kommune(kode, (aar, maaned), beregnet, f, g) for kode in sorted(koder))
    return beregning.Afregning(
        aar=aar,
        maaned=maaned,
        afloeb=beregnet.afloeb,
        kommuner=tuple(k for k in kommuner if k.linjer or k.efterreguleringer),
    )


def efterregulering_af(
    kommunekode: str, aar: int, maaned: int, user: AbstractBaseUser | None
) -> Decimal:
    """How much a recomputation of an invoiced month now differs from what was
    invoiced for it (less efterreguleringer invoiced since): shown on the
    invoiced statement. Zero for a month not invoiced."""
    f = _Faktureringer({kommunekode})
    if not f.faktureret(kommunekode, (aar, maaned)):
        return Decimal(0)
    nu = _Genberegning(user).afregning((aar, maaned))
    if nu is None:
        return Decimal(0)
    linjer = beregning.efterregulering(
        kommunekode,
        aar,
        maaned,
        nu.kommune(kommunekode).linjer,
        f.linjer[(kommunekode, aar, maaned)],
        f.reguleret[(kommunekode, aar, maaned)],
    )
    return sum((e.beloeb for e in linjer), Decimal(0))
