"""No write around the services: every registered admin is read-only or routes its writes through
the services; history and log models can never be added, changed or deleted from the admin."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from kehoach.core.models import AuditEntry
from kehoach.evaluation.models import StatusOverride
from kehoach.reporting.models import CellRevision, ReminderLog, SubmissionEvent
from kehoach.values.models import ValueRevision

pytestmark = pytest.mark.django_db

#: Rows that record what happened: nobody rewrites them.
HISTORY = {AuditEntry, ValueRevision, SubmissionEvent, ReminderLog, StatusOverride, CellRevision}
#: Admins of other packages, not domain data: user groups, API tokens, the job queue.
OUTSIDE = {"auth.Group", "authtoken.TokenProxy", "django_tasks_database.DBTaskResult"}


def _request(user):
    request = RequestFactory().get("/quan-tri/")
    request.user = user
    return request


def _rights(model_admin, request, *with_obj):
    return {"add": model_admin.has_add_permission(request, *with_obj),
            "change": model_admin.has_change_permission(request),
            "delete": model_admin.has_delete_permission(request)
            and getattr(model_admin, "can_delete", True)}


def _overrides(model_admin, *names):
    return all(getattr(type(model_admin), n) is not getattr(admin.ModelAdmin, n) for n in names)


def _registered():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.label not in OUTSIDE]


def test_every_admin_is_read_only_or_writes_through_the_services(admin_user):
    request = _request(admin_user)
    checked = 0
    assert {m._meta.label for m in admin.site._registry} >= OUTSIDE  # the list stays true
    for model, model_admin in _registered():
        rights = _rights(model_admin, request)
        if model in HISTORY:
            assert rights == {"add": False, "change": False, "delete": False}, model
        if rights["add"] or rights["change"]:
            assert _overrides(model_admin, "save_model"), f"{model}: save_model not routed"
        if rights["delete"]:
            assert _overrides(model_admin, "delete_model", "delete_queryset"), \
                f"{model}: deletion not routed"
        for inline in model_admin.get_inline_instances(request):
            assert _rights(inline, request, None) == {"add": False, "change": False,
                                                      "delete": False}, (model, inline)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("model", sorted(HISTORY, key=lambda m: m._meta.label),
                         ids=lambda m: m._meta.label)
def test_history_cannot_be_written_through_the_admin_pages(admin_client_, model):
    if model not in admin.site._registry:
        pytest.skip(f"{model._meta.label} has no admin page")
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert admin_client_.get(reverse(f"{name}_changelist")).status_code == 200
    assert admin_client_.get(reverse(f"{name}_add")).status_code == 403
    assert admin_client_.post(reverse(f"{name}_add"), {}).status_code == 403
