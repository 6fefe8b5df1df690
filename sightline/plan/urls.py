from django.urls import path

from .views import actions, measures, plan_import, priorities, progress

app_name = "plan"

urlpatterns = [
    path("", priorities.index, name="index"),
    path("actions/", actions.action_list, name="actions"),
    path("my-actions/", actions.my_actions, name="my_actions"),
    path("import/", plan_import.import_plan, name="import"),
    path("priorities/new/", priorities.priority_form, name="priority_create"),
    path("priorities/<int:pk>/", priorities.priority_detail, name="priority"),
    path("priorities/<int:pk>/edit/", priorities.priority_form, name="priority_edit"),
    path(
        "priorities/<int:pk>/workstreams/new/",
        priorities.workstream_create,
        name="workstream_create",
    ),
    path("priorities/<int:pk>/themes/", measures.priority_themes, name="priority_themes"),
    path(
        "priorities/<int:pk>/measures/", measures.priority_measure_add, name="priority_measure_add"
    ),
    path(
        "measure-links/<int:pk>/remove/", measures.measure_link_remove, name="measure_link_remove"
    ),
    path("priorities/<int:pk>/actions/new/", actions.action_create, name="action_create"),
    path("actions/<int:pk>/", actions.action_detail, name="action"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/due-date/", progress.action_revise, name="action_revise"),
    path("actions/<int:pk>/progress/", progress.action_progress, name="action_progress"),
    path("actions/<int:pk>/measures/", measures.action_measure_add, name="action_measure_add"),
    path("evidence/<int:pk>/download/", progress.evidence_download, name="evidence_download"),
]
