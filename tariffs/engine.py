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
    # Issue 17: the ekstratimer's own timepris before the change (None: none).
    timepris_ekstratimer: Decimal | None = None


# --- §2 Timepris -------------------------------------------------------------

FRAVAER = "fravaer"
TIDSANVENDELSE = "tidsanvendelse"


# Issue 17: a full-time week is the norm over 52 weeks (1,924 / 52 = 37 hours),
# and a day a fifth of that week (7.4 hours).
UGER_PR_AAR = Decimal(52)
DAGE_PR_FREMMOEDEUGE = Decimal(5)


def timer_af_procent(procent: Decimal, grundlag_timer: Decimal) -> Decimal:
    """Issue 17: a line given in % of a base (the norm, or fremmøde) as hours per
    year = procent / 100 × grundlag_timer. Unrounded."""
    return grundlag_timer * procent / HUNDREDE


def fremmoedeuger(fremmoede_timer: Decimal, aarsnorm_timer: Decimal) -> Decimal:
    """Issue 17: the full-time weeks one årsværk attends in a year =
    fremmoede_timer / (aarsnorm_timer / 52), a week being the norm's 52nd part
    (1,924 / 52 = 37 hours). Unrounded."""
    return fremmoede_timer * UGER_PR_AAR / aarsnorm_timer


def timer_af_pr_fremmoedeuge(
    timer_pr_uge: Decimal, fremmoede_timer: Decimal, aarsnorm_timer: Decimal
) -> Decimal:
    """Issue 17: hours per fremmødeuge as hours per year = timer_pr_uge ×
    fremmoedeuger (fremmoede_timer × 52 / aarsnorm_timer). Unrounded."""
    return timer_pr_uge * fremmoedeuger(fremmoede_timer, aarsnorm_timer)


def timer_af_pr_fremmoededag(
    timer_pr_dag: Decimal, fremmoede_timer: Decimal, aarsnorm_timer: Decimal
) -> Decimal:
    """Issue 17: hours per fremmødedag as hours per year = timer_pr_dag × 5 ×
    fremmoedeuger, a day being a fifth of a full-time week (7.4 hours of 37).
    Unrounded."""
    dage = DAGE_PR_FREMMOEDEUGE * fremmoedeuger(fremmoede_timer, aarsnorm_timer)
    return timer_pr_dag * dage


# The forms a line may be given in, as Linje's field names (issue 17).
LINJEFORMER = ("timer", "procent", "procent_aarsnorm", "timer_pr_uge", "timer_pr_dag")
# Fravær is given in hours or % of the norm: fremmøde is what is left after it.
FRAVAERSFORMER = ("timer", "procent")
FRAVAER_FORM_FEJL = (
    "Fraværslinjen '{kategori}' kan kun angives i timer pr. år eller procent af "
    "årsnormen: fremmødet er det, der er tilbage efter fraværet."
)


@dataclass(frozen=True)
class Linje:
    """One fravær or tidsanvendelse line (DOMAIN.md §2), in exactly one form.

    ``timer`` is hours per year; ``procent`` is of the norm for fravær, of
    fremmøde for tidsanvendelse. A tidsanvendelse line may also be given as %
    of the norm (``procent_aarsnorm``), or hours per fremmødeuge/-dag
    (``timer_pr_uge``/``timer_pr_dag``; issue 17).
    """

    kategori: str
    timer: Decimal | None = None
    procent: Decimal | None = None
    procent_aarsnorm: Decimal | None = None
    timer_pr_uge: Decimal | None = None
    timer_pr_dag: Decimal | None = None

    def __post_init__(self) -> None:
        if sum(getattr(self, form) is not None for form in LINJEFORMER) != 1:
            raise ValueError(
                f"Linjen '{self.kategori}' skal have enten timer eller procent."
            )

    @property
    def form(self) -> str:
        """The field the line is given in (one of LINJEFORMER)."""
        return next(f for f in LINJEFORMER if getattr(self, f) is not None)

    def timer_pr_aar(
        self,
        grundlag_timer: Decimal,
        aarsnorm_timer: Decimal,
        fremmoede_timer: Decimal | None = None,
    ) -> Decimal:
        """Hours per year: ``procent`` of ``grundlag_timer``, the others by the
        conversion functions above. Without ``fremmoede_timer`` (a fravær line) a
        form that needs it is a ValueError."""
        vaerdi: Decimal = getattr(self, self.form)
        if self.form == "timer":
            return vaerdi
        if self.form == "procent":
            return timer_af_procent(vaerdi, grundlag_timer)
        if self.form == "procent_aarsnorm":
            return timer_af_procent(vaerdi, aarsnorm_timer)
        if fremmoede_timer is None:
            raise ValueError(FRAVAER_FORM_FEJL.format(kategori=self.kategori))
        if self.form == "timer_pr_uge":
            return timer_af_pr_fremmoedeuge(vaerdi, fremmoede_timer, aarsnorm_timer)
        return timer_af_pr_fremmoededag(vaerdi, fremmoede_timer, aarsnorm_timer)

    def timer_af(self, grundlag_timer: Decimal) -> Decimal:
        """Hours of a line in hours or percent, percent taken of ``grundlag_timer``."""
        if self.timer is not None:
            return self.timer
        assert self.procent is not None
        return timer_af_procent(self.procent, grundlag_timer)


