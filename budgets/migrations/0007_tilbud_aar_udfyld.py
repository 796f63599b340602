"""A TilbudAar row per existing tilbud and budget year, from the tilbud's values.

The figures do not move: each year gets the values it was computed from until
now. Each row gets a "created" history row, so the first change later shows
the old value next to the new one. No app code is imported (STYLE.md 8.3).
"""

from django.db import migrations
from django.utils import timezone

FELTER = ("pladser", "tildelingsprincip", "forudsat_belaegning", "reguleringsandel")
AARSAG = "Fra tilbuddets indstillinger"


def udfyld(apps, schema_editor) -> None:
    Tilbud = apps.get_model("offers", "Tilbud")
    Budgetaar = apps.get_model("budgets", "Budgetaar")
    TilbudAar = apps.get_model("budgets", "TilbudAar")
    HistoricalTilbudAar = apps.get_model("budgets", "HistoricalTilbudAar")
    aarene = list(Budgetaar.objects.values_list("pk", flat=True))
    nye = [
        TilbudAar(tilbud_id=t["pk"], budgetaar_id=aar, **{f: t[f] for f in FELTER})
        for t in Tilbud.objects.values("pk", *FELTER)
        for aar in aarene
    ]
    TilbudAar.objects.bulk_create(nye, batch_size=1000)
    nu = timezone.now()
    HistoricalTilbudAar.objects.bulk_create(
        [
            HistoricalTilbudAar(
                id=r.pk, tilbud_id=r.tilbud_id, budgetaar_id=r.budgetaar_id,
                history_date=nu, history_type="+", history_change_reason=AARSAG,
                **{f: getattr(r, f) for f in FELTER},
            )
            for r in TilbudAar.objects.all()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("budgets", "0006_tilbud_aar")]

    operations = [migrations.RunPython(udfyld, migrations.RunPython.noop)]
