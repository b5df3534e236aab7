"""The benchmark runner's pure parts: statistics, the report's shape, synthetic data.

Nothing here asserts a speed: the benchmarks measure, tests only check that they measure
what they say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import coldstart, packs, report, scaling
from benchmarks.stats import Figure, Sample, Target, interleave, ratios

from briefing.check import read_data
from briefing.model import Relationship
from briefing.profile_model import Regions

ROOT = Path(__file__).resolve().parents[1]


def test_sample_gives_median_and_range() -> None:
    sample = Sample.of([3.0, 1.0, 2.0, 10.0])
    assert (sample.median, sample.low, sample.high) == (2.5, 1.0, 10.0)
    assert sample.scaled(1000).runs == (3000.0, 1000.0, 2000.0, 10000.0)
    with pytest.raises(ValueError):
        Sample.of([])


def test_ratios_pair_each_repeat_with_its_own_floor() -> None:
    assert ratios([2.0, 3.0], [1.0, 2.0]).runs == (2.0, 1.5)
    with pytest.raises(ValueError):
        ratios([1.0], [1.0, 2.0])


def test_interleave_runs_every_action_once_per_repeat_in_rotating_order() -> None:
    calls: list[str] = []
    times = interleave({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}, 3)
    assert calls == ["a", "b", "b", "a", "a", "b"]
    assert [len(v) for v in times.values()] == [3, 3]
    assert all(t >= 0 for v in times.values() for t in v)


def test_a_figure_is_judged_by_its_median_or_by_its_check() -> None:
    under = Figure("1", "ratio", "×", Sample.of([1.1, 1.3, 1.2]), Target(1.25))
    over = Figure("1", "ratio", "×", Sample.of([1.3, 1.4, 1.2]), Target(1.25))
    at_least = Figure("5", "efficiency", "", Sample.of([0.9]), Target(0.85, at_least=True))
    assert (under.met, over.met, at_least.met) == (True, False, True)
    assert under.target_text == "≤ 1.25×" and at_least.target_text == "≥ 0.85"
    assert Figure("3", "imports WeasyPrint", text="no", check=True, expected="no").met is True
    assert Figure("6", "pandoc", text="pandoc not installed").met is None


def test_the_json_keeps_every_run_and_counts_the_targets(tmp_path: Path) -> None:
    figures = [
        Figure("1", "build", "ms", Sample.of([900.0, 1000.0])),
        Figure("1", "ratio", "×", Sample.of([1.1, 1.2]), Target(1.25), note="interleaved"),
        Figure("3", "imports WeasyPrint", text="no", check=True, expected="no"),
    ]
    path = tmp_path / "out" / "results.json"
    report.write_json(path, report.document(figures, {"quick": True}))
    data = json.loads(path.read_text("utf-8"))
    assert set(data) == {"run", "machine", "summary", "figures"}
    assert data["summary"] == {"targets": 2, "met": 2, "not_met": 0}
    build, ratio, weasyprint = data["figures"]
    assert build == {
        "group": "1",
        "name": "build",
        "unit": "ms",
        "median": 950.0,
        "min": 900.0,
        "max": 1000.0,
        "runs": [900.0, 1000.0],
        "target": None,
        "met": None,
        "note": "",
    }
    assert (ratio["target"], ratio["met"], ratio["note"]) == ("≤ 1.25×", True, "interleaved")
    assert (weasyprint["text"], weasyprint["met"]) == ("no", True)


def test_the_table_shows_median_range_target_and_verdict() -> None:
    figure = Figure("1", "build / floor", "×", Sample.of([1.04, 1.1, 1.3]), Target(1.25))
    assert report.cells(figure) == ("build / floor", "1.10×", "1.04–1.30×", "≤ 1.25×", "yes", "")
    assert report.cells(Figure("2", "HTML", "ms", Sample.of([7.25, 8.0])))[1:3] == (
        "7.6 ms",
        "7.2–8.0 ms",
    )
    table = report.markdown([figure])
    assert "| **1** |" in table and "| build / floor | 1.10× |" in table


def test_importtime_lines_are_read_as_modules() -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        250 |   weasyprint.text\n"
        "import time:      2000 |     252000 | briefing.workspace\n"
        "data/canada/peru.yaml:7:8: warning: as_of: old\n"
    )
    modules = coldstart.parse_importtime(stderr)
    assert modules == {"weasyprint.text": 0.25, "briefing.workspace": 252.0}
    assert coldstart.imports_weasyprint(modules)
    assert not coldstart.imports_weasyprint({"weasyprintish": 1.0, "briefing": 2.0})
    assert coldstart.heaviest(modules) == "briefing.workspace 252 ms"


def test_synthetic_relationship_repeats_its_lists() -> None:
    data = {
        "home": "canada",
        "summary": {"text": ["s"]},
        "background": {"sources": ["x"], "text": ["a", "b"]},
        "visits": [{"date": "2011"}],
        "agreements": [{"name": "FTA"}],
    }
    five = scaling.synthetic_relationship(data, 5)
    assert five["background"] == {"sources": ["x"], "text": ["a", "b", "a", "b", "a"]}
    assert len(five["visits"]) == 5 and five["agreements"] == data["agreements"]
    assert five["visits"][0] is not five["visits"][1]  # copies: YAML must not write aliases
    assert scaling.synthetic_relationship(data, 0) == {"home": "canada", "summary": {"text": ["s"]}}


def test_a_larger_synthetic_brief_has_more_pages(tmp_path: Path) -> None:
    sizes = scaling.Sizes(ROOT, tmp_path)
    assert 1 <= sizes.pages(0) < sizes.pages(1) < sizes.pages(4)
    ws = sizes.built[4][0]
    _, relationship, _ = read_data(ws, ws.relationship_path("canada", "peru"))
    assert isinstance(relationship, Relationship) and len(relationship.visits) == 4


def test_the_synthetic_pack_is_valid_data(tmp_path: Path) -> None:
    ws = packs.pack_workspace(ROOT, tmp_path / "ws", 3)
    _, regions, _ = read_data(ws, ws.regions_path)
    assert isinstance(regions, Regions)
    region = next(r for r in regions.regions if r.id == packs.REGION)
    assert region.member_ids == ["bench-001", "bench-002", "bench-003"]
    _, relationship, _ = read_data(ws, ws.relationship_path("canada", "bench-002"))
    assert isinstance(relationship, Relationship) and relationship.partner == "bench-002"
