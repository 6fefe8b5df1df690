from django.apps import AppConfig


class RegionalConfig(AppConfig):
    name = "sightline.regional"
    label = "regional"
    verbose_name = "Regions: several authorities compared"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
