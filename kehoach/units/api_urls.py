"""API routes of the units app (included under /api/v1/)."""

from django.urls import path

from kehoach.units import apis

urlpatterns = [
    path("exports/units/", apis.UnitExportApi.as_view(), name="api-export-units"),
    path("units/", apis.UnitListCreate.as_view(), name="api-units"),
    path("units/import/", apis.UnitImport.as_view(), name="api-units-import"),
    path("units/<str:code>/", apis.UnitDetail.as_view(), name="api-unit"),
]
