from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("", views.figures, name="figures"),
    path("uploads/", views.imports, name="imports"),
    path("uploads/<int:pk>/", views.import_detail, name="import_detail"),
]
