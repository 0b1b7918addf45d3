"""model_update: sets only the listed fields, saves only what changed, one audit row."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from kehoach.core.models import AuditEntry, User
from kehoach.core.services import fields_cleaned, fields_set, fields_validate, model_update

FIELDS = ("first_name", "email", "unit")


def test_changed_fields_saved_and_audited(planner, unit_a):
    user = User.objects.get(username="ke_hoach")
    user.last_name = "not saved: not listed"
    changes = model_update(instance=user, fields=FIELDS, actor=planner, subject="ke_hoach",
                           data={"first_name": "Lan", "email": "", "unit": unit_a})
    assert changes == {"first_name": ["", "Lan"], "unit": [planner.unit_id, unit_a.pk]}
    stored = User.objects.get(pk=user.pk)
    assert (stored.first_name, stored.unit_id) == ("Lan", unit_a.pk)
    assert stored.last_name != "not saved: not listed"
    entry = AuditEntry.objects.get(action="user_update")
    assert entry.actor == planner and entry.object_id == str(user.pk)
    assert entry.summary == "ke_hoach: first_name, unit"
    assert entry.data == changes


def test_nothing_changed_nothing_saved(planner):
    called = []
    changes = model_update(instance=planner, fields=FIELDS, actor=planner,
                           data={"email": planner.email}, validate=called.append)
    assert changes == {} and called == []
    assert not AuditEntry.objects.exists()


def test_unknown_field_is_a_programming_error(planner):
    with pytest.raises(TypeError, match="username"):
        model_update(instance=planner, fields=FIELDS, actor=None, data={"username": "x"})
    assert User.objects.get(pk=planner.pk).username == "ke_hoach"


def test_refused_by_validate_stores_nothing(planner):
    def refuse(changes: dict) -> None:
        assert changes == {"first_name": ["", "X"]}
        raise ValidationError({"first_name": "Tên không hợp lệ."})

    with pytest.raises(ValidationError), transaction.atomic():
        model_update(instance=planner, fields=FIELDS, actor=None, data={"first_name": "X"},
                     validate=refuse)
    assert User.objects.get(pk=planner.pk).first_name == ""
    assert not AuditEntry.objects.exists()


def test_related_changes_alone_are_audited(planner):
    changes = model_update(instance=planner, fields=FIELDS, actor=planner, data={},
                           related={"groups": [[], [1]]}, action="user_groups_set")
    assert changes == {"groups": [[], [1]]}
    assert AuditEntry.objects.get(action="user_groups_set").data == {"groups": [[], [1]]}


def test_fields_cleaned_normalises_text_and_refuses_unknown_fields():
    decomposed = "Lập đề án".replace("ậ", "a\u0323\u0302")
    clean = fields_cleaned({"text": f"  {decomposed}\n mới ", "note": None, "n": 1},
                           allowed=("text", "note", "n"), text=("text", "note", "product"))
    assert clean == {"text": "Lập đề án mới", "note": "", "n": 1}
    with pytest.raises(TypeError, match="unknown fields: \\['x'\\]"):
        fields_cleaned({"x": 1}, allowed=("text",), text=())


def test_fields_set_reports_what_changed_relations_by_id(planner, unit_a):
    before_unit = planner.unit_id
    diff = fields_set(planner, {"first_name": planner.first_name, "unit": unit_a,
                                "email": "moi@example.vn"})
    assert diff == {"unit": [str(before_unit), str(unit_a.pk)],
                    "email": [planner.__class__.objects.get(pk=planner.pk).email,
                              "moi@example.vn"]}
    assert planner.unit == unit_a and not User.objects.filter(email="moi@example.vn").exists()


def test_fields_validate_adds_the_models_messages_to_the_services(planner):
    fields_validate(planner, {})  # a valid row: nothing raised
    planner.email, planner.username = "khong-phai-thu", ""
    with pytest.raises(ValidationError) as raised:
        fields_validate(planner, {"username": ["Tên của dịch vụ."]}, exclude=("password",))
    assert raised.value.message_dict["username"] == ["Tên của dịch vụ."]
    assert list(raised.value.message_dict) == ["username", "email"]
    with pytest.raises(ValidationError) as raised:
        fields_validate(planner, {}, exclude=("email",))
    assert list(raised.value.message_dict) == ["username"]