# Salary items added to the årsløn (issue 17), by kategori.
VIKAR = "vikar"
DAGPENGEREFUSION = "dagpengerefusion"
FERIEUGE_UDBETALT = "ferieuge_udbetalt"
LOENPOST_FORTEGN_FEJL = (
    "Dagpengerefusion er en indtægt og angives som et negativt beløb; vikar og "
    "udbetalt 6. ferieuge som positive beløb."
)


@dataclass(frozen=True)
class Loenpost:
    """An optional salary item added to the årsløn (issue 17): vikar, udbetalt 6.
    ferieuge (positive) or dagpengerefusion (negative)."""

    kategori: str
    beloeb: Decimal

    def __post_init__(self) -> None:
        negativ = self.kategori == DAGPENGEREFUSION
        if (negativ and self.beloeb > 0) or (not negativ and self.beloeb < 0):
            raise ValueError(LOENPOST_FORTEGN_FEJL)


@dataclass(frozen=True)
class Timeprisgruppe:
    """A tier of levels with its own share of direct time (DOMAIN.md §2 variants).

    ``fra``/``til`` are level positions (rækkefølge, 1 first), both inclusive;
    ``til`` None is every level from ``fra`` up. ``direkte_procent`` is the share
    of fremmøde spent with the borger for the levels of the tier.
    """

    fra: int
    til: int | None
    direkte_procent: Decimal


@dataclass(frozen=True)
class Timeprisgrundlag:
    """The inputs of a timeprismodel (DOMAIN.md §2)."""

    aarsloen: Decimal
    aarsnorm_timer: Decimal
    fravaer: tuple[Linje, ...] = ()
    tidsanvendelse: tuple[Linje, ...] = ()
    loenposter: tuple[Loenpost, ...] = ()
    grupper: tuple[Timeprisgruppe, ...] = ()
    # Issue 17 (DOMAIN.md §2 variants): the share of fremmøde that is direct
    # time in ekstratimer; None: ekstratimer cost timepris_direkte.
    ekstratimer_direkte_procent: Decimal | None = None


LOEN_I_ALT_FEJL = "Lønnen i alt (årsløn + lønposter) skal være større end 0."


def loen_i_alt(g: Timeprisgrundlag) -> Decimal:
    """Issue 17: aarsloen + the salary items (vikar, udbetalt 6. ferieuge, minus
    dagpengerefusion): the salary a timepris divides. Unrounded; ValueError when
    it is not above 0 (a refund larger than the salary)."""
    loen = g.aarsloen + sum((post.beloeb for post in g.loenposter), NUL)
    if loen <= 0:
        raise ValueError(LOEN_I_ALT_FEJL)
    return loen


def fravaer_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: sum of fravær, percent lines taken of the norm. Unrounded."""
    norm = g.aarsnorm_timer
    return sum((linje.timer_pr_aar(norm, norm) for linje in g.fravaer), NUL)


def fremmoede_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: aarsnorm_timer - sum(fravær). Unrounded."""
    return g.aarsnorm_timer - fravaer_timer(g)


