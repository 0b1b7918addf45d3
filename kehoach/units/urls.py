"""Pages of the units app, under ``/don-vi/``."""

from django.urls import path

from kehoach.units import views

app_name = "units"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("them/", views.create, name="create"),
    path("chon/", views.pick, name="pick"),
    path("nhap-tep/", views.import_file, name="import"),
    path("xuat/", views.export, name="export"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/con/", views.children, name="children"),
    path("<str:code>/sua/", views.edit, name="edit"),
]
