from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sightline.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
