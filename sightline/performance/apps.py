from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sightline.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
