from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgetter"

    def ready(self) -> None:
        from budgets.selectors.budgetaar import (
            budgetaar_status,
            lukkede_aar,
            tilbuddets_aar,
        )
        from budgets.services import maanedstal
        from config.lib import derived
        from tariffs import lukkede_aar as laas

        # tariffs and offers must not import budgets, yet their writes must refuse
        # a lukket year and keep the stored monthly figures in step: they ask
        # through tariffs.lukkede_aar and config.lib.derived, which reach here.
        laas.registrer(
            lukkede_aar=lukkede_aar,
            tilbud_aar=tilbuddets_aar,
            budgetaar_status=budgetaar_status,
        )
        derived.register(maanedstal.haandter)
