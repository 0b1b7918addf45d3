"""API routes of the plans app (included under /api/v1/)."""

from django.urls import path

from kehoach.plans import apis

urlpatterns = [
    path("exports/plans/", apis.PlanExportApi.as_view(), name="api-export-plans"),
    path("exports/targets/", apis.TargetExportApi.as_view(), name="api-export-targets"),
    path("plans/", apis.PlanListApi.as_view(), name="api-plan-list"),
    path("plans/<str:code>/", apis.PlanDetailApi.as_view(), name="api-plan-detail"),
    path("plans/<str:code>/targets/", apis.PlanTargetsApi.as_view(), name="api-plan-targets"),
    path("plans/<str:code>/adopt/", apis.PlanAdoptApi.as_view(), name="api-plan-adopt"),
    path("plans/<str:code>/revisions/", apis.PlanRevisionApi.as_view(), name="api-plan-revisions"),
    path("targets/<int:pk>/", apis.TargetDetailApi.as_view(), name="api-target-detail"),
]
