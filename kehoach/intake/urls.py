"""Pages of the intake app, under ``/doc-chi-tieu/``."""

from django.urls import path

from kehoach.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.extract, name="extract"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/muc/<int:item_pk>/", views.item_update, name="item_update"),
    path("<int:pk>/tao-chi-tieu/", views.create_targets, name="create_targets"),
]
