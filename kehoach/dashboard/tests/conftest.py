from kehoach.reporting.tests.conftest import indicators, pl1, round_, sub_a, sub_b, templates

__all__ = ["indicators", "pl1", "round_", "sub_a", "sub_b", "templates"]
