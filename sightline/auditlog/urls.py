from django.urls import path

from . import views

app_name = "auditlog"

urlpatterns = [
    path("", views.trail, name="trail"),
    path("export/", views.export, name="export"),
]
