"""API routes of the values app (included under /api/v1/)."""

from django.urls import path

from kehoach.values import apis

urlpatterns = [
    path("values/", apis.ValueList.as_view(), name="api-values"),
    path("values/import/", apis.ValueImport.as_view(), name="api-values-import"),
    path("values/<int:pk>/", apis.ValueDetail.as_view(), name="api-value"),
    path("values/<int:pk>/history/", apis.ValueHistory.as_view(), name="api-value-history"),
]
