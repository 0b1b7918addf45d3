"""Writes of the intake app: store an extraction, review its items, create the targets.

- ``extraction_create``: run the engine on a text, store the items with suggested indicators.
- ``extracted_item_update``: the reviewer's choices for one item (indicator, accepted, corrections).
- ``extraction_create_targets``: create every accepted item as a target of a plan, all or nothing;
  on any problem nothing is created and the problems are reported by item
  (``ValidationError`` keyed ``items.<id>``).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.periods import parse_period
from kehoach.core.services import audit_record
from kehoach.indicators.models import Indicator
from kehoach.intake.extraction import extract_targets
from kehoach.intake.matching import AUTO_SCORE, IndicatorMatcher
from kehoach.intake.models import ExtractedItem, Extraction, ItemKind
from kehoach.intake.scaling import convert
from kehoach.plans.models import Comparator, Plan, Target, TargetType
from kehoach.plans.services import target_create

ITEM_FIELDS = ("indicator", "accepted", "final_comparator", "final_value", "final_value_max",
               "final_unit", "final_period", "final_target_type")


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends: the form the offsets of the items refer to."""
    return unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str) -> None:
    if not text.strip():
        raise ValidationError({"text": _("Văn bản rỗng: hãy dán nội dung kế hoạch hoặc chọn tệp "
                                         ".txt/.docx.")})
    limit = settings.KEHOACH_MAX_UPLOAD_BYTES
    if len(text.encode("utf-8")) > limit:
        raise ValidationError({"text": _("Văn bản quá dài: giới hạn là %(n)s MB.") % {
            "n": f"{limit / (1024 * 1024):g}"}})
    if "\x00" in text:
        raise ValidationError({"text": _("Văn bản có ký tự nhị phân: hãy dán văn bản thường.")})


def _item(extraction: Extraction, position: int, found: Any, matcher: IndicatorMatcher) -> ExtractedItem:
    suggestions = matcher.suggest(found.indicator)
    best = suggestions[0] if suggestions and suggestions[0].score >= AUTO_SCORE else None
    return ExtractedItem(
        extraction=extraction, position=position, kind=found.kind,
        indicator_text=found.indicator[:500], comparator=found.comparator, value=found.value,
        value_max=found.value_max, unit=found.unit[:64], period=found.period[:16],
        target_type=found.target_type, sentence=found.sentence, start=found.start, end=found.end,
        value_start=found.value_start, value_end=found.value_end,
        suggestions=[s.as_dict() for s in suggestions], indicator_id=best.indicator_id if best else None,
        accepted=found.kind == ItemKind.TARGET, final_comparator=found.comparator,
        final_value=found.value, final_value_max=found.value_max, final_unit=found.unit[:64],
        final_period=found.period[:16], final_target_type=found.target_type,
    )


@transaction.atomic
def extraction_create(*, actor: Any, text: str, source_name: str = "") -> Extraction:
    """Read ``text`` with the engine and store the session with its items (to review)."""
    text = normalise_text(text)
    _check_text(text)
    extraction = Extraction.objects.create(
        text=text, source_name=unicodedata.normalize("NFC", source_name or "").strip()[:255],
        created_by=actor if actor is not None and actor.is_authenticated else None)
    matcher = IndicatorMatcher(Indicator.objects.filter(is_active=True).only(
        "id", "code", "name_vi", "name_ascii"))
    found = extract_targets(text)
    ExtractedItem.objects.bulk_create(
        [_item(extraction, n, item, matcher) for n, item in enumerate(found, start=1)])
    audit_record(actor=actor, action="extraction_create", obj=extraction,
                 summary=f"{extraction}: {len(found)}", data={"items": len(found)})
    return extraction


def _check_period(period: str) -> str:
    if not period:
        return period
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise ValidationError({"final_period": str(exc)})
    if parsed.granularity not in ("year", "range"):
        raise ValidationError({"final_period": _(
            "Kỳ của chỉ tiêu kế hoạch là một năm (2030) hoặc một giai đoạn (2021-2030).")})
    return parsed.code


