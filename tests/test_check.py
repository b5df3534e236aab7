"""`brief check` (its summary, JSON and cache), `brief new`, `brief init`, `brief schema`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from briefing.check import check, read_data
from briefing.check_cache import cache_path
from briefing.workspace import Workspace

Brief = Callable[..., Result]


def test_shipped_workspace_passes(brief: Brief) -> None:
    result = brief("check", "--workspace", Path(__file__).resolve().parents[1])
    assert result.exit_code == 0, result.stderr
    assert " 0 errors" in result.stderr


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_broken_files_give_one_located_line_per_problem(brief: Brief, workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    replace(peru, "classification: UNCLASSIFIED", "classification: PROTECTED D")
    replace(peru, "  since: 1968", "  since: 1968-13")
    replace(peru, "value: 522e6", "value: [522e6]")
    replace(peru, "  milestones:", "  milestone:")
    replace(
        peru,
        "    sources: [gac-2012]\n  - date: 2012-03",
        "    sources: [gac-2021]\n  - date: 2012-03",
    )
    profile = workspace.profile_path("peru")
    replace(profile, "\nnames:", "\n names:")
    result = brief("check", "--workspace", workspace.root)
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    located = re.compile(r"\S+:\d+:\d+: (?!warning)")
    errors = [line for line in result.stderr.splitlines() if located.match(line)]
    shown = "data/canada/peru.yaml"
    expected = [
        f"{shown}:{line_of(peru, 'PROTECTED D')}:17: classification: unknown level "
        "'PROTECTED D' (expected one of the canada scheme: UNCLASSIFIED, PROTECTED A, "
        "PROTECTED B, PROTECTED C, CONFIDENTIAL, SECRET, TOP SECRET)",
        f"{shown}:{line_of(peru, '1968-13')}:10: aid.since: '1968-13' has month 13",
        f"{shown}:{line_of(peru, '[522e6]')}:",
        f"{shown}:{line_of(peru, 'milestone:')}:3: aid.milestone: unknown key 'milestone' "
        "(did you mean 'milestones'?",
        f"{shown}:{line_of(peru, 'gac-2021')}:15: visits[1].sources[0]: unknown source "
        "'gac-2021' (expected one of the ids under sources: cz-harper, gac-2012, wp-ablonczy, "
        "wp-fast, wp-humala, wp-trudeau-premiership)",
        "data/countries/peru.yaml:",
    ]
    for start in expected:
        assert any(e.startswith(start) for e in errors), (start, errors)
    assert len(errors) == len(expected), errors
    assert f"{len(expected)} errors" in result.stderr
    assert result.stdout == ""


def test_warnings_fail_only_under_strict(brief: Brief, workspace: Workspace) -> None:
    replace(
        workspace.relationship_path("canada", "peru"),
        "{en: cereals, fr: céréales}",
        "{en: cereals}",
    )
    assert brief("check", "--workspace", workspace.root).exit_code == 0
    strict = brief("check", "--strict", "--workspace", workspace.root)
    assert strict.exit_code == 1
    assert "trade.main_exports[0]: no fr text" in strict.stderr


def test_unknown_person_and_duplicate_ids(brief: Brief, workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    replace(peru, "people: [fast]", "people: [fst]")
    replace(peru, "- id: fast", "- id: harper")
    result = brief("check", str(peru), "--workspace", workspace.root)
    assert "unknown person 'fst' (expected an id from people)" in result.stderr
    assert "people[3].id: duplicate id 'harper'" in result.stderr
    assert result.exit_code == 1


def test_new_relationship_passes_check_with_todos_as_warnings(
    brief: Brief, workspace: Workspace
) -> None:
    result = brief("new", "canada/uruguay", "--workspace", workspace.root)
    assert result.exit_code == 0
    written = result.stdout.split()
    assert written[0].endswith("data/canada/uruguay.yaml")
    check = brief("check", *written, "--workspace", workspace.root)
    assert check.exit_code == 0, check.stderr
    assert "summary.text[0].text: still says TODO" in check.stderr
    assert brief("check", "--strict", *written, "--workspace", workspace.root).exit_code == 1
    again = brief("new", "canada/uruguay", "--workspace", workspace.root)
    assert again.exit_code == 1 and "already exists" in again.stderr
    bad = brief("new", "canada/../etc", "--workspace", workspace.root)
    assert bad.exit_code == 1 and "is not HOME/PARTNER" in bad.stderr


def test_init_makes_a_valid_workspace(brief: Brief, tmp_path: Path) -> None:
    result = brief("init", tmp_path / "new")
    assert result.exit_code == 0
    assert (tmp_path / "new" / "brief.yaml").is_file()
    check = brief("check", "--workspace", tmp_path / "new")
    assert check.exit_code == 0 and "2 files checked: 0 errors" in check.stderr


def test_schema_matches_the_shipped_files(brief: Brief) -> None:
    root = Path(__file__).resolve().parents[1]
    for kind in ("relationship", "profile", "regions", "meeting", "settings"):
        printed = json.loads(brief("schema", kind).stdout)
        assert printed == json.loads((root / "schema" / f"{kind}.json").read_text()), (
            f"schema/{kind}.json is stale: run brief schema --write"
        )
    relationship = json.loads(brief("schema", "relationship").stdout)
    assert {"home", "partner", "trade", "talking_points"} <= set(relationship["properties"])


def test_no_workspace_is_a_clear_error(brief: Brief, tmp_path: Path) -> None:
    result = brief("check", "--workspace", tmp_path)
    assert result.exit_code == 1 and "no brief.yaml here" in result.stderr


def test_summary_counts_every_file_checked(brief: Brief, tmp_path: Path) -> None:
    root = tmp_path / "new"
    assert brief("init", root).exit_code == 0
    profile, relationship = root / "data/countries/peru.yaml", root / "data/canada/peru.yaml"
    replace(profile, "kind: country", "kind: planet")
    one = brief("check", profile, "--workspace", root)
    assert one.exit_code == 1
    assert one.stderr.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"
    for todo in ("TODO title of the source document", "TODO publisher"):
        replace(relationship, todo, "{en: Written, fr: Écrit}")
    for todo in ("TODO two or", "TODO deux ou"):
        replace(relationship, todo, "Written")
    two = brief("check", "--workspace", root)
    assert two.stderr.splitlines()[-1] == "2 files checked: 1 error, 1 warning", two.stderr


def test_json_format_lists_every_problem_on_stdout(brief: Brief, workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    replace(peru, "classification: UNCLASSIFIED", "classification: PROTECTED D")
    text = brief("check", "--workspace", workspace.root)
    result = brief("check", "--format", "json", "--workspace", workspace.root)
    assert result.exit_code == text.exit_code == 1
    assert result.stderr == ""
    report = json.loads(result.stdout)
    files = len(list(workspace.data.rglob("*.yaml")))
    lines = [line for line in text.stderr.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert (report["files"], report["errors"] + report["warnings"]) == (files, len(lines))
    level = next(p for p in report["problems"] if p["field"] == "classification")
    assert level == {
        "path": "data/canada/peru.yaml",
        "line": line_of(peru, "PROTECTED D"),
        "column": 17,
        "field": "classification",
        "message": "unknown level 'PROTECTED D'",
        "expected": "one of the canada scheme: UNCLASSIFIED, PROTECTED A, PROTECTED B, "
        "PROTECTED C, CONFIDENTIAL, SECRET, TOP SECRET",
        "severity": "error",
    }
    assert {p["severity"] for p in report["problems"]} == {"error", "warning"}
    quiet = json.loads(
        brief("check", "-q", "--format", "json", "--workspace", workspace.root).stdout
    )
    assert [p["severity"] for p in quiet["problems"]] == ["error"]
    assert quiet["warnings"] == report["warnings"]


TODAY = date(2026, 11, 23)


def checked(ws: Workspace, today: date = TODAY, *, cache: bool = True) -> list[str]:
    """What `check` prints, one line per problem."""
    return [str(p) for p in check(ws, today=today, cache=cache).problems]


def test_unchanged_files_are_not_read_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = checked(workspace)
    assert first == checked(workspace, cache=False)
    read: list[Path] = []

    def counted(ws: Workspace, path: Path, today: date | None = None, models: Any = None) -> Any:
        read.append(path)
        return read_data(ws, path, today, models)

    monkeypatch.setattr("briefing.check.read_data", counted)
    assert checked(workspace) == first
    assert read == []
    peru = workspace.relationship_path("canada", "peru")
    replace(peru, "value: 522e6", "value: 522 million")
    again = checked(workspace)
    meeting = workspace.data / "canada/meetings/2026-12-03-peru-fm.yaml"
    note = workspace.data / "canada/notes/2026-11-26-peru-fm.yaml"
    # the edited file, the meeting and note that name it, and the partner's profile: the
    # languages its prose is wanted in are those of the homes with a relationship file for it
    assert set(read) == {peru, meeting, note, workspace.profile_path("peru")}
    assert again == checked(workspace, cache=False)
    assert any("'522 million' is words" in line for line in again)
    assert checked(workspace, today=date(2027, 11, 23)) != again  # staleness counts days


def test_a_cached_file_sees_changes_in_the_files_it_names(workspace: Workspace) -> None:
    shown = "data/japan/meetings/2025-08-08-peru-president.yaml"
    assert not [line for line in checked(workspace) if line.startswith(shown)]
    japan = workspace.relationship_path("japan", "peru")
    replace(japan, "as_of: 2025-08-08", "as_of: 2020-01")  # stale at the meeting's date
    stale = checked(workspace)
    assert stale == checked(workspace, cache=False)
    assert any("days old at the meeting of 2025-08-08" in line for line in stale)
    for old, new in [("- id: boluarte", "- id: dina-boluarte"), ("[ishiba, boluarte]", "[ishiba]")]:
        replace(japan, old, new)
    workspace.profile_path("chile").unlink()
    after = checked(workspace)
    assert after == checked(workspace, cache=False)
    unknown = [line for line in after if line.startswith(shown) and "'boluarte'" in line]
    assert len(unknown) == 2 and "unknown person 'boluarte'" in unknown[0]
    assert any("data/canada/chile.yaml" in line and "no partner profile" in line for line in after)
    assert any("no partner profile for 'chile'" in line for line in after)  # regions.yaml


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "[]",
        lambda text: json.dumps({"entries": {"data/canada/peru.yaml": [1, 2]}}),
        lambda text: text.replace('"line": ', '"line": "x", "was": '),
        lambda text: text.replace('"severity": "warning"', '"severity": "notice"'),
    ],
)
def test_a_spoiled_cache_is_ignored(workspace: Workspace, spoil: Callable[[str], str]) -> None:
    replace(workspace.relationship_path("canada", "peru"), "value: 522e6", "value: [522e6]")
    first = checked(workspace)
    store = cache_path(workspace.root)
    store.write_text(spoil(store.read_text(encoding="utf-8")), encoding="utf-8")
    assert checked(workspace) == first
    assert json.loads(store.read_text(encoding="utf-8"))["entries"]  # and written afresh


def test_the_cache_holds_problems_and_nothing_else_of_the_data(workspace: Workspace) -> None:
    peru = workspace.relationship_path("canada", "peru")
    secret = "Notre position de repli reste confidentielle"
    replace(
        peru,
        "talking_points:\n",
        f"talking_points:\n  - text: {{en: {secret}., fr: {secret}.}}\n"
        "    classification: SECRET\n",
    )
    checked(workspace)
    kept = cache_path(workspace.root).read_text(encoding="utf-8")
    assert "data/canada/peru.yaml" in kept and secret not in kept
