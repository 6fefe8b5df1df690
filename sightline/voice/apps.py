from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "sightline.voice"
    label = "voice"
    verbose_name = "Voice of children and families"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
