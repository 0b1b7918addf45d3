"""Read quantitative targets and results out of Vietnamese plan text (deterministic, offline).

>>> from kehoach.intake.extraction import extract_targets
>>> [t.to_json_dict()["value"] for t in extract_targets("Tỷ lệ lao động qua đào tạo đạt 55%.")]
[55]
"""

from .engine import extract_targets
from .model import ExtractedTarget
from .numbers import parse_number
from .reader import read_text_file

__all__ = ["ExtractedTarget", "extract_targets", "parse_number", "read_text_file"]
