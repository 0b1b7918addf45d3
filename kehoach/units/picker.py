"""The unit picker: choose units by name, never by typing codes.

One widget for every form where a person chooses a unit (``UnitPicker``), two fields that turn
what it submits into units (``UnitField``: one unit or none; ``UnitsField``: a list, groups
expanded), and the search behind it (``unit_pick_options``, served as JSON by
``units:pick``). The widget submits unit codes (and group tokens such as ``@departments``), so
a program or a test may post codes directly; without JavaScript, the text typed in the search
box is resolved by name (accents ignored) when it names exactly one unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kehoach.core.middleware import request_memo
from kehoach.core.text import ascii_fold
from kehoach.units.models import Unit, UnitType
from kehoach.units.selectors import (
    unit_match,
    unit_not_found_message,
    unit_search,
    units_valid_on,
)

GROUP_DEPARTMENTS = "@departments"
GROUP_COMMUNES = "@communes:"
TEXT_SUFFIX = "__text"
RESULT_LIMIT = 20


def _day(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _communes_parents(on: dt.date) -> QuerySet[Unit]:
    """Provinces and districts valid on ``on``: the units a "all communes of …" group names."""
    return units_valid_on(day=on).filter(
        type__in=(UnitType.PROVINCE, UnitType.DISTRICT)).order_by("type", "name_ascii")


def unit_groups(*, groups: Iterable[str], on: dt.date | None = None) -> list[dict[str, str]]:
    """The groups a picker offers: ``departments`` and/or ``communes`` (one per province or
    district)."""
    day, found = _day(on), []
    if "departments" in groups:
        found.append({"value": GROUP_DEPARTMENTS, "label": _("Tất cả sở, ban, ngành"),
                      "detail": _("Nhóm")})
    if "communes" in groups:
        for parent in _communes_parents(day):
            found.append({"value": f"{GROUP_COMMUNES}{parent.code}",
                          "label": _("Tất cả xã, phường của %(u)s") % {"u": parent.name},
                          "detail": _("Nhóm")})
    return found


def unit_group_members(*, token: str, on: dt.date | None = None) -> list[Unit]:
    """The units a group token stands for (valid on ``on``); [] for an unknown token."""
    day = _day(on)
    valid = units_valid_on(day=day)
    if token == GROUP_DEPARTMENTS:
        return list(valid.filter(type=UnitType.DEPARTMENT).order_by("name_ascii"))
    if token.startswith(GROUP_COMMUNES):
        parent = Unit.objects.filter(code=token[len(GROUP_COMMUNES):]).first()
        if parent is None:
            return []
        ids = Unit.objects.descendant_ids(parent.pk)
        return list(valid.filter(pk__in=ids, type=UnitType.COMMUNE).order_by("name_ascii"))
    return []


def _option(unit: Unit) -> dict[str, str]:
    parent = unit.parent.name if unit.parent_id and unit.parent else ""
    detail = unit.get_type_display() + (f" · {parent}" if parent else "")
    return {"value": unit.code, "label": unit.name, "detail": detail}


def unit_pick_options(*, q: str, groups: Iterable[str] = (), on: dt.date | None = None
                      ) -> list[dict[str, str]]:
    """What the picker lists for ``q``: up to 20 units (accents and case ignored; a code or GSO
    code also matches), then the matching groups."""
    words = ascii_fold(q).split()
    found = [_option(u) for u in unit_search(q=q, on=_day(on))[:RESULT_LIMIT]] if words else []
    return found + [g for g in unit_groups(groups=groups, on=on)
                    if all(w in ascii_fold(g["label"]) for w in words)]


def unit_labels(codes: Sequence[str]) -> dict[str, str]:
    """The names shown for submitted values (unit codes, group tokens): one query."""
    labels = {u.code: u.name for u in Unit.objects.filter(code__in=codes).only("code", "name")}
    if any(code.startswith("@") for code in codes):
        labels |= {g["value"]: g["label"] for g in unit_groups(groups=("departments", "communes"))}
    return {code: labels.get(code, code) for code in codes}


class UnitPicker(forms.Widget):
    """A search box listing units by name; the chosen ones are sent as hidden inputs (codes).

    ``multiple``: several units (chips); ``groups``: ("communes", "departments") to offer
    "all communes of …" and "all departments" (only with ``multiple``)."""

    template_name = "units/widgets/unit_picker.html"

    def __init__(self, *, multiple: bool = False, groups: Sequence[str] = (),
                 attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.groups = tuple(groups)

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]
        if value in (None, ""):
            return []
        items = value if isinstance(value, (list, tuple)) else [value]
        codes: list[str] = []
        for item in items:
            if isinstance(item, Unit):
                codes.append(item.code)
            else:
                codes += [c.strip() for c in str(item).replace("\n", ",").split(",") if c.strip()]
        return codes

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        items = value if isinstance(value, (list, tuple)) else [value]
        known = {u.code: u.name for u in items if isinstance(u, Unit)}
        codes = self.format_value(value)
        missing = [c for c in codes if c not in known]
        labels = known | (unit_labels(missing) if missing else {})
        chosen = [{"value": c, "label": labels[c]} for c in codes]
        context["widget"].update(chosen=chosen, multiple=self.multiple,
                                 groups=",".join(self.groups), text_name=name + TEXT_SUFFIX)
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        picked = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if isinstance(picked, str):
            picked = [picked]
        raw = [str(p).strip() for p in (picked or [])]
        text = (data.get(name + TEXT_SUFFIX) or "").strip()
        raw = [r for r in [*raw, text] if r]
        return raw if self.multiple else (raw[-1] if raw else "")

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and name + TEXT_SUFFIX not in data


def _resolve(token: str, on: dt.date) -> list[Unit]:
    """A submitted token as units: a group, a code, a GSO code, or a name naming one unit
    (accents ignored); otherwise a Vietnamese error suggesting the closest names. Resolved
    once per request: the rows of a form (Phụ lục III) repeat the same units and groups."""
    return list(request_memo(("unit-picker", token, on), lambda: tuple(_lookup(token, on))))


def _lookup(token: str, on: dt.date) -> list[Unit]:
    if token.startswith("@"):
        members = unit_group_members(token=token, on=on)
        if not members:
            raise forms.ValidationError(_("Nhóm đơn vị “%(t)s” không có đơn vị nào.") % {"t": token})
        return members
    unit, suggestions = unit_match(ref=token, on=on)
    if unit is not None:
        return [unit]
    matches = list(unit_search(q=token, on=on)[:6])
    if len(matches) == 1:
        return matches
    if not matches:
        message = unit_not_found_message(ref=token, suggestions=suggestions)
        raise forms.ValidationError(message[:1].upper() + message[1:])
    names = ", ".join(u.name for u in matches[:5])
    raise forms.ValidationError(
        _("“%(t)s” khớp nhiều đơn vị (%(n)s …): hãy chọn một đơn vị trong danh sách.")
        % {"t": token, "n": names})


def _resolve_text(text: str, on: dt.date) -> list[Unit]:
    """Several units in one text: separated by ``;`` or new lines, or by commas when the whole
    (a name may hold a comma: "Sở Văn hóa, Thể thao và Du lịch") is not one unit."""
    found: list[Unit] = []
    errors: list[str] = []
    for part in [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        try:
            found += _resolve(part, on)
            continue
        except forms.ValidationError as exc:
            if len(pieces) < 2:
                errors += exc.messages
                continue
        for piece in pieces:
            try:
                found += _resolve(piece, on)
            except forms.ValidationError as exc:
                errors += exc.messages
    if errors:
        raise forms.ValidationError(errors)
    return found


def _codes(value: Any) -> list[str]:
    return UnitPicker().format_value(value)


class UnitsField(forms.Field):
    """Several units chosen in a ``UnitPicker``; groups expanded; cleaned to ``list[Unit]``."""

    def __init__(self, *, groups: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault("widget", UnitPicker(multiple=True, groups=groups))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[Unit]:
        texts = [v.code if isinstance(v, Unit) else str(v) for v in (
            value if isinstance(value, (list, tuple)) else [value or ""])]
        day, units, errors = timezone.localdate(), {}, []
        for text in texts:
            try:
                units.update({u.pk: u for u in _resolve_text(text, day)})
            except forms.ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise forms.ValidationError(errors)
        return list(units.values())

    def has_changed(self, initial: Any, data: Any) -> bool:
        return sorted(_codes(initial)) != sorted(_codes(data))

    def validate(self, value: list[Unit]) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class UnitField(forms.Field):
    """One unit chosen in a ``UnitPicker``; cleaned to a ``Unit`` (or None when left empty)."""

    widget = UnitPicker
    default_error_messages = {"required": gettext_lazy("Hãy chọn một đơn vị.")}

    def to_python(self, value: Any) -> Unit | None:
        token = value.code if isinstance(value, Unit) else str(value or "").strip()
        if not token:
            return None
        if token.startswith("@"):
            raise forms.ValidationError(_("Hãy chọn một đơn vị, không phải một nhóm."))
        return _resolve(token, timezone.localdate())[0]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return _codes(initial) != _codes(data)

    def prepare_value(self, value: Any) -> Any:
        return value.code if isinstance(value, Unit) else value


class UnitCodeField(UnitField):
    """A ``UnitField`` cleaned to the unit's code ("" when left empty), for filters that keep
    the code in the address (``?unit=SO-A``)."""

    def clean(self, value: Any) -> str:  # type: ignore[override]
        unit = super().clean(value)
        return unit.code if unit is not None else ""
