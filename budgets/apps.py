from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgetter"

    def ready(self) -> None:
        from budgets import signals

        signals.connect()
