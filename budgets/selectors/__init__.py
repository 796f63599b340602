"""Reads for the budget models (STYLE.md 2.3), a package by concern:

- grundlag: the year's rows read set-based, built into the engine's inputs;
- resultater: each tilbud's budget model from those inputs, once every code in
  force has a price;
- maanedstal: the stored monthly figures, read or computed from their inputs;
- central: the central model over the tilbud a user may see, from those rows;
- hvis: the what-if on the timeprismodel;
- visning: the smaller reads of the role pages;
- tilbud_aar: a tilbud's settings for one budget year (issue 13 #1);
- rollover: who needs a new level code at a year rollover, and what it made
  (issue 13 #4);
- budgetaar: budget years, their states and the vedtaget budget (issue 13 #2);
- bostoette: visiterede against leverede bostøtte hours (issue 17).

Imports run one way: grundlag <- resultater <- maanedstal <- central <- hvis,
and visning on grundlag and resultater, tilbud_aar on grundlag, rollover on
grundlag and tilbud_aar, budgetaar on resultater.

Selectors only read (issue 13 #6): none writes, on a GET or otherwise. Where
the stored monthly figures of a tilbud are missing or old (a deploy with a new
engine before ``manage.py maanedstal_opdater`` has run, a code without price),
the read computes them in memory for itself and stores nothing; only the
services write them (budgets.services.maanedstal).

Every name, private ones too, is re-exported here, so ``from budgets.selectors
import X`` works as before. To replace a name in a test, patch it in the submodule
that calls it (``budgets.selectors.central.tilbud_resultater``): a name patched
here reaches no code.
"""

from budgets.selectors.bostoette import (
    Bostoetteopfoelgning,
    Bostoettetilbud,
    bostoette_opfoelgning_for,
    bostoette_tilbud_visible_to,
)
from budgets.selectors.budgetaar import (
    Aarsstatus,
    VedtagetSum,
    aarsstatus_for,
    budgetaar_for,
    budgetaar_liste,
    budgetaar_status,
    lukkede_aar,
    oprindeligt_til_vedtagelse,
    tilbuddets_aar,
    total_af,
    vedtaget_budget_for,
)
from budgets.selectors.central import (
    GENBEREGNES,
    Genberegnes,
    central_for,
    synlige_tilbud,
)
from budgets.selectors.forbrug import (
    Forbrugskilde,
    Forbrugslinje,
    forbrugslinjer_for,
)
from budgets.selectors.grundlag import (
    Aarsgrundlag,
    BudgetGrundlagMangler,
    _aarets_grundlag,
    _aarsindstillinger,
    _annullerede_afgange,
    _engine_ophold,
    _faste_udgifter,
    _forbrug,
    _grundlag,
    _indplaceringer,
    _prisliste,
    _rammer,
    aarsgrundlag_for,
    ophold_i_aaret,
)
from budgets.selectors.hvis import (
    Hvis,
    aarsgrundlag_hvis,
    hvis_sygefravaer,
)
from budgets.selectors.maanedstal import (
    gaeldende_raekker,
    gemte_maaneder,
    maaneder_beregnet,
    maanedstal_aar,
)
from budgets.selectors.resultater import (
    TAKSTNIVEAU_UDEN_PRIS,
    TakstniveauUdenPris,
    TilbudResultat,
    _kraev_priser,
    koder_uden_pris_i_aaret,
    tilbud_resultat,
    tilbud_resultater,
    tilbud_resultater_med,
)
from budgets.selectors.rollover import (
    BorgerPaaKode,
    Niveauskift,
    NytNiveau,
    Rolloveropsummering,
    TilbudFremskrevet,
    kopier_fra_valg,
    naeste_budgetaar,
    niveauskift_for,
    nye_niveauer_for,
    nyt_aars_takstmodel,
    rollover_opsummering,
)
from budgets.selectors.tilbud_aar import (
    INGEN_TAKSTMODEL,
    TilbudAarsindstillinger,
    tilbud_aar_for,
    timeprisvalg_pr_aar,
)
from budgets.selectors.visning import (
    _EFFEKT_ARTER,
    Beboer,
    Takstblad,
    Takstbladlinje,
    basistakst_for,
    beboere_for,
    bemanding_for,
    budgetaar_valg,
    budgeteffekter_for,
    dagspris_visning,
    faste_udgifter_for,
    forbrugsprocent_sidste_aar_for,
    kommentarer_for,
    standard_budgetaar,
    takstblad_for,
    takstbladlinjer,
)

__all__ = [
    "Forbrugskilde",
    "Forbrugslinje",
    "forbrugslinjer_for",
    "Aarsgrundlag",
    "Aarsstatus",
    "Beboer",
    "BorgerPaaKode",
    "BudgetGrundlagMangler",
    "GENBEREGNES",
    "Genberegnes",
    "Hvis",
    "INGEN_TAKSTMODEL",
    "Niveauskift",
    "NytNiveau",
    "Rolloveropsummering",
    "TAKSTNIVEAU_UDEN_PRIS",
    "Takstblad",
    "Takstbladlinje",
    "TakstniveauUdenPris",
    "TilbudAarsindstillinger",
    "TilbudFremskrevet",
    "TilbudResultat",
    "VedtagetSum",
    "Bostoetteopfoelgning",
    "Bostoettetilbud",
    "bostoette_opfoelgning_for",
    "bostoette_tilbud_visible_to",
    "_EFFEKT_ARTER",
    "_aarets_grundlag",
    "_aarsindstillinger",
    "_annullerede_afgange",
    "_engine_ophold",
    "_faste_udgifter",
    "_forbrug",
    "_grundlag",
    "_indplaceringer",
    "_kraev_priser",
    "_prisliste",
    "_rammer",
    "aarsgrundlag_for",
    "aarsgrundlag_hvis",
    "aarsstatus_for",
    "basistakst_for",
    "beboere_for",
    "bemanding_for",
    "budgetaar_for",
    "budgetaar_liste",
    "budgetaar_status",
    "budgetaar_valg",
    "budgeteffekter_for",
    "central_for",
    "faste_udgifter_for",
    "forbrugsprocent_sidste_aar_for",
    "gaeldende_raekker",
    "gemte_maaneder",
    "hvis_sygefravaer",
    "koder_uden_pris_i_aaret",
    "kommentarer_for",
    "kopier_fra_valg",
    "lukkede_aar",
    "maaneder_beregnet",
    "maanedstal_aar",
    "naeste_budgetaar",
    "niveauskift_for",
    "nye_niveauer_for",
    "nyt_aars_takstmodel",
    "ophold_i_aaret",
    "oprindeligt_til_vedtagelse",
    "rollover_opsummering",
    "standard_budgetaar",
    "synlige_tilbud",
    "takstblad_for",
    "dagspris_visning",
    "takstbladlinjer",
    "tilbud_aar_for",
    "timeprisvalg_pr_aar",
    "tilbud_resultat",
    "tilbud_resultater",
    "tilbud_resultater_med",
    "tilbuddets_aar",
    "total_af",
    "vedtaget_budget_for",
]
