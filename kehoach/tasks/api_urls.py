"""API routes of the tasks app (included under /api/v1/)."""

from django.urls import path

from kehoach.tasks import apis, proposal_apis

urlpatterns = [
    path("tasks/", apis.TaskListApi.as_view(), name="api-task-list"),
    path("tasks/mine/", apis.MyTasksApi.as_view(), name="api-task-mine"),
    path("tasks/<int:pk>/", apis.TaskDetailApi.as_view(), name="api-task-detail"),
    path("tasks/<int:pk>/progress/", apis.TaskProgressApi.as_view(), name="api-task-progress"),
    path("tasks/<int:pk>/due-items/", apis.TaskDueItemsApi.as_view(), name="api-task-due-items"),
    path("evidence/<int:pk>/", apis.EvidenceApi.as_view(), name="api-evidence"),
    path("proposals/", proposal_apis.ProposalListApi.as_view(), name="api-proposal-list"),
    path("proposals/<int:pk>/decision/", proposal_apis.ProposalDecideApi.as_view(),
         name="api-proposal-decide"),
]
