"""API routes of the values app (included under /api/v1/)."""

urlpatterns: list = []
