"""A borger's betalingskommune from a date (DOMAIN.md §9; issue 13 #1).

Who pays for a place changes on a day, and sold-place income follows it by day,
so a change is a dated row (offers.models.Betalingskommune), never an edit of
the past. The rules:

* a blank kommunekode, or the own municipality's code, means the own
  municipality from that date (stored blank);
* any date is allowed; a second registration on a date that already has a row
  corrects that row's kommunekode (the history keeps the old value), because
  two rows on one day cannot both be in force and there is no other way to put
  right a mistyped code;
* ``Borger.betalingskommune`` is set, in the same transaction, to the newest
  row's code, so lists and search never disagree with the history;
* a change that would move a lukket year's sales income is refused
  (tariffs.lukkede_aar). A borger without any stay has no figures to move: a new
  borger's code "from the beginning" is always accepted.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from config.lib import derived
from config.lib.history import save_with_history as _save
from offers.models import Betalingskommune, Borger, Ophold, er_ekstern
from offers.services.common import _lock
from tariffs.lukkede_aar import kraev_aabent_fra

# A borger created with a betalingskommune, with no date to go by: paid for by it
# from before any stay (the data migration uses the same date for a borger
# without a tilgang).
FRA_BEGYNDELSEN = datetime.date(2000, 1, 1)


def kommunekode_normaliseret(kommunekode: str) -> str:
    """Blank for the own municipality, else the code as given (validated on save)."""
    kode = (kommunekode or "").strip()
    return kode if er_ekstern(kode) else ""


@derived.writes
def betalingskommune_set(
    *,
    borger: Borger,
    kommunekode: str,
    gyldig_fra: datetime.date,
    acting_user: AbstractBaseUser,
    registreret: datetime.date | None = None,
) -> Betalingskommune:
    """The borger's betalingskommune from ``gyldig_fra`` on (see the module rules)."""
    borger = _lock(borger)
    if Ophold.alle.filter(borger=borger).exists():
        kraev_aabent_fra(gyldig_fra, "gyldig_fra")
    kode = kommunekode_normaliseret(kommunekode)
    raekke = Betalingskommune.objects.filter(
        borger=borger, gyldig_fra=gyldig_fra
    ).first()
    if raekke is not None and raekke.kommunekode == kode:
        return raekke  # registered already: nothing changes
    raekke = raekke or Betalingskommune(borger=borger, gyldig_fra=gyldig_fra)
    raekke.kommunekode = kode
    raekke.registreret = registreret or timezone.localdate()
    raekke.oprettet_af = acting_user
    _save(raekke, acting_user)
    _borger_felt_opdater(borger, acting_user)
    # Sold-place income follows the code by day, in every tilbud of the borger.
    ophold = Ophold.alle.filter(borger=borger)
    derived.changed(tilbud=ophold.values_list("tilbud_id", flat=True), fra=gyldig_fra)
    return raekke


def _borger_felt_opdater(borger: Borger, acting_user: AbstractBaseUser) -> None:
    """Borger.betalingskommune := the newest row's code (blank without rows)."""
    nyeste = borger.betalingskommuner.order_by("-gyldig_fra").first()
    kode = nyeste.kommunekode if nyeste else ""
    if borger.betalingskommune != kode:
        borger.betalingskommune = kode
        _save(borger, acting_user)
