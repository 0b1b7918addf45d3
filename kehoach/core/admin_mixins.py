"""Admin building blocks: the Django admin never writes around the services.

An admin either routes its writes through the app's services (``save_model``, ``delete_model``,
``delete_queryset``) or is read-only; history and log models are always read-only.
``kehoach/testing/tests/test_admin_writes.py`` walks every registered admin and checks it.
"""

from __future__ import annotations

from typing import Any


class ReadOnlyAdminMixin:
    """Shows rows, never adds, changes or deletes them (use before ``ModelAdmin``/an inline)."""

    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
