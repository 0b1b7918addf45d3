"""API routes of the projects app (included under /api/v1/)."""

from django.urls import path

from kehoach.projects import apis

urlpatterns = [
    path("projects/", apis.ProjectListApi.as_view(), name="api-project-list"),
    path("projects/totals/", apis.ProjectTotalsApi.as_view(), name="api-project-totals"),
    path("projects/<int:pk>/", apis.ProjectDetailApi.as_view(), name="api-project-detail"),
    path("projects/<int:pk>/years/", apis.ProjectYearsApi.as_view(), name="api-project-years"),
    path("projects/<int:pk>/capital-plans/<int:year>/", apis.CapitalPlanApi.as_view(),
         name="api-capital-plan"),
    path("projects/<int:pk>/disbursements/<int:year>/<int:month>/", apis.DisbursementApi.as_view(),
         name="api-disbursement"),
]
