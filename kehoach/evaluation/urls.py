from django.urls import path

from kehoach.evaluation import judgement_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("nam/", views.year_evaluation, name="year"),
    path("tong-hop/", views.consolidation, name="consolidation"),
    path("tu-danh-gia/", judgement_views.judgements, name="judgements"),
    path("tu-danh-gia/<int:target_id>/", judgement_views.judgement_save, name="judgement-save"),
    path("ke-hoach/<str:code>/", views.plan_evaluation, name="plan"),
    path("ke-hoach/<str:code>/chi-tieu/<int:target_id>/dieu-chinh/", views.override,
         name="override"),
]
