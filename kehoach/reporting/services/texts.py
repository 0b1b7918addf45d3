"""The written part of a submission: the round's sections, the units' texts (autosaved with
versions like the cells, or read from a .docx), and the province's compiled drafts.

Texts follow the submission's workflow: they may be written while its cells may be typed
(``check_editable``: not after acceptance, not in a closed round); the first change of a form
not started makes it a draft; every change bumps the submission's version and keeps a revision.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record
from kehoach.reporting import workflow
from kehoach.reporting.errors import TextProblems, VersionConflict
from kehoach.reporting.models import (
    CompiledPassage,
    CompiledSection,
    Round,
    RoundSection,
    SectionKey,
    Submission,
    SubmissionEvent,
    SubmissionText,
    SubmissionTextRevision,
)
from kehoach.reporting.prose import (
    MAX_CHARS,
    clean_prose,
    docx_blocks,
    prose_paragraphs,
    split_by_sections,
)
from kehoach.reporting.services.cells import check_editable
from kehoach.units.models import Unit

MAX_SECTION_WORDS = 20_000


# --- the round's sections --------------------------------------------------------------------


def _section_from(round: Round, position: int, item: dict[str, Any]) -> RoundSection:
    key = str(item.get("key") or "")
    if key not in SectionKey.values:
        raise ValidationError(
            {
                "sections": _("Mục “%(k)s” không có trong danh sách: %(l)s.")
                % {"k": key, "l": ", ".join(SectionKey.values)}
            }
        )
    title = clean_prose(str(item.get("title") or "")).replace("\n", " ") or str(
        SectionKey(key).label
    )
    max_words = item.get("max_words")
    if max_words in ("", None):
        max_words = None
    elif (
        isinstance(max_words, bool)
        or not str(max_words).isdigit()
        or not 1 <= int(max_words) <= MAX_SECTION_WORDS
    ):
        raise ValidationError(
            {
                "sections": _("Mục “%(t)s”: độ dài khuyến nghị là số từ, từ 1 đến %(m)s.")
                % {"t": title, "m": f"{MAX_SECTION_WORDS:,}".replace(",", ".")}
            }
        )
    section = RoundSection(
        round=round,
        key=key,
        position=position,
        title=title[:200],
        guidance=clean_prose(str(item.get("guidance") or "")),
        max_words=int(max_words) if max_words is not None else None,
    )
    section.full_clean(exclude=["round"], validate_unique=False)
    return section


@transaction.atomic
def round_sections_set(
    *, round: Round, sections: list[dict[str, Any]], actor: Any
) -> list[RoundSection]:
    """The round's text sections, in the order given: ``[{key, title?, max_words?,
    guidance?}]``. Sections already written keep their texts; removing a section a unit has
    written in is refused."""
    wanted = [
        _section_from(round, position, item) for position, item in enumerate(sections, start=1)
    ]
    keys = [s.key for s in wanted]
    if len(set(keys)) != len(keys):
        raise ValidationError({"sections": _("Mỗi mục chỉ chọn một lần.")})
    existing = {s.key: s for s in round.sections.all()}
    removed = [s for key, s in existing.items() if key not in keys]
    written = [s.title for s in removed if s.texts.exclude(text="").exists()]
    if written:
        raise ValidationError(
            {
                "sections": _("Không bỏ được mục đã có đơn vị viết: %(t)s.")
                % {"t": ", ".join(written)}
            }
        )
    for section in removed:
        section.delete()
    saved = []
    for section in wanted:
        current = existing.get(section.key)
        if current is not None:
            section.pk = current.pk
        section.save()
        saved.append(section)
    audit_record(
        actor=actor,
        action="round_sections_set",
        obj=round,
        summary=", ".join(keys) or "-",
        data={"sections": keys},
    )
    return saved


# --- the units' texts ------------------------------------------------------------------------


def _plan_texts(submission: Submission, changes: list[dict[str, Any]]) -> list[tuple]:
    sections = {s.key: s for s in submission.round.sections.all()}
    existing = {
        t.section_id: t
        for t in submission.texts.select_for_update(of=("self",)).select_related("updated_by")
    }
    problems: list[dict[str, Any]] = []
    plan: list[tuple] = []
    for change in changes:
        key = str(change.get("section") or "")
        section = sections.get(key)
        if section is None:
            problems.append(
                {
                    "section": key,
                    "code": "invalid",
                    "message": _("Đợt này không có mục “%(k)s”.") % {"k": key},
                }
            )
            continue
        raw = change.get("text")
        if not isinstance(raw, str):
            problems.append(
                {
                    "section": key,
                    "code": "invalid",
                    "message": _("%(t)s: nội dung phải là văn bản.") % {"t": section.title},
                }
            )
            continue
        if len(raw) > MAX_CHARS:
            problems.append(
                {
                    "section": key,
                    "code": "invalid",
                    "message": _("%(t)s: quá dài (tối đa %(m)s ký tự).")
                    % {"t": section.title, "m": f"{MAX_CHARS:,}".replace(",", ".")},
                }
            )
            continue
        current = existing.get(section.pk)
        seen, version = change.get("version"), current.version if current else 0
        if seen is not None and int(seen) != version:
            who = str(current.updated_by) if current and current.updated_by else _("người khác")
            problems.append(
                {
                    "section": key,
                    "code": "conflict",
                    "current_version": version,
                    "current_text": current.text if current else "",
                    "changed_by": who,
                    "message": _(
                        "%(t)s: %(who)s vừa sửa mục này. Hãy tải lại, đối chiếu rồi "
                        "viết lại nếu cần."
                    )
                    % {"t": section.title, "who": who},
                }
            )
            continue
        plan.append((section, current, clean_prose(raw)))
    if problems:
        raise TextProblems(problems)
    return plan


def _apply_texts(
    submission: Submission, plan: list[tuple], actor: Any, source: str
) -> list[SubmissionText]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    saved = []
    for section, current, text in plan:
        old = current.text if current else ""
        if current is not None and old == text:
            continue
        if current is None:
            if not text:
                continue
            current = SubmissionText(submission=submission, section=section)
        else:
            current.version += 1
        current.text, current.updated_by = text, user
        current.save()
        SubmissionTextRevision.objects.create(
            text=current, old_text=old, new_text=text, changed_by=user, source=source
        )
        saved.append(current)
    return saved


def _touch(submission: Submission, actor: Any) -> None:
    row = workflow.transition_for(submission.status, workflow.Action.EDIT)
    if row is not None and row.target != submission.status:  # the first change of a new form
        SubmissionEvent.objects.create(
            submission=submission, actor=actor, from_status=submission.status, to_status=row.target
        )
        submission.status = row.target
    submission.version += 1
    submission.save(update_fields=["status", "version", "updated_at"])


def _lock(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round", "template", "unit")
        .get(pk=submission.pk)
    )


@transaction.atomic
def submission_texts_save(
    *, submission: Submission, changes: list[dict[str, Any]], actor: Any, source: str = "web"
) -> list[SubmissionText]:
    """Save sections of text: ``[{section: key, text, version}]`` (``version``: the one the
    caller saw, 0 for a section not yet written; omitted: no check). All or nothing: raises
    ``TextProblems`` listing every refused section. Text is cleaned (``clean_prose``); a text
    longer than the section's guide is kept (the page and the API warn). Returns what changed."""
    submission = _lock(submission)
    check_editable(submission, actor)
    if submission.template.is_proposals:
        raise ValidationError(_("Phần viết nằm ở biểu số liệu của đơn vị, không ở biểu đề xuất."))
    saved = _apply_texts(submission, _plan_texts(submission, changes), actor, source)
    if saved:
        _touch(submission, actor)
        audit_record(
            actor=actor,
            action="submission_texts_save",
            obj=submission,
            summary=", ".join(t.section.key for t in saved),
            data={"source": source, "sections": [t.section.key for t in saved]},
        )
    return saved


