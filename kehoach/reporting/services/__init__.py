"""Writes of the reporting app: rounds, assignments, cells, transitions, reminders, templates."""

from kehoach.reporting.services.cells import cell_save, parse_value
from kehoach.reporting.services.reminders import reminder_send, reminders_due
from kehoach.reporting.services.rounds import (
    RoundChanges,
    default_subject_unit,
    round_assign,
    round_close,
    round_copy,
    round_copy_proposal,
    round_create,
    round_open,
    round_update,
)
from kehoach.reporting.services.submissions import (
    proposal_save,
    submission_accept,
    submission_accept_values,
    submission_reopen,
    submission_resubmit,
    submission_return,
    submission_submit,
    submission_transition,
)
from kehoach.reporting.services.templates import template_install_builtin
from kehoach.reporting.services.texts import (
    compiled_section_pick,
    compiled_section_save,
    round_sections_set,
    submission_texts_import_docx,
    submission_texts_save,
)

__all__ = [
    "RoundChanges",
    "cell_save", "parse_value", "reminder_send", "reminders_due",
    "default_subject_unit", "round_assign", "round_close", "round_copy", "round_copy_proposal",
    "round_create",
    "round_open", "round_update", "proposal_save", "submission_accept", "submission_reopen",
    "submission_resubmit", "submission_return", "submission_submit", "template_install_builtin",
    "submission_transition", "submission_accept_values",
    "compiled_section_pick", "compiled_section_save", "round_sections_set",
    "submission_texts_import_docx", "submission_texts_save",
]
