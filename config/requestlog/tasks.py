"""Celery tasks of the request log (STYLE.md 6.1): thin, safe to run twice."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from config.requestlog.services import forespoergsel_ryd


@shared_task
def forespoergsel_ryd_task() -> int:
    """Nightly (CELERY_BEAT_SCHEDULE): drop rows older than the retention period."""
    dage = settings.REQUESTLOG_OPBEVARING_DAGE
    return forespoergsel_ryd(foer=timezone.now() - datetime.timedelta(days=dage))
