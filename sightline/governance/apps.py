from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "sightline.governance"
    label = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
