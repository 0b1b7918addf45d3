"""API routes of the consultation app (included under /api/v1/)."""

from django.urls import path

from kehoach.consultation import apis

urlpatterns = [
    path("comment-status/<str:token>/", apis.CommentFollowApi.as_view(),
         name="api-comment-follow"),
    path("consultations/", apis.ConsultationListApi.as_view(), name="api-consultation-list"),
    path("consultations/<slug:slug>/", apis.ConsultationDetailApi.as_view(),
         name="api-consultation-detail"),
    path("consultations/<slug:slug>/sections/", apis.SectionListApi.as_view(),
         name="api-consultation-sections"),
    path("consultations/<slug:slug>/comments/", apis.CommentListApi.as_view(),
         name="api-consultation-comments"),
    path("consultations/<slug:slug>/comments/<int:comment_id>/moderate/",
         apis.CommentModerateApi.as_view(), name="api-consultation-moderate"),
    path("consultations/<slug:slug>/comments/<int:comment_id>/response/",
         apis.CommentResponseApi.as_view(), name="api-consultation-response"),
    path("consultations/<slug:slug>/synthesis.docx", apis.SynthesisApi.as_view(),
         {"ext": "docx"}, name="api-consultation-synthesis-docx"),
    path("consultations/<slug:slug>/synthesis.xlsx", apis.SynthesisApi.as_view(),
         {"ext": "xlsx"}, name="api-consultation-synthesis-xlsx"),
]
