from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sightline.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
