"""What the budget buys in staff (DOMAIN.md §6).

Årsværk = the part of the korrigeret budget that pays for support hours / årsløn.
Which part that is depends on the tildelingsprincip (issue 12 item 4):

- ``hybrid``: the aktivitetsbudget, Σ servicetakst × financed days. The fast
  budget pays the faste udgifter (ledelse, nattevagt, bygninger: DOMAIN.md §2).
- ``aktivitet``: the servicetakst part of the activity, Σ servicetakst × financed
  days: each døgntakst is basistakst + servicetakst, and the basistakst pays the
  faste udgifter, not support. Unregulated, as for hybrid: the reguleringsandel
  dampens the money for belægning, not the hours the levels pay for.
- ``ramme``: the frame minus the tilbud's registered faste udgifter (the whole
  frame when none are registered), plus the overkapacitet tillæg, which pays
  for the borgere above the dimensioned places. Negative when the faste
  udgifter exceed the frame: the frame then buys no staff at all, and the page
  shows it rather than a zero.

Worked example (ramme): frame 15,700,000 kr., faste udgifter 2,900,000 kr., no
tillæg → 12,800,000 / 480,000 = 26.67 årsværk.
"""

from dataclasses import dataclass
from decimal import Decimal

from budgets.engine.grundlag import TilbudGrundlag, Tildelingsprincip
from budgets.engine.perioder import aarstotal
from budgets.engine.tilbud import TilbudBudget


@dataclass(frozen=True)
class Bemanding:
    """Årsværk and direct hours bought, against the hours the levels require.

    ``stoettebudget`` is the budget part that buys them (``stoettebudget_aar``).
    Unrounded: rounding årsværk for display is the caller's job.
    """

    aarsvaerk: Decimal
    koebte_timer: Decimal
    paakraevede_timer: Decimal
    stoettebudget: Decimal

    @property
    def forskel_timer(self) -> Decimal:
        """Bought − required direct hours; negative means too few staff hours."""
        return self.koebte_timer - self.paakraevede_timer


def stoettebudget_aar(tilbud: TilbudGrundlag, budget: TilbudBudget) -> Decimal:
    """The year's korrigeret budget part that pays for support hours (see above)."""
    return stoettebudget(
        tilbud,
        aarstotal(budget.service_korrigeret),
        budget.overkapacitet_aar,
        budget.aar,
    )


def stoettebudget(
    tilbud: TilbudGrundlag, service_aar: Decimal, overkapacitet_aar: Decimal, aar: int
) -> Decimal:
    """``stoettebudget_aar`` from the year's korrigeret servicetakst part and
    overkapacitet tillæg (as the vectorised engine gives them)."""
    if tilbud.tildelingsprincip == Tildelingsprincip.RAMME:
        rammen = tilbud.rammen(aar)
        ramme = rammen.rammebeloeb if rammen else Decimal(0)  # advarsler
        return ramme - tilbud.faste_udgifter + overkapacitet_aar
    return service_aar


def bemanding(
    stoettebudget: Decimal,
    aarsloen: Decimal,
    direkte_timer_pr_aarsvaerk: Decimal,
    paakraevede_timer_aar: Decimal,
) -> Bemanding:
    """DOMAIN.md §6: årsværk = stoettebudget / aarsloen, and their direct hours.

    ``stoettebudget`` comes from ``stoettebudget_aar``, ``paakraevede_timer_aar``
    from ``paakraevede_timer``.
    """
    if aarsloen <= 0:
        raise ValueError("Årslønnen skal være større end 0.")
    aarsvaerk = stoettebudget / aarsloen
    return Bemanding(
        aarsvaerk=aarsvaerk,
        koebte_timer=aarsvaerk * direkte_timer_pr_aarsvaerk,
        paakraevede_timer=paakraevede_timer_aar,
        stoettebudget=stoettebudget,
    )
