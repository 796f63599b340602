import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from config.requestlog.services import forespoergsel_ryd


class Command(BaseCommand):
    help = "Delete request-log rows older than REQUESTLOG_OPBEVARING_DAGE days."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dage", type=int, help="Override the setting.")

    def handle(self, *args, dage: int | None = None, **options) -> None:
        dage = dage or settings.REQUESTLOG_OPBEVARING_DAGE
        graense = timezone.now() - datetime.timedelta(days=dage)
        antal = forespoergsel_ryd(foer=graense)
        self.stdout.write(f"Slettede {antal} forespørgsler ældre end {dage} dage.")
