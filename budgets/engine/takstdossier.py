"""The takst dossier's comparison with last year (issue 18 #4).

A dossier is sections of lines, each line one figure that went into the takster
(a fixed-cost category, the belægning, a timepris input, a level's hours) under
a stable key. Last year's dossier is matched to this year's by key, so every
line shows its change; a line only last year is shown as removed (value None).

Pure: the standard library only.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class Dossierlinje:
    """``enhed``: kr, kr_pr_doegn, timer, timer_pr_doegn, procent or antal.
    ``grundlag``: the input as it was given (e.g. "17 % af årsnormen"), if it
    differs from the value shown."""

    noegle: str
    tekst: str
    enhed: str
    vaerdi: Decimal | None
    grundlag: str = ""
    forrige: Decimal | None = None
    sidste_aar: bool = False  # the line existed last year
    udgaaet: bool = False  # the line existed last year only

    @property
    def aendring(self) -> Decimal | None:
        """This year − last year; None when either is missing."""
        if self.vaerdi is None or self.forrige is None:
            return None
        return self.vaerdi - self.forrige


@dataclass(frozen=True)
class Dossiersektion:
    noegle: str
    titel: str
    linjer: tuple[Dossierlinje, ...]


def med_forrige(
    nu: Sequence[Dossiersektion], forrige: Sequence[Dossiersektion]
) -> tuple[Dossiersektion, ...]:
    """This year's sections with last year's value on each line (by key); a
    line of last year that is gone is appended to its section with value None.
    A section only last year is left out (e.g. last year's efterregulering)."""
    gamle = {s.noegle: s for s in forrige}
    ud = []
    for sektion in nu:
        tidligere = {li.noegle: li for li in gamle.get(sektion.noegle, _TOM).linjer}
        linjer = [_sammen(li, tidligere.pop(li.noegle, None)) for li in sektion.linjer]
        linjer += [
            replace(
                li,
                vaerdi=None,
                grundlag="",
                forrige=li.vaerdi,
                sidste_aar=True,
                udgaaet=True,
            )
            for li in tidligere.values()
        ]
        ud.append(replace(sektion, linjer=tuple(linjer)))
    return tuple(ud)


_TOM = Dossiersektion("", "", ())


def _sammen(li: Dossierlinje, gammel: Dossierlinje | None) -> Dossierlinje:
    if gammel is None:
        return li
    return replace(li, forrige=gammel.vaerdi, sidste_aar=True)
