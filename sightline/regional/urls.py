from django.urls import path

from . import views

app_name = "regional"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:pk>/", views.sharing_edit, name="sharing_edit"),
    path("authorities/new/", views.authority_add, name="authority_add"),
]
