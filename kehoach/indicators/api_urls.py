"""API routes of the indicators app (included under /api/v1/)."""

urlpatterns: list = []
