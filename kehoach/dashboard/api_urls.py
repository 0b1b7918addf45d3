"""API routes of the dashboard app (included under /api/v1/)."""

from django.urls import path

from kehoach.dashboard import apis

urlpatterns = [
    path("dashboard/", apis.LeaderDashboardApi.as_view(), name="api-dashboard"),
    path("public/dashboard/", apis.PublicDashboardApi.as_view(), name="api-public-dashboard"),
]
