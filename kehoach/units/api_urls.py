"""API routes of the units app (included under /api/v1/)."""

urlpatterns: list = []
