"""API routes of the reporting app (included under /api/v1/)."""

urlpatterns: list = []
