from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("", views.index, name="index"),
    path("actions/", views.action_list, name="actions"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("import/", views.import_plan, name="import"),
    path("priorities/new/", views.priority_create, name="priority_create"),
    path("priorities/<int:pk>/", views.priority_detail, name="priority"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/workstreams/new/", views.workstream_create, name="workstream_create"),
    path("priorities/<int:pk>/themes/", views.priority_themes, name="priority_themes"),
    path("priorities/<int:pk>/measures/", views.priority_measure_add, name="priority_measure_add"),
    path("measure-links/<int:pk>/remove/", views.measure_link_remove, name="measure_link_remove"),
    path("priorities/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/due-date/", views.action_revise, name="action_revise"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("actions/<int:pk>/measures/", views.action_measure_add, name="action_measure_add"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence_download"),
]
