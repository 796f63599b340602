from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgetter"

    def ready(self) -> None:
        # offers and tariffs cannot import budgets: their writes reach the
        # stored monthly figures through this handler (config.lib.derived).
        from budgets.services import maanedstal
        from config.lib import derived

        derived.register(maanedstal.haandter)
