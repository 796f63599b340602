"""Celery app (STYLE.md 6.2).

Eager by default, a real worker when CELERY_TASK_ALWAYS_EAGER=false.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("takstvaerk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
