"""The command line itself: short options and shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from briefing import completion
from briefing.cli import main
from briefing.workspace import Workspace

Brief = Callable[..., Result]


@pytest.mark.parametrize(
    ("command", "short", "long"),
    [
        ("check", "-q", "--quiet"),
        ("build", "-q", "--quiet"),
        ("build", "-o", "--out"),
        ("meeting", "-o", "--out"),
        ("pack", "-j", "--jobs"),
        ("pack", "-o", "--out"),
    ],
)
def test_short_options_are_listed_with_their_long_names(
    brief: Brief, command: str, short: str, long: str
) -> None:
    shown = brief(command, "--help").stdout
    assert f"{short}, {long}" in shown


def test_short_options_work(brief: Brief, workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = brief(
        "build", "canada/peru", "--lang", "en", "--format", "html", "-o", out, "-q",
        "--workspace", workspace.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert (out / "canada" / "peru.en.html").is_file()


def offered(
    complete: completion.Complete, incomplete: str, root: Path | None, command: str = "build"
) -> list[str]:
    """What `complete` offers for `incomplete` in `command`, given --workspace `root`."""
    ctx = click.Context(main.commands[command], info_name=command)
    ctx.params["workspace_dir"] = root
    return [item.value for item in complete(ctx, main.commands[command].params[0], incomplete)]


def test_completion_offers_the_workspace_names(workspace: Workspace) -> None:
    root = workspace.root
    assert offered(completion.complete_target, "canada/p", root) == [
        "canada/peru",
        "canada/philippines",
    ]
    assert offered(completion.complete_target, "ja", root) == ["japan/peru"]
    assert offered(completion.complete_home, "", root) == ["canada", "france", "japan", "peru"]
    regions = offered(completion.complete_region, "", root, "pack")
    assert regions == ["asean", "pacific-alliance", "andean-community", "south-america"]
    assert offered(completion.complete_languages, "", root) == ["en", "fr"]
    assert offered(completion.complete_languages, "en,", root) == ["en,fr"]
    assert offered(completion.complete_languages, "fr,e", root) == ["fr,en"]


def test_meeting_files_complete_from_the_current_directory(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.data / "canada")
    assert offered(completion.complete_meeting, "", None, "meeting") == [
        "meetings/2026-12-03-peru-fm.yaml",
        "../japan/meetings/2025-08-08-peru-president.yaml",
    ]
    elsewhere = offered(completion.complete_meeting, "/tmp/x", None, "meeting")
    assert elsewhere == ["/tmp/x"]  # the shell completes it as a file


def test_completion_offers_nothing_rather_than_fail(workspace: Workspace, tmp_path: Path) -> None:
    workspace.regions_path.write_text("regions: [{id: asean\n", encoding="utf-8")
    (workspace.root / "brief.yaml").write_text("languages: 3\n", encoding="utf-8")
    assert offered(completion.complete_region, "", workspace.root, "pack") == []
    assert offered(completion.complete_languages, "", workspace.root) == []
    assert offered(completion.complete_target, "", tmp_path) == []  # no workspace there


def test_bash_completion_end_to_end_without_the_data_model(workspace: Workspace) -> None:
    env = dict(
        os.environ, _BRIEF_COMPLETE="bash_complete", COMP_WORDS="brief pack a", COMP_CWORD="2"
    )
    program = "from briefing.cli import main; main(prog_name='brief')"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", program],
        cwd=workspace.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["plain,asean", "plain,andean-community"]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "pydantic" not in imported and "weasyprint" not in imported
