from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.audit_detail, name="audit_detail"),
    path("<int:pk>/edit/", views.audit_edit, name="audit_edit"),
    path("<int:pk>/autosave/", views.audit_autosave, name="audit_autosave"),
    path("<int:pk>/download/pdf/", views.audit_pdf, name="audit_pdf"),
    path("<int:pk>/assign/", views.audit_assign, name="audit_assign"),
    path("<int:pk>/actions/new/", views.action_raise, name="action_raise"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
    path("analytics/", views.analytics, name="analytics"),
    path("themes/", views.themes, name="themes"),
    path("learning/", views.learning, name="learning"),
    path("learning/new/", views.learning_publish, name="learning_publish"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/edit/", views.framework_revise, name="framework_revise"),
    path("download/summary.xlsx", views.export_summary, name="export_summary"),
]
