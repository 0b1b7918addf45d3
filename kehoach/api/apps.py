from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kehoach.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from kehoach.api import messages

        messages.install()  # DRF's field and error messages in Vietnamese (kehoach.api.messages)
