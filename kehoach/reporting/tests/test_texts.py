"""The written part of a submission: sections of a round, texts with versions and the
workflow, .docx headings matched to sections, the compiled drafts the report reads."""

from __future__ import annotations

import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from docx import Document

from kehoach.reporting import selectors, services
from kehoach.reporting.errors import TextProblems, VersionConflict
from kehoach.reporting.models import Comment, SubmissionText, SubmissionTextRevision
from kehoach.reporting.prose import clean_prose, match_heading, word_count
from kehoach.reporting.tests.conftest import full_changes

pytestmark = pytest.mark.django_db

SECTIONS = [
    {"key": "results", "max_words": 300},
    {"key": "shortcomings", "title": "Tồn tại, hạn chế", "max_words": 5},
    {"key": "causes"},
    {"key": "solutions"},
]


@pytest.fixture
def sections(round_, planner):
    return {
        s.key: s
        for s in services.round_sections_set(round=round_, sections=SECTIONS, actor=planner)
    }


def save(sub, actor, **texts):
    return services.submission_texts_save(
        submission=sub, actor=actor, changes=[{"section": k, "text": v} for k, v in texts.items()]
    )


def docx_bytes(paragraphs):
    doc = Document()
    for style, text in paragraphs:
        if style == "h":
            doc.add_heading(text, level=2)
        elif style == "b":
            doc.add_paragraph().add_run(text).bold = True
        elif style == "li":
            doc.add_paragraph(text, style="List Bullet")
        else:
            doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- cleaning, counting, matching -------------------------------------------------------------


def test_clean_prose_drops_word_junk_but_keeps_what_a_reader_sees():
    pasted = (
        "Kết\u00a0quả\u200b đạt được\u00ad:\r\n\r\n\r\n\uf0b7\tTăng trưởng 7,5%\x0b\n"
        "•  Thu ngân sách\u202f2.000 tỷ\n\u2013 Giảm nghèo\n+ Cấp hai\n  "
    )
    assert clean_prose(pasted) == (
        "Kết quả đạt được:\n\n- Tăng trưởng 7,5%\n- Thu ngân sách 2.000 tỷ\n- Giảm nghèo\n+ Cấp hai"
    )


CASES = json.loads((Path(__file__).parent / "text_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["words"], ids=lambda c: c["text"][:30])
def test_word_count_as_the_script_counts(case):
    assert word_count(case["text"]) == case["words"]


def test_word_count():
    assert word_count("- Tăng trưởng 7,5%, thu 2.000 tỷ đồng.") == 7
    assert word_count("") == 0


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("II. TỒN TẠI, HẠN CHẾ", "shortcomings"),
        ("2. Ton tai han che:", "shortcomings"),
        ("Nguyên nhân của tồn tại, hạn chế", "causes"),
        ("a) Nhiệm vụ, giải pháp trọng tâm những tháng cuối năm", "solutions"),
        ("1. Kết quả đạt đươc", "results"),  # a typo
        ("Tình hình kinh tế xã hội của tỉnh trong năm nay rất tốt", None),
        ("Bài học kinh nghiệm", None),  # not a section of this round
    ],
)
def test_match_heading(sections, line, key):
    found = match_heading(line, list(sections.values()))
    assert (found.key if found else None) == key


# --- sections of a round ---------------------------------------------------------------------


def test_sections_set_orders_and_refuses_bad_input(round_, planner, sections):
    assert list(round_.sections.values_list("key", "position")) == [
        ("results", 1),
        ("shortcomings", 2),
        ("causes", 3),
        ("solutions", 4),
    ]
    assert sections["results"].title == "Kết quả đạt được"
    assert sections["shortcomings"].report_part == "II"
    for bad in (
        [{"key": "poems"}],
        [{"key": "results"}, {"key": "results"}],
        [{"key": "results", "max_words": -3}],
        [{"key": "results", "max_words": "x"}],
    ):
        with pytest.raises(ValidationError):
            services.round_sections_set(round=round_, sections=bad, actor=planner)
    assert round_.sections.count() == 4


def test_section_written_in_cannot_be_removed(round_, planner, sections, sub_a, reporter_a):
    save(sub_a, reporter_a, causes="Do thời tiết.")
    with pytest.raises(ValidationError, match="đã có đơn vị viết"):
        services.round_sections_set(round=round_, sections=SECTIONS[:2], actor=planner)
    services.round_sections_set(round=round_, sections=SECTIONS[:3], actor=planner)
    assert set(round_.sections.values_list("key", flat=True)) == {
        "results",
        "shortcomings",
        "causes",
    }


# --- writing ---------------------------------------------------------------------------------


