from django.urls import path

from kehoach.values import views

app_name = "values"
urlpatterns = [
    path("", views.value_list, name="list"),
    path("nhap/", views.value_create, name="create"),
    path("nhap-tep/", views.value_import, name="import"),
    path("xuat/", views.value_export, name="export"),
    path("<int:pk>/", views.value_history, name="history"),
    path("<int:pk>/sua/", views.value_edit, name="edit"),
]
