"""API routes of the evaluation app (included under /api/v1/)."""

from django.urls import path

from kehoach.evaluation import apis, judgement_apis

urlpatterns = [
    path("plans/<str:code>/evaluation/", apis.PlanEvaluationApi.as_view(),
         name="api-plan-evaluation"),
    path("plans/<str:code>/targets/<int:target_id>/override/", apis.OverrideApi.as_view(),
         name="api-target-override"),
    path("evaluation/year/", apis.YearEvaluationApi.as_view(), name="api-year-evaluation"),
    path("evaluation/judgements/", judgement_apis.JudgementsApi.as_view(),
         name="api-judgements"),
    path("consolidation/", apis.ConsolidationApi.as_view(), name="api-consolidation"),
]
