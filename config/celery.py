"""Celery app (STYLE.md 6.2).

Eager by default, a real worker when CELERY_TASK_ALWAYS_EAGER=false.
"""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("takstvaerk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task(name: str) -> Task:
    """The registered task ``name`` ("budgets.tasks.…"), looked up when it is queued.

    Tasks are the top layer: they import the services they call. A service that
    queues a task therefore finds it here by name instead of importing it, which
    would be a cycle. autodiscover_tasks() above registers the task modules only
    in a worker, so each app's ready() imports its own (budgets.apps) for the
    name to be known in the web process and in commands too.
    """
    return app.tasks[name]
