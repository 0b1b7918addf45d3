"""Pages of the documents app (mounted at /van-ban/)."""

from django.urls import path

from kehoach.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/tai/<str:token>/", views.download, name="download"),
]
