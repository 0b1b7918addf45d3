"""The benchmark: import rate, national consolidation, one province's evaluation, memory."""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from kehoach.evaluation.consolidation import consolidate
from kehoach.evaluation.services.evaluation import plan_evaluate
from kehoach.evaluation.synthetic import LAST_YEAR, PLAN_PREFIX, scale_generate
from kehoach.plans.models import Plan


@dataclass
class Measure:
    seconds: float  #: the fastest run
    median: float
    peak_mb: float
    result: Any = None


def measure(fn: Callable[[], Any], runs: int = 5) -> Measure:
    """Time ``runs`` runs of ``fn`` (the fastest and the median), then its Python peak memory
    under tracemalloc."""
    times = []
    result = None
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Measure(min(times), statistics.median(times), peak / 2**20, result)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(*, provinces: int, communes: int, indicators: int, years: int,
              kinds: list[str], reuse: bool = False, runs: int = 5) -> dict[str, Any]:
    """Generate the dataset (or, with ``reuse``, keep the one there) and measure."""
    generated = None if reuse else scale_generate(
        provinces=provinces, communes=communes, indicators=indicators, years=years, kinds=kinds)
    import_rss = max_rss_mb()
    plan = Plan.objects.select_related("unit").get(code=f"{PLAN_PREFIX}P01")
    national = measure(lambda: consolidate(year=LAST_YEAR, kind=kinds[0]), runs)
    province = measure(lambda: plan_evaluate(plan=plan, year=LAST_YEAR, user=None), runs)
    return {
        "database": connection.vendor,
        "scale": f"{provinces} provinces x {communes} communes x {indicators} indicators x "
                 f"{years} years x {len(kinds)} kinds",
        "values": generated.values if generated else None,
        "import_seconds": round(generated.seconds, 2) if generated else None,
        "import_values_per_second": round(generated.rate) if generated else None,
        "import_max_rss_mb": round(import_rss),
        "runs": runs,
        "consolidation_seconds": round(national.seconds, 3),
        "consolidation_median_seconds": round(national.median, 3),
        "consolidation_rows": len(national.result.items),
        "consolidation_peak_mb": round(national.peak_mb, 1),
        "evaluation_seconds": round(province.seconds, 3),
        "evaluation_median_seconds": round(province.median, 3),
        "evaluation_targets": len(province.result.results),
        "evaluation_peak_mb": round(province.peak_mb, 1),
        "max_rss_mb": round(max_rss_mb()),
        **_beside_duckdb(national, kinds[0], runs),
    }


def _beside_duckdb(national: Measure, kind: str, runs: int) -> dict[str, Any]:
    """The consolidation beside DuckDB (docs/performance.md), two ways: DuckDB doing the same job
    (``bench_duckdb``: every level, each indicator's rule, the parents' own values beside, the
    same result rows) and, as before, DuckDB doing one level of plain sums
    (``values.bench.duckdb_consolidation``); loading is timed apart in both."""
    import tempfile
    from pathlib import Path

    from kehoach.evaluation.bench_duckdb import duckdb_same_job
    from kehoach.values.bench import duckdb_consolidation

    with tempfile.TemporaryDirectory() as folder:
        same = duckdb_same_job(year=LAST_YEAR, kind=kind, runs=runs, folder=Path(folder))
        sums = duckdb_consolidation(year=LAST_YEAR, kind=kind, runs=runs, folder=Path(folder))

    def ratio(seconds: float, duck: float) -> float | None:
        return round(seconds / duck, 1) if duck else None

    return {
        **same,
        "consolidation_vs_duckdb_same_job": ratio(national.seconds,
                                                  same["duckdb_same_job_seconds"]),
        "consolidation_vs_duckdb_same_job_median": ratio(
            national.median, same["duckdb_same_job_median_seconds"]),
        **sums,
        "consolidation_vs_duckdb_one_level_sums": ratio(national.seconds,
                                                        sums["duckdb_sums_seconds"]),
    }
