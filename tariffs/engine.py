"""Pure calculations for timepris, takstmodel, basistakst and indplacering.

DOMAIN.md §2-§5. Decimal, int and date in and out; no Django, no clock. The only
rounding is ``round_to_oere`` and it happens exactly where DOMAIN.md says: each
timepris and each per-døgn takst, once.
"""

import calendar
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from config.lib.money import round_to_oere

HUNDREDE = Decimal(100)
NUL = Decimal(0)

# --- Issue 13 #3: a change of takster in a running year -------------------------


@dataclass(frozen=True)
class Takstskift:
    """The takster in force *before* a change made in a running year.

    A change of the timepris or takstmodel with a ``gyldig_fra`` date prices the
    days before it at the old takster, from it at the new. The models hold the
    newest takster; each Takstskift keeps the rounded takster that applied up to
    the day before ``gyldig_fra`` (and from the previous change's ``gyldig_fra``,
    or 1 January). ``registreret`` is the day the change was saved: the ledger
    shows it as a "takstændring" entry registered then.
    """

    gyldig_fra: date
    registreret: date | None
    timepris_direkte: Decimal
    servicetakster: Mapping[str, Decimal]


# --- §2 Timepris -------------------------------------------------------------

FRAVAER = "fravaer"
TIDSANVENDELSE = "tidsanvendelse"


@dataclass(frozen=True)
class Linje:
    """One fravær or tidsanvendelse line (DOMAIN.md §2): hours per year or percent.

    Fravær percent is of the norm; tidsanvendelse percent is of fremmøde.
    """

    kategori: str
    timer: Decimal | None = None
    procent: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.timer is None) == (self.procent is None):
            raise ValueError(
                f"Linjen '{self.kategori}' skal have enten timer eller procent."
            )

    def timer_af(self, grundlag_timer: Decimal) -> Decimal:
        """Hours of this line, with percent taken of ``grundlag_timer``."""
        if self.timer is not None:
            return self.timer
        assert self.procent is not None
        return grundlag_timer * self.procent / HUNDREDE


@dataclass(frozen=True)
class Timeprisgrundlag:
    """The inputs of a timeprismodel (DOMAIN.md §2)."""

    aarsloen: Decimal
    aarsnorm_timer: Decimal
    fravaer: tuple[Linje, ...] = ()
    tidsanvendelse: tuple[Linje, ...] = ()


def fravaer_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: sum of fravær, percent lines taken of the norm. Unrounded."""
    return sum((linje.timer_af(g.aarsnorm_timer) for linje in g.fravaer), NUL)


def fremmoede_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: aarsnorm_timer - sum(fravær). Unrounded."""
    return g.aarsnorm_timer - fravaer_timer(g)


def indirekte_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: sum of tidsanvendelse, percent lines taken of fremmøde."""
    fremmoede = fremmoede_timer(g)
    return sum((linje.timer_af(fremmoede) for linje in g.tidsanvendelse), NUL)


def direkte_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: fremmoede_timer - indirekte_timer ("ATA-tid"). Unrounded."""
    return fremmoede_timer(g) - indirekte_timer(g)


