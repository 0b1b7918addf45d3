"""Every list of the API: ``?page=N`` and ``?page_size=1…1000`` (100 by default).

A ``page_size`` that is not a whole number in that range is refused (400) rather than silently
replaced by the default, so a program learns its mistake instead of reading a different list."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request: Any) -> int:
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        text = values[-1].strip()
        if not text.isdigit() or not 1 <= int(text) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [
                _("Số dòng một trang phải là số nguyên từ 1 đến %(m)s.") % {"m": self.max_page_size}]})
        return int(text)

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        values = request.query_params.getlist(self.page_query_param)
        if values and not (values[-1].isascii() and values[-1].isdigit() and int(values[-1]) >= 1):
            raise ValidationError({self.page_query_param: [
                _("Số trang phải là số nguyên từ 1 trở lên.")]})  # ``page=`` was read as 1
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1,
                                       "maximum": self.max_page_size}
            elif parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
