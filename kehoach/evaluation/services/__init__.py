"""Services of the evaluation app: plan evaluation and status overrides; ``consolidate`` (from
``kehoach.evaluation.consolidation``) re-exported beside them."""

from kehoach.evaluation.consolidation import Consolidation, ConsolidationItem, consolidate
from kehoach.evaluation.services.evaluation import PlanEvaluation, TargetResult, plan_evaluate
from kehoach.evaluation.services.overrides import override_clear, override_set
from kehoach.evaluation.services.year import YearEvaluation, year_evaluate, year_rows_filtered

__all__ = [
    "Consolidation",
    "ConsolidationItem",
    "PlanEvaluation",
    "TargetResult",
    "YearEvaluation",
    "consolidate",
    "override_clear",
    "override_set",
    "plan_evaluate",
    "year_evaluate",
    "year_rows_filtered",
]
