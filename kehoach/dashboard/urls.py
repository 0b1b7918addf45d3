from django.urls import path

from kehoach.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("bang-dieu-hanh/", views.leader, name="dashboard"),
    path("cong-khai/", views.public, name="public-dashboard"),
]
