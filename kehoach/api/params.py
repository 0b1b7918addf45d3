"""Query parameters the API checks instead of ignoring: a year that is not one, a value outside
its list, a parameter given twice. Each is a 400 in the error shape naming the parameter, so a
program learns its mistake instead of reading a different (unfiltered, default) answer.

``year_parameter`` and ``choice_parameter`` (``bool`` parameters as such) document the same rules in the OpenAPI schema."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from kehoach.core.constants import YEAR_MAX, YEAR_MIN


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def query_one(request: Request, name: str) -> str | None:
    """The parameter's value (None when absent); given more than once it is refused."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise _refuse(name, _("Tham số “%(n)s” chỉ được cho một lần.") % {"n": name})
    return values[0] if values else None


def query_year(request: Request, name: str = "year") -> int | None:
    """The year asked for (None when absent): a whole number from YEAR_MIN to YEAR_MAX."""
    text = query_one(request, name)
    if text is None:
        return None
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        raise _refuse(name, _("Năm phải là một số, ví dụ 2024."))
    if int(text) < YEAR_MIN:
        raise _refuse(name, _("Năm phải từ %(limit_value)s trở đi.") % {"limit_value": YEAR_MIN})
    if int(text) > YEAR_MAX:
        raise _refuse(name, _("Năm phải không quá %(limit_value)s.") % {"limit_value": YEAR_MAX})
    return int(text)


def query_choice(request: Request, name: str, allowed: Sequence[str]) -> str | None:
    """One of ``allowed`` (None when absent); anything else, the empty text included, is refused."""
    value = query_one(request, name)
    if value is not None and value not in allowed:
        raise _refuse(name, _("Giá trị “%(v)s” không có; dùng một trong: %(a)s.") % {
            "v": value[:40], "a": ", ".join(allowed)})
    return value


def query_bool(request: Request, name: str) -> bool | None:
    """``true`` or ``false`` (None when absent); ``on``, ``yes``, ``Á`` or nothing are refused
    (a form's check box would read any of them as true)."""
    value = query_one(request, name)
    if value is None:
        return None
    if value not in ("true", "false"):
        raise _refuse(name, _("Giá trị “%(v)s” không có; dùng true hoặc false.") % {"v": value[:40]})
    return value == "true"


def year_parameter(description: str = "", name: str = "year") -> OpenApiParameter:
    return OpenApiParameter(name, {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
                            required=False, description=description)


def choice_parameter(name: str, allowed: Sequence[str], description: str = "") -> OpenApiParameter:
    return OpenApiParameter(name, str, enum=list(allowed), required=False,
                            description=description)
