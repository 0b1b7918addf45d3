"""Pages of the documents app (mounted at /van-ban/)."""

from django.urls import path

from kehoach.documents import job_views, plan_views, views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/tai/<str:token>/", views.download, name="download"),
    path("bao-cao/soan/", job_views.compose, name="compose"),
    path("bao-cao/viec/<str:job_id>/", job_views.job, name="job"),
    path("bao-cao/viec/<str:job_id>/tai/", job_views.job_download, name="job_download"),
    path("ke-hoach/<str:code>/", plan_views.plan_document_page, name="plan_document_page"),
    path("ke-hoach/<str:code>/du-thao.docx", plan_views.plan_document, name="plan_document"),
]
