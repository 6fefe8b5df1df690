from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("measures/<str:measure_id>/", views.measure_page, name="measure"),
    path("measures/<str:measure_id>/children/", views.measure_children, name="measure_children"),
    path("measures/<str:measure_id>/rebase/", views.rebase_add, name="rebase_add"),
    path(
        "measures/<str:measure_id>/rebase/<int:pk>/remove/",
        views.rebase_remove,
        name="rebase_remove",
    ),
    path(
        "measures/<str:measure_id>/localities/",
        views.measure_localities,
        name="measure_localities",
    ),
    path("workers/", views.workers_page, name="workers"),
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("targets/", views.targets, name="targets"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/columns/", views.column_mappings, name="column_mappings"),
    path("targets/<str:measure_id>/", views.target_detail, name="target_detail"),
]
