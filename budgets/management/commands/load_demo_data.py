from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budgets.demo import DEMO_BRUGERE, DEMO_PASSWORD, demodata_load


class Command(BaseCommand):
    help = "Indlæs en demokommune med tilbud, borgere, takster og budgetter."

    def handle(self, *args, **options) -> None:
        try:
            resultat = demodata_load()
        except ValidationError as err:
            raise CommandError(" ".join(err.messages)) from None
        a = resultat.antal
        self.stdout.write(
            "Demodata indlæst."
            if resultat.indlaest
            else "Demodata findes allerede; brugere og roller er kontrolleret."
        )
        self.stdout.write(
            f"  Tilbud: {a['tilbud']} med {a['pladser']} pladser\n"
            f"  Borgere: {a['borgere']}, heraf {a['eksterne']} fra andre kommuner\n"
            f"  Ophold: {a['ophold']} ({a['afgange']} med afgang), "
            f"indplaceringer: {a['indplaceringer']}, døgnskemaer: {a['doegnskemaer']}\n"
            f"  Takstmodeller: {a['takstmodeller']}, forbrugsposter: {a['forbrug']}, "
            f"brugere: {a['brugere']}"
        )
        self.stdout.write(f"Log ind med adgangskoden {DEMO_PASSWORD}:")
        for b in DEMO_BRUGERE:
            rolle = b.rolle or "Superbruger"
            self.stdout.write(
                f"  {b.username:<11} {b.navn} ({rolle}){_tilbud(b.tilbud)}"
            )


def _tilbud(navn: str) -> str:
    return f", {navn}" if navn else ""
