"""API routes of the documents app (included under /api/v1/)."""

from django.urls import path

from kehoach.documents import apis

urlpatterns = [
    path("plans/<str:code>/report/", apis.PlanReportApi.as_view(), name="api-plan-report"),
]