@transaction.atomic
def submission_texts_import_docx(
    *, submission: Submission, data: bytes, actor: Any, fallback: str = ""
) -> dict[str, Any]:
    """Fill the sections from a .docx: its headings are matched to the round's sections
    (accents, case, numbering ignored, a typo forgiven) and each section gets what follows its
    heading. Without a recognisable heading the whole text goes to ``fallback`` (a section key
    the unit chose); text before the first heading too. The sections found replace what was
    written; the others are kept. Returns ``{"sections": [keys], "headings": [[line, key]],
    "fallback_used": bool}``."""
    submission = _lock(submission)
    check_editable(submission, actor)
    sections = list(submission.round.sections.order_by("position"))
    if not sections:
        raise ValidationError(_("Đợt này không yêu cầu phần viết."))
    by_key = {s.key: s for s in sections}
    split = split_by_sections(docx_blocks(data), sections)
    texts = dict(split.texts)
    if split.preamble:
        if fallback not in by_key:
            raise ValidationError(
                _(
                    "Không nhận ra đề mục nào trong tệp (hoặc có đoạn đứng trước đề mục đầu tiên): "
                    "hãy chọn mục sẽ nhận phần văn bản đó."
                )
                if not split.headings
                else _("Có đoạn đứng trước đề mục đầu tiên: hãy chọn mục sẽ nhận các đoạn đó.")
            )
        texts[fallback] = "\n".join(p for p in (split.preamble, texts.get(fallback, "")) if p)
    changes = [{"section": key, "text": text} for key, text in texts.items()]
    saved = submission_texts_save(
        submission=submission, changes=changes, actor=actor, source="docx"
    )
    submission.refresh_from_db()
    return {
        "sections": [s.key for s in sections if s.key in texts],
        "changed": [t.section.key for t in saved],
        "headings": [list(h) for h in split.headings],
        "fallback_used": bool(split.preamble),
    }


