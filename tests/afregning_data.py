"""Sold places for the settlement tests (issue 18), built through the services.

Tilbud A: basistakst 1,023.87 kr. (DOMAIN.md §4's worked example); timepris
direkte 492.07; level 1 = 1 takstgivende hour = 492.07 (døgntakst 1,515.94),
level 2 = 3 hours = 1,476.21 (døgntakst 2,500.08).

- Anna (010190-1234): tilgang 10 March 2026 at level 2, paid by 751 from that
  day, afgang 20 August 2026.
- Bent (020285-2345): tilgang 1 January 2026 at level 1, paid by 730 from that
  day, level 2 from 16 May 2026 (a særtakst reason is not needed).
"""

import datetime
from decimal import Decimal

from offers import services
from offers.services.betalingskommune import betalingskommune_set

D = datetime.date
DOEGNTAKST_1 = Decimal("1515.94")
DOEGNTAKST_2 = Decimal("2500.08")


def solgte_pladser(tilbud, niveau, raadgiver) -> dict:
    anna = services.borger_create(cpr="010190-1234", navn="Anna", acting_user=raadgiver)
    skema = services.doegnskema_create(
        borger=anna,
        dato=D(2026, 3, 1),
        poster=[
            {"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 120},
            {"tidsrum": "aften", "tema": "praktiske_opgaver", "minutter": 60},
        ],
        acting_user=raadgiver,
    )
    anna_ophold = services.borger_tilgang(
        borger=anna,
        tilbud=tilbud,
        dato=D(2026, 3, 10),
        takstniveau=niveau["2"],
        doegnskema=skema,
        begrundelse="Behov for støtte morgen og aften.",
        acting_user=raadgiver,
    )
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 3, 10), acting_user=raadgiver
    )
    services.borger_afgang(borger=anna, dato=D(2026, 8, 20), acting_user=raadgiver)
    bent = services.borger_create(cpr="020285-2345", navn="Bent", acting_user=raadgiver)
    bent_ophold = services.borger_tilgang(
        borger=bent,
        tilbud=tilbud,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    betalingskommune_set(
        borger=bent, kommunekode="730", gyldig_fra=D(2026, 1, 1), acting_user=raadgiver
    )
    services.indplacering_create(
        borger=bent,
        gyldig_fra=D(2026, 5, 16),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return {"anna": anna_ophold, "bent": bent_ophold}
