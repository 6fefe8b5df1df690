from django.urls import path

from . import views

app_name = "voice"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/new/", views.feedback_edit, name="feedback_create"),
    path("feedback/<int:pk>/", views.feedback_edit, name="feedback_edit"),
    path("impact/", views.impact_list, name="impact_list"),
    path("impact/new/", views.impact_edit, name="impact_create"),
    path("impact/<int:pk>/", views.impact_edit, name="impact_edit"),
    path("participation/", views.event_list, name="event_list"),
    path("participation/new/", views.event_create, name="event_create"),
    path("ambassadors/", views.submission_list, name="submission_list"),
    path("ambassadors/new/", views.submission_create, name="submission_create"),
    path("ambassadors/<int:pk>/", views.submission_detail, name="submission_detail"),
]
