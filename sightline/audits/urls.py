from django.urls import path

from .views import actions, audit, frameworks, learning, moderation, programmes, reports

app_name = "audits"

urlpatterns = [
    path("", audit.home, name="home"),
    path("<int:pk>/", audit.audit_detail, name="audit_detail"),
    path("<int:pk>/edit/", audit.audit_edit, name="audit_edit"),
    path("<int:pk>/autosave/", audit.audit_autosave, name="audit_autosave"),
    path("<int:pk>/download/pdf/", reports.audit_pdf, name="audit_pdf"),
    path("<int:pk>/assign/", audit.audit_assign, name="audit_assign"),
    path("<int:pk>/actions/new/", actions.action_raise, name="action_raise"),
    path("actions/", actions.actions, name="actions"),
    path("actions/<int:pk>/close/", actions.action_close, name="action_close"),
    path("programmes/", programmes.programmes, name="programmes"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("moderation/", moderation.moderation, name="moderation"),
    path("moderation/<int:pk>/", moderation.moderate, name="moderate"),
    path("analytics/", reports.analytics, name="analytics"),
    path("themes/", learning.themes, name="themes"),
    path("learning/", learning.learning, name="learning"),
    path("learning/new/", learning.learning_publish, name="learning_publish"),
    path("frameworks/", frameworks.frameworks, name="frameworks"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/edit/", frameworks.framework_revise, name="framework_revise"),
    path("download/summary.xlsx", reports.export_summary, name="export_summary"),
]
