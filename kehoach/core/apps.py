from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# Libraries' apps shown in the admin under Vietnamese names (not "Tasks Database Backend").
VENDOR_APP_NAMES = {
    "django_tasks_database": _("Hàng đợi việc chạy nền"),
    "authtoken": _("Khoá truy cập API"),
}


class CoreConfig(AppConfig):
    name = "kehoach.core"
    label = "core"
    verbose_name = _("Lõi")

    def ready(self) -> None:
        from kehoach.core import datebounds, text, xlsx

        datebounds.install()  # every date field of a form or serializer: years in bounds
        text.install()  # every form and serializer text field: clean_text (NFC, no controls)
        xlsx.install()  # every .xlsx written stores people's text as text (no formulas, no controls)
        for label, name in VENDOR_APP_NAMES.items():
            try:
                apps.get_app_config(label).verbose_name = name
            except LookupError:
                continue
