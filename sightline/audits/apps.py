from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "sightline.audits"
    label = "audits"
    verbose_name = "Case-file audits"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
