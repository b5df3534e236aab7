"""`brief check`, `brief new`, `brief init` and `brief schema` as a user runs them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

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
        "'gac-2021' (expected one of the ids under sources: gac-2012)",
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
