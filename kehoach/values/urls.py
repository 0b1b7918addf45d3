from django.urls import path

from kehoach.values import discrepancy_views, views

app_name = "values"
urlpatterns = [
    path("", views.value_list, name="list"),
    path("nhap/", views.value_create, name="create"),
    path("nhap-tep/", views.value_import, name="import"),
    path("chenh-lech/", discrepancy_views.discrepancies, name="discrepancies"),
    path("chenh-lech/<int:pk>/dung-so-nay/", discrepancy_views.adopt, name="adopt"),
    path("xuat/", views.value_export, name="export"),
    path("dhis2/", views.dhis2_import_page, name="dhis2"),
    path("nhap-tep/viec/", views.import_jobs, name="jobs"),
    path("nhap-tep/viec/<str:job_id>/", views.import_job, name="job"),
    path("nhap-tep/viec/<str:job_id>/loi.csv", views.import_job_errors, name="job_errors"),
    path("dhis2/xuat/", views.dhis2_export_page, name="dhis2_export"),
    path("<int:pk>/", views.value_history, name="history"),
    path("<int:pk>/sua/", views.value_edit, name="edit"),
]
