"""Reference data: the VUM 2.0 themes (KL's Fælles Faglige Begreber, DOMAIN.md §5)."""

from django.db import migrations

AKTIVITET = "Aktivitet og deltagelse"
FUNKTION = "Funktioner og forhold"
TEMAER = [
    ("egenomsorg", "Egenomsorg", AKTIVITET),
    ("praktiske_opgaver", "Praktiske opgaver", AKTIVITET),
    ("samfundsliv", "Samfundsliv", AKTIVITET),
    ("kommunikation", "Kommunikation", AKTIVITET),
    ("mobilitet", "Mobilitet", AKTIVITET),
    ("relationer", "Relationer", AKTIVITET),
    ("mentale_funktioner", "Mentale funktioner", FUNKTION),
    ("sundhedsforhold", "Sundhedsforhold", FUNKTION),
    ("fysiske_funktioner", "Fysiske funktioner", FUNKTION),
    ("sociale_forhold", "Sociale forhold", FUNKTION),
    ("omgivelser", "Omgivelser", "Omgivelser"),
]


def add_temaer(apps, schema_editor):
    VumTema = apps.get_model("tariffs", "VumTema")
    for raekkefoelge, (kode, navn, gruppe) in enumerate(TEMAER, start=1):
        VumTema.objects.update_or_create(
            kode=kode, defaults={"navn": navn, "gruppe": gruppe, "raekkefoelge": raekkefoelge}
        )


class Migration(migrations.Migration):
    dependencies = [("tariffs", "0001_initial")]
    operations = [migrations.RunPython(add_temaer, migrations.RunPython.noop)]
