from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgetter"

    def ready(self) -> None:
        from budgets import signals
        from budgets.selectors.budgetaar import lukkede_aar, tilbuddets_aar
        from tariffs import lukkede_aar as laas

        signals.connect()
        # tariffs and offers must not import budgets, yet their writes must refuse
        # a lukket year: they ask through tariffs.lukkede_aar, which reads here.
        laas.registrer(lukkede_aar=lukkede_aar, tilbud_aar=tilbuddets_aar)
