"""API routes of the intake app (included under /api/v1/)."""

from django.urls import path

from kehoach.intake import apis

urlpatterns = [
    path("extract/", apis.Extract.as_view(), name="api-extract"),
    path("extractions/", apis.ExtractionList.as_view(), name="api-extractions"),
    path("extractions/<int:pk>/", apis.ExtractionDetail.as_view(), name="api-extraction"),
    path("extractions/<int:pk>/items/", apis.ItemList.as_view(), name="api-extraction-items"),
    path("extractions/<int:pk>/items/<int:item_pk>/", apis.ItemDetail.as_view(),
         name="api-extraction-item"),
    path("extractions/<int:pk>/create-targets/", apis.CreateTargets.as_view(),
         name="api-extraction-create-targets"),
]
