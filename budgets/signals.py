"""Record a change in budgets.forberegning on every write to a budget input.

This is bookkeeping for a cache, not a business rule (STYLE.md 2.4 keeps those
out of signals): signals rather than calls in the services, so that the admin and
any later write path cannot forget it. An update marks the tilbud the row belonged
to before as well as after (an ophold moved to another tilbud changes both). Writes
that bypass signals (bulk_create, QuerySet.update) must call forberegning.glem().
"""

from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save

from budgets import forberegning
from budgets.models import (
    Budgetaar,
    FastUdgift,
    Forbrug,
    Rammeforudsaetning,
    TilbudAar,
    VedtagetBudget,
)
from offers.models import (
    Annullering,
    Betalingskommune,
    Borger,
    Indplacering,
    Ophold,
    Tilbud,
)
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Takstskift,
    TakstskiftServicetakst,
    Tidsanvendelseslinje,
    Timeprismodel,
)

# The path from each input to the tilbud whose budget it feeds.
TIL_TILBUD = {
    Tilbud: "pk",
    Ophold: "tilbud_id",
    Indplacering: "ophold__tilbud_id",
    FastUdgift: "tilbud_id",
    Rammeforudsaetning: "tilbud_id",
    TilbudAar: "tilbud_id",
    Forbrug: "tilbud_id",
    Borger: "ophold__tilbud_id",
    Betalingskommune: "borger__ophold__tilbud_id",
    Annullering: "ophold__tilbud_id",
}
# A year's state and adopted figures (issue 13 #2) and its dated takster (#3)
# change how every tilbud of the year is computed.
FAELLES_INPUT = [
    Budgetaar,
    VedtagetBudget,
    Takstskift,
    TakstskiftServicetakst,
    Takstmodel,
    Takstniveau,
    Timeprismodel,
    Fravaerslinje,
    Tidsanvendelseslinje,
]


def _gemte_tilbud_ids(model: type[Model], pk, using: str) -> set[int]:
    """The tilbud of the row as the database holds it."""
    # The base manager: an annulled row still belongs to its tilbud.
    rows = (
        model._base_manager.using(using)
        .filter(pk=pk)
        .values_list(TIL_TILBUD[model], flat=True)
    )
    return {i for i in rows if i is not None}


def _tilbud_ids(model: type[Model], instance: Model, using: str) -> set[int]:
    sti = TIL_TILBUD[model]
    if sti in ("pk", "tilbud_id"):
        return {getattr(instance, sti)}
    return _gemte_tilbud_ids(model, instance.pk, using)


# Rows whose save cannot move them to another tilbud: no need to look up the old one.
UFLYTBARE = {Tilbud, Borger}


def _foer(sender, instance, raw=False, using="default", **kwargs) -> None:
    """Remember the tilbud an existing row belongs to before it is saved."""
    if raw or instance._state.adding or instance.pk is None or sender in UFLYTBARE:
        return
    instance._budget_tilbud_foer = _gemte_tilbud_ids(sender, instance.pk, using)


def _efter_save(sender, instance, raw=False, using="default", **kwargs) -> None:
    foer = instance.__dict__.pop("_budget_tilbud_foer", set())
    forberegning.aendret(foer | _tilbud_ids(sender, instance, using), using)


def _efter_delete(sender, instance, using="default", **kwargs) -> None:
    if TIL_TILBUD[sender] in ("pk", "tilbud_id"):
        ids = _tilbud_ids(sender, instance, using)
    elif sender in (Indplacering, Annullering):
        ids = _gemte_tilbud_ids(Ophold, instance.ophold_id, using)
    elif sender is Betalingskommune:  # the borger is still there (or deleted next)
        ids = _gemte_tilbud_ids(Borger, instance.borger_id, using)
    else:  # a borger's ophold are deleted with it and mark their own tilbud
        ids = set()
    forberegning.aendret(ids, using)


def _faelles(sender, instance, using="default", **kwargs) -> None:
    forberegning.aendret([forberegning.FAELLES], using)


def connect() -> None:
    for model in TIL_TILBUD:
        uid = f"budget-version-{model.__name__}"
        pre_save.connect(_foer, sender=model, dispatch_uid=f"{uid}-foer")
        post_save.connect(_efter_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_efter_delete, sender=model, dispatch_uid=uid)
    for model in FAELLES_INPUT:
        uid = f"budget-version-{model.__name__}"
        post_save.connect(_faelles, sender=model, dispatch_uid=uid)
        post_delete.connect(_faelles, sender=model, dispatch_uid=uid)
