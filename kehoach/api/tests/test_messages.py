"""DRF's own messages reach an API caller in Vietnamese (the site's language, with or without
``Accept-Language: vi``) and stay DRF's English for ``Accept-Language: en`` (``kehoach.api.messages``)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation
from rest_framework import exceptions, serializers

from kehoach.api.messages import EXCEPTION_MESSAGES, FIELD_MESSAGES, install


class Body(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2200)
    title = serializers.CharField(max_length=5)
    kind = serializers.ChoiceField(choices=["annual", "five_year"])
    offsets = serializers.ListField(child=serializers.IntegerField())
    amount = serializers.DecimalField(max_digits=4, decimal_places=1)
    day = serializers.DateField()
    flag = serializers.BooleanField()


BAD = {"year": 1800, "title": None, "kind": "x", "offsets": "1", "amount": "12345",
       "day": "hôm qua", "flag": "có"}
VIETNAMESE = {
    "year": "Phải lớn hơn hoặc bằng 1900.",
    "title": "Trường này không nhận giá trị null.",
    "kind": "“x” không phải là một lựa chọn hợp lệ.",
    "offsets": "Phải là một danh sách, không phải str.",
    "amount": "Tối đa 4 chữ số.",
    "day": "Ngày không đúng dạng; dùng YYYY-MM-DD.",
    "flag": "Phải là true hoặc false.",
}
ENGLISH = {
    "year": "Ensure this value is greater than or equal to 1900.",
    "title": "This field may not be null.",
    "kind": '"x" is not a valid choice.',
    "offsets": 'Expected a list of items but got type "str".',
    "amount": "Ensure that there are no more than 4 digits in total.",
    "day": "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
    "flag": "Must be a valid boolean.",
}


def _errors(data) -> dict[str, str]:
    body = Body(data=data)
    assert not body.is_valid()
    return {field: str(messages[0]) for field, messages in body.errors.items()}


def test_field_messages_in_vietnamese_and_english():
    with translation.override("vi"):
        assert _errors(BAD) == VIETNAMESE
        assert _errors([1]) == {"non_field_errors":
                                "Dữ liệu phải là một đối tượng JSON, không phải list."}
    with translation.override("en"):
        assert _errors(BAD) == ENGLISH
        assert _errors([1]) == {"non_field_errors":
                                "Invalid data. Expected a dictionary, but got list."}


def test_every_replaced_message_is_vietnamese_and_keeps_its_placeholders():
    install()  # a second time changes nothing
    with translation.override("vi"):
        for cls, messages in FIELD_MESSAGES.items():
            for key, vietnamese in messages.items():
                assert str(cls.default_error_messages[key]) == vietnamese, (cls, key)
        for exc, vietnamese in EXCEPTION_MESSAGES.items():
            assert str(exc.default_detail) == vietnamese
    with translation.override("en"):
        for cls, messages in FIELD_MESSAGES.items():
            for key, vietnamese in messages.items():
                english = str(cls.default_error_messages[key])
                assert english != vietnamese and english.isascii(), (cls, key, english)
                assert _placeholders(english) == _placeholders(vietnamese), (cls, key)
        assert str(exceptions.NotAuthenticated.default_detail) == (
            "Authentication credentials were not provided.")


def _placeholders(text: str) -> set[str]:
    return {part.split("}")[0] for part in text.split("{")[1:]}


@pytest.mark.django_db
@pytest.mark.parametrize("headers, expected", [
    ({}, "Chưa xác thực"), ({"HTTP_ACCEPT_LANGUAGE": "vi"}, "Chưa xác thực"),
    ({"HTTP_ACCEPT_LANGUAGE": "en"}, "Authentication credentials were not provided."),
])
def test_no_credentials(headers, expected):
    response = Client().get("/api/v1/rounds/", **headers)
    assert response.status_code == 401
    assert response.json()["error"]["message"].startswith(expected)


@pytest.mark.django_db
@pytest.mark.parametrize("headers, expected", [
    ({}, "Token không hợp lệ. Hãy lấy token bằng POST /api/v1/token/."),
    ({"HTTP_ACCEPT_LANGUAGE": "en"}, "Invalid token."),
])
def test_unknown_token(headers, expected):
    response = Client().get("/api/v1/rounds/", HTTP_AUTHORIZATION="Token nope", **headers)
    assert response.status_code == 401 and response.json()["error"]["message"] == expected


@pytest.mark.django_db
def test_broken_json_and_wrong_media_type(planner_client):
    broken = planner_client.post("/api/v1/rounds/", "{bad", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["error"]["message"].startswith("Nội dung JSON không đọc được: Expecting")
    text = planner_client.post("/api/v1/rounds/", "x", content_type="text/plain")
    assert text.status_code == 415
    assert text.json()["error"]["message"] == (
        "Kiểu nội dung “text/plain” không được nhận; hãy gửi application/json.")
    english = Client().post("/api/v1/token/", "{bad", content_type="application/json",
                            HTTP_ACCEPT_LANGUAGE="en")
    assert json.loads(english.content)["error"]["message"].startswith("JSON parse error - ")


@pytest.mark.django_db
@pytest.mark.parametrize("language, headers, expected", [
    ("vi", {}, ("vi", "Trường này không nhận giá trị null.")),
    ("en", {}, ("en", "This field may not be null.")),
    ("vi", {"HTTP_ACCEPT_LANGUAGE": "en"}, ("en", "This field may not be null.")),
])
def test_a_token_answers_in_the_accounts_language(planner, language, headers, expected):
    """A program's token account set to English reads English without Accept-Language (the
    middleware runs before DRF knows the token's account)."""
    from rest_framework.authtoken.models import Token

    planner.language = language
    planner.save(update_fields=["language"])
    token = Token.objects.create(user=planner)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", **headers)
    response = client.post("/api/v1/rounds/", json.dumps({"title": None}),
                           content_type="application/json")
    assert response.status_code == 400 and response["Content-Language"] == expected[0]
    assert response.json()["error"]["fields"]["title"] == [expected[1]]
