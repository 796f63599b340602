"""The "faktureret" mark of a municipality's month (issue 18 #1).

Marked when the month's settlement has been invoiced: the statement's lines and
efterreguleringer are stored with the mark in the same transaction, so the
invoiced month never moves (budgets.selectors.faktureret). Taken back if marked
in error (its lines go with it), unless a later invoice already holds an
efterregulering of it. Both keep history (simple_history: who and when; a
taken-back mark is a deleted row there).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from budgets.engine.afregning import Afregningslinje, Efterreguleringslinje
from budgets.models import AfregningFaktureret, AfregningFaktureretLinje
from budgets.selectors.faktureret import opgoerelse_for
from budgets.selectors.grundlag import BudgetGrundlagMangler
from config.lib.history import save_with_history, with_history_user

ALLEREDE_FAKTURERET = "Kommune {kode} er allerede markeret faktureret for {periode}."
IKKE_FAKTURERET = "Kommune {kode} er ikke markeret faktureret for {periode}."
KAN_IKKE_BEREGNES = "Måneden kan ikke afregnes: {grund}"
REGULERET_SENERE = (
    "Markeringen kan ikke fjernes: fakturaen for {senere} indeholder allerede en "
    "efterregulering af {periode}."
)


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
    try:
        k = opgoerelse_for(aar, maaned, acting_user).kommune(kommunekode)
    except BudgetGrundlagMangler as exc:
        besked = KAN_IKKE_BEREGNES.format(grund=exc)
        raise ValidationError({"kommunekode": besked}) from exc
    mark = AfregningFaktureret(
        kommunekode=kommunekode,
        aar=aar,
        maaned=maaned,
        faktureret_af=acting_user,
        faktureret=timezone.now(),
    )
    save_with_history(mark, acting_user)
    rows = [_linje_row(mark, li) for li in k.linjer]
    rows += [_efterregulering_row(mark, e) for e in k.efterreguleringer]
    if rows:
        bulk_create_with_history(
            rows, AfregningFaktureretLinje, default_user=acting_user
        )
    return mark


def _linje_row(
    mark: AfregningFaktureret, li: Afregningslinje
) -> AfregningFaktureretLinje:
    return AfregningFaktureretLinje(
        faktureret=mark,
        tilbud_ref=li.tilbud_id,
        tilbud_navn=li.tilbud,
        ophold_ref=li.ophold_id,
        borger=li.borger,
        fra=li.fra,
        til=li.til,
        niveau_kode=li.niveau_kode,
        saertakst_timer=li.saertakst_timer,
        dage=li.dage,
        tillaeg=li.tillaeg or "",
        hverdage=li.hverdage,
        basistakst=li.basistakst,
        servicetakst=li.servicetakst,
        efterregulering_pr_doegn=li.efterregulering_pr_doegn,
        beloeb=li.beloeb,
    )


def _efterregulering_row(
    mark: AfregningFaktureret, e: Efterreguleringslinje
) -> AfregningFaktureretLinje:
    return AfregningFaktureretLinje(
        faktureret=mark,
        tilbud_ref=e.tilbud_id,
        tilbud_navn=e.tilbud,
        ophold_ref=e.ophold_id,
        borger=e.borger,
        beloeb=e.beloeb,
        reguleret_aar=e.aar,
        reguleret_maaned=e.maaned,
    )


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
    senere = (
        AfregningFaktureretLinje.objects.filter(
            faktureret__kommunekode=kommunekode,
            reguleret_aar=aar,
            reguleret_maaned=maaned,
        )
        .select_related("faktureret")
        .first()
    )
    if senere is not None:
        f = senere.faktureret
        besked = REGULERET_SENERE.format(
            senere=_periode(f.aar, f.maaned), periode=_periode(aar, maaned)
        )
        raise ValidationError({"kommunekode": besked})
    for linje in mark.linjer.all():
        with_history_user(linje, acting_user).delete()
    with_history_user(mark, acting_user).delete()
