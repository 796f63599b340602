"""What every module of offers.services shares: the lowest layer of the package.

The package's __init__ imports annullering and betalingskommune, so those two
import these helpers from here rather than from the package.
"""

import datetime

from offers.models import Borger

OPHOLD_OVERLAP = "Borgeren har allerede et ophold i perioden (i {tilbud} fra {fra})."


def _fmt(d: datetime.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "…"


def _lock(borger: Borger) -> Borger:
    return Borger.objects.select_for_update().get(pk=borger.pk)
