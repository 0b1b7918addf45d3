"""The reporting admin: rounds, forms and submissions read-only; custom validation rules written
through their services (checked, audited)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kehoach.core.models import AuditEntry
from kehoach.reporting.models import SubmissionEvent, ValidationRule

pytestmark = pytest.mark.django_db


def test_submission_cannot_be_changed_from_the_admin(admin_client_, sub_a):
    """A submission moves only by the workflow: the admin shows it and refuses a change."""
    url = reverse("admin:reporting_submission_change", args=[sub_a.pk])
    page = admin_client_.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert admin_client_.post(url, {"status": "accepted", "version": 99}).status_code == 403
    sub_a.refresh_from_db()
    assert (sub_a.status, sub_a.version) == ("not_started", 1)
    assert not SubmissionEvent.objects.filter(submission=sub_a).exists()


def _rule_data(pl1, **over):
    return {"template": pl1.pk, "indicator": "", "code": "tong-co-cau", "severity": "error",
            "expression": "SHARE_AGRI.KH_NEXT + SHARE_SERVICES.KH_NEXT <= 100",
            "message": "Tổng cơ cấu vượt 100%.", "column_key": "KH_NEXT", "is_active": "on",
            **over}


def test_validation_rules_through_the_services(admin_client_, admin_user, pl1):
    add = reverse("admin:reporting_validationrule_add")
    bad = admin_client_.post(add, _rule_data(pl1, expression="SHARE_AGRI.KH_NEXT +"))
    assert bad.status_code == 200 and "vị trí" in bad.content.decode()
    assert not ValidationRule.objects.filter(code="tong-co-cau").exists()
    assert admin_client_.post(add, _rule_data(pl1)).status_code == 302
    rule = ValidationRule.objects.get(code="tong-co-cau")
    assert AuditEntry.objects.filter(action="validation_rule_create", actor=admin_user,
                                     object_id=str(rule.pk)).exists()
    change = reverse("admin:reporting_validationrule_change", args=[rule.pk])
    assert admin_client_.post(change, _rule_data(pl1, severity="warning")).status_code == 302
    rule.refresh_from_db()
    assert rule.severity == "warning"
    entry = AuditEntry.objects.get(action="validation_rule_update")
    assert entry.data == {"severity": ["error", "warning"]}
    delete = reverse("admin:reporting_validationrule_delete", args=[rule.pk])
    assert admin_client_.post(delete, {"post": "yes"}).status_code == 302
    assert not ValidationRule.objects.filter(pk=rule.pk).exists()
    assert AuditEntry.objects.filter(action="validation_rule_delete", actor=admin_user).exists()
