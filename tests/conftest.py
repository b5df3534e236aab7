"""Shared fixtures: a scratch copy of the sample workspace, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefing.cli import main
from briefing.workspace import Workspace, open_workspace

ROOT = Path(__file__).resolve().parents[1]
# The quickest whole build of the sample brief: English HTML, nothing on stdout.
PAIR_REGION = """
regions:
  - id: pair
    kind: region
    names: {en: Test pair, fr: Paire d'essai}
    members: [peru, chile]
    as_of: 2026-11
    sources: [un-m49]
"""
"""A region of two members, for quick packs: it replaces the `regions:` line of regions.yaml."""

BUILD_HTML = ("build", "canada/peru", "--lang", "en", "--format", "html", "-q")


def copy_workspace(tmp_path: Path) -> Workspace:
    """A copy of the shipped workspace (settings, data, templates) under `tmp_path`."""
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(ROOT / "brief.yaml", root / "brief.yaml")
    for name in ("data", "templates", "schema"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name)
    return open_workspace(root)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A copy of the shipped workspace that a test may change."""
    return copy_workspace(tmp_path)


@pytest.fixture
def brief() -> Callable[..., Result]:
    """Run the `brief` command in-process; returns click's Result (stdout, stderr, code)."""

    def run(*args: str | Path) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run
