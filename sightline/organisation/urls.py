from django.urls import path

from . import branding, disclosure_setting, views

app_name = "organisation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("localities/new/", views.locality_create, name="locality_create"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("disclosure/", disclosure_setting.disclosure_edit, name="disclosure"),
    path("branding/", branding.branding_edit, name="branding"),
    path("logo/<int:pk>/", branding.logo, name="logo"),
    path("brand.css", branding.brand_css, name="brand_css"),
]
