"""Pure budget calculations (DOMAIN.md §6-§8); the public names are re-exported.

Interval arithmetic only: work is segments × months, never a loop over days.
Imports only the standard library, config.lib and tariffs.engine.
"""

from budgets.engine.bemanding import Bemanding, bemanding, stoettebudget_aar
from budgets.engine.bidrag import (
    Finansiering,
    Segment,
    bidrag,
    bidrag_oprindeligt,
    er_beboer_1_januar,
    finansiering,
    indplacering_paa,
    med_genindflytning,
    oprindelig_udgave,
    paakraevede_timer,
    segmenter,
    tillaeg_paa,
    tillaeg_perioder,
)
from budgets.engine.central import (
    Central,
    CentralRaekke,
    Gruppe,
    central_budget,
    sum_noegletal,
)
from budgets.engine.dagspris import elever_pr_skoleaar, pladspris, pris_pr_dag
from budgets.engine.grundlag import (
    AnnulleretAfgang,
    Indplacering,
    Ophold,
    Periode,
    Prisliste,
    Prisperiode,
    Ramme,
    TilbudGrundlag,
    Tildelingsprincip,
    Tillaeg,
    Vedtaget,
)
from budgets.engine.haendelser import Haendelse, Haendelsesart, haendelser
from budgets.engine.kendt import kendt_udgave
from budgets.engine.ledger import Budgetpost, Regulering
from budgets.engine.noegletal import (
    Noegletal,
    borgere_pr_niveau,
    i_tilbud,
    indtaegt_salg,
    noegletal,
)
from budgets.engine.perioder import (
    Maanedsbeloeb,
    Maanedstal,
    aarstotal,
    finansieret_til,
    maaned_perioder,
    overlap_days,
    perioder_hvor,
)
from budgets.engine.principper import fordel_efter_dage, gennemsnitlig_doegntakst
from budgets.engine.tilbud import (
    TilbudBudget,
    afgang_i_aaret,
    ramme_forudsat_aktivitet,
    tilbud_budget,
)

# Raised whenever a rule changes a computed figure, so that figures stored by an
# earlier engine (budgets.models.Maanedstal) are computed again. 2: issue 12 (stays
# are [tilgang, afgang), a return cuts the run-off, the ramme tillæg per day,
# annulments); 4: an afgang registered on or before 1 January counts in the
# oprindeligt budget (its run-off only); 5: issue 13, sold-place income follows
# the betalingskommune in force on each day; 6: that betalingskommune is read
# from its dated rows (5 still read the borger's single code); 7: issue 13 #2-#3,
# a vedtaget year's base is what was registered by its vedtagelse (later items
# are entries), its stored oprindeligt is shown with an "Ændret grundlag" entry
# for any difference, and takster may change from a gyldig_fra date in the year;
# 8: issue 14, a zero-length stay no longer cuts an earlier stay's run-off;
# 9: issue 17, a tillægstakst adds to the borger's døgntakst on its days.
MOTORVERSION = 9

__all__ = [
    "afgang_i_aaret",
    "AnnulleretAfgang",
    "Bemanding",
    "Budgetpost",
    "Central",
    "CentralRaekke",
    "Gruppe",
    "pladspris",
    "elever_pr_skoleaar",
    "pris_pr_dag",
    "Finansiering",
    "Haendelse",
    "Haendelsesart",
    "Indplacering",
    "Maanedsbeloeb",
    "Maanedstal",
    "Noegletal",
    "Ophold",
    "Periode",
    "Prisliste",
    "Prisperiode",
    "Ramme",
    "Regulering",
    "Segment",
    "TilbudBudget",
    "TilbudGrundlag",
    "Tildelingsprincip",
    "Tillaeg",
    "Vedtaget",
    "aarstotal",
    "bemanding",
    "bidrag",
    "bidrag_oprindeligt",
    "borgere_pr_niveau",
    "central_budget",
    "er_beboer_1_januar",
    "finansieret_til",
    "finansiering",
    "fordel_efter_dage",
    "gennemsnitlig_doegntakst",
    "haendelser",
    "i_tilbud",
    "indplacering_paa",
    "indtaegt_salg",
    "kendt_udgave",
    "maaned_perioder",
    "med_genindflytning",
    "noegletal",
    "oprindelig_udgave",
    "overlap_days",
    "paakraevede_timer",
    "perioder_hvor",
    "ramme_forudsat_aktivitet",
    "segmenter",
    "stoettebudget_aar",
    "sum_noegletal",
    "tillaeg_paa",
    "tillaeg_perioder",
    "tilbud_budget",
]
