"""Vietnamese and English labels of statuses, progress classes and explanation steps.

Plain strings: the Django layer wraps them for translation. ``LABELS[lang][group][key]``.
"""

from __future__ import annotations

STATUS_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "exceeded": "vượt",
        "met": "đạt",
        "not_met": "không đạt",
        "no_data": "chưa có số liệu",
        "not_due": "chưa đến kỳ",
    },
    "en": {
        "exceeded": "exceeded",
        "met": "met",
        "not_met": "not met",
        "no_data": "no data",
        "not_due": "not due",
    },
}

PROGRESS_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "target_achieved": "đã đạt mục tiêu",
        "on_track": "đúng tiến độ",
        "acceleration_needed": "cần tăng tốc",
        "limited_progress": "tiến triển chậm",
        "deterioration": "đi lùi",
        "not_available": "không đủ dữ liệu",
        "substantial": "tiến triển mạnh",
        "moderate": "tiến triển vừa phải",
        "limited": "tiến triển hạn chế",
    },
    "en": {
        "target_achieved": "target achieved",
        "on_track": "on track",
        "acceleration_needed": "acceleration needed",
        "limited_progress": "limited progress",
        "deterioration": "deterioration",
        "not_available": "not enough data",
        "substantial": "substantial progress",
        "moderate": "moderate progress",
        "limited": "limited progress",
    },
}

STEP_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "target": "chỉ tiêu kế hoạch (T)",
        "target_max": "cận trên của khoảng",
        "tolerance": "sai số cho phép",
        "direction_d": "chiều tốt (d)",
        "met_if_at_least": "đạt khi không thấp hơn",
        "met_if_at_most": "đạt khi không cao hơn",
        "value": "số liệu năm",
        "base_value": "số liệu năm gốc",
        "missing_year": "thiếu số liệu năm",
        "missing_base": "thiếu số liệu năm gốc",
        "zero_level": "có năm số liệu bằng 0, không tính được tốc độ tăng",
        "growth_below_minus_100": "tốc độ tăng từ -100% trở xuống",
        "growth_rate": "tốc độ tăng năm (%)",
        "growth_index_product": "tích các chỉ số phát triển",
        "years_counted": "số năm đã tính",
        "years_total": "số năm của kỳ (N)",
        "average_growth": "tốc độ tăng bình quân (%)",
        "latest_value": "số liệu năm gần nhất",
        "annual_change": "mức thay đổi bình quân mỗi năm",
        "cumulative_sum": "lũy kế",
        "no_value_in_period": "chưa có số liệu trong kỳ",
        "value_judged": "giá trị được đánh giá",
        "value_rounded": "giá trị làm tròn",
        "percent_of_target": "so với kế hoạch (%)",
        "previous_value": "số liệu năm trước",
        "change_vs_previous": "so với năm trước",
        "fewer_than_two_years": "chưa đủ hai năm số liệu",
        "progress_origin": "năm gốc so sánh (y0)",
        "cagr_observed": "tốc độ tăng bình quân thực tế (CAGR_o, %)",
        "cagr_target": "tốc độ tăng bình quân cần có (CAGR_T, %)",
        "projected_value": "dự báo cuối kỳ",
        "different_signs": "số liệu trái dấu, không so sánh được",
        "goal_value": "mức cần đạt cuối kỳ",
        "sign_s": "dấu của năm gốc (s)",
        "ratio_r": "tỷ số tiến độ (R)",
        "years_left": "số năm còn lại",
        "required_rate": "tốc độ cần đạt mỗi năm còn lại (%)",
        "required_change": "mức thay đổi cần đạt mỗi năm còn lại",
        "required_per_year": "mức cần đạt mỗi năm còn lại",
        "average_not_computable": "chưa tính được bình quân",
        "sum_not_computable": "chưa tính được lũy kế",
        "average_to_date": "bình quân đến nay",
        "best_year_so_far": "năm cao nhất đến nay",
    },
    "en": {
        "target": "target (T)",
        "target_max": "upper bound of the range",
        "tolerance": "tolerance",
        "direction_d": "direction (d)",
        "met_if_at_least": "met when at least",
        "met_if_at_most": "met when at most",
        "value": "value of the year",
        "base_value": "base-year value",
        "missing_year": "missing value for the year",
        "missing_base": "missing base-year value",
        "zero_level": "a year's value is 0: growth cannot be computed",
        "growth_below_minus_100": "a growth rate of -100% or less",
        "growth_rate": "growth rate of the year (%)",
        "growth_index_product": "product of the growth indices",
        "years_counted": "years counted",
        "years_total": "years in the period (N)",
        "average_growth": "average growth (%)",
        "latest_value": "latest value",
        "annual_change": "average change a year",
        "cumulative_sum": "cumulative total",
        "no_value_in_period": "no value in the period yet",
        "value_judged": "value judged",
        "value_rounded": "value rounded",
        "percent_of_target": "percent of target",
        "previous_value": "previous year's value",
        "change_vs_previous": "compared with the previous year",
        "fewer_than_two_years": "fewer than two years of data",
        "progress_origin": "starting point (y0)",
        "cagr_observed": "observed compound growth (CAGR_o, %)",
        "cagr_target": "compound growth needed (CAGR_T, %)",
        "projected_value": "projected end value",
        "different_signs": "values of different signs: not comparable",
        "goal_value": "value to reach at the end",
        "sign_s": "sign of the base (s)",
        "ratio_r": "progress ratio (R)",
        "years_left": "years left",
        "required_rate": "rate needed each remaining year (%)",
        "required_change": "change needed each remaining year",
        "required_per_year": "amount needed each remaining year",
        "average_not_computable": "average not computable yet",
        "sum_not_computable": "cumulative total not computable yet",
        "average_to_date": "average to date",
        "best_year_so_far": "best year so far",
    },
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    lang: {
        "status": STATUS_LABELS[lang],
        "progress": PROGRESS_LABELS[lang],
        "step": STEP_LABELS[lang],
    }
    for lang in ("vi", "en")
}


def label(group: str, key: str, lang: str = "vi") -> str:
    """The label of ``key`` in ``group`` (status, progress, step); the key itself if unknown."""
    return LABELS.get(lang, LABELS["vi"]).get(group, {}).get(key, key)
