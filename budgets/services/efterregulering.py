"""Book a closed year's efterregulering (issue 18 #3), as the year is lukket.

When year Y is lukket (budgets.services.budgetaar.luk) every tilbud's resultat
is split (budgets.engine.efterregulering) and stored (budgets.models
.Efterregulering), in the same transaction:

* the part within the band (``til_ramme``) is booked into the frame of Y + 1:
  the fast budget of that year rises by it (engine.principper.beregner_for). It
  is a frame adjustment, not a fixed-cost line: a FastUdgift would also enter
  the basistakst, so the buyers would pay back (or be paid) the part the band
  keeps in the tilbud; and the fixed costs are copied to the next year by the
  rollover, which a one-year adjustment must not be;
* the rest (``til_takst``) goes into the takst of Y + n, a per-døgn line in the
  basistakst part of every døgntakst (engine.grundlag.Prisliste.basisdel).

A part whose year is already vedtaget or lukket is not booked (adopted figures
never move), nor is a tilbud's without any imported forbrug for the year (its
accounts are not in the product): it stays pending, shown with the reason on
the efterregulering page. Booking is idempotent (a tilbud booked already is
left as it is). The stored monthly figures of the tilbud whose later years it
moves are recomputed in the same transaction (config.lib.derived), which also
moves the data stamp of the central model's cache. A year is never reopened
(Budgetstatus moves forward only), so a booking is never undone.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from budgets.models import Budgetaar, Budgetstatus, Efterregulering
from budgets.models_efterregulering import UDEN_FORBRUG
from budgets.selectors.efterregulering import (
    beregnet_efterregulering,
    efterreguleringsregel,
)
from budgets.selectors.resultater import tilbud_resultater
from config.lib import derived
from config.lib.history import save_with_history
from offers.models import Tilbud


@derived.writes
def efterregulering_bogfoer(
    *, aar: int, acting_user: AbstractBaseUser
) -> list[Efterregulering]:
    """Book the lukket year ``aar``'s efterregulering of every tilbud not booked
    yet; returns the new rows. Raises BudgetGrundlagMangler when the year
    cannot be computed (no takstmodel, a code without a price)."""
    regel = efterreguleringsregel()
    ramme_aar, takst_aar = aar + 1, aar + regel.takst_aar_senere
    status = dict(
        Budgetaar.objects.filter(aar__in=(ramme_aar, takst_aar)).values_list(
            "aar", "status"
        )
    )
    ramme_status = status.get(ramme_aar, Budgetstatus.FORSLAG)
    takst_status = status.get(takst_aar, Budgetstatus.FORSLAG)
    booket = Efterregulering.objects.filter(aar=aar).values("tilbud_id")
    tilbud_list = Tilbud.objects.exclude(pk__in=booket).order_by("pk")
    resultater = tilbud_resultater(
        tilbud_list, aar, datetime.date(aar, 12, 31), med_ledger=False
    )
    nye = []
    for r in resultater:
        b = beregnet_efterregulering(r.noegletal, aar, regel)
        # Without any imported forbrug the year's accounts are not in the
        # product: its "overskud" would be the whole budget. Kept, not booked.
        uden = all(f is None for f in r.noegletal.forbrug)
        rs, ts = (UDEN_FORBRUG, UDEN_FORBRUG) if uden else (ramme_status, takst_status)
        post = Efterregulering(
            tilbud=r.tilbud,
            aar=aar,
            takstfinansieret=b.takstfinansieret,
            realiseret=b.realiseret,
            baand_procent=regel.baand_procent,
            til_ramme=b.til_ramme,
            ramme_aar=ramme_aar,
            ramme_bogfoert=rs == Budgetstatus.FORSLAG,
            ramme_status=rs,
            til_takst=b.til_takst,
            takst_aar=takst_aar,
            takst_bogfoert=ts == Budgetstatus.FORSLAG,
            takst_status=ts,
        )
        nye.append(save_with_history(post, acting_user))
    flyttet = [
        p.tilbud_id
        for p in nye
        if (p.ramme_bogfoert and p.til_ramme) or (p.takst_bogfoert and p.til_takst)
    ]
    # The later years' prices and frames of these tilbud moved: their stored
    # monthly figures are recomputed from Y + 1 on (a lukket year's never).
    derived.changed(tilbud=flyttet, fra=datetime.date(ramme_aar, 1, 1))
    return nye
