"""The range of dates the product accepts (issue 14 item 5).

Every date a user types (pages, API, import rows) must lie in
[DATO_MIN, DATO_MAX]. The bounds follow the budget years the product already
accepts (2000-2100, tariffs' ``aar`` fields) and are far from Python's
date.max, so no date arithmetic on a stored date (a run-off month, the day
after a stay) can overflow. FRA_BEGYNDELSEN (offers.services.betalingskommune)
is DATO_MIN. Domain-free: no app is imported here.
"""

import datetime

from django.core.exceptions import ValidationError

DATO_MIN = datetime.date(2000, 1, 1)
DATO_MAX = datetime.date(2100, 12, 31)
DATO_UDEN_FOR_OMRAADE = (
    f"Datoen skal ligge mellem {DATO_MIN:%d.%m.%Y} og {DATO_MAX:%d.%m.%Y}."
)


def dato_i_omraade(dato: datetime.date) -> bool:
    return DATO_MIN <= dato <= DATO_MAX


def valider_dato(dato: datetime.date | None) -> None:
    """A Django validator (forms, models; DRF runs it too): the date's range."""
    if dato is not None and not dato_i_omraade(dato):
        raise ValidationError(DATO_UDEN_FOR_OMRAADE, code="dato_omraade")


def dato_eller_fejl_i_omraade(
    dato: datetime.date, fejl: list[str]
) -> datetime.date | None:
    """For import rows: the date, or None with the message added to ``fejl``."""
    if dato_i_omraade(dato):
        return dato
    fejl.append(DATO_UDEN_FOR_OMRAADE)
    return None
