"""Pure rules of stays (STYLE.md 2.1): dates in, answers out; "today" is an argument."""

import calendar
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

# An afgang further ahead than this is more often a typing error than a plan.
AFGANG_ADVARSEL_DAGE = 365


class _Periode(Protocol):
    tilgang: datetime.date
    afgang: datetime.date | None


P = TypeVar("P", bound=_Periode)


def bor_der(ophold: _Periode, dato: datetime.date) -> bool:
    """DOMAIN.md §8: a stay is [tilgang, afgang). A registered afgang in the future
    does not end it early; on the afgang day itself the borger has left."""
    return ophold.tilgang <= dato and (ophold.afgang is None or dato < ophold.afgang)


def aktuelt_ophold(ophold: Iterable[P], dato: datetime.date) -> P | None:
    """The stay the borger lives in on ``dato``, or None."""
    return next((o for o in ophold if bor_der(o, dato)), None)


def kommende_ophold(ophold: Iterable[P], dato: datetime.date) -> P | None:
    """The first stay that begins after ``dato``, or None."""
    senere = [o for o in ophold if o.tilgang > dato]
    return min(senere, key=lambda o: o.tilgang, default=None)


def afgang_langt_ude(dato: datetime.date, idag: datetime.date) -> bool:
    """Issue 12 item 10: an afgang more than a year (365 days) after today needs
    an explicit confirmation. Exactly 365 days ahead does not."""
    return dato > idag + datetime.timedelta(days=AFGANG_ADVARSEL_DAGE)


# --- Progression (issue 19 item 4) ---------------------------------------------
#
# Levels are compared by their rækkefølge in the takstmodel (a higher rækkefølge
# is a level with more support), because each budget year has its own model and
# so its own Takstniveau rows for the same code.

OPFOELGNING_MAANEDER = 12
# The due-list looks this many days ahead; a follow-up dated exactly today + 30
# is on the list (the window is closed at both ends: ... ≤ today + 30).
OPFOELGNING_HORISONT_DAGE = 30


def plus_maaneder(dato: datetime.date, maaneder: int) -> datetime.date:
    """The same day ``maaneder`` months later (earlier if negative); a day the
    target month lacks becomes its last day (29.02.2028 + 12 → 28.02.2029)."""
    indeks = dato.year * 12 + dato.month - 1 + maaneder
    aar, maaned = divmod(indeks, 12)
    sidste_dag = calendar.monthrange(aar, maaned + 1)[1]
    return datetime.date(aar, maaned + 1, min(dato.day, sidste_dag))


def naeste_opfoelgning_standard(gyldig_fra: datetime.date) -> datetime.date:
    """A new level is followed up 12 months after it takes effect."""
    return plus_maaneder(gyldig_fra, OPFOELGNING_MAANEDER)


@dataclass(frozen=True)
class Niveau:
    """One decided level: in force from ``gyldig_fra`` within its ophold."""

    gyldig_fra: datetime.date
    kode: str
    raekkefoelge: int


@dataclass(frozen=True)
class OpholdNiveauer:
    """A stay with its levels (any order): the input of the progression rules."""

    tilgang: datetime.date
    afgang: datetime.date | None
    niveauer: tuple[Niveau, ...]
    tilbud: str = ""


def niveau_paa(ophold: Iterable[OpholdNiveauer], dato: datetime.date) -> Niveau | None:
    """The level in force on ``dato``: in the stay the borger lives in that day,
    the latest with gyldig_fra ≤ dato. None: not living there, or no level yet."""
    o = aktuelt_ophold(ophold, dato)
    if o is None:
        return None
    gaeldende = [n for n in o.niveauer if n.gyldig_fra <= dato]
    return max(gaeldende, key=lambda n: n.gyldig_fra, default=None)


@dataclass(frozen=True)
class Niveauperiode:
    """A level on the borger's time line, in force on [fra, til) (til None: open)."""

    fra: datetime.date
    til: datetime.date | None
    tilbud: str
    kode: str
    raekkefoelge: int


def niveauforloeb(ophold: Iterable[OpholdNiveauer]) -> list[Niveauperiode]:
    """The borger's levels over time, oldest first: each holds until the next
    level of the same stay, or the stay's afgang."""
    perioder = []
    for o in sorted(ophold, key=lambda o: o.tilgang):
        niveauer = sorted(o.niveauer, key=lambda n: n.gyldig_fra)
        slut = [n.gyldig_fra for n in niveauer[1:]] + [o.afgang]
        for n, til in zip(niveauer, slut, strict=True):
            perioder.append(
                Niveauperiode(n.gyldig_fra, til, o.tilbud, n.kode, n.raekkefoelge)
            )
    return perioder


@dataclass(frozen=True)
class Vurdering:
    """The funktionsevne scores (0-4 per VUM theme code) of one døgnskema."""

    dato: datetime.date
    scores: Mapping[str, int]


@dataclass(frozen=True)
class Temaforloeb:
    kode: str
    navn: str
    scores: tuple[
        int | None, ...
    ]  # one per date of funktionsevne_forloeb; None: not scored