def indirekte_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: sum of tidsanvendelse, percent lines taken of fremmøde."""
    fremmoede = fremmoede_timer(g)
    return sum(
        (
            linje.timer_pr_aar(fremmoede, g.aarsnorm_timer, fremmoede)
            for linje in g.tidsanvendelse
        ),
        NUL,
    )


def direkte_timer(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: fremmoede_timer - indirekte_timer ("ATA-tid"). Unrounded."""
    return fremmoede_timer(g) - indirekte_timer(g)


def timepris_fremmoede(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: aarsloen / fremmoede_timer, rounded to øre once; the årsløn
    with its salary items (loen_i_alt)."""
    fremmoede = fremmoede_timer(g)
    if fremmoede <= 0:
        raise ValueError("Fremmødetimerne skal være større end 0.")
    return round_to_oere(loen_i_alt(g) / fremmoede)


def timepris_direkte(g: Timeprisgrundlag) -> Decimal:
    """DOMAIN.md §2: aarsloen / direkte_timer, rounded to øre once; the årsløn
    with its salary items (loen_i_alt)."""
    direkte = direkte_timer(g)
    if direkte <= 0:
        raise ValueError("De direkte timer skal være større end 0.")
    return round_to_oere(loen_i_alt(g) / direkte)


EKSTRATIMER_PROCENT_FEJL = (
    "Andelen af direkte tid i ekstratimer skal være over 0 og højst 100 %."
)


def ekstratimer_direkte_timer(g: Timeprisgrundlag) -> Decimal | None:
    """Issue 17: the direct hours of a year of ekstratimer = fremmoede_timer ×
    ekstratimer_direkte_procent / 100; None without a share. Unrounded."""
    if g.ekstratimer_direkte_procent is None:
        return None
    return timer_af_procent(g.ekstratimer_direkte_procent, fremmoede_timer(g))


def timepris_ekstratimer(g: Timeprisgrundlag) -> Decimal | None:
    """Issue 17 (DOMAIN.md §2 variants): the timepris of ekstratimer, the hours
    granted on top of a borger's level (a tillægstakst in hours) =
    loen_i_alt / ekstratimer_direkte_timer, rounded to øre once; None without a
    share of its own (ekstratimer then cost timepris_direkte)."""
    procent = g.ekstratimer_direkte_procent
    if procent is None:
        return None
    if not NUL < procent <= HUNDREDE:
        raise ValueError(EKSTRATIMER_PROCENT_FEJL)
    direkte = ekstratimer_direkte_timer(g)
    assert direkte is not None
    if direkte <= 0:
        raise ValueError("Fremmødetimerne skal være større end 0.")
    return round_to_oere(loen_i_alt(g) / direkte)


@dataclass(frozen=True)
class Timepriser:
    """Every derived figure of DOMAIN.md §2, so the UI can show each one.

    ``timepris_ekstratimer`` (issue 17) is None when the model prices
    ekstratimer at timepris_direkte."""

    fravaer_timer: Decimal
    fremmoede_timer: Decimal
    indirekte_timer: Decimal
    direkte_timer: Decimal
    timepris_fremmoede: Decimal
    timepris_direkte: Decimal
    loen_i_alt: Decimal
    ekstratimer_direkte_timer: Decimal | None = None
    timepris_ekstratimer: Decimal | None = None

    @property
    def ekstratimepris(self) -> Decimal:
        """The timepris a tillægstakst in hours is priced at: the ekstratimer's
        own, or timepris_direkte when the model has no share for them."""
        if self.timepris_ekstratimer is None:
            return self.timepris_direkte
        return self.timepris_ekstratimer


def timepriser(g: Timeprisgrundlag) -> Timepriser:
    """All figures of DOMAIN.md §2 for one grundlag."""
    return Timepriser(
        loen_i_alt=loen_i_alt(g),
        fravaer_timer=fravaer_timer(g),
        fremmoede_timer=fremmoede_timer(g),
        indirekte_timer=indirekte_timer(g),
        direkte_timer=direkte_timer(g),
        timepris_fremmoede=timepris_fremmoede(g),
        timepris_direkte=timepris_direkte(g),
        ekstratimer_direkte_timer=ekstratimer_direkte_timer(g),
        timepris_ekstratimer=timepris_ekstratimer(g),
    )


def _minus(efter: Decimal | None, foer: Decimal | None) -> Decimal | None:
    """efter - foer; None when either is None (a figure the model lacks)."""
    if efter is None or foer is None:
        return None
    return efter - foer


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
                felt.name: _minus(
                    getattr(self.efter, felt.name), getattr(self.foer, felt.name)
                )
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


def bostoette_pr_doegn(timer_pr_uge: Decimal, timepris_direkte: Decimal) -> Decimal:
    """Issue 17 (DOMAIN.md §1, §3: bostøtte § 85 in hours per week): the
    servicetakst per døgn of a bostøtte placement from its visiterede hours,
    timer pr. uge × timepris_direkte ÷ 7, rounded to øre once (never the hours
    per døgn first: 3 × 420 ÷ 7 = 180.00, not 0.43 × 420 = 180.60)."""
    return round_to_oere(timer_pr_uge * timepris_direkte / 7)


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


# --- §2 variants: tiered timepriser (issue 17) ---------------------------------

GRUPPE_FRA_TIL = "Gruppen skal gå fra et niveau til samme eller et højere niveau."
GRUPPE_PROCENT = "Andelen af direkte tid skal være over 0 og højst 100 %."
GRUPPE_OVERLAP = "Grupperne overlapper: niveau {niveau} ligger i flere grupper."


def gruppe_fejl(grupper: Sequence[Timeprisgruppe]) -> list[str]:
    """Issue 17: what is wrong with a model's tiers. Each goes from a level up to
    the same or a higher one, has a direct share in (0, 100] %, and no level lies
    in two tiers. Empty: the tiers are valid."""
    fejl = []
    for gruppe in grupper:
        if gruppe.fra < 1 or (gruppe.til is not None and gruppe.til < gruppe.fra):
            fejl.append(GRUPPE_FRA_TIL)
        if not NUL < gruppe.direkte_procent <= HUNDREDE:
            fejl.append(GRUPPE_PROCENT)
    ordnet = sorted(grupper, key=lambda gr: gr.fra)
    for forrige, naeste in zip(ordnet, ordnet[1:], strict=False):
        if forrige.til is None or naeste.fra <= forrige.til:
            fejl.append(GRUPPE_OVERLAP.format(niveau=naeste.fra))
    return fejl


def gruppe_for(
    grupper: Sequence[Timeprisgruppe], raekkefoelge: int
) -> Timeprisgruppe | None:
    """The tier holding the level at position ``raekkefoelge`` (1 first), or None."""
    for gruppe in grupper:
        if gruppe.fra <= raekkefoelge and (
            gruppe.til is None or raekkefoelge <= gruppe.til
        ):
            return gruppe
    return None


def direkte_timer_gruppe(g: Timeprisgrundlag, gruppe: Timeprisgruppe) -> Decimal:
    """Issue 17: a tier's direct hours = fremmoede_timer × direkte_procent / 100
    (the tier's share replaces the tidsanvendelse lines). Unrounded."""
    return timer_af_procent(gruppe.direkte_procent, fremmoede_timer(g))


def timepris_gruppe(g: Timeprisgrundlag, gruppe: Timeprisgruppe) -> Decimal:
    """Issue 17: loen_i_alt / the tier's direct hours, rounded to øre once."""
    direkte = direkte_timer_gruppe(g, gruppe)
    if direkte <= 0:
        raise ValueError("De direkte timer skal være større end 0.")
    return round_to_oere(loen_i_alt(g) / direkte)


def timepris_for_niveau(g: Timeprisgrundlag, raekkefoelge: int) -> Decimal:
    """Issue 17: the timepris of the level at ``raekkefoelge``: its tier's, or
    timepris_direkte for a level in no tier (and in a model without tiers)."""
    gruppe = gruppe_for(g.grupper, raekkefoelge)
    return timepris_direkte(g) if gruppe is None else timepris_gruppe(g, gruppe)


def servicetakster(
    g: Timeprisgrundlag, niveauer: Sequence[Niveau], enhed: str
) -> dict[str, Decimal]:
    """DOMAIN.md §3 with tiers (issue 17): kode -> servicetakst per døgn of each
    non-særtakst level = takstgivende timer per døgn × the timepris of the level's
    tier (timepris_for_niveau), to øre once. ``niveauer`` in the model's order:
    the first is rækkefølge 1."""
    return {
        n.kode: servicetakst_pr_doegn(n, enhed, timepris_for_niveau(g, nr))
        for nr, n in enumerate(niveauer, start=1)
        if not n.saertakst
    }


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
