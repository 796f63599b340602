from django.core.management.base import BaseCommand, CommandParser

from budgets.services import maanedstal


class Command(BaseCommand):
    help = (
        "Genberegner de gemte månedstal for hvert budgetår, hvor de ikke alle er "
        "aktuelle (fx efter en udrulning med en ny motorversion). Køres efter migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--alle", action="store_true", help="Genberegn alle år, også aktuelle."
        )

    def handle(self, *args, alle: bool, **options) -> None:
        if alle:
            aarene = sorted(maanedstal.genberegn_start(maanedstal.budgetaarene()))
        else:
            aarene = maanedstal.opdater_foraeldede()
        if not aarene:
            self.stdout.write("Alle gemte månedstal er aktuelle.")
            return
        liste = ", ".join(str(aar) for aar in aarene)
        self.stdout.write(f"Månedstallene genberegnes for {liste}.")
