"""Installing the built-in forms (idempotent)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from kehoach.core.services import audit_record
from kehoach.indicators.models import Indicator
from kehoach.reporting import templates_builtin as builtin
from kehoach.reporting.models import FormTemplate, TemplateColumn, TemplateRow, ValidationRule

_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _present_rows(rows: list[tuple[int, str]], indicators: dict[str, Indicator],
                  warnings: list[str]) -> list[tuple[int, str]]:
    """Drop rows whose indicator does not exist, then headings left without any row below."""
    kept: list[tuple[int, str]] = []
    for level, item in rows:
        if _CODE.match(item) and item not in indicators:
            warnings.append(f"Bỏ qua dòng {item}: chưa có chỉ tiêu này trong danh mục.")
            continue
        kept.append((level, item))
    result: list[tuple[int, str]] = []
    for i, (level, item) in enumerate(kept):
        if not _CODE.match(item):
            below = []
            for next_level, next_item in kept[i + 1:]:
                if next_level <= level:
                    break
                below.append(next_item)
            if not any(_CODE.match(b) for b in below):
                continue
        result.append((level, item))
    return result


def _install_one(spec: dict[str, Any], indicators: dict[str, Indicator],
                 warnings: list[str]) -> tuple[FormTemplate, bool]:
    template, created = FormTemplate.objects.get_or_create(
        code=spec["code"], version=spec["version"],
        defaults={"name": spec["name"], "kind": spec["kind"],
                  "description": spec.get("description", "")},
    )
    if not created:
        return template, False
    rows = _present_rows(spec["rows"], indicators, warnings)
    for position, (number, level, item) in enumerate(builtin.number_rows(rows), start=1):
        indicator = indicators.get(item) if _CODE.match(item) else None
        TemplateRow.objects.create(
            template=template, position=position, number=number, indent=level,
            label=indicator.name_vi if indicator else item, indicator=indicator,
            required=bool(indicator and item in builtin.REQUIRED_CODES),
        )
    for position, (key, label, source, kind, period, formula, unit, rate) in enumerate(
            spec["columns"], start=1):
        TemplateColumn.objects.create(
            template=template, position=position, key=key, label_pattern=label, source=source,
            value_kind=kind, period_pattern=period, formula=formula, unit_label=unit,
            rate_formula=rate,
        )
    if all(code in indicators for code in builtin.SHARE_CODES) and spec["rows"]:
        entered = [c[0] for c in spec["columns"] if c[2] == "entered"]
        for rule in builtin.share_rules(entered):
            ValidationRule.objects.create(template=template, **rule)
    return template, True


@transaction.atomic
def template_install_builtin(*, actor: Any = None) -> tuple[list[FormTemplate], list[str]]:
    """Create the built-in templates that do not exist yet; returns (templates, warnings).

    A template already installed (same code and version) is left as it is, so running this again
    changes nothing.
    """
    codes = {code for spec in builtin.TEMPLATES for _lvl, code in spec["rows"]}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    warnings: list[str] = []
    templates = []
    for spec in builtin.TEMPLATES:
        template, created = _install_one(spec, indicators, warnings)
        templates.append(template)
        if created:
            audit_record(actor=actor, action="template_install", obj=template,
                         summary=template.name, data={"warnings": warnings})
    return templates, sorted(set(warnings))
