"""Typed requests for views (``request.htmx``, a logged-in ``request.user``) and the one
``Content-Disposition`` builder of every download."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from kehoach.core.models import User
from kehoach.core.text import clean_text


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request to a ``@login_required`` view: ``request.user`` is a ``User``."""

    user: User


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The ``Content-Disposition`` of every download (RFC 6266): a plain ASCII ``filename`` that no
    quote, semicolon or path can break, and the exact (e.g. Vietnamese) name in ``filename*``."""
    name = _UNSAFE_NAME.sub("_", clean_text(filename)).strip(" .") or "tai-ve"
    fallback = _ascii_name(name)
    kind = "inline" if inline else "attachment"
    if fallback == name:
        return f'{kind}; filename="{fallback}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _ascii_name(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"_+", "_", _NOT_PORTABLE.sub("_", plain)).strip("_") or "tai-ve"


_UNSAFE_NAME = re.compile(r'[\\/"\x00-\x1f\x7f]')
_NOT_PORTABLE = re.compile(r"[^A-Za-z0-9._-]")


#: The content types of the office files people download, by extension.
OFFICE_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def office_download(data: bytes, filename: str) -> HttpResponse:
    """``data`` as an attachment named ``filename`` (``….docx`` or ``….xlsx``)."""
    response = HttpResponse(data, content_type=OFFICE_TYPES[filename.rsplit(".", 1)[1]])
    response["Content-Disposition"] = content_disposition(filename)
    return response
