"""An ophold's events, each with the ophold as it leaves it (DOMAIN.md §8).

An event is a step that changes one ophold: the tilgang creates it, an
indplacering adds a level, the afgang sets its end, a return to the tilbud cuts
its run-off, and an annulment (issue 12 item 11) takes back a wrongly registered
tilgang, afgang or indplacering. The state after a step is built from the set of
steps applied so far, so it does not depend on the order of steps whose effects
are independent. An annulment takes effect from the annulled event's date and is
registered on the day it was made.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date

from budgets.engine.bidrag import i_oprindeligt, indplacering_paa, oprindelig_udgave
from budgets.engine.grundlag import Ophold


class Haendelsesart:
    """DOMAIN.md §8: what an event does to its ophold."""

    TILGANG = "tilgang"
    AFGANG = "afgang"
    INDPLACERING = "indplacering"
    OMPLACERING_TILGANG = "omplacering_tilgang"
    OMPLACERING_AFGANG = "omplacering_afgang"
    GENINDFLYTNING = "genindflytning"
    ANNULLERET_TILGANG = "annulleret_tilgang"
    ANNULLERET_AFGANG = "annulleret_afgang"
    ANNULLERET_INDPLACERING = "annulleret_indplacering"


ETIKETTER = {
    Haendelsesart.TILGANG: "Tilgang",
    Haendelsesart.AFGANG: "Afgang",
    Haendelsesart.INDPLACERING: "Indplacering",
    Haendelsesart.OMPLACERING_TILGANG: "Omplacering fra",
    Haendelsesart.OMPLACERING_AFGANG: "Omplacering til",
    Haendelsesart.GENINDFLYTNING: "Genindflytning (afløbet afkortes)",
    Haendelsesart.ANNULLERET_TILGANG: "Annulleret tilgang",
    Haendelsesart.ANNULLERET_AFGANG: "Annulleret afgang",
    Haendelsesart.ANNULLERET_INDPLACERING: "Annulleret indplacering",
}

_TILGANGE = (Haendelsesart.TILGANG, Haendelsesart.OMPLACERING_TILGANG)


@dataclass(frozen=True)
class Haendelse:
    """One event and the ophold as it leaves it (None: not in the tilbud)."""

    ophold: Ophold
    nummer: int  # order within the ophold
    art: str
    virkning_fra: date
    registreret: date | None
    niveau_kode: str | None
    udgave: Ophold | None

    @property
    def noegle(self) -> tuple[date, date, bool, int, int]:
        """Global order. A missing registration counts as on the effective date.

        A return's cut of the run-off follows the tilgang that causes it.
        """
        registreret = self.registreret or self.virkning_fra
        efter = self.art == Haendelsesart.GENINDFLYTNING
        return (self.virkning_fra, registreret, efter, self.ophold.id, self.nummer)


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


def _kendt_afgang(ophold: Ophold, aar: int) -> set[int]:
    """The afgang (by position) in the base: one on or before 1 January."""
    afgange = _afgange(ophold)
    if ophold.afgang is None or ophold.afgang > date(aar, 1, 1):
        return set()
    return {len(afgange) - 1}


def _basis(ophold: Ophold, aar: int) -> set[int]:
    """The indplaceringer (by position) in a resident's oprindeligt base state.

    An annulment takes effect from the annulled level's date, so a level annulled
    from before 1 January is not in the base.
    """
    nytaar = date(aar, 1, 1)
    return {
        i
        for i, p in enumerate(ophold.indplaceringer)
        if p.gyldig_fra <= nytaar and p.annulleret is None
    }


def _trin(ophold: Ophold, aar: int, resident: bool) -> list[_Trin]:
    """The steps not already in the base state, sorted within the ophold."""
    # A resident's state on 1 January is the base; a newcomer's indplaceringer
    # up to its tilgang belong to the tilgang step.
    skel = date(aar, 1, 1) if resident else ophold.tilgang
    trin = [] if resident else _tilgangstrin(ophold)
    trin += _indplaceringstrin(ophold, skel, resident)
    trin += _afgangstrin(ophold, date(aar, 1, 1) if resident else None)
    if ophold.genindflytning is not None:
        trin.append(_genindflytningstrin(ophold))
    return sorted(trin, key=lambda t: t.orden)


def _tilgangstrin(ophold: Ophold) -> list[_Trin]:
    art = Haendelsesart.TILGANG
    if ophold.omplacering_fra is not None:
        art = Haendelsesart.OMPLACERING_TILGANG
    indeks = tuple(
        i for i, p in enumerate(ophold.indplaceringer) if p.gyldig_fra <= ophold.tilgang
    )
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


def _indplaceringstrin(ophold: Ophold, skel: date, resident: bool) -> list[_Trin]:
    """Levels after ``skel`` (before it: in the base or the tilgang step), and
    each annulment, except of a level annulled out of a resident's base."""
    trin = []
    for i, p in enumerate(ophold.indplaceringer):
        ny = p.gyldig_fra > skel
        if ny:
            trin.append(
                _Trin(
                    Haendelsesart.INDPLACERING,
                    p.gyldig_fra,
                    p.registreret,
                    p.niveau_kode,
                    indeks=(i,),
                )
            )
        if p.annulleret is not None and (ny or not resident):
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


def _afgangstrin(ophold: Ophold, nytaar: date | None) -> list[_Trin]:
    """Each afgang, and each annulment of one (a resident's from before 1 January
    are in the base: it has none then)."""
    trin = []
    for i, a in enumerate(_afgange(ophold)):
        if nytaar is not None and a.dato <= nytaar:
            continue  # in the base: known on 1 January
        art = Haendelsesart.AFGANG
        if a.annulleret is None and ophold.omplacering_til is not None:
            art = Haendelsesart.OMPLACERING_AFGANG
        trin.append(_Trin(art, a.dato, a.registreret, afgang=i))
        if a.annulleret is not None:
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


def haendelser(ophold: Ophold, aar: int) -> tuple[Haendelse, ...]:
    """DOMAIN.md §8: the ophold's events, each with the ophold it leaves behind.

    Events effective before 1 January are collapsed into the last of them. A
    resident whose tilgang was annulled has no events: the annulment takes
    effect from the tilgang, so it is not in the base either.
    """
    resident = oprindelig_udgave(ophold, aar) is not None
    if ophold.annulleret is not None:
        if i_oprindeligt(dataclasses.replace(ophold, annulleret=None), aar):
            return ()
    tilstand = _Tilstand(findes=resident, anvendte=set())
    if resident:
        tilstand.anvendte = _basis(ophold, aar)
        tilstand.afgange = _kendt_afgang(ophold, aar)
    resultat = []
    for nummer, t in enumerate(_trin(ophold, aar, resident)):
        if tilstand.annulleret:
            break  # nothing changes a stay annulled as never having been
        tilstand.anvend(t)
        resultat.append(
            Haendelse(
                ophold,
                nummer,
                t.art,
                t.virkning_fra,
                t.registreret,
                t.niveau_kode,
                tilstand.udgave(ophold),
            )
        )
    foer = [h for h in resultat if h.virkning_fra < date(aar, 1, 1)]
    return tuple(foer[-1:] + resultat[len(foer) :])
