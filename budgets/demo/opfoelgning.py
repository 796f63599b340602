"""The demo's follow-ups (issue 19 item 4): each level is followed up yearly.

A level's next follow-up defaults to gyldig_fra + 12 months; a resident who
has lived years on one level has been followed up each year since, so their
next one is the first anniversary of gyldig_fra on or after SIDST_FULGT_OP.
The few with an anniversary between that day and HISTORIK_TIL are overdue,
and those in the weeks after it are due soon: the rådgiver's start page lists
both. Deterministic: dates only, no random draw.
"""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q

from budgets.audit import historik_som
from budgets.demo.katalog import HISTORIK_TIL
from offers import engine
from offers.models import Indplacering, Ophold
from offers.services.opfoelgning import indplacering_opfoelgning_set

# Follow-ups due before this day were done; from it on they are outstanding.
SIDST_FULGT_OP = HISTORIK_TIL - timedelta(days=21)


def naeste_aarsdag(gyldig_fra: date, fra: date) -> date:
    """The first anniversary of ``gyldig_fra`` (12, 24, ... months on) on or
    after ``fra``."""
    maaneder = engine.OPFOELGNING_MAANEDER
    while engine.plus_maaneder(gyldig_fra, maaneder) < fra:
        maaneder += engine.OPFOELGNING_MAANEDER
    return engine.plus_maaneder(gyldig_fra, maaneder)


def opfoelgninger_create(raadgiver: User) -> int:
    """Move the next follow-up of each level in force on HISTORIK_TIL in a stay
    not ended; returns how many were moved."""
    indplaceringer = Indplacering.objects.order_by("gyldig_fra")
    ophold = Ophold.objects.filter(
        Q(afgang__isnull=True) | Q(afgang__gt=HISTORIK_TIL)
    ).prefetch_related(Prefetch("indplaceringer", queryset=indplaceringer))
    flyttet = 0
    for o in ophold:
        rows = list(o.indplaceringer.all())
        index = engine.gaeldende_niveau_index(
            [i.gyldig_fra for i in rows], HISTORIK_TIL
        )
        if index is None:
            continue
        niveau = rows[index]
        naeste = naeste_aarsdag(niveau.gyldig_fra, SIDST_FULGT_OP)
        if naeste == niveau.naeste_opfoelgning:
            continue
        fulgt_op = engine.plus_maaneder(naeste, -engine.OPFOELGNING_MAANEDER)
        with historik_som(dato=fulgt_op):  # the day of the last follow-up
            indplacering_opfoelgning_set(
                indplacering=niveau, naeste_opfoelgning=naeste, acting_user=raadgiver
            )
        flyttet += 1
    return flyttet
