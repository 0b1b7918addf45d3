"""API routes of the indicators app (included under /api/v1/)."""

from django.urls import path

from kehoach.indicators import apis

urlpatterns = [
    path("exports/indicators/", apis.IndicatorExportApi.as_view(), name="api-export-indicators"),
    path("indicators/", apis.IndicatorListApi.as_view(), name="api-indicator-list"),
    path("indicators/<str:code>/", apis.IndicatorDetailApi.as_view(), name="api-indicator-detail"),
]
