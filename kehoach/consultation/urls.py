from django.urls import path

from kehoach.consultation import manage_views, views

app_name = "consultation"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("tao-moi/", manage_views.consultation_create, name="create"),
    path("y-kien/<str:token>/", views.comment_follow, name="follow"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:slug>/gop-y/", views.comment_post, name="comment"),
    path("<slug:slug>/da-gui/", views.comment_thanks, name="thanks"),
    path("<slug:slug>/bang-tong-hop/", views.synthesis_public, name="public_synthesis"),
    path("<slug:slug>/sua/", manage_views.consultation_edit, name="edit"),
    path("<slug:slug>/tai-len/", manage_views.consultation_upload, name="upload"),
    path("<slug:slug>/noi-dung/", manage_views.section_list, name="sections"),
    path("<slug:slug>/noi-dung/<int:section_id>/", manage_views.section_edit, name="section_edit"),
    path("<slug:slug>/noi-dung/<int:section_id>/xoa/", manage_views.section_delete,
         name="section_delete"),
    path("<slug:slug>/kiem-duyet/", manage_views.moderation, name="moderation"),
    path("<slug:slug>/y-kien/<int:comment_id>/kiem-duyet/", manage_views.comment_moderate,
         name="moderate"),
    path("<slug:slug>/y-kien/<int:comment_id>/tra-loi/", manage_views.comment_answer,
         name="answer"),
    path("<slug:slug>/tong-hop/", manage_views.synthesis_page, name="synthesis"),
    path("<slug:slug>/tong-hop.docx", manage_views.synthesis_download, {"ext": "docx"},
         name="synthesis_docx"),
    path("<slug:slug>/tong-hop.xlsx", manage_views.synthesis_download, {"ext": "xlsx"},
         name="synthesis_xlsx"),
]
