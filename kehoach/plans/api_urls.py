"""API routes of the plans app (included under /api/v1/)."""

urlpatterns: list = []
