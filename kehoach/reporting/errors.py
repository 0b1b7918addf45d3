"""Errors of the reporting services, each carrying a list of per-cell problems."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class CellProblems(ValidationError):
    """Some cells could not be saved (nothing was saved). ``problems``: a list of dicts with
    ``row``, ``column``, ``code`` and ``message`` (and for conflicts ``current_value``,
    ``current_version``, ``changed_by``, ``changed_at``)."""

    def __init__(self, problems: list[dict[str, Any]]):
        super().__init__([p["message"] for p in problems])
        self.problems = problems

    @property
    def is_conflict(self) -> bool:
        return any(p["code"] == "conflict" for p in self.problems)


class TransitionRefused(ValidationError):
    """A submission cannot go where it was asked to; ``issues`` lists the reasons (e.g. the
    validation errors that block it)."""

    def __init__(self, message: str, issues: list[dict[str, Any]] | None = None,
                 code: str = "refused"):
        super().__init__(message, code=code)
        self.issues = issues or []
        self.error_code = code


class VersionConflict(ValidationError):
    """The submission changed since the caller read it."""

    def __init__(self, message: str):
        super().__init__(message, code="conflict")


class TextProblems(CellProblems):
    """Some sections of text could not be saved (nothing was saved). ``problems``: dicts with
    ``section`` (its key), ``code`` (``invalid``, ``conflict``) and ``message`` (for conflicts
    also ``current_text``, ``current_version``, ``changed_by``)."""
