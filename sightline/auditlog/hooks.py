"""What the audit trail adds to the navigation."""

from __future__ import annotations

from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_view_audit_trail


def register() -> None:
    from . import exports  # noqa: F401 - registers the export job kind

    module_register(
        Module(
            key="audit-trail",
            title="Audit trail",
            url_name="auditlog:trail",
            description="Who changed what and when, and who viewed child-level data.",
            allowed=can_view_audit_trail,
            order=950,
        )
    )
