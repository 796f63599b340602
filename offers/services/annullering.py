"""Annul a wrongly registered event, with a reason (issue 12 item 11).

Nothing is deleted: the annulled ophold or indplacering is marked ``annulleret``
and an ``Annullering`` row keeps who, why, when, and an annulled afgang's date.
The budget ledger shows each annulment as an entry of its own, effective from
the annulled event's date, so its entries still sum to korrigeret − oprindeligt.
For the same reason an annulment is refused when the annulled event's date
would move a lukket year's figures (tariffs.lukkede_aar).
A correction is an annulment followed by the right registration.
"""

import datetime
import functools

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from config.lib import derived
from config.lib.history import save_with_history as _save
from offers.models import (
    Annullering,
    Borger,
    Haendelsesart,
    Indplacering,
    Ophold,
    Tillaegstakst,
)
from offers.services.common import OPHOLD_OVERLAP, _fmt, _lock
from tariffs.lukkede_aar import kraev_aabent_fra

BEGRUNDELSE_MANGLER = "Skriv en begrundelse for annulleringen."
ANDEN_BORGER = "Opholdet hører ikke til denne borger."
OPHOLD_ANNULLERET = "Opholdet er allerede annulleret."
INGEN_AFGANG = "Opholdet har ingen afgang at annullere."
INDPLACERING_MANGLER = "Vælg den indplacering, der skal annulleres."
INDPLACERING_ANNULLERET = "Indplaceringen er allerede annulleret."
FOERSTE_INDPLACERING = (
    "Den første indplacering hører til tilgangen: annullér tilgangen, eller "
    "registrér et nyt niveau fra samme dato."
)
ER_OMPLACERING = (
    "Opholdet begyndte med en omplacering fra {tilbud}: annullér omplaceringen."
)
IKKE_OMPLACERING = "Opholdet begyndte ikke med en omplacering."
FLYTTET_VIDERE = (
    "Borgeren er omplaceret videre til {tilbud}: annullér den omplacering først."
)
AFGANG_FOERST = "Opholdet har en afgang ({afgang}): annullér afgangen først."
TILLAEG_MANGLER = "Vælg den tillægstakst, der skal annulleres."
TILLAEG_ANNULLERET = "Tillægstaksten er allerede annulleret."


def _ophold_of(borger: Borger, ophold: Ophold) -> Ophold:
    ophold = Ophold.alle.select_for_update().get(pk=ophold.pk)
    if ophold.borger_id != borger.pk:
        raise ValidationError({"ophold": ANDEN_BORGER})
    if ophold.annulleret is not None:
        raise ValidationError({"ophold": OPHOLD_ANNULLERET})
    return ophold


def _virkning(
    annullering: Annullering,
    dato: datetime.date,
    registreret: datetime.date | None,
) -> None:
    """The annulled event's dates; refused before anything is written when that
    event's date lies in (or before) a lukket year."""
    kraev_aabent_fra(dato, "haendelse")
    annullering.dato, annullering.dato_registreret = dato, registreret


def _videre(ophold: Ophold) -> Ophold | None:
    """The ophold the borger was moved on to from this one, if not annulled."""
    return Ophold.objects.filter(omplaceret_fra=ophold).first()


@derived.writes
def annullering_create(
    *,
    borger: Borger,
    haendelse: str,
    ophold: Ophold,
    begrundelse: str,
    acting_user: AbstractBaseUser,
    indplacering: Indplacering | None = None,
    tillaegstakst: Tillaegstakst | None = None,
    registreret: datetime.date | None = None,
) -> Annullering:
    """Annul a tilgang, afgang, indplacering, omplacering or tillægstakst of
    the borger's ophold."""
    if not begrundelse.strip():
        raise ValidationError({"begrundelse": BEGRUNDELSE_MANGLER})
    borger = _lock(borger)
    ophold = _ophold_of(borger, ophold)
    registreret = registreret or timezone.localdate()
    annuller = {
        Haendelsesart.TILGANG: _tilgang,
        Haendelsesart.AFGANG: _afgang,
        Haendelsesart.INDPLACERING: _indplacering,
        Haendelsesart.OMPLACERING: _omplacering,
        Haendelsesart.TILLAEG: functools.partial(_tillaeg, tillaeg=tillaegstakst),
    }[haendelse]
    annullering = annuller(
        ophold=ophold,
        indplacering=indplacering,
        annullering=Annullering(
            borger=borger,
            haendelse=haendelse,
            ophold=ophold,
            begrundelse=begrundelse.strip(),
            registreret=registreret,
            annulleret_af=acting_user,
        ),
        acting_user=acting_user,
    )
    # The budget changes from the annulled event's day on.
    derived.changed(tilbud=[ophold.tilbud_id], fra=annullering.dato)
    return annullering


def _tilgang(*, ophold, indplacering, annullering, acting_user) -> Annullering:
    if ophold.omplaceret_fra_id is not None:
        fra = ophold.omplaceret_fra.tilbud
        raise ValidationError({"haendelse": ER_OMPLACERING.format(tilbud=fra)})
    return _annuller_ophold(ophold, annullering, acting_user)


