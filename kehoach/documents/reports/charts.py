"""The report's charts as PNG (matplotlib, no display): the targets by result in each group,
and the share of the plan reached by each target judged in the year."""

from __future__ import annotations

import io
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib import pyplot  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from kehoach.documents.decree30 import vn_number  # noqa: E402

from .content import PlanReport  # noqa: E402

FONT = ["Liberation Serif", "DejaVu Serif", "serif"]
COLOURS = {
    "exceeded": "#1a7f37",
    "met": "#57ab5a",
    "not_met": "#cf222e",
    "no_data": "#8c959f",
    "not_due": "#d0d7de",
}
STATUS_ORDER = ("exceeded", "met", "not_met", "no_data", "not_due")
DPI = 200
MAX_BARS = 30


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    pyplot.close(figure)
    return buffer.getvalue()


def _labels() -> dict[str, str]:
    return {
        "exceeded": _("Vượt"),
        "met": _("Đạt"),
        "not_met": _("Không đạt"),
        "no_data": _("Chưa có số liệu"),
        "not_due": _("Chưa đến kỳ"),
    }


def status_chart(report: PlanReport) -> bytes | None:
    """Stacked horizontal bars: per group, how many targets exceeded, met, not met…"""
    groups = [g for g in report.groups if g.rows]
    if not groups:
        return None
    with pyplot.rc_context({"font.family": FONT, "font.size": 10}):
        figure, axes = pyplot.subplots(figsize=(6.3, 0.36 * len(groups) + 1.2))
        names = [g.label for g in groups][::-1]
        left = [0] * len(groups)
        labels = _labels()
        for status in STATUS_ORDER:
            counts = [sum(1 for r in g.rows if r.status == status) for g in groups][::-1]
            if not any(counts):
                continue
            axes.barh(names, counts, left=left, color=COLOURS[status], label=labels[status])
            for index, count in enumerate(counts):
                if count:
                    axes.text(
                        left[index] + count / 2,
                        index,
                        str(count),
                        ha="center",
                        va="center",
                        color="white" if status != "not_due" else "black",
                    )
            left = [a + b for a, b in zip(left, counts, strict=True)]
        axes.set_xlabel(_("Số chỉ tiêu"))
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=5, frameon=False)
        return _png(figure)


def percent_chart(report: PlanReport) -> bytes | None:
    """Each target judged in the year: its result as a share of the plan (100% = the plan)."""
    rows = [
        r
        for r in report.rows
        if r.percent is not None and r.status in ("exceeded", "met", "not_met")
    ]
    if len(rows) < 2:
        return None
    rows = sorted(rows, key=lambda r: r.percent or Decimal(0))[:MAX_BARS]
    with pyplot.rc_context({"font.family": FONT, "font.size": 9}):
        figure, axes = pyplot.subplots(figsize=(6.3, 0.28 * len(rows) + 1.2))
        names = [r.result.target.indicator.name_vi[:48] for r in rows]
        values = [float(r.percent or 0) for r in rows]
        axes.barh(names, values, color=[COLOURS[r.status] for r in rows])
        axes.axvline(100, color="black", linewidth=0.8, linestyle="--")
        for index, row in enumerate(rows):
            axes.text(
                values[index] + 1, index, f"{vn_number(row.percent)}%", va="center", fontsize=8
            )
        axes.set_xlabel(_("%% so với kế hoạch năm %(y)s") % {"y": report.year})
        axes.set_xlim(0, max(values + [100]) * 1.15)
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)
