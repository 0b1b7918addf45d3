"""Custom validation rules (written by the administrator): create, change, delete, each audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.expressions import ExpressionError, parse
from kehoach.core.services import audit_record, model_update
from kehoach.reporting.models import FormTemplate, ValidationRule

if TYPE_CHECKING:
    from kehoach.indicators.models import Indicator


class RuleChanges(TypedDict, total=False):
    """The fields of a validation rule (any subset for ``validation_rule_update``)."""

    template: FormTemplate | None
    indicator: Indicator | None
    code: str
    expression: str
    severity: str
    message: str
    column_key: str
    is_active: bool


RULE_FIELDS = tuple(RuleChanges.__annotations__)


def validation_rule_check(rule: ValidationRule) -> None:
    """Raise ValidationError (by field) when ``rule`` cannot be used."""
    errors: dict[str, Any] = {}
    try:
        parse(rule.expression)
    except ExpressionError as exc:
        errors["expression"] = str(exc)
    if rule.template_id is None and rule.indicator_id is None:
        errors["template"] = _("Quy tắc cần một biểu hoặc một chỉ tiêu để áp dụng.")
    try:
        rule.full_clean(exclude=list(errors))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def validation_rule_create(*, actor: Any, data: RuleChanges) -> ValidationRule:
    unknown = set(data) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    rule = ValidationRule(**data)
    validation_rule_check(rule)
    rule.save()
    audit_record(actor=actor, action="validation_rule_create", obj=rule, summary=rule.code)
    return rule


@transaction.atomic
def validation_rule_update(*, rule: ValidationRule, actor: Any,
                           data: RuleChanges) -> ValidationRule:
    model_update(instance=rule, fields=RULE_FIELDS, data=data, actor=actor,
                 validate=lambda _changes: validation_rule_check(rule), subject=rule.code,
                 action="validation_rule_update")
    return rule


@transaction.atomic
def validation_rule_delete(*, rule: ValidationRule, actor: Any) -> None:
    audit_record(actor=actor, action="validation_rule_delete", obj=rule, summary=rule.code,
                 data={"expression": rule.expression})
    rule.delete()
