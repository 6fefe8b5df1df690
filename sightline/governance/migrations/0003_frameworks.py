from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from sightline.governance.frameworks import frameworks_load

    frameworks_load(apps.get_model("governance", "Framework"), apps.get_model("governance", "JudgementArea"))


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
