from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "sightline.returns"
    label = "returns"
    verbose_name = "Statutory returns"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