def funktionsevne_forloeb(
    vurderinger: Iterable[Vurdering], temaer: Sequence[tuple[str, str]]
) -> tuple[tuple[datetime.date, ...], list[Temaforloeb]]:
    """The dates of the døgnskemaer that scored funktionsevne (oldest first) and,
    per theme (``temaer``: (kode, navn) in VUM order), the score on each date.
    A døgnskema without any score is left out: it says nothing of progression."""
    scorede = sorted((v for v in vurderinger if v.scores), key=lambda v: v.dato)
    datoer = tuple(v.dato for v in scorede)
    return datoer, [
        Temaforloeb(kode, navn, tuple(v.scores.get(kode) for v in scorede))
        for kode, navn in temaer
    ]


@dataclass(frozen=True)
class Bevaegelse:
    """Borgere whose level went down, stayed or went up over 12 months."""

    dato: datetime.date
    fra_dato: datetime.date
    ned: int
    samme: int
    op: int

    @property
    def antal(self) -> int:
        return self.ned + self.samme + self.op

    def andel(self, antal: int) -> Decimal | None:
        """``antal`` as a percent of the borgere compared, unrounded."""
        return Decimal(antal) * 100 / self.antal if self.antal else None

    @property
    def andel_ned(self) -> Decimal | None:
        return self.andel(self.ned)

    @property
    def andel_samme(self) -> Decimal | None:
        return self.andel(self.samme)

    @property
    def andel_op(self) -> Decimal | None:
        return self.andel(self.op)


def niveaubevaegelse(
    borgere: Iterable[Sequence[OpholdNiveauer]], dato: datetime.date
) -> Bevaegelse:
    """Compare each borger's level on ``dato`` − 12 months and on ``dato``.

    ``borgere``: per borger, their stays in the one tilbud. A borger counts when
    they live in the tilbud on both dates (the same stay or two) with a level
    on both; the levels' rækkefølge decides down, stayed or up. A borger who
    arrived or left in between, or lived elsewhere on either date, is not
    compared: the share is of those who stayed the year.
    """
    fra_dato = plus_maaneder(dato, -OPFOELGNING_MAANEDER)
    ned = samme = op = 0
    for ophold in borgere:
        foer, nu = niveau_paa(ophold, fra_dato), niveau_paa(ophold, dato)
        if foer is None or nu is None:
            continue
        if nu.raekkefoelge < foer.raekkefoelge:
            ned += 1
        elif nu.raekkefoelge > foer.raekkefoelge:
            op += 1
        else:
            samme += 1
    return Bevaegelse(dato, fra_dato, ned, samme, op)


@dataclass(frozen=True)
class Opholdslaengde:
    """Average length of stay in days, of ended stays and of current ones to date."""

    afsluttede: int
    afsluttede_dage: Decimal | None  # average over the ended stays, unrounded
    igangvaerende: int
    igangvaerende_dage: Decimal | None  # average days so far of the current stays


def opholdslaengde(
    perioder: Iterable[tuple[datetime.date, datetime.date | None]], dato: datetime.date
) -> Opholdslaengde:
    """A stay is [tilgang, afgang): it lasts afgang − tilgang days. Ended: the
    afgang is on or before ``dato``. Current: tilgang ≤ dato < afgang (or open),
    counted to date as dato − tilgang days (the day ``dato`` itself not yet
    lived). A stay that begins after ``dato`` is neither."""
    afsluttede, igang = [], []
    for tilgang, afgang in perioder:
        if afgang is not None and afgang <= dato:
            afsluttede.append((afgang - tilgang).days)
        elif tilgang <= dato:
            igang.append((dato - tilgang).days)
    return Opholdslaengde(
        len(afsluttede),
        Decimal(sum(afsluttede)) / len(afsluttede) if afsluttede else None,
        len(igang),
        Decimal(sum(igang)) / len(igang) if igang else None,
    )


@dataclass(frozen=True)
class Opfoelgning:
    """A borger's next follow-up: of the level in force in a stay not ended."""

    dato: datetime.date
    borger_id: int
    navn: str
    cpr_maskeret: str
    tilbud: str
    kode: str
    indplacering_id: int = 0


def opfoelgninger_forfaldne(
    opfoelgninger: Iterable[Opfoelgning], idag: datetime.date
) -> list[Opfoelgning]:
    """The follow-ups due by today + 30 days (that day included), oldest date
    first, so the overdue ones (before today) lead; then by name."""
    graense = idag + datetime.timedelta(days=OPFOELGNING_HORISONT_DAGE)
    return sorted(
        (o for o in opfoelgninger if o.dato <= graense),
        key=lambda o: (o.dato, o.navn, o.borger_id),
    )


def gaeldende_niveau_index(
    gyldig_fra: Sequence[datetime.date], dato: datetime.date
) -> int | None:
    """Of one stay's levels (``gyldig_fra`` oldest first), the index of the one in
    force on ``dato``, or of the first if the stay begins later. None: no level."""
    if not gyldig_fra:
        return None
    foer = [i for i, fra in enumerate(gyldig_fra) if fra <= dato]
    return foer[-1] if foer else 0
