"""Bulk imports run as Celery jobs (issue 6).

Each importer has ``laes`` (file -> rows), ``valider`` (every row, all errors
with line numbers, before anything is written) and ``gem`` (writes through the
services inside the runner's single transaction). See runner.py.
"""
