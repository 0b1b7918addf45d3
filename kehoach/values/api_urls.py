"""API routes of the values app (included under /api/v1/)."""

from django.urls import path

from kehoach.values import apis, job_apis

urlpatterns = [
    path("exports/values/", apis.ValueExportApi.as_view(), name="api-export-values"),
    path("values/", apis.ValueList.as_view(), name="api-values"),
    path("values/reported/", apis.ReportedValueList.as_view(), name="api-values-reported"),
    path("values/import/", apis.ValueImport.as_view(), name="api-values-import"),
    path("dhis2/import/", apis.Dhis2Import.as_view(), name="api-dhis2-import"),
    path("dhis2/export/", apis.Dhis2Export.as_view(), name="api-dhis2-export"),
    path("import-jobs/<str:job_id>/", job_apis.ImportJobApi.as_view(), name="api-import-job"),
    path("import-jobs/<str:job_id>/errors/", job_apis.ImportJobErrorsApi.as_view(),
         name="api-import-job-errors"),
    path("values/<int:pk>/", apis.ValueDetail.as_view(), name="api-value"),
    path("values/<int:pk>/history/", apis.ValueHistory.as_view(), name="api-value-history"),
]