def test_save_versions_history_and_draft(sections, sub_a, reporter_a):
    saved = save(sub_a, reporter_a, results="Tăng trưởng\u200b 7,5%.\x07")
    assert saved[0].text == "Tăng trưởng 7,5%." and saved[0].version == 1
    sub_a.refresh_from_db()
    assert sub_a.status == "draft"
    services.submission_texts_save(
        submission=sub_a,
        actor=reporter_a,
        changes=[{"section": "results", "text": "Tăng trưởng 8%.", "version": 1}],
    )
    text = SubmissionText.objects.get(submission=sub_a, section=sections["results"])
    assert text.version == 2
    assert list(
        SubmissionTextRevision.objects.filter(text=text).values_list("old_text", "new_text")
    ) == [("Tăng trưởng 7,5%.", "Tăng trưởng 8%."), ("", "Tăng trưởng 7,5%.")]


def test_conflict_and_bad_section_save_nothing(sections, sub_a, reporter_a):
    save(sub_a, reporter_a, results="Bản đầu.")
    with pytest.raises(TextProblems) as caught:
        services.submission_texts_save(
            submission=sub_a,
            actor=reporter_a,
            changes=[
                {"section": "causes", "text": "Mới", "version": 0},
                {"section": "results", "text": "Bản cũ sửa", "version": 0},
            ],
        )
    assert caught.value.is_conflict
    assert caught.value.problems[0]["current_text"] == "Bản đầu."
    with pytest.raises(TextProblems, match="không có mục"):
        save(sub_a, reporter_a, causes="Mới", lessons="Không có trong đợt")
    with pytest.raises(TextProblems, match="văn bản"):
        services.submission_texts_save(
            submission=sub_a, actor=reporter_a, changes=[{"section": "causes", "text": 5}]
        )
    assert not SubmissionText.objects.filter(section=sections["causes"]).exists()


def test_other_unit_and_locked_refused(sections, sub_a, sub_b, reporter_a, reporter_b, planner):
    with pytest.raises(PermissionDenied):
        save(sub_a, reporter_b, results="Không phải của tôi")
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    save(sub_a, reporter_a, results="Đã viết.")
    services.submission_submit(submission=sub_a, actor=reporter_a)
    with pytest.raises(ValidationError, match="không sửa được"):
        save(sub_a, reporter_a, results="Sửa khi đã gửi")
    services.submission_accept(submission=sub_a, actor=planner)
    with pytest.raises(ValidationError, match="không sửa được"):
        save(sub_a, reporter_a, results="Sửa sau khi tiếp nhận")
    assert SubmissionText.objects.get(submission=sub_a).text == "Đã viết."


def test_return_with_section_comment_then_resubmit(sections, sub_a, reporter_a, planner):
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    save(sub_a, reporter_a, shortcomings="Chưa nêu.")
    services.submission_submit(submission=sub_a, actor=reporter_a)
    with pytest.raises(ValidationError):
        services.submission_return(
            submission=sub_a, actor=planner, cell_comments=[{"section": "lessons", "text": "x"}]
        )
    services.submission_return(
        submission=sub_a,
        actor=planner,
        cell_comments=[{"section": "shortcomings", "text": "Cần phân tích rõ hơn."}],
    )
    comment = Comment.objects.get(submission=sub_a)
    assert comment.section == sections["shortcomings"] and comment.row is None
    save(sub_a, reporter_a, shortcomings="Giải ngân vốn đầu tư công chậm.")
    services.submission_resubmit(submission=sub_a, actor=reporter_a)
    sub_a.refresh_from_db()
    assert sub_a.status == "submitted"


# --- .docx -----------------------------------------------------------------------------------


def test_docx_headings_matched(sections, sub_a, reporter_a):
    data = docx_bytes(
        [
            ("p", "BÁO CÁO CỦA SỞ"),
            ("h", "1. Kết quả đạt được"),
            ("p", "Tăng trưởng khá."),
            ("li", "Thu ngân sách vượt dự toán."),
            ("b", "2. TỒN TẠI, HẠN CHẾ"),
            ("p", "Giải ngân chậm."),
            ("h", "Nhiem vu, giai phap"),
            ("p", "Đẩy mạnh giải ngân."),
        ]
    )
    with pytest.raises(ValidationError, match="trước đề mục đầu tiên"):
        services.submission_texts_import_docx(submission=sub_a, data=data, actor=reporter_a)
    result = services.submission_texts_import_docx(
        submission=sub_a, data=data, actor=reporter_a, fallback="results"
    )
    texts = dict(
        SubmissionText.objects.filter(submission=sub_a).values_list("section__key", "text")
    )
    assert texts == {
        "results": "BÁO CÁO CỦA SỞ\nTăng trưởng khá.\n- Thu ngân sách vượt dự toán.",
        "shortcomings": "Giải ngân chậm.",
        "solutions": "Đẩy mạnh giải ngân.",
    }
    assert result["fallback_used"] and len(result["headings"]) == 3


