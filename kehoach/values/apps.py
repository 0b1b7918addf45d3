from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValuesConfig(AppConfig):
    name = "kehoach.values"
    label = "values"
    verbose_name = _("Số liệu")
