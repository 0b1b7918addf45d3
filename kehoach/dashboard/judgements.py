"""The units' own judgements beside the at-risk list.

What each responsible unit says of its five-year and master-plan targets for the year shown
("có khả năng đạt / khó đạt / không đạt", ``evaluation.selectors.judgement_current_map``), worded
and compared with the computed class by ``evaluation.presenters.judgement_shown``. The computed
class is the board's own (nothing is evaluated again). A unit saying "có khả năng đạt" of a target
the computation puts on the at-risk list is flagged first: that is the disagreement a leader has
to ask about. One query.
"""

from __future__ import annotations

from typing import Any

from kehoach.evaluation.models import JudgementOutlook
from kehoach.evaluation.presenters import judgement_shown
from kehoach.evaluation.selectors import JUDGED_PLAN_KINDS, judgement_current_map


def unit_judgements(lines: list[Any], year: int) -> dict[str, Any]:
    """The judged targets of ``lines`` (the board's), the flagged and disagreeing first, with
    the counts: targets the units could judge, judged, disagreeing, flagged."""
    judgeable = [line for line in lines if line.row.target.plan.kind in JUDGED_PLAN_KINDS]
    judged = judgement_current_map(target_ids={line.row.target.pk for line in judgeable},
                                   year=year)
    items = []
    for line in judgeable:
        row = line.row
        shown = judgement_shown(judged.get(row.target.pk), section=row.section,
                                outlook=row.outlook, status=row.status)
        if shown is None:
            continue
        flagged = shown["j"].outlook == JudgementOutlook.LIKELY and bool(line.attention)
        items.append({
            "line": line,
            "target": row.target,
            "judgement": shown["j"],
            "label": shown["label"],
            "disagrees": shown["disagrees"],
            "flagged": flagged,
        })
    items.sort(key=lambda i: (not i["flagged"], not i["disagrees"]))
    return {
        "year": year,
        "items": items,
        "flagged_ids": {i["target"].pk for i in items if i["flagged"]},
        "judgeable": len({line.row.target.pk for line in judgeable}),
        "judged": len(items),
        "disagreements": sum(1 for i in items if i["disagrees"]),
        "flagged": sum(1 for i in items if i["flagged"]),
    }


def judgements_json(block: dict[str, Any]) -> dict[str, Any]:
    """The block for programs: no person's name (the unit speaks, not its officer)."""
    return {
        "year": block["year"],
        "judgeable": block["judgeable"],
        "judged": block["judged"],
        "disagreements": block["disagreements"],
        "flagged": block["flagged"],
        "items": [
            {
                "target_id": i["target"].pk,
                "plan": i["target"].plan.code,
                "indicator": i["target"].indicator.code,
                "indicator_name": i["target"].indicator.name_vi,
                "unit": i["judgement"].unit.code,
                "unit_name": i["judgement"].unit.name,
                "judgement": i["judgement"].outlook,
                "judgement_label": str(i["label"]),
                "reason": i["judgement"].reason,
                "judged_at": i["judgement"].at.isoformat(),
                "computed": i["line"].row.outlook or i["line"].row.status,
                "computed_words": i["line"].words,
                "disagrees": i["disagrees"],
                "flagged": i["flagged"],
            }
            for i in block["items"]
        ],
    }
