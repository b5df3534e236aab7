"""The command line itself: short options, shell completion, and what `brief pack` shows."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import Result
from rich.console import Console

from briefing import completion
from briefing.build import BuildOptions
from briefing.cli import main
from briefing.packs import Part, Plan, build_pack
from briefing.progress import pack_progress
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
    assert offered(completion.complete_languages, "", root) == ["en", "es", "fr"]
    assert offered(completion.complete_languages, "en,", root) == ["en,es", "en,fr"]
    assert offered(completion.complete_languages, "fr,e", root) == ["fr,en", "fr,es"]


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
    (workspace.root / "locale").write_text("not a folder of catalogs", encoding="utf-8")
    assert offered(completion.complete_languages, "", workspace.root) == ["en", "es", "fr"]
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


def test_the_bar_knows_its_total_before_the_first_brief() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120, color_system=None)
    with pack_progress(quiet=False, console=console) as display:
        display.planned(Plan("canada", 3, ()))
        assert display.bar is not None
        bar, task = display.bar
        assert bar.tasks[task].total == 3
        bar.refresh()
        assert "0/3 -:--:--" in screen.getvalue()  # time left: not yet known
        display.finished(Part("peru"), 1, 3)
        display.finished(Part("chile"), 2, 3)
        assert bar.tasks[task].time_remaining is not None
    assert "2/3" in screen.getvalue()


def test_without_a_terminal_each_brief_is_a_line() -> None:
    screen = io.StringIO()
    with pack_progress(quiet=False, console=Console(file=screen, width=40)) as display:
        display.planned(Plan("canada", 2, ("laos", "myanmar")))
        display.finished(Part("peru", "unchanged"), 1, 2)
    assert screen.getvalue().splitlines() == [
        "brief: warning: no relationship file for laos, myanmar in data/canada/ "
        "(listed without data in the pack; --strict fails it)",
        "[1/2] peru: unchanged",
    ]
    quiet = io.StringIO()
    with pack_progress(quiet=True, console=Console(file=quiet)) as display:
        display.planned(Plan("canada", 2, ("laos",)))
        display.finished(Part("peru"), 1, 2)
    assert quiet.getvalue() == ""


def test_the_plan_is_told_before_any_brief_is_built(workspace: Workspace) -> None:
    class Planned(Exception):
        pass

    def stop(plan: Plan) -> None:
        raise Planned(plan)

    options = BuildOptions(formats=("pdf",), today=date(2026, 11, 23))
    with pytest.raises(Planned) as planned:
        build_pack(workspace, "asean", "canada", options, planned=stop)
    plan = planned.value.args[0]
    assert (plan.home, plan.briefs) == ("canada", 5)  # asean and four members
    assert plan.missing == (
        "brunei",
        "cambodia",
        "laos",
        "malaysia",
        "myanmar",
        "thailand",
        "timor-leste",
    )
    assert not (workspace.root / "briefs").exists()


def test_pack_names_the_members_without_data_in_one_line(
    brief: Brief, workspace: Workspace
) -> None:
    regions = workspace.regions_path
    text = regions.read_text(encoding="utf-8")
    duo = """
  - id: duo
    kind: region
    names: {en: Duo, fr: Duo}
    members: [peru, laos]
    as_of: 2026-11
    sources: [un-m49]
"""
    regions.write_text(text.replace("\nregions:\n", f"\nregions:{duo}", 1), encoding="utf-8")
    result = brief(
        "pack", "duo", "--home", "canada", "--format", "pdf", "--lang", "en",
        "--workspace", workspace.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    named = [line for line in result.stderr.splitlines() if "laos" in line]
    assert named == [
        "brief: warning: no relationship file for laos in data/canada/ "
        "(listed without data in the pack; --strict fails it)"
    ]
    assert "[1/1] peru: built" in result.stderr
