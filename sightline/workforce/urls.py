from django.urls import path

from .views import establishment, figures, hr_import, people

app_name = "workforce"

urlpatterns = [
    path("", figures.overview, name="overview"),
    path("measures/<str:key>/", figures.measure, name="measure"),
    path("targets/", figures.targets, name="targets"),
    path("teams/", figures.teams, name="teams"),
    path("academy/", figures.academy, name="academy"),
    path("academy/record/", people.academy_record, name="academy_record"),
    path("staff/", people.staff_list, name="staff_list"),
    path("staff/new/", people.staff_edit, name="staff_create"),
    path("staff/<int:pk>/", people.staff_edit, name="staff_edit"),
    path("vacancies/", establishment.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", establishment.vacancy_edit, name="vacancy_create"),
    path("vacancies/<int:pk>/", establishment.vacancy_edit, name="vacancy_edit"),
    path("establishment/", establishment.post_list, name="post_list"),
    path("establishment/new/", establishment.post_edit, name="post_create"),
    path("establishment/<int:pk>/", establishment.post_edit, name="post_edit"),
    path("imports/", hr_import.import_upload, name="import_upload"),
    path("imports/<int:pk>/", hr_import.import_detail, name="import_detail"),
]
