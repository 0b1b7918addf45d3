"""API routes of the plans app (included under /api/v1/)."""

from django.urls import path

from kehoach.plans import apis, cycle_apis

urlpatterns = [
    path("exports/plans/", apis.PlanExportApi.as_view(), name="api-export-plans"),
    path("exports/targets/", apis.TargetExportApi.as_view(), name="api-export-targets"),
    path("plans/", apis.PlanListApi.as_view(), name="api-plan-list"),
    path("plans/<str:code>/", apis.PlanDetailApi.as_view(), name="api-plan-detail"),
    path("plans/<str:code>/targets/", apis.PlanTargetsApi.as_view(), name="api-plan-targets"),
    path("plans/<str:code>/submit/", cycle_apis.PlanSubmitApi.as_view(), name="api-plan-submit"),
    path("plans/<str:code>/draft-next/", cycle_apis.PlanDraftNextApi.as_view(),
         name="api-plan-draft-next"),
    path("plans/<str:code>/from-round/", cycle_apis.PlanFromRoundApi.as_view(),
         name="api-plan-from-round"),
    path("plans/<str:code>/assign/", cycle_apis.PlanAssignApi.as_view(), name="api-plan-assign"),
    path("plans/<str:code>/adopt/", apis.PlanAdoptApi.as_view(), name="api-plan-adopt"),
    path("plans/<str:code>/revisions/", apis.PlanRevisionApi.as_view(), name="api-plan-revisions"),
    path("targets/<int:pk>/", apis.TargetDetailApi.as_view(), name="api-target-detail"),
]
