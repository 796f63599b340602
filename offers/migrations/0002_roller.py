"""The three roles as Django Groups (DEVELOPERS.md: Myndighed, Tilbudsleder, Økonomi)."""

from django.db import migrations

ROLLER = ["Myndighed", "Tilbudsleder", "Økonomi"]


def add_roller(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for navn in ROLLER:
        Group.objects.get_or_create(name=navn)


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(add_roller, migrations.RunPython.noop)]
