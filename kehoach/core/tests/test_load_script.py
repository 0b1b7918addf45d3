"""scripts/load: the report of make load (errors fail, 409 conflicts counted apart) and the mix."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "load" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HEADER = "Type,Name,Request Count,Failure Count,50%,95%,99%\n"


def test_report_prints_percentiles_and_counts_conflicts_apart(tmp_path, capsys):
    stats = tmp_path / "stats.csv"
    stats.write_text(HEADER + "POST,save cells,40,0,120,250,300\n"
                     "POST,save cells (409 conflict),3,0,110,130,130\n"
                     ",Aggregated,43,0,120,250,300\n")
    assert _module("run").report(stats) == 0
    out = capsys.readouterr().out
    assert "save cells" in out and "250" in out and "409 conflicts (correct, counted apart): 3" in out
    assert "Aggregated" not in out


def test_report_fails_on_errors(tmp_path, capsys):
    stats = tmp_path / "stats.csv"
    stats.write_text(HEADER + "GET,form page,10,2,100,200,300\n")
    assert _module("run").report(stats) == 1
    assert "errors: 2" in capsys.readouterr().out


def test_the_mix_reads_editable_cells_of_the_form_page():
    locustfile = _module("mix")  # never the locustfile: importing locust patches the process
    html = ('<tr data-row="12" data-n="1"><td class="c num src-web ed" data-k="y2024" '
            'data-raw="7,5" data-v="3"></td><td class="c num src-web" data-k="y2023" '
            'data-raw="1" data-v="1"></td></tr>')
    rows = locustfile.ROW.findall(html)
    assert rows[0][0] == "12"
    assert locustfile.CELL.findall(rows[0][1]) == [("y2024", "7,5", "3")]
    assert {user for user, _ in locustfile.REPORTERS} == {"soyte", "sonnmt"}
