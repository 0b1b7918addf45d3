from django.urls import path

from kehoach.tasks import assessment_views, proposal_views, views

app_name = "tasks"
urlpatterns = [
    path("", views.programme, name="index"),
    path("them/", views.task_create, name="create"),
    path("tien-do/", views.timeline, name="timeline"),
    path("tu-danh-gia/", assessment_views.assessments, name="assessments"),
    path("de-xuat/", proposal_views.proposals, name="proposals"),
    path("de-xuat/<int:pk>/dua-vao/", proposal_views.accept, name="proposal_accept"),
    path("de-xuat/<int:pk>/tu-choi/", proposal_views.refuse, name="proposal_refuse"),
    path("de-xuat/gop/", proposal_views.merge, name="proposal_merge"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("ke-hoach/<str:code>/nhap/", views.task_import, name="import"),
    path("ke-hoach/<str:code>/xuat.<str:fmt>", views.task_export, name="export"),
    path("ke-hoach/<str:code>/tep-trao-doi/", views.task_exchange, name="exchange"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/bao-cao/", views.progress_add, name="progress"),
    path("<int:pk>/tu-danh-gia/", assessment_views.assess, name="assess"),
]
