"""Pages of the documents app (mounted at /van-ban/)."""

from django.urls import path

from kehoach.documents import job_views, plan_views, template_views, views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/tai/<str:token>/", views.download, name="download"),
    path("bao-cao/soan/", job_views.compose, name="compose"),
    path("mau/", template_views.templates, name="templates"),
    path("mau/<str:kind>.docx", template_views.template_download, name="template_download"),
    path("mau/<str:kind>/mac-dinh/", template_views.template_reset, name="template_reset"),
    path("bao-cao/viec/<str:job_id>/", job_views.job, name="job"),
    path("bao-cao/viec/<str:job_id>/tai/", job_views.job_download, name="job_download"),
    path("ke-hoach/<str:code>/", plan_views.plan_document_page, name="plan_document_page"),
    path("ke-hoach/<str:code>/du-thao.docx", plan_views.plan_document, name="plan_document"),
]