def timepris_fremmoede(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: aarsloen / fremmoede_timer, rounded to øre once."""
    fremmoede = fremmoede_timer(g)
    if fremmoede <= 0:
        raise ValueError("Fremmødetimerne skal være større end 0.")
    return round_to_oere(g.aarsloen / fremmoede)


def timepris_direkte(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: aarsloen / direkte_timer, rounded to øre once."""
    direkte = direkte_timer(g)
    if direkte <= 0:
        raise ValueError("De direkte timer skal være større end 0.")
    return round_to_oere(g.aarsloen / direkte)


@dataclass(frozen=True)
class Timepriser:
    """Every derived figure of DOMAIN.md §2, so the UI can show each one."""

    fravaer_timer: Decimal
    fremmoede_timer: Decimal
    indirekte_timer: Decimal
    direkte_timer: Decimal
    timepris_fremmoede: Decimal
    timepris_direkte: Decimal


def timepriser(g: Timeprisgrundlag) -> Timepriser:
    """All figures of DOMAIN.md §2 for one grundlag."""
    return Timepriser(
        fravaer_timer=fravaer_timer(g),
        fremmoede_timer=fremmoede_timer(g),
        indirekte_timer=indirekte_timer(g),
        direkte_timer=direkte_timer(g),
        timepris_fremmoede=timepris_fremmoede(g),
        timepris_direkte=timepris_direkte(g),
    )


@dataclass(frozen=True)
class Hvis:
    """A what-if (DOMAIN.md §2: "what happens if sick leave rises by 1 %?")."""

    foer: Timepriser
    efter: Timepriser

    @property
    def forskel(self) -> Timepriser:
        """Each figure as efter - foer (positive: the change raises it)."""
        return Timepriser(
            **{
                felt.name: getattr(self.efter, felt.name)
                - getattr(self.foer, felt.name)
                for felt in dataclasses.fields(Timepriser)
            }
        )


def med_linje(g: Timeprisgrundlag, gruppe: str, linje: Linje) -> Timeprisgrundlag:
    """A copy of ``g`` where ``linje`` replaces the line of its kategori in ``gruppe``.

    ``gruppe`` is FRAVAER or TIDSANVENDELSE. A kategori not yet present is added.
    """
    if gruppe not in (FRAVAER, TIDSANVENDELSE):
        raise ValueError(f"Ukendt linjegruppe '{gruppe}'.")
    linjer: tuple[Linje, ...] = getattr(g, gruppe)
    kategorier = [eksisterende.kategori for eksisterende in linjer]
    if linje.kategori in kategorier:
        i = kategorier.index(linje.kategori)
        nye = linjer[:i] + (linje,) + linjer[i + 1 :]
    else:
        nye = linjer + (linje,)
    return dataclasses.replace(g, **{gruppe: nye})


def timepris_hvis(
    g: Timeprisgrundlag,
    *,
    aarsloen: Decimal | None = None,
    aarsnorm_timer: Decimal | None = None,
    fravaer: Mapping[str, Linje] | None = None,
    tidsanvendelse: Mapping[str, Linje] | None = None,
) -> Hvis:
    """DOMAIN.md §2 what-if: the timepriser before and after the given changes.

    ``fravaer``/``tidsanvendelse`` map a kategori to its new line, e.g.
    ``fravaer={"egen_sygdom": Linje("egen_sygdom", procent=Decimal("6"))}``.
    """
    efter = g
    if aarsloen is not None:
        efter = dataclasses.replace(efter, aarsloen=aarsloen)
    if aarsnorm_timer is not None:
        efter = dataclasses.replace(efter, aarsnorm_timer=aarsnorm_timer)
    for gruppe, linjer in ((FRAVAER, fravaer), (TIDSANVENDELSE, tidsanvendelse)):
        for kategori, linje in (linjer or {}).items():
            if linje.kategori != kategori:
                raise ValueError(f"Linjen skal have kategorien '{kategori}'.")
            efter = med_linje(efter, gruppe, linje)
    return Hvis(foer=timepriser(g), efter=timepriser(efter))


# --- §3 Takstmodel -----------------------------------------------------------


class Enhed:
    """The takstmodel's unit for support (DOMAIN.md §3, §9)."""

    TIMER_PR_DOEGN = "timer_pr_doegn"
    MINUTTER_PR_DOEGN = "minutter_pr_doegn"
    TIMER_PR_UGE = "timer_pr_uge"
    ALLE = (TIMER_PR_DOEGN, MINUTTER_PR_DOEGN, TIMER_PR_UGE)


# How many of the unit make one hour per døgn.
_PR_TIME_PR_DOEGN = {
    Enhed.TIMER_PR_DOEGN: Decimal(1),
    Enhed.MINUTTER_PR_DOEGN: Decimal(60),
    Enhed.TIMER_PR_UGE: Decimal(7),
}


def _faktor(enhed: str) -> Decimal:
    try:
        return _PR_TIME_PR_DOEGN[enhed]
    except KeyError:
        raise ValueError(f"Ukendt enhed '{enhed}'.") from None


def timer_pr_doegn(vaerdi: Decimal, enhed: str) -> Decimal:
    """DOMAIN.md §3: a value in the model's unit as hours per døgn. Unrounded."""
    return vaerdi / _faktor(enhed)


def vaerdi_i_enhed(timer: Decimal, enhed: str) -> Decimal:
    """Hours per døgn expressed in the model's unit (inverse of timer_pr_doegn)."""
    return timer * _faktor(enhed)


@dataclass(frozen=True)
class Niveau:
    """A takstniveau (DOMAIN.md §3); bounds and takstgivende in the model's unit.

    ``takstgivende`` None means the default (middle of the span). A særtakst level
    has no fixed hours: they are set on the placement. ``fast_pris`` (issue 17):
    a published ladder's kr per døgn, entered exactly; the level's servicetakst
    is that amount, not hours × timepris.
    """

    kode: str
    navn: str
    nedre: Decimal
    oevre: Decimal | None
    takstgivende: Decimal | None = None
    saertakst: bool = False
    fast_pris: Decimal | None = None


def takstgivende_default(nedre: Decimal, oevre: Decimal | None) -> Decimal:
    """DOMAIN.md §3: the default takstgivende timer, the middle of the span."""
    if oevre is None:
        raise ValueError("Et niveau uden øvre grænse skal have takstgivende timer.")
    return (nedre + oevre) / 2


def takstgivende_timer(niveau: Niveau) -> Decimal:
    """The takstgivende timer of a non-særtakst level, in the model's unit."""
    if niveau.takstgivende is not None:
        return niveau.takstgivende
    return takstgivende_default(niveau.nedre, niveau.oevre)


# A level's problems as (index in the model's order, field, Danish message).
NiveauFejl = tuple[int, str, str]

NEDRE_NEGATIV = "Den nedre grænse kan ikke være negativ."
OEVRE_IKKE_OVER_NEDRE = "Den øvre grænse skal være større end den nedre."
KODE_TO_GANGE = (
    "Koden {kode} bruges af flere niveauer: hvert niveau skal have sin egen kode."
)
FAST_PRIS_SAERTAKST = (
    "En særtakst har ingen fast pris: dens timer sættes på den enkelte indplacering."
)
FAST_PRIS_NEGATIV = "Den faste pris kan ikke være negativ."
TAKSTGIVENDE_MANGLER = "Et niveau uden øvre grænse skal have takstgivende timer."
TAKSTGIVENDE_UDENFOR = (
    "De takstgivende timer skal ligge i niveauets spænd: fra {nedre} og under {oevre}."
)
TAKSTGIVENDE_UNDER_NEDRE = (
    "De takstgivende timer skal være mindst den nedre grænse, {nedre}."
)
KUN_TOPPEN_AABEN = "Kun det øverste niveau må være uden øvre grænse."
OVERLAP = (
    "Spændet overlapper niveau {forrige}, der går til {oevre}: "
    "den nedre grænse skal være {oevre}."
)
HUL = (
    "Der er et hul efter niveau {forrige}, der går til {oevre}: "
    "den nedre grænse skal være {oevre}."
)


def _tal(vaerdi: Decimal) -> str:
    """4.500 as "4,5": a bound as the user typed it, in a Danish message."""
    return format(vaerdi.normalize(), "f").replace(".", ",")


def _egne_fejl(niveau: Niveau) -> list[tuple[str, str]]:
    """DOMAIN.md §3 for one level: 0 ≤ nedre < oevre, takstgivende in the span."""
    if niveau.nedre < 0:
        return [("nedre", NEDRE_NEGATIV)]
    if niveau.oevre is not None and niveau.oevre <= niveau.nedre:
        return [("oevre", OEVRE_IKKE_OVER_NEDRE)]
    if niveau.fast_pris is not None and niveau.saertakst:
        return [("fast_pris", FAST_PRIS_SAERTAKST)]
    if niveau.fast_pris is not None and niveau.fast_pris < 0:
        return [("fast_pris", FAST_PRIS_NEGATIV)]
    timer = niveau.takstgivende
    if niveau.saertakst or (timer is None and niveau.oevre is not None):
        return []  # særtakst: hours on the placement; None: the middle of the span
    if timer is None:
        return [("takstgivende", TAKSTGIVENDE_MANGLER)]
    if niveau.oevre is None and timer < niveau.nedre:
        besked = TAKSTGIVENDE_UNDER_NEDRE.format(nedre=_tal(niveau.nedre))
        return [("takstgivende", besked)]
    if niveau.oevre is not None and not niveau.nedre <= timer < niveau.oevre:
        spaend = {"nedre": _tal(niveau.nedre), "oevre": _tal(niveau.oevre)}
        return [("takstgivende", TAKSTGIVENDE_UDENFOR.format(**spaend))]
    return []


def _kode_fejl(niveauer: Sequence[Niveau]) -> list[NiveauFejl]:
    set_: set[str] = set()
    fejl = []
    for i, niveau in enumerate(niveauer):
        if niveau.kode in set_:
            fejl.append((i, "kode", KODE_TO_GANGE.format(kode=niveau.kode)))
        set_.add(niveau.kode)
    return fejl


def _stige_fejl(niveauer: Sequence[Niveau]) -> list[NiveauFejl]:
    """The fixed levels in order: each starts where the one before ends."""
    stige = [(i, n) for i, n in enumerate(niveauer) if not n.saertakst]
    fejl = []
    for (j, forrige), (i, niveau) in zip(stige, stige[1:], strict=False):
        if forrige.oevre is None:
            fejl.append((j, "oevre", KUN_TOPPEN_AABEN))
        elif forrige.oevre <= forrige.nedre:
            continue  # reported on the level itself; its span says nothing here
        elif niveau.nedre != forrige.oevre:
            besked = OVERLAP if niveau.nedre < forrige.oevre else HUL
            tekst = besked.format(forrige=forrige.kode, oevre=_tal(forrige.oevre))
            fejl.append((i, "nedre", tekst))
    return fejl


def niveau_fejl(niveauer: Sequence[Niveau]) -> list[NiveauFejl]:
    """DOMAIN.md §3: what is wrong with a takstmodel's levels, in the model's order.

    Each level has 0 ≤ nedre < oevre, its own code and takstgivende timer inside
    its span [nedre, oevre) (at least nedre for the top level, which has no oevre).
    The fixed levels, in order, form one ladder: contiguous, ordered, not
    overlapping, and only the last may be open. Særtakst levels have no fixed hours
    and stand outside the ladder. Empty: the levels are valid.
    """
    fejl = [
        (i, felt, besked)
        for i, niveau in enumerate(niveauer)
        for felt, besked in _egne_fejl(niveau)
    ]
    fejl += _kode_fejl(niveauer) + _stige_fejl(niveauer)
    return sorted(fejl, key=lambda f: f[0])


def saertakst_pr_doegn(timer_pr_doegn: Decimal, timepris_direkte: Decimal) -> Decimal:
    """DOMAIN.md §3-§4: a særtakst from the placement's hours per døgn, to øre."""
    return round_to_oere(timer_pr_doegn * timepris_direkte)


def servicetakst_pr_doegn(
    niveau: Niveau,
    enhed: str,
    timepris_direkte: Decimal,
    saertakst_timer_pr_doegn: Decimal | None = None,
) -> Decimal:
    """DOMAIN.md §3: takstgivende timer per døgn × timepris_direkte, to øre once.

    A særtakst level takes its hours per døgn from the placement. A level with a
    fast pris (issue 17: a published ladder) costs exactly that, whatever the
    timepris.
    """
    if niveau.fast_pris is not None and not niveau.saertakst:
        return round_to_oere(niveau.fast_pris)
    if niveau.saertakst:
        if saertakst_timer_pr_doegn is None:
            raise ValueError(
                f"Særtaksten '{niveau.kode}' kræver timer pr. døgn på indplaceringen."
            )
        return saertakst_pr_doegn(saertakst_timer_pr_doegn, timepris_direkte)
    timer = timer_pr_doegn(takstgivende_timer(niveau), enhed)
    return round_to_oere(timer * timepris_direkte)


def implicitte_timer_pr_doegn(fast_pris: Decimal, timepris_direkte: Decimal) -> Decimal:
    """Issue 17: the hours per døgn a fixed price buys at the timepris,
    fast pris ÷ timepris_direkte. Unrounded: shown to 2 decimals, never summed."""
    if timepris_direkte <= 0:
        raise ValueError("Timeprisen skal være større end 0.")
    return fast_pris / timepris_direkte


# --- §4 Basistakst and døgntakst ---------------------------------------------


def dage_i_aaret(aar: int) -> int:
    """365, or 366 in a leap year."""
    return 366 if calendar.isleap(aar) else 365


def basistakst_pr_doegn(
    faste_udgifter: Decimal,
    pladser: int,
    dage_i_aaret: int,
    forudsat_belaegning_procent: Decimal,
) -> Decimal:
    """DOMAIN.md §4: faste udgifter / (pladser × dage × belægning), to øre once."""
    doegn = pladser * dage_i_aaret * forudsat_belaegning_procent / HUNDREDE
    if doegn <= 0:
        raise ValueError("Pladser, dage og forudsat belægning skal være over 0.")
    return round_to_oere(faste_udgifter / doegn)


def doegntakst(basistakst: Decimal, servicetakst: Decimal) -> Decimal:
    """DOMAIN.md §4: basistakst + servicetakst (both already rounded)."""
    return basistakst + servicetakst


# --- §5 Indplacering ---------------------------------------------------------

MINUTTER_PR_TIME = Decimal(60)
DAGE_PR_UGE = Decimal(7)
# Division by 7 and 60 leaves artefacts in the 28th digit; a total this close to
# a bound counts as on it, so it goes to the higher level as DOMAIN.md §3 says.
_TOLERANCE = Decimal("1E-12")


@dataclass(frozen=True)
class DoegnskemaPost:
    """One item of the døgnskema (DOMAIN.md §5): minutes at a time of day."""

    tidsrum: str
    tema: str
    minutter: int


@dataclass(frozen=True)
class Ugepost:
    """A weekly item of the døgnskema (DOMAIN.md §5)."""

    tema: str
    minutter_pr_uge: int


def stoettetimer_pr_doegn(
    poster: Iterable[DoegnskemaPost], ugeposter: Iterable[Ugepost] = ()
) -> Decimal:
    """DOMAIN.md §5: (døgn minutes + weekly minutes / 7) / 60. Unrounded."""
    pr_doegn = Decimal(sum(post.minutter for post in poster))
    pr_uge = Decimal(sum(post.minutter_pr_uge for post in ugeposter))
    return (pr_doegn + pr_uge / DAGE_PR_UGE) / MINUTTER_PR_TIME


def foreslaaet_niveau(
    niveauer: Sequence[Niveau], timer_pr_doegn: Decimal, enhed: str
) -> Niveau | None:
    """DOMAIN.md §5: the level whose span [nedre, oevre) holds the total.

    Above the top bounded level: the first særtakst level, else the top level.
    Below every level (or no levels): None.
    """
    vaerdi = vaerdi_i_enhed(timer_pr_doegn, enhed) + _TOLERANCE
    faste = sorted((n for n in niveauer if not n.saertakst), key=lambda n: n.nedre)
    for niveau in faste:
        if niveau.nedre <= vaerdi and (niveau.oevre is None or vaerdi < niveau.oevre):
            return niveau
    # Here no span holds the total: it lies below, in a gap, or above the top.
    top = max((n.oevre for n in faste if n.oevre is not None), default=None)
    if top is None or vaerdi < top:
        return None
    saertakster = [n for n in niveauer if n.saertakst]
    return saertakster[0] if saertakster else faste[-1]


# --- §2 What-if helpers ------------------------------------------------------

EGEN_SYGDOM = "egen_sygdom"


def sygefravaer_plus(g: Timeprisgrundlag, point: Decimal) -> Linje:
    """DOMAIN.md §2 "sick leave +1 %": egen sygdom raised by ``point`` % of the norm.

    A percent line gets ``point`` added; an hours line gets the same hours
    (``point`` % of the norm) added; a missing line becomes ``point`` %.
    """
    eksisterende = next((li for li in g.fravaer if li.kategori == EGEN_SYGDOM), None)
    if eksisterende is None:
        ny = Linje(EGEN_SYGDOM, procent=point)
    elif eksisterende.procent is not None:
        ny = Linje(EGEN_SYGDOM, procent=eksisterende.procent + point)
    else:
        assert eksisterende.timer is not None
        ny = Linje(
            EGEN_SYGDOM, timer=eksisterende.timer + g.aarsnorm_timer * point / HUNDREDE
        )
    if (ny.procent if ny.procent is not None else ny.timer) < 0:
        raise ValueError("Sygefraværet kan ikke blive negativt.")
    return ny
