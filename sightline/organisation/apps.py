from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "sightline.organisation"
    label = "organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
