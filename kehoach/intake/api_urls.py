"""API routes of the intake app (included under /api/v1/)."""

urlpatterns: list = []
