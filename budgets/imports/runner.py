"""Runs one import job: read, validate every row, then write all in one transaction."""

import logging

from django.db import transaction

from budgets import services
from budgets.imports import forbrug, haendelser, takster
from budgets.imports.common import ImportAfvist, JobFremskridt
from budgets.models import Importjob, Importstatus, Importtype

logger = logging.getLogger(__name__)

IMPORTERE = {
    Importtype.FORBRUG: forbrug,
    Importtype.HAENDELSER: haendelser,
    Importtype.TAKSTER: takster,
}
UVENTET_FEJL = "Importen fejlede uventet; intet er gemt. Kontakt support."


def _opdater(job: Importjob, **felter) -> None:
    for navn, vaerdi in felter.items():
        setattr(job, navn, vaerdi)
    Importjob.objects.filter(pk=job.pk).update(**felter)


def _koer(job: Importjob) -> dict:
    importer = IMPORTERE[job.type]
    raekker = importer.laes(bytes(job.indhold), job.filnavn)
    _opdater(job, rows_total=len(raekker))
    gyldige = importer.valider(raekker, JobFremskridt(job))
    _opdater(job, status=Importstatus.GEMMER)
    with transaction.atomic():  # one bad row rejects the file: nothing is written
        return importer.gem(gyldige, acting_user=job.created_by)


def run(job: Importjob) -> None:
    """Outside any transaction, so the progress updates are seen at once."""
    try:
        resultat = _koer(job)
    except ImportAfvist as afvist:
        services.importjob_finish(job, fejl=afvist.fejl)
        return
    except Exception:
        logger.exception("Import %s fejlede", job.pk)
        services.importjob_finish(job, fejl=[UVENTET_FEJL])
        return
    services.importjob_finish(job, resultat=resultat)
