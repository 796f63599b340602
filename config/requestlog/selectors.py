import datetime

from django.db.models import QuerySet

from config.requestlog.models import Forespoergsel


def forespoergsel_list(
    *,
    brugernavn: str = "",
    fra: datetime.date | None = None,
    til: datetime.date | None = None,
) -> QuerySet[Forespoergsel]:
    """The log, newest first; ``fra`` and ``til`` are local dates, both included."""
    qs = Forespoergsel.objects.all()
    if brugernavn:
        qs = qs.filter(brugernavn=brugernavn)
    if fra:
        qs = qs.filter(tidspunkt__date__gte=fra)
    if til:
        qs = qs.filter(tidspunkt__date__lte=til)
    return qs
