from django.urls import path

from kehoach.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_index, name="index"),
    path("them/", views.project_create, name="create"),
    path("ke-hoach/<str:code>/nhap/", views.project_import, name="import"),
    path("ke-hoach/<str:code>/xuat.<str:fmt>", views.project_export, name="export"),
    path("ke-hoach/<str:code>/tep-trao-doi/", views.project_exchange, name="exchange"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/sua/", views.project_edit, name="edit"),
    path("<int:pk>/<str:what>/", views.money_set, name="money"),
]
