"""API routes of the evaluation app (included under /api/v1/)."""

urlpatterns: list = []
