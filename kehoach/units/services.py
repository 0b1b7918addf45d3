"""Writes of units: create, update, and succession links. Every write leaves an audit row."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record, model_update
from kehoach.core.templatetags.kh import vdate
from kehoach.core.text import ascii_fold
from kehoach.units.models import Succession, Unit


class UnitChanges(TypedDict, total=False):
    """The fields ``unit_update`` may change (any subset)."""

    code: str
    gso_code: str
    name: str
    type: str
    parent: Unit | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    email: str


EDITABLE_FIELDS = tuple(UnitChanges.__annotations__)
_TEXT_FIELDS = ("code", "gso_code", "name", "email")


def _clean_text(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


def _check_range(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_from > valid_to:
        raise ValidationError(
            {"valid_to": _("Ngày hết hiệu lực (%(to)s) phải sau hoặc bằng ngày bắt đầu hiệu lực "
                           "(%(fr)s).") % {"to": vdate(valid_to), "fr": vdate(valid_from)}}
        )


def _check_parent(unit: Unit) -> None:
    """Refuse a parent that is the unit itself or one of its descendants (a cycle)."""
    parent = unit.parent
    if parent is None:
        return
    if (unit.pk is not None and parent.pk == unit.pk) or parent.code == unit.code:
        raise ValidationError({"parent": _("Một đơn vị không thể là cấp trên của chính nó.")})
    seen: set[int] = set()
    node: Unit | None = parent
    while unit.pk is not None and node is not None and node.pk not in seen:
        if node.pk == unit.pk:
            raise ValidationError(
                {"parent": _("Không thể đặt “%(p)s” làm cấp trên của “%(u)s”: “%(p)s” đang nằm "
                             "dưới “%(u)s”, sẽ tạo thành vòng lặp.") % {"p": parent.code, "u": unit.code}}
            )
        seen.add(node.pk)
        node = node.parent


def _validate(unit: Unit) -> None:
    unit.code = _clean_text(unit.code)
    unit.name = _clean_text(unit.name)
    unit.gso_code = _clean_text(unit.gso_code)
    unit.email = _clean_text(unit.email)
    unit.name_ascii = ascii_fold(unit.name)
    if " " in unit.code:
        raise ValidationError({"code": _("Mã đơn vị không được chứa dấu cách.")})
    _check_range(unit.valid_from, unit.valid_to)
    _check_parent(unit)
    # A parent read from the database is known to exist (and the foreign key holds it): Django's
    # check of it would be one more query per unit, 4,000 of them in the national file.
    known = unit.parent is not None and unit.parent.pk is not None and not unit.parent._state.adding
    unit.full_clean(validate_constraints=False, exclude=["parent"] if known else None)


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    type: str,  # noqa: A002 - the field's name in the contract
    parent: Unit | None = None,
    gso_code: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    email: str = "",
    actor: Any = None,
) -> Unit:
    unit = Unit(code=code, name=name, type=type, parent=parent, gso_code=gso_code,
                valid_from=valid_from, valid_to=valid_to, email=email)
    _validate(unit)
    unit.save()
    audit_record(actor=actor, action="unit_create", obj=unit, summary=f"{unit.code} {unit.name}")
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, actor: Any, data: UnitChanges) -> list[str]:
    """Change the given fields; returns the names of those that changed (``EDITABLE_FIELDS`` order)."""
    clean = {k: _clean_text(v) if k in _TEXT_FIELDS else v for k, v in data.items()}
    changes = model_update(instance=unit, fields=EDITABLE_FIELDS, data=clean, actor=actor,
                           validate=lambda _changes: _validate(unit), also_save=("name_ascii",),
                           subject=f"{unit.code} {unit.name}")
    return [f for f in EDITABLE_FIELDS if f in changes]


#: ``succession_set``'s ``current`` when the caller has not read the link: it is looked up.
LOOK_UP = object()


def _clean_share(share: Any) -> Decimal:
    try:
        value = Decimal(str(share)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"share": _("Tỷ lệ kế thừa phải là một số từ 0 đến 1.")})
    if not Decimal(0) < value <= Decimal(1):
        raise ValidationError(
            {"share": _("Tỷ lệ kế thừa phải lớn hơn 0 và không quá 1 (ví dụ 0,25); nhận được "
                        "%(s)s.") % {"s": share}}
        )
    return value


@transaction.atomic
def succession_set(
    *,
    predecessor: Unit,
    successor: Unit,
    share: Decimal | str | float = Decimal(1),
    effective: dt.date | None = None,
    actor: Any = None,
    current: Any = LOOK_UP,
) -> tuple[Succession, str]:
    """Record that ``share`` of ``predecessor`` went into ``successor`` on ``effective``.

    ``current``: the link stored between the two (or ``None``) when the caller has read it
    already — an import reads them all at once; else it is looked up here.
    Returns the link and ``created``, ``updated`` or ``unchanged``."""
    if predecessor.pk == successor.pk:
        raise ValidationError({"successor": _("Một đơn vị không thể kế thừa chính nó.")})
    value = _clean_share(share)
    link = (Succession.objects.filter(predecessor=predecessor, successor=successor).first()
            if current is LOOK_UP else current)
    if link is not None and link.share == value and link.effective == effective:
        return link, "unchanged"
    status = "created" if link is None else "updated"
    link = link or Succession(predecessor=predecessor, successor=successor)
    link.share, link.effective = value, effective
    link.save()
    audit_record(
        actor=actor, action="succession_set", obj=link,
        summary=f"{predecessor.code} → {successor.code} ({value})",
        data={"share": str(value), "effective": effective.isoformat() if effective else None},
    )
    return link, status
