"""API routes of the consultation app (included under /api/v1/)."""

urlpatterns: list = []
