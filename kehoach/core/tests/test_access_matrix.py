"""Access matrix: every URL pattern is classified; anonymous visitors get a page only from the
public ones, and no URL answers any member of the cast with a server error.

A new URL that nobody has classified in ``ROUTES`` makes ``test_every_url_is_classified`` fail:
add it as PUBLIC (an anonymous visitor may read it: published plans, consultations, sign-in) or
PRIVATE (sign-in needed: a redirect to the sign-in page, 401, 403, 404 or 405 for anonymous).
Routes are exercised with made-up arguments (objects that do not exist), so this matrix proves
that nothing leaks or breaks for them; the per-object rules (own or other unit) are tested beside
each view with the cast.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLResolver, get_resolver

PUBLIC, PRIVATE = "public", "private"
ADMIN_PREFIX = "quan-tri/"

ROUTES = {
    "": PUBLIC,
    "bang-dieu-hanh/": PRIVATE,
    "cong-khai/": PUBLIC,
    "tai-khoan/": PRIVATE,
    "tai-khoan/token-api/": PRIVATE,
    "health/": PUBLIC,
    "dang-nhap/": PUBLIC,
    "dang-xuat/": PUBLIC,
    "doi-mat-khau/": PRIVATE,
    "i18n/setlang/": PUBLIC,
    "don-vi/": PRIVATE,
    "don-vi/them/": PRIVATE,
    "don-vi/chon/": PRIVATE,
    "don-vi/nhap-tep/": PRIVATE,
    "don-vi/xuat/": PRIVATE,
    "don-vi/<str:code>/": PRIVATE,
    "don-vi/<str:code>/con/": PRIVATE,
    "don-vi/<str:code>/sua/": PRIVATE,
    "chi-tieu/": PRIVATE,
    "chi-tieu/them/": PRIVATE,
    "chi-tieu/nhap/": PRIVATE,
    "chi-tieu/xuat/": PRIVATE,
    "chi-tieu/<str:code>/": PRIVATE,
    "chi-tieu/<str:code>/sua/": PRIVATE,
    "ke-hoach/": PUBLIC,
    "ke-hoach/them/": PRIVATE,
    "ke-hoach/xuat/": PRIVATE,
    "ke-hoach/xuat-chi-tieu/": PRIVATE,
    "ke-hoach/<str:code>/": PUBLIC,
    "ke-hoach/<str:code>/sua/": PRIVATE,
    "ke-hoach/<str:code>/giao-chi-tieu/": PRIVATE,
    "ke-hoach/<str:code>/giao-chi-tieu/phu-luc.docx": PUBLIC,
    "ke-hoach/<str:code>/giao-chi-tieu/phu-luc.xlsx": PUBLIC,
    "ke-hoach/<str:code>/lap-ke-hoach-nam-sau/": PRIVATE,
    "ke-hoach/<str:code>/lap-tu-dot-bao-cao/": PRIVATE,
    "ke-hoach/<str:code>/nhap-chi-tieu/": PRIVATE,
    "ke-hoach/<str:code>/chi-tieu/them/": PRIVATE,
    "ke-hoach/<str:code>/chi-tieu/<int:pk>/sua/": PRIVATE,
    "ke-hoach/<str:code>/chi-tieu/<int:pk>/xoa/": PRIVATE,
    "so-lieu/": PRIVATE,
    "so-lieu/nhap/": PRIVATE,
    "so-lieu/nhap-tep/": PRIVATE,
    "so-lieu/chenh-lech/": PRIVATE,
    "so-lieu/chenh-lech/<int:pk>/dung-so-nay/": PRIVATE,
    "so-lieu/xuat/": PRIVATE,
    "so-lieu/dhis2/": PRIVATE,
    "so-lieu/nhap-tep/viec/": PRIVATE,
    "so-lieu/nhap-tep/viec/<str:job_id>/": PRIVATE,
    "so-lieu/nhap-tep/viec/<str:job_id>/loi.csv": PRIVATE,
    "so-lieu/dhis2/xuat/": PRIVATE,
    "so-lieu/<int:pk>/": PRIVATE,
    "so-lieu/<int:pk>/sua/": PRIVATE,
    "bao-cao/": PRIVATE,
    "bao-cao/them/": PRIVATE,
    "bao-cao/sao-chep/": PRIVATE,
    "bao-cao/bieu-cua-toi/": PRIVATE,
    "bao-cao/bieu/<int:pk>/": PRIVATE,
    "bao-cao/bieu/<int:pk>/o/": PRIVATE,
    "bao-cao/bieu/<int:pk>/kiem-tra/": PRIVATE,
    "bao-cao/bieu/<int:pk>/excel/": PRIVATE,
    "bao-cao/bieu/<int:pk>/tai-len/": PRIVATE,
    "bao-cao/bieu/<int:pk>/phan-viet/": PRIVATE,
    "bao-cao/bieu/<int:pk>/phan-viet/word/": PRIVATE,
    "bao-cao/<slug:code>/muc-viet/": PRIVATE,
    "bao-cao/<slug:code>/tong-hop/": PRIVATE,
    "bao-cao/<slug:code>/tong-hop/phan-viet.docx": PRIVATE,
    "bao-cao/<slug:code>/tong-hop/<slug:key>/": PRIVATE,
    "bao-cao/<slug:code>/tong-hop/<slug:key>/chon/": PRIVATE,
    "bao-cao/<slug:code>/tong-hop/<slug:key>/luu/": PRIVATE,
    "bao-cao/bieu/<int:pk>/de-xuat/": PRIVATE,
    "bao-cao/bieu/<int:pk>/gui/": PRIVATE,
    "bao-cao/bieu/<int:pk>/tra-lai/": PRIVATE,
    "bao-cao/bieu/<int:pk>/chap-nhan/": PRIVATE,
    "bao-cao/bieu/<int:pk>/mo-lai/": PRIVATE,
    "bao-cao/<slug:code>/": PRIVATE,
    "bao-cao/<slug:code>/sua/": PRIVATE,
    "bao-cao/<slug:code>/dong-bieu/": PRIVATE,
    "bao-cao/<slug:code>/mo/": PRIVATE,
    "bao-cao/<slug:code>/ket-thuc/": PRIVATE,
    "bao-cao/<slug:code>/tien-do/": PRIVATE,
    "danh-gia/": PRIVATE,
    "danh-gia/nam/": PRIVATE,
    "danh-gia/tong-hop/": PRIVATE,
    "danh-gia/tu-danh-gia/": PRIVATE,
    "danh-gia/tu-danh-gia/<int:target_id>/": PRIVATE,
    "danh-gia/ke-hoach/<str:code>/": PRIVATE,
    "danh-gia/ke-hoach/<str:code>/chi-tieu/<int:target_id>/dieu-chinh/": PRIVATE,
    "nhiem-vu/": PRIVATE,
    "nhiem-vu/them/": PRIVATE,
    "nhiem-vu/tien-do/": PRIVATE,
    "nhiem-vu/tu-danh-gia/": PRIVATE,
    "nhiem-vu/de-xuat/": PRIVATE,
    "nhiem-vu/de-xuat/<int:pk>/dua-vao/": PRIVATE,
    "nhiem-vu/de-xuat/<int:pk>/tu-choi/": PRIVATE,
    "nhiem-vu/de-xuat/gop/": PRIVATE,
    "nhiem-vu/minh-chung/<int:pk>/": PRIVATE,
    "nhiem-vu/ke-hoach/<str:code>/nhap/": PRIVATE,
    "nhiem-vu/ke-hoach/<str:code>/xuat.<str:fmt>": PRIVATE,
    "nhiem-vu/ke-hoach/<str:code>/tep-trao-doi/": PRIVATE,
    "nhiem-vu/<int:pk>/": PRIVATE,
    "nhiem-vu/<int:pk>/sua/": PRIVATE,
    "nhiem-vu/<int:pk>/bao-cao/": PRIVATE,
    "nhiem-vu/<int:pk>/tu-danh-gia/": PRIVATE,
    "du-an/": PRIVATE,
    "du-an/them/": PRIVATE,
    "du-an/ke-hoach/<str:code>/nhap/": PRIVATE,
    "du-an/ke-hoach/<str:code>/xuat.<str:fmt>": PRIVATE,
    "du-an/ke-hoach/<str:code>/tep-trao-doi/": PRIVATE,
    "du-an/<int:pk>/": PRIVATE,
    "du-an/<int:pk>/sua/": PRIVATE,
    "du-an/<int:pk>/<str:what>/": PRIVATE,
    "lay-y-kien/": PUBLIC,
    "lay-y-kien/tao-moi/": PRIVATE,
    "lay-y-kien/y-kien/<str:token>/": PUBLIC,
    "lay-y-kien/<slug:slug>/bang-tong-hop/": PUBLIC,
    "lay-y-kien/<slug:slug>/": PUBLIC,
    "lay-y-kien/<slug:slug>/gop-y/": PUBLIC,
    "lay-y-kien/<slug:slug>/da-gui/": PUBLIC,
    "lay-y-kien/<slug:slug>/sua/": PRIVATE,
    "lay-y-kien/<slug:slug>/tai-len/": PRIVATE,
    "lay-y-kien/<slug:slug>/noi-dung/": PRIVATE,
    "lay-y-kien/<slug:slug>/noi-dung/<int:section_id>/": PRIVATE,
    "lay-y-kien/<slug:slug>/noi-dung/<int:section_id>/xoa/": PRIVATE,
    "lay-y-kien/<slug:slug>/kiem-duyet/": PRIVATE,
    "lay-y-kien/<slug:slug>/y-kien/<int:comment_id>/kiem-duyet/": PRIVATE,
    "lay-y-kien/<slug:slug>/y-kien/<int:comment_id>/tra-loi/": PRIVATE,
    "lay-y-kien/<slug:slug>/tong-hop/": PUBLIC,
    "lay-y-kien/<slug:slug>/tong-hop.docx": PUBLIC,
    "lay-y-kien/<slug:slug>/tong-hop.xlsx": PUBLIC,
    "van-ban/": PRIVATE,
    "van-ban/bao-cao/": PRIVATE,
    "van-ban/bao-cao/tai/<str:token>/": PRIVATE,
    "van-ban/bao-cao/soan/": PRIVATE,
    "van-ban/mau/": PRIVATE,
    "van-ban/mau/<str:kind>.docx": PRIVATE,
    "van-ban/mau/<str:kind>/mac-dinh/": PRIVATE,
    "van-ban/bao-cao/viec/<str:job_id>/": PRIVATE,
    "van-ban/bao-cao/viec/<str:job_id>/tai/": PRIVATE,
    "van-ban/ke-hoach/<str:code>/": PRIVATE,
    "van-ban/ke-hoach/<str:code>/du-thao.docx": PRIVATE,
    "doc-chi-tieu/": PRIVATE,
    "doc-chi-tieu/<int:pk>/": PRIVATE,
    "doc-chi-tieu/<int:pk>/muc/<int:item_pk>/": PRIVATE,
    "doc-chi-tieu/<int:pk>/tao-chi-tieu/": PRIVATE,
    "api/v1/": PUBLIC,
    "api/v1/openapi.json": PUBLIC,
    "api/v1/docs/": PUBLIC,
    "api/v1/token/": PUBLIC,
    "api/v1/units/": PRIVATE,
    "api/v1/units/import/": PRIVATE,
    "api/v1/units/<str:code>/": PRIVATE,
    "api/v1/indicators/": PRIVATE,
    "api/v1/indicators/<str:code>/": PRIVATE,
    "api/v1/plans/": PUBLIC,
    "api/v1/plans/<str:code>/": PUBLIC,
    "api/v1/plans/<str:code>/targets/": PUBLIC,
    "api/v1/plans/<str:code>/submit/": PRIVATE,
    "api/v1/plans/<str:code>/draft-next/": PRIVATE,
    "api/v1/plans/<str:code>/from-round/": PRIVATE,
    "api/v1/plans/<str:code>/assign/": PRIVATE,
    "api/v1/plans/<str:code>/adopt/": PRIVATE,
    "api/v1/plans/<str:code>/revisions/": PRIVATE,
    "api/v1/targets/<int:pk>/": PUBLIC,
    "api/v1/values/": PRIVATE,
    "api/v1/values/reported/": PRIVATE,
    "api/v1/values/import/": PRIVATE,
    "api/v1/dhis2/import/": PRIVATE,
    "api/v1/dhis2/export/": PRIVATE,
    "api/v1/import-jobs/<str:job_id>/": PRIVATE,
    "api/v1/import-jobs/<str:job_id>/errors/": PRIVATE,
    "api/v1/values/<int:pk>/": PRIVATE,
    "api/v1/values/<int:pk>/history/": PRIVATE,
    "api/v1/rounds/": PRIVATE,
    "api/v1/rounds/<slug:code>/": PRIVATE,
    "api/v1/rounds/<slug:code>/open/": PRIVATE,
    "api/v1/rounds/<slug:code>/copy/": PRIVATE,
    "api/v1/rounds/<slug:code>/close/": PRIVATE,
    "api/v1/rounds/<slug:code>/assign/": PRIVATE,
    "api/v1/rounds/<slug:code>/completeness/": PRIVATE,
    "api/v1/rounds/<slug:code>/sections/": PRIVATE,
    "api/v1/rounds/<slug:code>/texts/": PRIVATE,
    "api/v1/rounds/<slug:code>/compiled/": PRIVATE,
    "api/v1/rounds/<slug:code>/compiled/<slug:key>/": PRIVATE,
    "api/v1/forms/": PRIVATE,
    "api/v1/submissions/": PRIVATE,
    "api/v1/submissions/<int:pk>/": PRIVATE,
    "api/v1/submissions/<int:pk>/cells/": PRIVATE,
    "api/v1/submissions/<int:pk>/proposals/": PRIVATE,
    "api/v1/submissions/<int:pk>/xlsx/": PRIVATE,
    "api/v1/submissions/<int:pk>/texts/": PRIVATE,
    "api/v1/submissions/<int:pk>/texts/docx/": PRIVATE,
    "api/v1/submissions/<int:pk>/submit/": PRIVATE,
    "api/v1/submissions/<int:pk>/resubmit/": PRIVATE,
    "api/v1/submissions/<int:pk>/return/": PRIVATE,
    "api/v1/submissions/<int:pk>/accept/": PRIVATE,
    "api/v1/submissions/<int:pk>/reopen/": PRIVATE,
    "api/v1/plans/<str:code>/evaluation/": PRIVATE,
    "api/v1/plans/<str:code>/targets/<int:target_id>/override/": PRIVATE,
    "api/v1/evaluation/year/": PRIVATE,
    "api/v1/evaluation/judgements/": PRIVATE,
    "api/v1/consolidation/": PRIVATE,
    "api/v1/plans/<str:code>/report/": PRIVATE,
    "api/v1/plans/<str:code>/report-jobs/": PRIVATE,
    "api/v1/plans/<str:code>/document/": PRIVATE,
    "api/v1/report-jobs/<str:job_id>/": PRIVATE,
    "api/v1/report-jobs/<str:job_id>/file/": PRIVATE,
    "api/v1/document-templates/<str:kind>/": PRIVATE,
    "api/v1/comment-status/<str:token>/": PUBLIC,
    "api/v1/consultations/": PUBLIC,
    "api/v1/consultations/<slug:slug>/": PUBLIC,
    "api/v1/consultations/<slug:slug>/sections/": PUBLIC,
    "api/v1/consultations/<slug:slug>/comments/": PUBLIC,
    "api/v1/consultations/<slug:slug>/comments/<int:comment_id>/moderate/": PRIVATE,
    "api/v1/consultations/<slug:slug>/comments/<int:comment_id>/response/": PRIVATE,
    "api/v1/consultations/<slug:slug>/synthesis.docx": PUBLIC,
    "api/v1/consultations/<slug:slug>/synthesis.xlsx": PUBLIC,
    "api/v1/extract/": PRIVATE,
    "api/v1/extractions/": PRIVATE,
    "api/v1/extractions/<int:pk>/": PRIVATE,
    "api/v1/extractions/<int:pk>/items/": PRIVATE,
    "api/v1/extractions/<int:pk>/items/<int:item_pk>/": PRIVATE,
    "api/v1/extractions/<int:pk>/create-targets/": PRIVATE,
    "api/v1/tasks/": PRIVATE,
    "api/v1/tasks/mine/": PRIVATE,
    "api/v1/tasks/assessments/": PRIVATE,
    "api/v1/tasks/<int:pk>/assessments/": PRIVATE,
    "api/v1/tasks/<int:pk>/": PRIVATE,
    "api/v1/tasks/<int:pk>/progress/": PRIVATE,
    "api/v1/tasks/<int:pk>/due-items/": PRIVATE,
    "api/v1/evidence/<int:pk>/": PRIVATE,
    "api/v1/proposals/": PRIVATE,
    "api/v1/proposals/<int:pk>/decision/": PRIVATE,
    "api/v1/plans/<str:code>/tasks/import/": PRIVATE,
    "api/v1/plans/<str:code>/projects/import/": PRIVATE,
    "api/v1/plans/<str:code>/tasks/export/": PRIVATE,
    "api/v1/plans/<str:code>/projects/export/": PRIVATE,
    "api/v1/projects/": PRIVATE,
    "api/v1/projects/totals/": PRIVATE,
    "api/v1/projects/<int:pk>/": PRIVATE,
    "api/v1/projects/<int:pk>/years/": PRIVATE,
    "api/v1/projects/<int:pk>/capital-plans/<int:year>/": PRIVATE,
    "api/v1/projects/<int:pk>/disbursements/<int:year>/<int:month>/": PRIVATE,
    "api/v1/dashboard/": PRIVATE,
    "api/v1/public/dashboard/": PUBLIC,
    "api/v1/exports/units/": PRIVATE,
    "api/v1/exports/indicators/": PRIVATE,
    "api/v1/exports/plans/": PRIVATE,
    "api/v1/exports/targets/": PRIVATE,
    "api/v1/exports/values/": PRIVATE,
    "api/v1/exports/tasks/": PRIVATE,
    "api/v1/exports/projects/": PRIVATE,
}


def all_routes(patterns=None, prefix: str = "") -> list[str]:
    found: list[str] = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            found += all_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            found.append(prefix + str(pattern.pattern))
    return found


def url_for(route: str) -> str:
    def value(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        return "1" if converter == "int" else ("xlsx" if name == "fmt" else "KHONG-CO")
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route).lstrip("^").rstrip("$")


def app_routes() -> list[str]:
    return [r for r in all_routes() if not r.startswith(ADMIN_PREFIX)]


def test_every_url_is_classified():
    unclassified = sorted(set(app_routes()) - set(ROUTES))
    assert not unclassified, f"classify these URLs in ROUTES (PUBLIC or PRIVATE): {unclassified}"
    gone = sorted(set(ROUTES) - set(app_routes()))
    assert not gone, f"these URLs no longer exist; remove them from ROUTES: {gone}"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_gets_nothing_private_and_no_server_error(anon_client, method):
    served = []
    for route in app_routes():
        status = getattr(anon_client, method)(url_for(route)).status_code
        assert status < 500, f"{method.upper()} {route}: {status}"
        if ROUTES.get(route) == PRIVATE and status == 200:
            served.append(route)
        if ROUTES.get(route) == PRIVATE and status == 302:
            location = getattr(anon_client, method)(url_for(route))["Location"]
            assert location.startswith("/dang-nhap/"), f"{route} redirects to {location}"
    assert not served, f"private URLs served to an anonymous visitor: {served}"


@pytest.mark.django_db
def test_admin_site_is_closed_to_anonymous(anon_client):
    for route in all_routes():
        if route.startswith(ADMIN_PREFIX) and "login" not in route and "<" not in route:
            assert anon_client.get(url_for(route)).status_code in (302, 404), route


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("member", ["admin_client_", "planner_client", "reporter_a_client",
                                    "reporter_b_client", "leader_client"])
def test_no_url_answers_a_signed_in_member_with_a_server_error(request, member):
    client = request.getfixturevalue(member)
    for route in app_routes():
        if route in ("dang-xuat/",):
            continue
        for method in ("get", "post"):
            status = getattr(client, method)(url_for(route)).status_code
            assert status < 500, f"{member} {method.upper()} {route}: {status}"
