from django.apps import AppConfig


class AuditLogConfig(AppConfig):
    name = "sightline.auditlog"
    label = "auditlog"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
