import datetime

from django.db import transaction

from config.requestlog.models import Forespoergsel


@transaction.atomic
def forespoergsel_ryd(*, foer: datetime.datetime) -> int:
    """Delete the rows logged before ``foer``; the number deleted."""
    antal, _ = Forespoergsel.objects.filter(tidspunkt__lt=foer).delete()
    return antal
