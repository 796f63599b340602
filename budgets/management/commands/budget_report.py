import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from budgets.reports import central_rapport_tekst
from budgets.selectors import BudgetGrundlagMangler, Genberegnes, central_for


class Command(BaseCommand):
    help = "Skriver den centrale budgetmodel for et år som en dansk tabel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--aar", type=int, required=True, help="Budgetåret, fx 2026."
        )
        parser.add_argument(
            "--idag",
            type=datetime.date.fromisoformat,
            default=None,
            help=(
                "Skæringsdato (ÅÅÅÅ-MM-DD) for forbrug og bevægelser; "
                "standard er i dag."
            ),
        )

    def handle(self, *args, aar: int, idag: datetime.date | None, **options) -> None:
        try:
            # The operator's report: every tilbud.
            central = central_for(None, aar, idag or timezone.localdate())
        except (BudgetGrundlagMangler, Genberegnes) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(central_rapport_tekst(central))
