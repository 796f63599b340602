"""An ophold's events, each with the ophold as it leaves it (DOMAIN.md §8).

An event is a step that changes one ophold: the tilgang creates it, an
indplacering adds a level, the afgang sets its end, a return to the tilbud cuts
its run-off, and an annulment (issue 12 item 11) takes back a wrongly registered
tilgang, afgang or indplacering. The state after a step is built from the set of
steps applied so far, so it does not depend on the order of steps whose effects
are independent. An annulment takes effect from the annulled event's date and is
registered on the day it was made.

With ``kendt_pr`` (a vedtaget year, issue 13 #2) the base is what was registered
by then (engine.kendt); a step effective on or before 1 January but registered
later is an event of its own, before the year's events.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date

from budgets.engine.bidrag import i_oprindeligt, indplacering_paa, oprindelig_udgave
from budgets.engine.grundlag import Ophold, Tillaeg
from budgets.engine.kendt import annulleret_pr, er_kendt, kendt_udgave, slut_kendt


class Haendelsesart:
    """DOMAIN.md §8: what an event does to its ophold; words in budgets.forklaring."""

    TILGANG = "tilgang"
    AFGANG = "afgang"
    INDPLACERING = "indplacering"
    OMPLACERING_TILGANG = "omplacering_tilgang"
    OMPLACERING_AFGANG = "omplacering_afgang"
    GENINDFLYTNING = "genindflytning"
    ANNULLERET_TILGANG = "annulleret_tilgang"
    ANNULLERET_AFGANG = "annulleret_afgang"
    ANNULLERET_INDPLACERING = "annulleret_indplacering"
    # Issue 17: a tillægstakst starts, ends, or is annulled.
    TILLAEG = "tillaeg"
    TILLAEG_SLUT = "tillaeg_slut"
    ANNULLERET_TILLAEG = "annulleret_tillaeg"
    # Entries of the whole tilbud, not of one ophold (issue 13 #2, #3).
    TAKSTAENDRING = "takstaendring"
    AENDRET_GRUNDLAG = "aendret_grundlag"


_TILGANGE = (Haendelsesart.TILGANG, Haendelsesart.OMPLACERING_TILGANG)


@dataclass(frozen=True)
class Haendelse:
    """One event and the ophold as it leaves it (None: not in the tilbud).

    ``orden`` is the latest (effective, registered) of the steps applied so far:
    the ophold's own events never pass each other in the global order, which
    the ledger needs (each event's state builds on the one before). It is the
    event's own dates except after a late step (``kendt_pr``).
    """

    ophold: Ophold
    nummer: int  # order within the ophold
    art: str
    virkning_fra: date
    registreret: date | None
    niveau_kode: str | None
    udgave: Ophold | None
    orden: tuple[date, date] | None = None
    tillaeg: Tillaeg | None = None  # the tillægstakst a tillæg event is about

    @property
    def noegle(self) -> tuple[date, date, bool, int, int]:
        """Global order. A missing registration counts as on the effective date.

        A return's cut of the run-off follows the tilgang that causes it.
        """
        virkning, registreret = self.orden or (
            self.virkning_fra,
            self.registreret or self.virkning_fra,
        )
        efter = self.art == Haendelsesart.GENINDFLYTNING
        return (virkning, registreret, efter, self.ophold.id, self.nummer)


@dataclass(frozen=True)
class _Afgang:
    """An afgang as registered; ``annulleret`` is the day it was annulled."""

    dato: date
    registreret: date | None
    annulleret: date | None


def _afgange(ophold: Ophold) -> tuple[_Afgang, ...]:
    """The annulled afgange, then the one in force (if any), by position."""
    annullerede = tuple(
        _Afgang(a.dato, a.registreret, a.annulleret) for a in ophold.annullerede_afgange
    )
    if ophold.afgang is None:
        return annullerede
    return (*annullerede, _Afgang(ophold.afgang, ophold.afgang_registreret, None))


@dataclass(frozen=True)
class _Trin:
    art: str
    virkning_fra: date
    registreret: date | None
    niveau_kode: str | None = None
    indeks: tuple[int, ...] = ()  # indplaceringer (by position) the event adds
    fjern: tuple[int, ...] = ()  # indplaceringer (by position) it annuls
    afgang: int | None = None  # the afgang (by position) it applies
    annuller_afgang: int | None = None
    genindflytning: bool = False
    annuller_ophold: bool = False
    tillaeg_start: int | None = None  # the tillæg (by position) it starts
    tillaeg_slut: int | None = None  # the tillæg whose end it applies
    fjern_tillaeg: int | None = None  # the tillæg it annuls
    tillaeg: Tillaeg | None = None

    @property
    def orden(self) -> tuple[date, date]:
        return (self.virkning_fra, self.registreret or self.virkning_fra)


@dataclass
class _Tilstand:
    """The steps applied so far."""

    findes: bool
    anvendte: set[int]
    fjernede: set[int] = dataclasses.field(default_factory=set)
    afgange: set[int] = dataclasses.field(default_factory=set)
    annullerede_afgange: set[int] = dataclasses.field(default_factory=set)
    genindflytning: bool = False
    annulleret: bool = False
    tillaeg: set[int] = dataclasses.field(default_factory=set)
    tillaeg_sluttet: set[int] = dataclasses.field(default_factory=set)
    tillaeg_fjernet: set[int] = dataclasses.field(default_factory=set)

    def anvend(self, t: _Trin) -> None:
        self.findes = self.findes or t.art in _TILGANGE
        self.anvendte |= set(t.indeks)
        self.fjernede |= set(t.fjern)
        if t.afgang is not None:
            self.afgange.add(t.afgang)
        if t.annuller_afgang is not None:
            self.annullerede_afgange.add(t.annuller_afgang)
        self.genindflytning = self.genindflytning or t.genindflytning
        self.annulleret = self.annulleret or t.annuller_ophold
        for felt, i in (
            (self.tillaeg, t.tillaeg_start),
            (self.tillaeg_sluttet, t.tillaeg_slut),
            (self.tillaeg_fjernet, t.fjern_tillaeg),
        ):
            if i is not None:
                felt.add(i)

    def udgave(self, ophold: Ophold) -> Ophold | None:
        """The ophold with only the applied steps (None: not in the tilbud)."""
        if not self.findes or self.annulleret:
            return None
        return dataclasses.replace(
            ophold,
            afgang=self._afgang(ophold),
            genindflytning=ophold.genindflytning if self.genindflytning else None,
            indplaceringer=tuple(
                dataclasses.replace(p, annulleret=None)
                for i, p in enumerate(ophold.indplaceringer)
                if i in self.anvendte and i not in self.fjernede
            ),
            annulleret=None,
            annullerede_afgange=(),
            tillaeg=tuple(
                dataclasses.replace(
                    t,
                    annulleret=None,
                    **({} if i in self.tillaeg_sluttet else _aaben),
                )
                for i, t in enumerate(ophold.tillaeg)
                if i in self.tillaeg and i not in self.tillaeg_fjernet
            ),
        )

    def _afgang(self, ophold: Ophold) -> date | None:
        """The applied afgang not annulled; of two, the later registered wins."""
        afgange = _afgange(ophold)
        gaeldende = [
            (a.registreret or a.dato, i)
            for i in self.afgange - self.annullerede_afgange
            for a in (afgange[i],)
        ]
        return afgange[max(gaeldende)[1]].dato if gaeldende else None


_aaben = {"til": None, "til_registreret": None}


def _i_basis(registreret: date | None, virkning: date, aar: int, kendt_pr) -> bool:
    """A step of a resident in its base: on or before 1 January and known then."""
    return virkning <= date(aar, 1, 1) and er_kendt(registreret, virkning, kendt_pr)


def _kendt_afgang(ophold: Ophold, aar: int, kendt_pr: date | None) -> set[int]:
    """The afgange (by position) in the base: on or before 1 January, registered
    and not annulled by ``kendt_pr`` (without it: the one in force, if any)."""
    return {
        i
        for i, a in enumerate(_afgange(ophold))
        if _i_basis(a.registreret, a.dato, aar, kendt_pr)
        and not annulleret_pr(a.annulleret, kendt_pr)
    }


def _basis(ophold: Ophold, aar: int, kendt_pr: date | None) -> set[int]:
    """The indplaceringer (by position) in a resident's oprindeligt base state.

    An annulment takes effect from the annulled level's date, so a level annulled
    from before 1 January is not in the base (unless annulled after kendt_pr).
    """
    return {
        i
        for i, p in enumerate(ophold.indplaceringer)
        if _i_basis(p.registreret, p.gyldig_fra, aar, kendt_pr)
        and not annulleret_pr(p.annulleret, kendt_pr)
    }


def _tillaeg_basis(
    ophold: Ophold, aar: int, kendt_pr: date | None
) -> tuple[set[int], set[int]]:
    """Issue 17: the tillæg (by position) in a resident's base, and those of
    them whose end is in it too (on or before 1 January and known then); as
    bidrag.oprindelige_tillaeg, a tillæg annulled by kendt_pr is not there."""
    startet = {
        i
        for i, t in enumerate(ophold.tillaeg)
        if _i_basis(t.registreret, t.fra, aar, kendt_pr)
        and not annulleret_pr(t.annulleret, kendt_pr)
    }
    sluttet = {
        i
        for i in startet
        for t in (ophold.tillaeg[i],)
        if t.til is not None and _i_basis(slut_kendt(t), t.til, aar, kendt_pr)
    }
    return startet, sluttet


def _tillaegstrin(
    ophold: Ophold, aar: int | None, kendt_pr: date | None
) -> list[_Trin]:
    """Issue 17: each tillæg's start and end, and its annulment, except what a
    resident (``aar`` set) has in its base. An annulment takes effect from the
    tillæg's first day in the stay."""
    basis_slut = _tillaeg_basis(ophold, aar, kendt_pr)[1] if aar is not None else set()
    trin = []
    for i, t in enumerate(ophold.tillaeg):
        i_basis = aar is not None and _i_basis(t.registreret, t.fra, aar, kendt_pr)
        ude = i_basis and annulleret_pr(t.annulleret, kendt_pr)
        if not i_basis:
            trin.append(
                _Trin(
                    Haendelsesart.TILLAEG,
                    t.fra,
                    t.registreret,
                    tillaeg_start=i,
                    tillaeg=t,
                )
            )
        if t.til is not None and i not in basis_slut and not ude:
            trin.append(
                _Trin(
                    Haendelsesart.TILLAEG_SLUT,
                    t.til,
                    t.til_registreret or t.registreret,
                    tillaeg_slut=i,
                    tillaeg=t,
                )
            )
        if t.annulleret is not None and not ude:
            trin.append(
                _Trin(
                    Haendelsesart.ANNULLERET_TILLAEG,
                    max(t.fra, ophold.tilgang),
                    t.annulleret,
                    fjern_tillaeg=i,
                    tillaeg=t,
                )
            )
    return trin


def _trin(
    ophold: Ophold, aar: int, resident: bool, kendt_pr: date | None
) -> tuple[list[_Trin], int]:
    """The steps not already in the base state, in order within the ophold, and
    how many of the first are to be collapsed into one event.

    A non-resident's steps known by kendt_pr and effective before 1 January
    come first and are collapsed: they finance nothing in the year (it was not
    financed on 1 January as known then). The rest follow by date: late steps
    (effective by 1 January, registered after kendt_pr), then the year's.
    """
    # A resident's state on 1 January is the base; a newcomer's indplaceringer
    # up to its tilgang belong to the tilgang step.
    nytaar = date(aar, 1, 1)
    tilgangen = set() if resident else _i_tilgangen(ophold, kendt_pr)
    trin = [] if resident else _tilgangstrin(ophold, tilgangen)
    if resident and ophold.annulleret is not None:  # annulled after kendt_pr
        trin += _tilgangstrin(ophold, tilgangen)[1:]
    trin += _indplaceringstrin(ophold, tilgangen, resident, aar, kendt_pr)
    trin += _afgangstrin(ophold, aar if resident else None, kendt_pr)
    trin += _tillaegstrin(ophold, aar if resident else None, kendt_pr)
    if ophold.genindflytning is not None:
        trin.append(_genindflytningstrin(ophold))
    if resident:
        return sorted(trin, key=lambda t: t.orden), 0
    foer, resten = [], []
    for t in trin:
        kendt = er_kendt(t.registreret, t.virkning_fra, kendt_pr)
        (foer if t.virkning_fra < nytaar and kendt else resten).append(t)
    foer.sort(key=lambda t: t.orden)
    resten.sort(key=lambda t: t.orden)
    return foer + resten, len(foer)


def _i_tilgangen(ophold: Ophold, kendt_pr: date | None) -> set[int]:
    """The indplaceringer (by position) the tilgang step brings: those from its
    date, except one registered after kendt_pr when the tilgang was known then
    (that one is a late step of its own)."""
    tilgang_kendt = er_kendt(ophold.tilgang_registreret, ophold.tilgang, kendt_pr)
    return {
        i
        for i, p in enumerate(ophold.indplaceringer)
        if p.gyldig_fra <= ophold.tilgang
        and (not tilgang_kendt or er_kendt(p.registreret, p.gyldig_fra, kendt_pr))
    }


def _tilgangstrin(ophold: Ophold, tilgangen: set[int]) -> list[_Trin]:
    art = Haendelsesart.TILGANG
    if ophold.omplacering_fra is not None:
        art = Haendelsesart.OMPLACERING_TILGANG
    indeks = tuple(sorted(tilgangen))
    aktive = dataclasses.replace(
        ophold,
        indplaceringer=tuple(
            dataclasses.replace(p, annulleret=None) for p in ophold.indplaceringer
        ),
    )
    gaeldende = indplacering_paa(aktive, ophold.tilgang)
    kode = gaeldende.niveau_kode if gaeldende else None
    trin = [_Trin(art, ophold.tilgang, ophold.tilgang_registreret, kode, indeks)]
    if ophold.annulleret is not None:
        trin.append(
            _Trin(
                Haendelsesart.ANNULLERET_TILGANG,
                ophold.tilgang,
                ophold.annulleret,
                kode,
                annuller_ophold=True,
            )
        )
    return trin


def _indplaceringstrin(
    ophold: Ophold,
    tilgangen: set[int],
    resident: bool,
    aar: int,
    kendt_pr: date | None,
) -> list[_Trin]:
    """Levels neither in a resident's base nor in the tilgang step, and each
    annulment, except of a level annulled out of a resident's base by
    kendt_pr."""
    trin = []
    for i, p in enumerate(ophold.indplaceringer):
        i_basis = resident and _i_basis(p.registreret, p.gyldig_fra, aar, kendt_pr)
        if not i_basis and i not in tilgangen:
            trin.append(
                _Trin(
                    Haendelsesart.INDPLACERING,
                    p.gyldig_fra,
                    p.registreret,
                    p.niveau_kode,
                    indeks=(i,),
                )
            )
        if p.annulleret is not None and not (
            i_basis and annulleret_pr(p.annulleret, kendt_pr)
        ):
            trin.append(
                _Trin(
                    Haendelsesart.ANNULLERET_INDPLACERING,
                    max(p.gyldig_fra, ophold.tilgang),
                    p.annulleret,
                    p.niveau_kode,
                    fjern=(i,),
                )
            )
    return trin


def _afgangstrin(ophold: Ophold, aar: int | None, kendt_pr: date | None) -> list[_Trin]:
    """Each afgang, and each annulment of one, except a resident's (``aar`` set)
    in its base: on or before 1 January and registered by kendt_pr. An afgang in
    the base annulled after kendt_pr is annulled by a step."""
    trin = []
    for i, a in enumerate(_afgange(ophold)):
        i_basis = aar is not None and _i_basis(a.registreret, a.dato, aar, kendt_pr)
        if not i_basis:
            art = Haendelsesart.AFGANG
            if a.annulleret is None and ophold.omplacering_til is not None:
                art = Haendelsesart.OMPLACERING_AFGANG
            trin.append(_Trin(art, a.dato, a.registreret, afgang=i))
        if a.annulleret is not None and not (
            i_basis and annulleret_pr(a.annulleret, kendt_pr)
        ):
            trin.append(
                _Trin(
                    Haendelsesart.ANNULLERET_AFGANG,
                    a.dato,
                    a.annulleret,
                    annuller_afgang=i,
                )
            )
    return trin


def _genindflytningstrin(ophold: Ophold) -> _Trin:
    """The return to the tilbud ends this stay's run-off (DOMAIN.md §8).

    It implies the afgang in force (a return needs one), so its state never
    depends on the order of the two when their dates tie.
    """
    assert ophold.genindflytning is not None
    return _Trin(
        Haendelsesart.GENINDFLYTNING,
        ophold.genindflytning,
        ophold.genindflytning_registreret,
        afgang=len(_afgange(ophold)) - 1,
        genindflytning=True,
    )


def haendelser(
    ophold: Ophold, aar: int, kendt_pr: date | None = None
) -> tuple[Haendelse, ...]:
    """DOMAIN.md §8: the ophold's events, each with the ophold it leaves behind.

    The base is ``oprindelig_udgave(ophold, aar, kendt_pr)``. A non-resident's
    events effective before 1 January (known by kendt_pr) are collapsed into the
    last of them. A resident whose tilgang was annulled (by kendt_pr) has no
    events: the annulment takes effect from the tilgang, so it is not in the
    base either.
    """
    kendt = kendt_udgave(ophold, kendt_pr)
    resident = kendt is not None and oprindelig_udgave(kendt, aar) is not None
    if kendt is not None and annulleret_pr(ophold.annulleret, kendt_pr):
        if i_oprindeligt(dataclasses.replace(kendt, annulleret=None), aar):
            return ()
    tilstand = _Tilstand(findes=resident, anvendte=set())
    if resident:
        tilstand.anvendte = _basis(ophold, aar, kendt_pr)
        tilstand.afgange = _kendt_afgang(ophold, aar, kendt_pr)
        tilstand.tillaeg, tilstand.tillaeg_sluttet = _tillaeg_basis(
            ophold, aar, kendt_pr
        )
    trin, antal_foer = _trin(ophold, aar, resident, kendt_pr)
    resultat = []
    orden = (date.min, date.min)
    for nummer, t in enumerate(trin):
        if tilstand.annulleret:
            break  # nothing changes a stay annulled as never having been
        tilstand.anvend(t)
        orden = max(orden, t.orden)
        resultat.append(
            Haendelse(
                ophold,
                nummer,
                t.art,
                t.virkning_fra,
                t.registreret,
                t.niveau_kode,
                tilstand.udgave(ophold),
                orden,
                t.tillaeg,
            )
        )
    foer = resultat[:antal_foer]
    return tuple(foer[-1:] + resultat[antal_foer:])
