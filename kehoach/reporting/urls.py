"""Pages of the reporting app, under ``/bao-cao/``."""

from django.urls import path

from kehoach.reporting.views import compiling, completeness, grid, proposals, rounds, texts

app_name = "reporting"
urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("them/", rounds.round_create, name="round-create"),
    path("sao-chep/", rounds.round_copy, name="round-copy"),
    path("bieu-cua-toi/", rounds.my_submissions, name="mine"),
    path("bieu/<int:pk>/", grid.submission_page, name="submission"),
    path("bieu/<int:pk>/o/", grid.cells_save, name="cells"),
    path("bieu/<int:pk>/kiem-tra/", grid.check, name="check"),
    path("bieu/<int:pk>/excel/", grid.xlsx_download, name="xlsx"),
    path("bieu/<int:pk>/tai-len/", grid.xlsx_upload, name="upload"),
    path("bieu/<int:pk>/de-xuat/", proposals.proposals_save, name="proposals"),
    path("bieu/<int:pk>/phan-viet/", texts.texts_save, name="texts"),
    path("bieu/<int:pk>/phan-viet/word/", texts.texts_upload, name="texts-upload"),
    *[path(f"bieu/<int:pk>/{slug}/", grid.submission_action, {"action": action},
           name=f"submission-{action}")
      for slug, action in (("gui", "submit"), ("tra-lai", "return"), ("chap-nhan", "accept"),
                           ("mo-lai", "reopen"))],
    path("<slug:code>/", rounds.round_detail, name="round"),
    path("<slug:code>/sua/", rounds.round_edit, name="round-edit"),
    path("<slug:code>/dong-bieu/", rounds.round_row_scope, name="round-row-scope"),
    path("<slug:code>/mo/", rounds.round_action, {"action": "open"}, name="round-open"),
    path("<slug:code>/ket-thuc/", rounds.round_action, {"action": "close"}, name="round-close"),
    path("<slug:code>/tien-do/", completeness.completeness, name="completeness"),
    path("<slug:code>/muc-viet/", compiling.sections_edit, name="sections"),
    path("<slug:code>/tong-hop/", compiling.compile_overview, name="compile"),
    path("<slug:code>/tong-hop/phan-viet.docx", compiling.compile_docx, name="compile-docx"),
    path("<slug:code>/tong-hop/<slug:key>/", compiling.compile_section, name="compile-section"),
    path("<slug:code>/tong-hop/<slug:key>/chon/", compiling.compile_pick, name="compile-pick"),
    path("<slug:code>/tong-hop/<slug:key>/luu/", compiling.compile_save, name="compile-save"),
]