def _check_item(item: ExtractedItem) -> None:
    errors: dict[str, str] = {}
    if item.final_comparator not in Comparator.values:
        errors["final_comparator"] = _("Cách so sánh không hợp lệ.")
    if item.final_target_type not in TargetType.values:
        errors["final_target_type"] = _("Loại chỉ tiêu không hợp lệ.")
    if item.final_comparator != Comparator.BETWEEN:
        item.final_value_max = None
    elif item.final_value_max is None:
        errors["final_value_max"] = _("Chỉ tiêu “từ … đến …” cần giá trị cuối.")
    elif item.final_value is not None and item.final_value > item.final_value_max:
        errors["final_value_max"] = _("Khoảng bị ngược: giá trị đầu phải không lớn hơn giá trị cuối.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def extracted_item_update(*, item: ExtractedItem, actor: Any, **changes: Any) -> ExtractedItem:
    """Record the reviewer's choices for ``item`` (fields: ``ITEM_FIELDS``)."""
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if item.extraction.completed_at is not None:
        raise ValidationError(_("Các chỉ tiêu của lần đọc này đã được tạo; không sửa được nữa."))
    if "final_period" in changes:
        changes["final_period"] = _check_period((changes["final_period"] or "").strip())
    for name in ("final_unit",):
        if name in changes:
            changes[name] = unicodedata.normalize("NFC", changes[name] or "").strip()
    for name, value in changes.items():
        setattr(item, name, value)
    _check_item(item)
    item.save()
    audit_record(actor=actor, action="extracted_item_update", obj=item,
                 summary=f"#{item.extraction_id}: {item.indicator_text[:200]}",
                 data={k: str(v) for k, v in changes.items()})
    return item


def _item_problems(item: ExtractedItem) -> list[str]:
    problems = []
    if item.indicator_id is None:
        problems.append(_("Chưa chọn chỉ tiêu trong danh mục."))
    if item.final_value is None:
        problems.append(_("Chưa có giá trị."))
    if not item.final_period:
        problems.append(_("Chưa có kỳ (ví dụ 2030 hoặc 2021-2030)."))
    return problems


def _target_fields(item: ExtractedItem, indicator: Indicator,
                   extraction: Extraction) -> dict[str, Any]:
    unit = indicator.unit
    note = _("Đọc từ văn bản “%(s)s”: %(c)s") % {
        "s": extraction.source_name or _("dán trực tiếp"), "c": item.sentence}
    return {
        "indicator": indicator, "period": item.final_period,
        "comparator": item.final_comparator, "target_type": item.final_target_type,
        "value": convert(item.final_value, item.final_unit, unit),
        "value_max": convert(item.final_value_max, item.final_unit, unit),
        "wording": "" if item.corrected else item.original_phrase[:500], "note": note,
    }


def _create_one(item: ExtractedItem, extraction: Extraction, actor: Any, plan: Plan,
                unit: Any) -> tuple[Target | None, list[str]]:
    problems = _item_problems(item)
    if problems or item.indicator is None:  # no indicator is one of the problems
        return None, problems
    try:
        with transaction.atomic():
            target = target_create(actor=actor, plan=plan, unit=unit,
                                   **_target_fields(item, item.indicator, extraction))
    except ValidationError as exc:
        return None, list(exc.messages)
    return target, []


@transaction.atomic
def extraction_create_targets(*, extraction: Extraction, actor: Any, plan: Plan,
                              unit: Any = None) -> list[Target]:
    """Create every accepted item of ``extraction`` as a target of ``plan`` for ``unit`` (default:
    the plan's unit), with the value converted to the indicator's unit; all or nothing."""
    if extraction.completed_at is not None:
        raise ValidationError(_("Các chỉ tiêu của lần đọc này đã được tạo rồi."))
    unit = unit or plan.unit
    items = list(extraction.items.filter(accepted=True).select_related("indicator"))
    if not items:
        raise ValidationError(_("Chưa chọn mục nào: hãy đánh dấu các mục cần tạo chỉ tiêu."))
    problems: dict[str, list[str]] = {}
    created: list[tuple[ExtractedItem, Target]] = []
    for item in items:
        target, messages = _create_one(item, extraction, actor, plan, unit)
        if target is None:
            problems[f"items.{item.pk}"] = messages
        else:
            created.append((item, target))
    if problems:
        raise ValidationError(problems)  # rolls back the targets created above
    for item, target in created:
        item.target = target
        item.save(update_fields=["target"])
    extraction.plan, extraction.unit, extraction.completed_at = plan, unit, timezone.now()
    extraction.save(update_fields=["plan", "unit", "completed_at"])
    audit_record(actor=actor, action="extraction_create_targets", obj=extraction,
                 summary=f"{plan.code}: {len(created)}",
                 data={"plan": plan.code, "unit": unit.code, "targets": [t.pk for _i, t in created]})
    return [target for _item, target in created]


def item_problems(error: ValidationError) -> dict[int, list[str]]:
    """The per-item problems of an ``extraction_create_targets`` error, by item id."""
    if not hasattr(error, "error_dict"):
        return {}
    return {int(key.split(".", 1)[1]): messages for key, messages in error.message_dict.items()
            if key.startswith("items.")}
