"""Stable URL map (DESIGN.md): links in board papers must keep working."""

from django.urls import include, path

from sightline.core import views as core_views

urlpatterns = [
    path("", include("sightline.home.urls")),
    path("", include("sightline.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("sightline.accounts.urls")),
    path("organisation/", include("sightline.organisation.urls")),
    path("audit-trail/", include("sightline.auditlog.urls")),
    path("jobs/", include("sightline.jobs.urls")),
    path("performance/", include("sightline.performance.urls")),
    path("api/", include("sightline.api.urls")),
    path("audits/", include("sightline.audits.urls")),
    path("returns/", include("sightline.returns.urls")),
    path("plan/", include("sightline.plan.urls")),
    path("governance/", include("sightline.governance.urls")),
    path("workforce/", include("sightline.workforce.urls")),
    path("voice/", include("sightline.voice.urls")),
    path("reports/", include("sightline.reports.urls")),
    path("regional/", include("sightline.regional.urls")),
]

handler403 = "sightline.core.views.permission_denied"
handler404 = "sightline.core.views.page_not_found"
handler500 = "sightline.core.views.server_error"
