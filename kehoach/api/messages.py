"""DRF's own messages in Vietnamese (installed once by ``ApiConfig.ready``).

DRF's Vietnamese catalogue has 21 messages: "This field may not be null.", "Ensure this value is
greater than or equal to 1900.", "Expected a list of items but got type "str"." and the rest reached
a Vietnamese caller in English. Each message an API field or error can give is replaced by a
Vietnamese msgid of ours (this project writes Vietnamese first), with the same ``{placeholders}``:
Vietnamese when Vietnamese is active; otherwise our catalogue's translation when it has one, else
DRF's own text (its English, or its catalogue's other languages) — so English callers lose
nothing while ``locale/en`` lacks an entry."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from rest_framework import exceptions, fields, relations, serializers

_MUST_BE_LIST = gettext_noop("Phải là một danh sách, không phải {input_type}.")
_AT_MOST = gettext_noop("Phải nhỏ hơn hoặc bằng {max_value}.")
_AT_LEAST = gettext_noop("Phải lớn hơn hoặc bằng {min_value}.")
_TOO_LONG_NUMBER = gettext_noop("Chuỗi số quá dài.")

#: class → error key → Vietnamese msgid. Keys DRF already says in Vietnamese (a blank text, a
#: required field through Django's catalogue, an empty list) are left to DRF.
FIELD_MESSAGES: dict[type, dict[str, str]] = {
    fields.Field: {"null": gettext_noop("Trường này không nhận giá trị null.")},
    fields.CharField: {
        "invalid": gettext_noop("Phải là một chuỗi ký tự."),
        "max_length": gettext_noop("Tối đa {max_length} ký tự."),
        "min_length": gettext_noop("Ít nhất {min_length} ký tự."),
    },
    fields.RegexField: {"invalid": gettext_noop("Giá trị không đúng dạng yêu cầu.")},
    fields.SlugField: {"invalid": gettext_noop(
        "Chỉ gồm chữ cái không dấu, chữ số, dấu gạch dưới hoặc gạch ngang.")},
    fields.UUIDField: {"invalid": gettext_noop("Phải là một UUID hợp lệ.")},
    fields.IntegerField: {"invalid": gettext_noop("Phải là một số nguyên."),
                          "max_value": _AT_MOST, "min_value": _AT_LEAST,
                          "max_string_length": _TOO_LONG_NUMBER},
    fields.FloatField: {"invalid": gettext_noop("Phải là một số."),
                        "max_value": _AT_MOST, "min_value": _AT_LEAST,
                        "max_string_length": _TOO_LONG_NUMBER},
    fields.DecimalField: {
        "invalid": gettext_noop("Phải là một số."), "max_value": _AT_MOST,
        "min_value": _AT_LEAST, "max_string_length": _TOO_LONG_NUMBER,
        "max_digits": gettext_noop("Tối đa {max_digits} chữ số."),
        "max_decimal_places": gettext_noop("Tối đa {max_decimal_places} chữ số sau dấu thập phân."),
        "max_whole_digits": gettext_noop("Tối đa {max_whole_digits} chữ số trước dấu thập phân."),
    },
    fields.BooleanField: {"invalid": gettext_noop("Phải là true hoặc false.")},
    fields.DateField: {"invalid": gettext_noop("Ngày không đúng dạng; dùng {format}."),
                       "datetime": gettext_noop("Cần một ngày, không phải ngày giờ.")},
    fields.DateTimeField: {"invalid": gettext_noop("Thời điểm không đúng dạng; dùng {format}."),
                           "date": gettext_noop("Cần ngày giờ, không phải chỉ một ngày.")},
    fields.ChoiceField: {"invalid_choice": gettext_noop(
        "“{input}” không phải là một lựa chọn hợp lệ.")},
    fields.MultipleChoiceField: {
        "invalid_choice": gettext_noop("“{input}” không phải là một lựa chọn hợp lệ."),
        "not_a_list": _MUST_BE_LIST, "empty": gettext_noop("Hãy chọn ít nhất một giá trị.")},
    fields.FileField: {
        "invalid": gettext_noop("Không phải là tệp; hãy gửi tệp bằng multipart/form-data."),
        "no_name": gettext_noop("Không xác định được tên tệp."),
        "max_length": gettext_noop("Tên tệp tối đa {max_length} ký tự (đang có {length})."),
    },
    fields.ListField: {"not_a_list": _MUST_BE_LIST,
                       "min_length": gettext_noop("Ít nhất {min_length} phần tử."),
                       "max_length": gettext_noop("Tối đa {max_length} phần tử.")},
    fields.DictField: {"not_a_dict": gettext_noop(
        "Phải là một đối tượng JSON, không phải {input_type}."),
        "empty": gettext_noop("Đối tượng này không được rỗng.")},
    serializers.Serializer: {"invalid": gettext_noop(
        "Dữ liệu phải là một đối tượng JSON, không phải {datatype}.")},
    serializers.ListSerializer: {"not_a_list": _MUST_BE_LIST,
                                 "min_length": gettext_noop("Ít nhất {min_length} phần tử."),
                                 "max_length": gettext_noop("Tối đa {max_length} phần tử.")},
    relations.ManyRelatedField: {"not_a_list": _MUST_BE_LIST},
    relations.SlugRelatedField: {
        "does_not_exist": gettext_noop("Không có đối tượng nào có {slug_name} = {value}."),
        "invalid": gettext_noop("Giá trị không hợp lệ.")},
    relations.PrimaryKeyRelatedField: {
        "does_not_exist": gettext_noop("Không có đối tượng nào có mã “{pk_value}”."),
        "incorrect_type": gettext_noop("Sai kiểu: cần mã số (id), không phải {data_type}.")},
}

#: Exceptions whose default text reaches callers.
EXCEPTION_MESSAGES: dict[type[exceptions.APIException], str] = {
    exceptions.NotAuthenticated: gettext_noop(
        "Chưa xác thực: hãy gửi tiêu đề Authorization: Token <khóa> (lấy bằng POST "
        "/api/v1/token/)."),
    exceptions.AuthenticationFailed: gettext_noop("Thông tin xác thực không đúng."),
    exceptions.ParseError: gettext_noop("Không đọc được nội dung yêu cầu."),
    exceptions.UnsupportedMediaType: gettext_noop(
        "Kiểu nội dung “{media_type}” không được nhận; hãy gửi application/json."),
    exceptions.NotAcceptable: gettext_noop(
        "Không trả lời được theo kiểu mà tiêu đề Accept yêu cầu."),
    exceptions.ValidationError: gettext_noop("Dữ liệu không hợp lệ."),
}


def _text(vietnamese: str, original: Any) -> str:
    if (translation.get_language() or "vi").startswith("vi"):
        return vietnamese
    translated = gettext(vietnamese)
    return translated if translated != vietnamese else str(original)


vietnamese_first = lazy(_text, str)


def install() -> None:
    """Replace DRF's default messages by ours (idempotent: a message is wrapped once)."""
    for cls, messages in FIELD_MESSAGES.items():
        own = cls.__dict__.get("default_error_messages")
        assert own is not None, f"{cls.__name__} has no messages of its own"
        for key, vietnamese in messages.items():
            if not getattr(own[key], "_kehoach", False):
                own[key] = _mark(vietnamese_first(vietnamese, own[key]))
    for exc, vietnamese in EXCEPTION_MESSAGES.items():
        if not getattr(exc.default_detail, "_kehoach", False):
            exc.default_detail = _mark(vietnamese_first(vietnamese, exc.default_detail))


def _mark(message: Any) -> Any:
    message._kehoach = True
    return message
