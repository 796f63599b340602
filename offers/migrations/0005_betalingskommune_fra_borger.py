"""Move each borger's single betalingskommune into a dated row (issue 13 #1).

A borger with a betalingskommune gets one row in force from their first tilgang
(any ophold, annulled ones too: the earliest day the place could be sold), or
from 1 January 2000 without an ophold; Borger.betalingskommune is unchanged, so
the sold-place income of every year stays what it was. Own data only: data
migrations never import app code (STYLE.md 8.3).
"""

import datetime

from django.db import migrations
from django.db.models import Min

FRA_BEGYNDELSEN = datetime.date(2000, 1, 1)


def flyt_til_perioder(apps, schema_editor):
    Borger = apps.get_model("offers", "Borger")
    Betalingskommune = apps.get_model("offers", "Betalingskommune")
    borgere = (
        Borger.objects.exclude(betalingskommune="")
        .filter(betalingskommuner__isnull=True)
        .annotate(foerste_tilgang=Min("ophold__tilgang"))
    )
    Betalingskommune.objects.bulk_create(
        [
            Betalingskommune(
                borger_id=b.pk,
                kommunekode=b.betalingskommune,
                gyldig_fra=b.foerste_tilgang or FRA_BEGYNDELSEN,
                registreret=datetime.date.today(),
            )
            for b in borgere.iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_betalingskommune_periode")]

    operations = [
        migrations.RunPython(flyt_til_perioder, migrations.RunPython.noop),
    ]
