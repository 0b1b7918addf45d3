"""Text at the boundary, and text written into documents.

- ``clean_text``: what every form, serializer and import keeps of a person's text: NFC, line ends
  as ``\\n``, no C0 control character other than tab and newline (a ``\\x0b`` pasted from Word
  would otherwise break every .docx/.xlsx the text later goes into), no DEL, no non-characters;
- ``xml_text``: the same cleaning for text already stored, applied by every document writer;
- ``sheet_text``: ``xml_text`` plus whether a spreadsheet would read it as a formula
  (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) — see ``kehoach.core.xlsx``;
- ``ascii_fold``: the key of accent-insensitive search and matching.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from unidecode import unidecode

# C0 controls except \t and \n, DEL, lone surrogates and the two non-characters XML refuses.
_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """NFC text with ``\\n`` line ends and no control characters other than tab and newline."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _ILLEGAL.sub("", text))


def xml_text(value: Any) -> Any:
    """A string made safe for XML documents; anything else unchanged."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        return _ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def clean_data(value: Any) -> Any:
    """``clean_text`` applied to every string in nested lists and dicts (a JSON body)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_data(v) for k, v in value.items()}
    return value


def ascii_fold(text: str | None) -> str:
    """Lower case, accents removed (``Đ`` → ``d``), single spaces: the key of accent-insensitive
    search and matching. ``Tỷ lệ  hộ nghèo`` → ``ty le ho ngheo``."""
    return " ".join(unidecode(unicodedata.normalize("NFC", text or "")).lower().split())


_installed = False


def install() -> None:
    """Every text field of a form (Django) or a serializer (DRF) returns ``clean_text`` of what was
    sent: one rule for every page and endpoint, including the ones written later. Password fields
    keep exactly what was typed. Called once, from ``CoreConfig.ready``."""
    global _installed
    if _installed:
        return
    from django import forms
    from rest_framework import serializers

    form_to_python = forms.CharField.to_python

    def form_clean(field: Any, value: Any) -> Any:
        result = form_to_python(field, value)
        if isinstance(result, str) and not isinstance(field.widget, forms.PasswordInput):
            return clean_text(result)
        return result

    api_to_internal = serializers.CharField.to_internal_value

    def api_clean(field: Any, data: Any) -> Any:
        result = api_to_internal(field, data)
        if isinstance(result, str) and field.style.get("input_type") != "password":
            return clean_text(result)
        return result

    forms.CharField.to_python = form_clean  # type: ignore[method-assign,assignment]
    serializers.CharField.to_internal_value = api_clean  # type: ignore[method-assign,assignment]
    _installed = True
