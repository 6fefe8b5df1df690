from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sightline.home"
    label = "home"
    verbose_name = "Home page and demo"
