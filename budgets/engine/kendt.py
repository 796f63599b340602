"""An ophold as it was registered on a date (issue 13 #2, DOMAIN.md §8).

The oprindeligt budget of a vedtaget year is what was known when it was adopted
(``kendt_pr``, the day of vedtagelse). An item registered later is not in it,
even when it takes effect on or before 1 January: it is a ledger entry with both
its registration date and its effective date. A missing registration date counts
as the effective date, as in the ledger's order (Haendelse.noegle). An annulment
is registered on the day it was made.
"""

import dataclasses
from datetime import date

from budgets.engine.grundlag import AnnulleretAfgang, Indplacering, Ophold, Tillaeg


def er_kendt(registreret: date | None, virkning: date, kendt_pr: date | None) -> bool:
    """Registered by the end of ``kendt_pr`` (None: everything is known)."""
    return kendt_pr is None or (registreret or virkning) <= kendt_pr


def annulleret_pr(annulleret: date | None, kendt_pr: date | None) -> bool:
    """Annulled by the end of ``kendt_pr`` (None: every annulment is known)."""
    return annulleret is not None and (kendt_pr is None or annulleret <= kendt_pr)


def _uden_sene(ophold: Ophold, kendt_pr: date) -> bool:
    """Whether every item of the ophold was registered by ``kendt_pr``."""
    datoer = [
        ophold.tilgang_registreret or ophold.tilgang,
        ophold.annulleret,
        ophold.genindflytning
        and (ophold.genindflytning_registreret or ophold.genindflytning),
        ophold.afgang and (ophold.afgang_registreret or ophold.afgang),
    ]
    for p in ophold.indplaceringer:
        datoer += [p.registreret or p.gyldig_fra, p.annulleret]
    for a in ophold.annullerede_afgange:
        datoer += [a.registreret or a.dato, a.annulleret]
    for t in ophold.tillaeg:
        datoer += [t.registreret or t.fra, t.annulleret, t.til and slut_kendt(t)]
    return all(d is None or d <= kendt_pr for d in datoer)


def kendt_udgave(ophold: Ophold, kendt_pr: date | None) -> Ophold | None:
    """The ophold with only what was registered by ``kendt_pr`` (None: unknown).

    Levels, afgange and a return registered later are left out; an annulment
    made later is undone. Of two afgange in force then, the later registered
    wins (as in the ledger). ``kendt_pr`` None gives the ophold itself.
    """
    if kendt_pr is None or _uden_sene(ophold, kendt_pr):
        return ophold
    if not er_kendt(ophold.tilgang_registreret, ophold.tilgang, kendt_pr):
        return None
    afgang, afgang_registreret, annullerede = _kendt_afgang(ophold, kendt_pr)
    kendt_genindflytning = ophold.genindflytning is not None and er_kendt(
        ophold.genindflytning_registreret, ophold.genindflytning, kendt_pr
    )
    return dataclasses.replace(
        ophold,
        afgang=afgang,
        afgang_registreret=afgang_registreret,
        annullerede_afgange=annullerede,
        indplaceringer=tuple(
            _som_kendt(p, kendt_pr)
            for p in ophold.indplaceringer
            if er_kendt(p.registreret, p.gyldig_fra, kendt_pr)
        ),
        annulleret=(
            ophold.annulleret if annulleret_pr(ophold.annulleret, kendt_pr) else None
        ),
        genindflytning=ophold.genindflytning if kendt_genindflytning else None,
        genindflytning_registreret=(
            ophold.genindflytning_registreret if kendt_genindflytning else None
        ),
        tillaeg=tuple(
            _tillaeg_som_kendt(t, kendt_pr)
            for t in ophold.tillaeg
            if er_kendt(t.registreret, t.fra, kendt_pr)
        ),
    )


def slut_kendt(tillaeg: Tillaeg) -> date | None:
    """When a tillæg's end was known: its own registration, else the tillæg's,
    else the end's date."""
    return tillaeg.til_registreret or tillaeg.registreret or tillaeg.til


def _tillaeg_som_kendt(tillaeg: Tillaeg, kendt_pr: date) -> Tillaeg:
    """Issue 17: the tillæg without an end or annulment made after kendt_pr."""
    aendret = {}
    if tillaeg.til is not None and not slut_kendt(tillaeg) <= kendt_pr:
        aendret.update(til=None, til_registreret=None)
    if tillaeg.annulleret is not None and not annulleret_pr(
        tillaeg.annulleret, kendt_pr
    ):
        aendret["annulleret"] = None
    return dataclasses.replace(tillaeg, **aendret) if aendret else tillaeg


def _som_kendt(indplacering: Indplacering, kendt_pr: date) -> Indplacering:
    """The level without an annulment made after ``kendt_pr``."""
    if indplacering.annulleret is None or annulleret_pr(
        indplacering.annulleret, kendt_pr
    ):
        return indplacering
    return dataclasses.replace(indplacering, annulleret=None)


def _kendt_afgang(
    ophold: Ophold, kendt_pr: date
) -> tuple[date | None, date | None, tuple[AnnulleretAfgang, ...]]:
    """(afgang, its registration, the annulled ones) as known on ``kendt_pr``."""
    afgange = [
        (a.dato, a.registreret, a.annulleret) for a in ophold.annullerede_afgange
    ]
    if ophold.afgang is not None:
        afgange.append((ophold.afgang, ophold.afgang_registreret, None))
    kendte = [a for a in afgange if er_kendt(a[1], a[0], kendt_pr)]
    annullerede = tuple(
        AnnulleretAfgang(dato, registreret, annulleret)
        for dato, registreret, annulleret in kendte
        if annulleret_pr(annulleret, kendt_pr)
    )
    gaeldende = [
        ((registreret or dato, i), dato, registreret)
        for i, (dato, registreret, annulleret) in enumerate(kendte)
        if not annulleret_pr(annulleret, kendt_pr)
    ]
    if not gaeldende:
        return None, None, annullerede
    _, dato, registreret = max(gaeldende)
    return dato, registreret, annullerede