def test_docx_without_headings_goes_to_chosen_section(sections, sub_a, reporter_a):
    data = docx_bytes([("p", "Một đoạn."), ("p", "Đoạn thứ hai.")])
    with pytest.raises(ValidationError, match="Không nhận ra đề mục"):
        services.submission_texts_import_docx(submission=sub_a, data=data, actor=reporter_a)
    result = services.submission_texts_import_docx(
        submission=sub_a, data=data, actor=reporter_a, fallback="causes"
    )
    assert result["sections"] == ["causes"] and result["fallback_used"]
    assert SubmissionText.objects.get(submission=sub_a).text == "Một đoạn.\nĐoạn thứ hai."


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_docx_damaged(sections, sub_a, reporter_a, data):
    with pytest.raises(ValidationError):
        services.submission_texts_import_docx(
            submission=sub_a, data=data, actor=reporter_a, fallback="results"
        )
    assert not SubmissionText.objects.exists()


# --- compiling -------------------------------------------------------------------------------


def test_compile_pick_merge_and_selector(
    round_, sections, sub_a, sub_b, reporter_a, reporter_b, planner, unit_a, unit_b
):
    assert selectors.round_compiled_sections(round=round_)["shortcomings"]["paragraphs"] == []
    text_a = save(sub_a, reporter_a, shortcomings="Giải ngân chậm.\n- Thiếu vốn.")[0]
    text_b = save(sub_b, reporter_b, shortcomings="Thiếu nhân lực y tế.")[0]
    section = sections["shortcomings"]
    services.compiled_section_pick(
        section=section, picks=[(text_a, 0), (text_b, 0)], merge=True, actor=planner
    )
    services.compiled_section_pick(section=section, picks=[(text_a, 1)], actor=planner)
    with pytest.raises(ValidationError):
        services.compiled_section_pick(section=section, picks=[(text_a, 7)], actor=planner)
    with pytest.raises(VersionConflict):
        services.compiled_section_save(
            section=section, passages=[], actor=planner, expected_version=1
        )
    compiled = selectors.round_compiled_sections(round=round_)
    assert list(compiled) == ["results", "shortcomings", "causes", "solutions"]
    part = compiled["shortcomings"]
    assert part["report_part"] == "II" and part["title"] == "Tồn tại, hạn chế"
    codes = sorted([unit_a.code, unit_b.code])
    assert [(p["text"], [s["code"] for s in p["sources"]]) for p in part["paragraphs"]] == [
        ("Giải ngân chậm.", codes),
        ("Thiếu nhân lực y tế.", codes),
        ("- Thiếu vốn.", [unit_a.code]),
    ]
    services.compiled_section_save(
        section=section,
        actor=planner,
        expected_version=2,
        passages=[
            {
                "text": "Giải ngân vốn đầu tư công còn chậm; thiếu nhân lực y tế.",
                "sources": [unit_a, unit_b],
            },
            {"text": "  ", "sources": []},
        ],
    )
    part = selectors.round_compiled_sections(round=round_)["shortcomings"]
    assert len(part["paragraphs"]) == 1 and part["paragraphs"][0]["text"].startswith("Giải ngân")


# --- the command ---------------------------------------------------------------------------


def test_round_texts_command(round_, sections, sub_a, reporter_a, planner, unit_a, tmp_path):
    text = save(sub_a, reporter_a, shortcomings="Một hai ba bốn năm sáu.")[0]
    services.compiled_section_pick(
        section=sections["shortcomings"], picks=[(text, 0)], actor=planner
    )
    out = StringIO()
    call_command(
        "round_texts", round_.code, "--section", "shortcomings", "--format", "json", stdout=out
    )
    rows = json.loads(out.getvalue())
    mine = next(r for r in rows if r["unit"] == unit_a.code)
    assert mine["words"] == 6 and mine["over"] is True and mine["text"].startswith("Một")
    out = StringIO()
    call_command("round_texts", round_.code, "--compiled", "--format", "csv", stdout=out)
    assert f"shortcomings,II,1,{unit_a.code},Một hai ba bốn năm sáu." in out.getvalue()
    target = tmp_path / "phan-viet.docx"
    call_command("round_texts", round_.code, "--out", str(target), stdout=StringIO())
    assert "Một hai ba bốn năm sáu." in "\n".join(
        p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs
    )
    for bad in (
        ["nope"],
        [round_.code, "--out", str(tmp_path / "x.pdf")],
        [round_.code, "--section", "lessons"],
    ):
        with pytest.raises(CommandError) as caught:
            call_command("round_texts", *bad, stdout=StringIO())
        assert caught.value.returncode == 2
