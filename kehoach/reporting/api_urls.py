"""API routes of the reporting app (included under /api/v1/)."""

from django.urls import path

from kehoach.reporting import apis, apis_texts

urlpatterns = [
    path("rounds/", apis.RoundListCreate.as_view(), name="api-rounds"),
    path("rounds/<slug:code>/", apis.RoundDetail.as_view(), name="api-round"),
    path("rounds/<slug:code>/open/", apis.RoundAction.as_view(action="open"),
         name="api-round-open"),
    path("rounds/<slug:code>/close/", apis.RoundAction.as_view(action="close"),
         name="api-round-close"),
    path("rounds/<slug:code>/copy/", apis.RoundCopy.as_view(), name="api-round-copy"),
    path("rounds/<slug:code>/assign/", apis.RoundAssign.as_view(), name="api-round-assign"),
    path("rounds/<slug:code>/completeness/", apis.RoundCompleteness.as_view(),
         name="api-round-completeness"),
    path("rounds/<slug:code>/sections/", apis_texts.RoundSections.as_view(),
         name="api-round-sections"),
    path("rounds/<slug:code>/texts/", apis_texts.RoundTexts.as_view(), name="api-round-texts"),
    path("rounds/<slug:code>/compiled/", apis_texts.RoundCompiled.as_view(),
         name="api-round-compiled"),
    path("rounds/<slug:code>/compiled/<slug:key>/", apis_texts.RoundCompiledSection.as_view(),
         name="api-round-compiled-section"),
    path("forms/", apis.FormList.as_view(), name="api-forms"),
    path("submissions/", apis.SubmissionList.as_view(), name="api-submissions"),
    path("submissions/<int:pk>/", apis.SubmissionDetail.as_view(), name="api-submission"),
    path("submissions/<int:pk>/cells/", apis.SubmissionCells.as_view(),
         name="api-submission-cells"),
    path("submissions/<int:pk>/proposals/", apis.SubmissionProposals.as_view(),
         name="api-submission-proposals"),
    path("submissions/<int:pk>/texts/", apis_texts.SubmissionTexts.as_view(),
         name="api-submission-texts"),
    path("submissions/<int:pk>/texts/docx/", apis_texts.SubmissionTextsDocx.as_view(),
         name="api-submission-texts-docx"),
    path("submissions/<int:pk>/xlsx/", apis.SubmissionXlsx.as_view(),
         name="api-submission-xlsx"),
    *[path(f"submissions/<int:pk>/{action}/", apis.SubmissionAction.as_view(action=action),
           name=f"api-submission-{action}")
      for action in ("submit", "resubmit", "return", "accept", "reopen")],
]
