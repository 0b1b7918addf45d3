"""Access rules of the consultation app: they live in ``kehoach.core.permissions``."""

from kehoach.core.permissions import (  # noqa: F401 - re-exported for the app's modules
    can_comment_for_unit,
    can_comment_publicly,
    can_manage_consultations,
    can_see_consultation,
    can_see_contact,
)
