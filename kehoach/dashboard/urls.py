from django.urls import path

from kehoach.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
]
