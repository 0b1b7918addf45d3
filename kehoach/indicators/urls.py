from django.urls import path

from kehoach.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("them/", views.indicator_create, name="create"),
    path("nhap/", views.indicator_import, name="import"),
    path("xuat/", views.indicator_export, name="export"),
    path("<str:code>/", views.indicator_detail, name="detail"),
    path("<str:code>/sua/", views.indicator_edit, name="edit"),
]
