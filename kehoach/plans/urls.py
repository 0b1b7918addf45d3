from django.urls import path

from kehoach.plans import assign_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("them/", views.plan_create, name="create"),
    path("xuat/", views.plan_export, name="export"),
    path("xuat-chi-tieu/", views.target_export, name="target_export"),
    path("<str:code>/", views.plan_detail, name="detail"),
    path("<str:code>/sua/", views.plan_edit, name="edit"),
    path("<str:code>/giao-chi-tieu/", assign_views.targets_assign, name="assign"),
    path("<str:code>/giao-chi-tieu/phu-luc.docx", assign_views.assignment_docx,
         name="assignment_docx"),
    path("<str:code>/giao-chi-tieu/phu-luc.xlsx", assign_views.assignment_xlsx,
         name="assignment_xlsx"),
    path("<str:code>/lap-ke-hoach-nam-sau/", assign_views.plan_draft_next, name="draft_next"),
    path("<str:code>/lap-tu-dot-bao-cao/", assign_views.plan_from_round, name="from_round"),
    path("<str:code>/nhap-chi-tieu/", views.target_import, name="target_import"),
    path("<str:code>/chi-tieu/them/", views.target_add, name="target_add"),
    path("<str:code>/chi-tieu/<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("<str:code>/chi-tieu/<int:pk>/xoa/", views.target_delete, name="target_delete"),
]
