"""Access rules of the consultation app.

They are written with the primitives of ``kehoach.core.permissions`` and are meant to live there
(the lead moves them: see the report of the consultation task); views, APIs and selectors use only
these functions.
"""

from __future__ import annotations

from typing import Any

from kehoach.core import permissions


def can_manage_consultations(user: Any) -> bool:
    """Create, edit, moderate, answer, export: the planning office (and administrators)."""
    return permissions.is_manager(user)


def can_see_consultation(user: Any, consultation: Any) -> bool:
    """Open and closed published consultations are public; drafts: province-wide roles only."""
    return consultation.status != "draft" or permissions.is_province_wide(user)


def can_comment_publicly(consultation: Any) -> bool:
    """Anyone (no login) may comment when the audience is the public."""
    return consultation.audience == "public"


def can_comment_for_unit(user: Any, consultation: Any) -> bool:
    """A logged-in user whose unit is invited comments on behalf of that unit."""
    if not permissions.is_authenticated(user) or not user.unit_id:
        return False
    return consultation.invited_units.filter(pk=user.unit_id).exists()


def can_see_contact(user: Any) -> bool:
    """Commenters' e-mail or phone: the planning office only, never public."""
    return permissions.is_manager(user)
