"""The "faktureret" mark of a municipality's month (issue 18 #1).

Marked when the month's settlement has been invoiced; taken back if marked in
error. Both keep history (simple_history: who and when; a taken-back mark is a
deleted row there).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from budgets.models import AfregningFaktureret
from config.lib.history import save_with_history, with_history_user

ALLEREDE_FAKTURERET = "Kommune {kode} er allerede markeret faktureret for {periode}."
IKKE_FAKTURERET = "Kommune {kode} er ikke markeret faktureret for {periode}."


def _periode(aar: int, maaned: int) -> str:
    return f"{maaned:02d}.{aar}"


@transaction.atomic
def afregning_faktureret_marker(
    *, kommunekode: str, aar: int, maaned: int, acting_user: AbstractBaseUser
) -> AfregningFaktureret:
    """Mark the kommune's month as invoiced, by ``acting_user`` now."""
    if AfregningFaktureret.objects.filter(
        kommunekode=kommunekode, aar=aar, maaned=maaned
    ).exists():
        raise ValidationError(
            {
                "kommunekode": ALLEREDE_FAKTURERET.format(
                    kode=kommunekode, periode=_periode(aar, maaned)
                )
            }
        )
    mark = AfregningFaktureret(
        kommunekode=kommunekode,
        aar=aar,
        maaned=maaned,
        faktureret_af=acting_user,
        faktureret=timezone.now(),
    )
    return save_with_history(mark, acting_user)


@transaction.atomic
def afregning_faktureret_fjern(
    *, kommunekode: str, aar: int, maaned: int, acting_user: AbstractBaseUser
) -> None:
    """Take the mark back (marked in error); the history keeps both."""
    mark = (
        AfregningFaktureret.objects.select_for_update()
        .filter(kommunekode=kommunekode, aar=aar, maaned=maaned)
        .first()
    )
    if mark is None:
        raise ValidationError(
            {
                "kommunekode": IKKE_FAKTURERET.format(
                    kode=kommunekode, periode=_periode(aar, maaned)
                )
            }
        )
    with_history_user(mark, acting_user).delete()
