"""Services of the evaluation app: consolidation, evaluation, status overrides, synthetic data."""

from kehoach.evaluation.services.consolidate import Consolidation, ConsolidationItem, consolidate
from kehoach.evaluation.services.evaluation import PlanEvaluation, TargetResult, plan_evaluate
from kehoach.evaluation.services.overrides import override_clear, override_set

__all__ = [
    "Consolidation",
    "ConsolidationItem",
    "PlanEvaluation",
    "TargetResult",
    "consolidate",
    "override_clear",
    "override_set",
    "plan_evaluate",
]
