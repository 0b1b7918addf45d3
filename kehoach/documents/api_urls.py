"""API routes of the documents app (included under /api/v1/)."""

from django.urls import path

from kehoach.documents import apis, plan_apis

urlpatterns = [
    path("plans/<str:code>/report/", apis.PlanReportApi.as_view(), name="api-plan-report"),
    path("plans/<str:code>/report-jobs/", apis.PlanReportJobsApi.as_view(),
         name="api-plan-report-jobs"),
    path("report-jobs/<str:job_id>/", apis.ReportJobApi.as_view(), name="api-report-job"),
    path("document-templates/<str:kind>/", apis.DocumentTemplateApi.as_view(),
         name="api-document-template"),
    path("report-jobs/<str:job_id>/file/", apis.ReportJobFileApi.as_view(),
         name="api-report-job-file"),
    path("plans/<str:code>/document/", plan_apis.PlanDocumentApi.as_view(),
         name="api-plan-document"),
]
