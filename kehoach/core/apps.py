from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kehoach.core"
    label = "core"
    verbose_name = _("Lõi")

    def ready(self) -> None:
        from kehoach.core import text, xlsx

        text.install()  # every form and serializer text field: clean_text (NFC, no controls)
        xlsx.install()  # every .xlsx written stores people's text as text (no formulas, no controls)
