from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "sightline.plan"
    label = "plan"
    verbose_name = "Improvement plan"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
