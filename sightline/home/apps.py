from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sightline.home"
    label = "home"
    verbose_name = "Home page and demo"

    def ready(self) -> None:
        # Each app's ``home_panels.py`` registers the panels it adds to the first screen
        # (sightline/core/attention.py); home imports no app by name.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("home_panels")
