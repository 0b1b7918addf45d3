from django.urls import path

from kehoach.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("nam/", views.year_evaluation, name="year"),
    path("tong-hop/", views.consolidation, name="consolidation"),
    path("ke-hoach/<str:code>/", views.plan_evaluation, name="plan"),
    path("ke-hoach/<str:code>/chi-tieu/<int:target_id>/dieu-chinh/", views.override,
         name="override"),
]
