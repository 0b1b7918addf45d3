"""Password rules with Vietnamese messages where Django's own catalogue has none."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length (8 by default); its message is missing from Django's Vietnamese
    catalogue, so it is written here."""

    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có ít nhất %(n)d ký tự.") % {"n": self.min_length}