def _annuller_ophold(
    ophold: Ophold, annullering: Annullering, acting_user: AbstractBaseUser
) -> Annullering:
    """The stay never was: its tilgang and everything after it is annulled."""
    videre = _videre(ophold)
    if videre is not None:
        raise ValidationError({"ophold": FLYTTET_VIDERE.format(tilbud=videre.tilbud)})
    if ophold.afgang is not None and annullering.haendelse == Haendelsesart.OMPLACERING:
        raise ValidationError(
            {"ophold": AFGANG_FOERST.format(afgang=_fmt(ophold.afgang))}
        )
    _virkning(annullering, ophold.tilgang, ophold.tilgang_registreret)
    ophold.annulleret = annullering.registreret
    # The one-to-one link is freed, so the borger can be moved again from the
    # earlier ophold; the Annullering row keeps which move it was.
    ophold.omplaceret_fra = None
    _save(ophold, acting_user)
    return _save(annullering, acting_user)


def _afgang(*, ophold, indplacering, annullering, acting_user) -> Annullering:
    if ophold.afgang is None:
        raise ValidationError({"haendelse": INGEN_AFGANG})
    videre = _videre(ophold)
    if videre is not None:
        raise ValidationError(
            {"haendelse": FLYTTET_VIDERE.format(tilbud=videre.tilbud)}
        )
    return _annuller_afgang(ophold, annullering, acting_user)


def _annuller_afgang(
    ophold: Ophold, annullering: Annullering, acting_user: AbstractBaseUser
) -> Annullering:
    """The stay runs on: refused if the borger has a later stay (they overlap)."""
    senere = (
        Ophold.objects.filter(borger_id=ophold.borger_id, tilgang__gte=ophold.afgang)
        .exclude(pk=ophold.pk)
        .order_by("tilgang")
        .first()
    )
    if senere is not None:
        raise ValidationError(
            {
                "haendelse": OPHOLD_OVERLAP.format(
                    tilbud=senere.tilbud, fra=_fmt(senere.tilgang)
                )
            }
        )
    _virkning(annullering, ophold.afgang, ophold.afgang_registreret)
    ophold.afgang = ophold.afgang_registreret = None
    ophold.afgangsaarsag = ophold.afgangsaarsag_tekst = ""  # kept in the history
    _save(ophold, acting_user)
    return _save(annullering, acting_user)


def _indplacering(*, ophold, indplacering, annullering, acting_user) -> Annullering:
    if indplacering is None:
        raise ValidationError({"indplacering": INDPLACERING_MANGLER})
    # ``alle``: an indplacering annulled meanwhile is refused, not a DoesNotExist.
    indplacering = Indplacering.alle.select_for_update().get(pk=indplacering.pk)
    if indplacering.ophold_id != ophold.pk:
        raise ValidationError({"indplacering": ANDEN_BORGER})
    if indplacering.annulleret is not None:
        raise ValidationError({"indplacering": INDPLACERING_ANNULLERET})
    if indplacering.gyldig_fra <= ophold.tilgang:
        raise ValidationError({"indplacering": FOERSTE_INDPLACERING})
    annullering.indplacering = indplacering
    _virkning(annullering, indplacering.gyldig_fra, indplacering.registreret)
    indplacering.annulleret = annullering.registreret
    _save(indplacering, acting_user)
    return _save(annullering, acting_user)


def _tillaeg(*, ophold, indplacering, annullering, acting_user, tillaeg) -> Annullering:
    """Issue 17: a wrong tillægstakst never was; the annulment takes effect
    from its first day."""
    if tillaeg is None:
        raise ValidationError({"tillaegstakst": TILLAEG_MANGLER})
    tillaeg = Tillaegstakst.alle.select_for_update().get(pk=tillaeg.pk)
    if tillaeg.ophold_id != ophold.pk:
        raise ValidationError({"tillaegstakst": ANDEN_BORGER})
    if tillaeg.annulleret is not None:
        raise ValidationError({"tillaegstakst": TILLAEG_ANNULLERET})
    annullering.tillaegstakst = tillaeg
    _virkning(annullering, tillaeg.fra, tillaeg.registreret)
    tillaeg.annulleret = annullering.registreret
    _save(tillaeg, acting_user)
    return _save(annullering, acting_user)


def _omplacering(*, ophold, indplacering, annullering, acting_user) -> Annullering:
    """``ophold`` is the stay the borger was moved to; the earlier one runs on."""
    fra = ophold.omplaceret_fra
    if fra is None:
        raise ValidationError({"haendelse": IKKE_OMPLACERING})
    annullering = _annuller_ophold(ophold, annullering, acting_user)
    fra = Ophold.alle.select_for_update().get(pk=fra.pk)
    afgang = Annullering(
        borger_id=annullering.borger_id,
        haendelse=Haendelsesart.AFGANG,
        ophold=fra,
        begrundelse=annullering.begrundelse,
        registreret=annullering.registreret,
        annulleret_af=acting_user,
    )
    _annuller_afgang(fra, afgang, acting_user)
    derived.changed(tilbud=[fra.tilbud_id], fra=afgang.dato)  # it runs on
    return annullering
