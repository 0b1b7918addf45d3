"""Who issues a report: the header, number symbol, place, signature block and recipients of a
Decree 30 document, derived from the unit that reports (the plan's unit, or the unit chosen)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.documents.decree30 import Heading, Signature, number_symbol
from kehoach.units.models import Succession, Unit, UnitType

PEOPLES_COMMITTEE = "Ủy ban nhân dân"
_PREFIXES: dict[str, tuple[str, ...]] = {
    UnitType.PROVINCE: ("tỉnh", "thành phố"),
    UnitType.DISTRICT: ("huyện", "thị xã", "thành phố", "quận"),
    UnitType.COMMUNE: ("xã", "phường", "thị trấn", "đặc khu"),
}
_DEFAULT_PREFIX: dict[str, str] = {
    UnitType.PROVINCE: "tỉnh",
    UnitType.DISTRICT: "huyện",
    UnitType.COMMUNE: "xã",
}


@dataclass(frozen=True)
class Issuer:
    heading: Heading
    signature: Signature
    recipients: tuple[str, ...]
    place: str
    name: str
    """The issuing body in running text: ``Ủy ban nhân dân tỉnh Thái Nguyên``."""

    @property
    def symbol(self) -> str:
        """The document's symbol after the number: ``BC-UBND``."""
        return self.heading.number.rsplit("/", 1)[-1]


def split_prefix(unit: Unit) -> tuple[str, str]:
    """(``tỉnh``, ``Thái Nguyên``) from ``Tỉnh Thái Nguyên`` or ``Thái Nguyên`` (a province)."""
    name = unit.name.strip()
    for prefix in _PREFIXES.get(unit.type, ()):
        if name.lower().startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :].strip()
    return _DEFAULT_PREFIX.get(unit.type, ""), name


def _geographic_ancestor(unit: Unit | None) -> Unit | None:
    seen = 0
    while unit is not None and seen < 10:
        if unit.type in (UnitType.PROVINCE, UnitType.DISTRICT, UnitType.COMMUNE):
            return unit
        unit, seen = unit.parent, seen + 1
    return None


def committee_name(unit: Unit) -> str:
    """``Ủy ban nhân dân tỉnh Thái Nguyên``."""
    prefix, name = split_prefix(unit)
    return f"{PEOPLES_COMMITTEE} {prefix} {name}".replace("  ", " ")


def body_symbol(name: str) -> str:
    """Initials of a body's name: ``Sở Tài chính`` → ``STC``, ``Sở Kế hoạch và Đầu tư`` → ``SKHĐT``."""
    words = [w for w in re.split(r"[\s,\-]+", name) if w and w.lower() not in ("và", "của")]
    return "".join(w[0].upper() for w in words) or "CQ"


def _committee_issuer(unit: Unit, date: dt.date | None) -> Issuer:
    prefix, name = split_prefix(unit)
    body = committee_name(unit)
    two_lines = f"{PEOPLES_COMMITTEE}\n{prefix} {name}".strip()
    heading = Heading(
        body=two_lines.upper(), number=number_symbol(None, "BC-UBND"), place=name, date=date
    )
    signature = Signature(
        authority=_("TM. ỦY BAN NHÂN DÂN"), deputy=_("KT. CHỦ TỊCH"), title=_("PHÓ CHỦ TỊCH")
    )
    if unit.type == UnitType.PROVINCE:
        recipients: tuple[str, ...] = (
            _("Văn phòng Chính phủ (b/c)"),
            _("Bộ Tài chính (b/c)"),
            _("Thường trực Tỉnh ủy (b/c)"),
            _("Thường trực HĐND tỉnh (b/c)"),
            _("Chủ tịch, các Phó Chủ tịch UBND tỉnh"),
            _("Các sở, ban, ngành tỉnh"),
            _("Lưu: VT, TH"),
        )
    else:
        upper = _geographic_ancestor(unit.parent)
        recipients = (
            _("%(b)s (b/c)") % {"b": committee_name(upper) if upper else _("Cơ quan cấp trên")},
            _("Thường trực Đảng ủy, HĐND %(l)s (b/c)") % {"l": prefix},
            _("Chủ tịch, các Phó Chủ tịch UBND %(l)s") % {"l": prefix},
            _("Lưu: VT, VP"),
        )
    return Issuer(heading, signature, recipients, name, body)


def _agency_issuer(unit: Unit, date: dt.date | None) -> Issuer:
    area = _geographic_ancestor(unit.parent)
    parent = committee_name(area) if area else ""
    place = split_prefix(area)[1] if area else ""
    heading = Heading(
        parent_body=parent.upper(),
        body=unit.name.upper(),
        number=number_symbol(None, f"BC-{body_symbol(unit.name)}"),
        place=place,
        date=date,
    )
    is_department = unit.type == UnitType.DEPARTMENT
    signature = Signature(
        deputy=_("KT. GIÁM ĐỐC") if is_department else _("KT. THỦ TRƯỞNG"),
        title=_("PHÓ GIÁM ĐỐC") if is_department else _("PHÓ THỦ TRƯỞNG"),
    )
    recipients = (
        _("%(b)s (b/c)") % {"b": parent or _("Cơ quan cấp trên")},
        _("Lãnh đạo đơn vị"),
        _("Lưu: VT, TH"),
    )
    return Issuer(heading, signature, recipients, place, unit.name)


def unit_valid_on(unit: Unit, day: dt.date) -> Unit:
    """The body that speaks for ``unit`` on ``day``: the unit itself while it exists, else its
    successor (the largest share), followed through successive reorganisations: Bắc Kạn's data
    reported after 1/7/2025 is issued by Ủy ban nhân dân tỉnh Thái Nguyên."""
    seen: set[int] = set()
    while not unit.valid_on(day) and unit.pk not in seen:
        seen.add(unit.pk)
        link = (
            Succession.objects.filter(predecessor=unit)
            .select_related("successor__parent")
            .order_by("-share", "successor__code")
            .first()
        )
        if link is None or (link.successor.valid_from and link.successor.valid_from > day):
            break
        unit = link.successor
    return unit


def issuer_for(unit: Unit, *, date: dt.date | None) -> Issuer:
    """The header of a report issued by ``unit`` (a people's committee for a province, district
    or commune; the unit itself under its committee for a department or agency), or by the body
    that succeeded it when the unit no longer existed on ``date`` (today when no date is set)."""
    unit = unit_valid_on(unit, date or timezone.localdate())
    if unit.type in _PREFIXES:
        return _committee_issuer(unit, date)
    return _agency_issuer(unit, date)
