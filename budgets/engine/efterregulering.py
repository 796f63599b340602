"""Efterregulering of a closed year's over- or underskud (issue 18 #3).

Takster for sold places must cover the long-run costs, with an over- or
underskud carried into later takster (Serviceloven § 174 and the takst rules).
After a year Y is lukket, per tilbud:

    resultat      = takstfinansieret − realiseret     (> 0: overskud, < 0: underskud)
    graense       = baand × takstfinansieret          (the band, default 5 %)
    til_ramme     = resultat clamped to [−graense, +graense]   → the frame of Y + 1
    til_takst     = resultat − til_ramme                        → the takst of Y + n

``takstfinansieret`` is what the year's takster financed: the tilbud's
korrigeret budget for the year (fast + aktivitet, DOMAIN.md §6); ``realiseret``
is the year's imported forbrug (all arts, net, as the budget model compares).
An overskud carried into the takst lowers it (the buyers paid too much), an
underskud raises it: the takst line is −til_takst, spread per døgn like the
basistakst (DOMAIN.md §4) over the later year's pladser × days × forudsat
belægning, rounded to øre once.

Pure: the standard library, config.lib and other engines only.
"""

from dataclasses import dataclass
from decimal import Decimal

from config.lib.money import round_to_oere
from tariffs.engine import HUNDREDE, dage_i_aaret

NUL = Decimal(0)


@dataclass(frozen=True)
class Efterreguleringsregel:
    """The settings: the band in percent of the takst basis, and how many years
    later the rest goes into the takst."""

    baand_procent: Decimal = Decimal("5")
    takst_aar_senere: int = 2


@dataclass(frozen=True)
class Efterregulering:
    aar: int
    takstfinansieret: Decimal
    realiseret: Decimal
    regel: Efterreguleringsregel

    @property
    def resultat(self) -> Decimal:
        """Over- (positive) or underskud (negative)."""
        return self.takstfinansieret - self.realiseret

    @property
    def procent(self) -> Decimal | None:
        """The resultat in % of the takst basis (unrounded); None without one."""
        if not self.takstfinansieret:
            return None
        return self.resultat / self.takstfinansieret * HUNDREDE

    @property
    def graense(self) -> Decimal:
        """The band in kroner, rounded to øre once (it is a money amount)."""
        return round_to_oere(
            abs(self.takstfinansieret) * self.regel.baand_procent / HUNDREDE
        )

    @property
    def til_ramme(self) -> Decimal:
        """The part within the band, carried to the frame of ``ramme_aar``."""
        return max(-self.graense, min(self.graense, self.resultat))

    @property
    def til_takst(self) -> Decimal:
        """The rest, carried into the takst of ``takst_aar``."""
        return self.resultat - self.til_ramme

    @property
    def ramme_aar(self) -> int:
        return self.aar + 1

    @property
    def takst_aar(self) -> int:
        return self.aar + self.regel.takst_aar_senere


def efterregulering(
    aar: int,
    takstfinansieret: Decimal,
    realiseret: Decimal,
    regel: Efterreguleringsregel | None = None,
) -> Efterregulering:
    """Issue 18 #3 for one tilbud and one closed year."""
    return Efterregulering(
        aar, takstfinansieret, realiseret, regel or Efterreguleringsregel()
    )


def efterregulering_pr_doegn(
    til_takst: Decimal, pladser: int, aar: int, forudsat_belaegning: Decimal
) -> Decimal | None:
    """The takst line of the later year ``aar``: −til_takst spread over its
    pladser × days × forudsat belægning (%), as the basistakst; rounded to øre
    once. None when there are no forudsatte days to spread it over."""
    doegn = pladser * dage_i_aaret(aar) * forudsat_belaegning / HUNDREDE
    if doegn <= 0:
        return None
    return round_to_oere(-til_takst / doegn)
