"""The role gate: who may call a page or an endpoint at all, the same way in pages and the API.

The rules themselves (``is_manager``, ``can_edit_plans``, …) live in ``core/permissions.py``; this
module only applies them at the door:

- pages: ``@role_required(permissions.can_edit_plans)`` — anonymous users are sent to the login
  page, a logged-in user without the role gets 403;
- API: ``permission_classes = [gate(write=permissions.can_edit_plans)]`` — ``read`` decides the
  safe methods (GET, HEAD, OPTIONS), ``write`` the others; a refused call answers 401 without
  credentials and 403 with them. ``gate(read=permissions.anyone, …)`` marks a public endpoint.

Objects are checked after the door by the app's ``<entity>_get_for_user(…, write=…)``: an object
the user may not see answers 404 (``permissions.deny()``), an action the user may not take on an
object it sees answers 403 (``permissions.refuse()``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import SAFE_METHODS, BasePermission

from kehoach.core import permissions

Check = Callable[[Any], bool]
View = TypeVar("View", bound=Callable[..., HttpResponse])


def role_required(check: Check = permissions.is_authenticated) -> Callable[[View], View]:
    """A page for the users ``check`` admits: login page for anonymous users, else 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                if not permissions.is_authenticated(request.user):
                    return redirect_to_login(request.get_full_path())
                raise permissions.refuse()
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


class Gate(BasePermission):
    """DRF permission: ``read`` admits the safe methods, ``write`` the others (see ``gate``)."""

    read: Check = staticmethod(permissions.is_authenticated)
    write: Check = staticmethod(permissions.is_authenticated)
    message = permissions.REFUSED

    def has_permission(self, request: Any, view: Any) -> bool:
        check = self.read if request.method in SAFE_METHODS else self.write
        return bool(check(request.user))


def gate(*, read: Check = permissions.is_authenticated, write: Check | None = None) -> type[Gate]:
    """A ``Gate`` class for ``permission_classes``; ``write`` defaults to ``read``."""
    name = f"Gate({getattr(read, '__name__', 'read')}, {getattr(write or read, '__name__', 'write')})"
    return type(name, (Gate,), {"read": staticmethod(read), "write": staticmethod(write or read)})


#: Public endpoints that anyone may also post to (comments on an open consultation).
Public = gate(read=permissions.anyone)
#: Public reading (published plans, consultations); writes need a login, then the object's
#: ``*_get_for_user(write=True)`` decides (403 for a visible object the user may not change).
PublicRead = gate(read=permissions.anyone, write=permissions.is_authenticated)
#: Any logged-in, active user (the default of ``DEFAULT_PERMISSION_CLASSES``).
LoggedIn = gate()
#: The planning office (and administrators) for every method.
Managers = gate(read=permissions.is_manager)
