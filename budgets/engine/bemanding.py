"""What the activity budget buys in staff (DOMAIN.md §6)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bemanding:
    """Årsværk and direct hours bought, against the hours the levels require.

    Unrounded: rounding årsværk for display is the caller's job.
    """

    aarsvaerk: Decimal
    koebte_timer: Decimal
    paakraevede_timer: Decimal

    @property
    def forskel_timer(self) -> Decimal:
        """Bought − required direct hours; negative means too few staff hours."""
        return self.koebte_timer - self.paakraevede_timer


def bemanding(
    aktivitetsbudget_aar: Decimal,
    aarsloen: Decimal,
    direkte_timer_pr_aarsvaerk: Decimal,
    paakraevede_timer_aar: Decimal,
) -> Bemanding:
    """DOMAIN.md §6: årsværk = aktivitetsbudget / aarsloen, and their direct hours.

    ``paakraevede_timer_aar`` comes from ``paakraevede_timer``.
    """
    if aarsloen <= 0:
        raise ValueError("Årslønnen skal være større end 0.")
    aarsvaerk = aktivitetsbudget_aar / aarsloen
    return Bemanding(
        aarsvaerk=aarsvaerk,
        koebte_timer=aarsvaerk * direkte_timer_pr_aarsvaerk,
        paakraevede_timer=paakraevede_timer_aar,
    )
