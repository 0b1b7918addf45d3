"""API routes of the tasks app (included under /api/v1/)."""

from django.urls import path

from kehoach.tasks import apis, assessment_apis, exchange_apis, proposal_apis

urlpatterns = [
    path("exports/tasks/", exchange_apis.TaskExportApi.as_view(), name="api-export-tasks"),
    path("exports/projects/", exchange_apis.ProjectExportCsvApi.as_view(),
         name="api-export-projects"),
    path("tasks/", apis.TaskListApi.as_view(), name="api-task-list"),
    path("tasks/mine/", apis.MyTasksApi.as_view(), name="api-task-mine"),
    path("tasks/assessments/", assessment_apis.AssessmentListApi.as_view(),
         name="api-task-assessments"),
    path("tasks/<int:pk>/assessments/", assessment_apis.TaskAssessmentApi.as_view(),
         name="api-task-assess"),
    path("tasks/<int:pk>/", apis.TaskDetailApi.as_view(), name="api-task-detail"),
    path("tasks/<int:pk>/progress/", apis.TaskProgressApi.as_view(), name="api-task-progress"),
    path("tasks/<int:pk>/due-items/", apis.TaskDueItemsApi.as_view(), name="api-task-due-items"),
    path("evidence/<int:pk>/", apis.EvidenceApi.as_view(), name="api-evidence"),
    path("plans/<str:code>/tasks/import/", exchange_apis.ProgrammeImportApi.as_view(),
         name="api-tasks-import"),
    path("plans/<str:code>/projects/import/", exchange_apis.ProjectImportApi.as_view(),
         name="api-projects-import"),
    path("plans/<str:code>/tasks/export/", exchange_apis.ProgrammeExportApi.as_view(),
         name="api-tasks-export"),
    path("plans/<str:code>/projects/export/", exchange_apis.ProjectExportApi.as_view(),
         name="api-projects-export"),
    path("proposals/", proposal_apis.ProposalListApi.as_view(), name="api-proposal-list"),
    path("proposals/<int:pk>/decision/", proposal_apis.ProposalDecideApi.as_view(),
         name="api-proposal-decide"),
]
