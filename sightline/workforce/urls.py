from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("measures/<str:key>/", views.measure, name="measure"),
    path("targets/", views.targets, name="targets"),
    path("teams/", views.teams, name="teams"),
    path("academy/", views.academy, name="academy"),
    path("academy/record/", views.academy_record, name="academy_record"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", views.vacancy_edit, name="vacancy_create"),
    path("vacancies/<int:pk>/", views.vacancy_edit, name="vacancy_edit"),
    path("establishment/", views.post_list, name="post_list"),
    path("establishment/new/", views.post_edit, name="post_create"),
    path("establishment/<int:pk>/", views.post_edit, name="post_edit"),
    path("imports/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
]
