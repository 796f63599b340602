from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

# The apps whose rows the budget figures are made of: a committed write to any
# of their tables moves the data stamp (config.lib.datastamp) that the shared
# cache of the central budgetmodel is keyed by.
STEMPLEDE_APPS = ("offers", "tariffs", "budgets")
# Except the scenarios (issue 16): no budget figure is made of them (a scenario
# is computed on read and stored nowhere), and a scenario's result keeps its base
# (the real data) in the cache under the stamp, so that a result after a change
# to a scenario computes only the scenario side: a scenario write must not move
# the stamp. Adopting a scenario writes the real tables, which move it.
USTEMPLEDE_MODELLER = (
    "budgets.scenario",
    "budgets.scenarieaendring",
    "budgets.historicalscenario",
    "budgets.historicalscenarieaendring",
)


def _tabeller(stemplede: bool) -> set[str]:
    return {
        model._meta.db_table
        for label in STEMPLEDE_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and (model._meta.label_lower not in USTEMPLEDE_MODELLER) == stemplede
    }


def stemplede_tabeller() -> set[str]:
    return _tabeller(stemplede=True)


def ustemplede_tabeller() -> set[str]:
    return _tabeller(stemplede=False)


def _installer_stempel(using: str = "default", **kwargs) -> None:
    from config.lib import datastamp

    if using == "default":
        datastamp.install(stemplede_tabeller(), ustemplede_tabeller())


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgetter"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from budgets import tasks  # noqa: F401 (registers them: config.celery.task)
        from budgets.audit import paa_ny_historik
        from budgets.selectors import kapacitet
        from budgets.selectors.budgetaar import (
            budgetaar_status,
            lukkede_aar,
            tilbuddets_aar,
        )
        from budgets.selectors.resultater import koder_uden_pris_i_aaret
        from budgets.selectors.visning import doegntakst_for
        from budgets.services import maanedstal
        from budgets.services.takstaendring import tilbuddenes_aktivitet
        from config.lib import derived
        from offers import doegntakst
        from offers import kapacitet as offers_kapacitet
        from tariffs import budgetvirkning
        from tariffs import lukkede_aar as laas

        # tariffs and offers must not import budgets, yet their writes must refuse
        # a lukket year and keep the stored monthly figures in step, and tariffs
        # shows a change's effect on the budgets: they ask through
        # tariffs.lukkede_aar, tariffs.budgetvirkning and config.lib.derived,
        # which reach here.
        laas.registrer(
            lukkede_aar=lukkede_aar,
            tilbud_aar=tilbuddets_aar,
            budgetaar_status=budgetaar_status,
        )
        budgetvirkning.registrer(
            aktivitet=tilbuddenes_aktivitet,
            koder_uden_pris=koder_uden_pris_i_aaret,
        )
        derived.register(maanedstal.haandter)
        doegntakst.registrer(doegntakst_for)  # the borger page's døgntakst
        # Issue 19 #3: a tilgang over the year's pladser is warned of.
        offers_kapacitet.registrer(kapacitet.tilgang_advarsler)
        post_migrate.connect(_installer_stempel, sender=self)
        # An import's change reason and the demo's dates on every history row.
        pre_create_historical_record.connect(
            paa_ny_historik, dispatch_uid="budgets.audit.paa_ny_historik"
        )
