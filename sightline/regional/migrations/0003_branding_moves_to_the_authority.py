"""The brand colour belongs to the authority (organisation), where its branding page is: each
authority's colour is copied onto it, then the regional app's table goes."""

from django.db import migrations


def copy_colours(apps, schema_editor):  # type: ignore[no-untyped-def]
    Branding = apps.get_model("regional", "AuthorityBranding")
    Authority = apps.get_model("organisation", "Authority")
    for authority_id, colour in Branding.objects.values_list("authority_id", "colour"):
        Authority.objects.filter(pk=authority_id).update(brand_colour=colour)


def copy_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    Branding = apps.get_model("regional", "AuthorityBranding")
    Authority = apps.get_model("organisation", "Authority")
    for authority_id, colour in Authority.objects.exclude(brand_colour="").values_list(
        "pk", "brand_colour"
    ):
        Branding.objects.update_or_create(authority_id=authority_id, defaults={"colour": colour})


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_authority_brand_colour"),
        ("regional", "0002_authority_branding"),
    ]

    operations = [
        migrations.RunPython(copy_colours, copy_back),
        migrations.DeleteModel(name="AuthorityBranding"),
    ]
