from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("v1/measures.csv", views.measures_csv, name="measures_csv"),
    path("v1/measures.json", views.measures_json, name="measures_json"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