# --- the province's compiled drafts ----------------------------------------------------------


def _compiled_for(section: RoundSection, expected_version: int | None) -> CompiledSection:
    compiled, _created = CompiledSection.objects.get_or_create(section=section, defaults={"version": 0})
    compiled = CompiledSection.objects.select_for_update().get(pk=compiled.pk)
    if expected_version is not None and int(expected_version) != compiled.version:
        raise VersionConflict(
            _(
                "Dự thảo của mục đã được người khác sửa (phiên bản %(v)s). "
                "Hãy tải lại trước khi sửa."
            )
            % {"v": compiled.version}
        )
    return compiled


def _store_passages(compiled: CompiledSection, passages: list[dict[str, Any]], start: int) -> int:
    count = 0
    for item in passages:
        text = clean_prose(str(item.get("text") or ""))
        if not text:
            continue
        count += 1
        passage = CompiledPassage.objects.create(
            compiled=compiled, position=start + count, text=text
        )
        passage.sources.set(item.get("sources") or [])
    return count


def _check_sources(passages: list[dict[str, Any]]) -> None:
    for index, item in enumerate(passages, start=1):
        sources = item.get("sources") or []
        if not all(isinstance(u, Unit) for u in sources):
            raise ValidationError(_("Đoạn %(n)s: đơn vị nguồn không hợp lệ.") % {"n": index})
        if len(str(item.get("text") or "")) > MAX_CHARS:
            raise ValidationError(
                _("Đoạn %(n)s: quá dài (tối đa %(m)s ký tự).")
                % {"n": index, "m": f"{MAX_CHARS:,}".replace(",", ".")}
            )


@transaction.atomic
def compiled_section_save(
    *,
    section: RoundSection,
    passages: list[dict[str, Any]],
    actor: Any,
    expected_version: int | None = None,
) -> CompiledSection:
    """Replace the province's draft of ``section``: ``[{text, sources: [Unit]}]`` in order
    (an empty text drops the passage). A stale ``expected_version`` is refused."""
    _check_sources(passages)
    compiled = _compiled_for(section, expected_version)
    compiled.passages.all().delete()
    count = _store_passages(compiled, passages, 0)
    return _saved(compiled, actor, f"{count}")


@transaction.atomic
def compiled_section_pick(
    *,
    section: RoundSection,
    picks: list[tuple[SubmissionText, int]],
    actor: Any,
    merge: bool = False,
    expected_version: int | None = None,
) -> CompiledSection:
    """Add the picked paragraphs (a unit's text, the paragraph's index) to the end of the draft:
    each as its own passage, or with ``merge`` all in one passage whose sources are every unit
    picked from."""
    if not picks:
        raise ValidationError(_("Hãy chọn ít nhất một đoạn của các đơn vị."))
    items: list[dict[str, Any]] = []
    for text, index in picks:
        if text.section_id != section.pk:
            raise ValidationError(_("Đoạn được chọn không thuộc mục này."))
        paragraphs = prose_paragraphs(text.text)
        if not 0 <= index < len(paragraphs):
            raise ValidationError(
                _("Đoạn được chọn không còn trong bài của đơn vị; hãy tải lại trang.")
            )
        items.append({"text": paragraphs[index], "sources": [text.submission.unit]})
    if merge:
        units = list({u.pk: u for item in items for u in item["sources"]}.values())
        items = [{"text": "\n".join(item["text"] for item in items), "sources": units}]
    compiled = _compiled_for(section, expected_version)
    last = compiled.passages.order_by("-position").values_list("position", flat=True).first()
    count = _store_passages(compiled, items, last or 0)
    return _saved(compiled, actor, f"+{count}")


def _saved(compiled: CompiledSection, actor: Any, summary: str) -> CompiledSection:
    user = actor if getattr(actor, "is_authenticated", False) else None
    compiled.version += 1
    compiled.updated_by = user
    compiled.save()
    audit_record(
        actor=actor,
        action="compiled_section_save",
        obj=compiled.section.round,
        summary=f"{compiled.section.key}: {summary}",
        data={"section": compiled.section.key, "version": compiled.version},
    )
    return compiled
