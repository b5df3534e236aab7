"""Faults during a build: a writer failing, the process killed, two builds at once.

Whatever happens before the outputs are moved into place, the previous brief stays as it
was, byte for byte, and no temporary file is left where a user would see it for longer
than the next build.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.errors import BuildFailed
from briefing.workspace import Workspace

OPTIONS = BuildOptions(langs=("en",), formats=("pdf", "docx", "html"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder`, hidden ones included, by name (folders are left out)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def built(workspace: Workspace) -> Path:
    """The output folder of canada/peru, built once in every format."""
    build_brief(workspace, "canada/peru", OPTIONS)
    return workspace.root / "briefs/canada"


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_writer_failing_after_the_pdf_leaves_the_previous_brief(
    workspace: Workspace, built: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    before = snapshot(built)
    rendered: list[Path] = []
    from briefing.writers import docx as docx_writer
    from briefing.writers import pdf as pdf_writer

    render_pdf = pdf_writer.render_pdf

    def pdf_then_note(html: str, target: Path, **kw: Any) -> None:
        render_pdf(html, target, **kw)
        rendered.append(target)

    def docx_fails(*args: Any, **kw: Any) -> None:
        assert rendered and rendered[0].is_file()  # the PDF is written, not yet in place
        raise failure

    monkeypatch.setattr(pdf_writer, "render_pdf", pdf_then_note)
    monkeypatch.setattr(docx_writer, "render_docx", docx_fails)
    expected = BuildFailed if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as info:
        build_brief(workspace, "canada/peru", OPTIONS)
    if isinstance(failure, OSError):
        assert str(info.value) == f"cannot write {built}/peru.en.docx: No space left on device"
    assert snapshot(built) == before


SLOW_DOCX = """
import sys, time
from briefing.writers import docx
docx.render_docx = lambda *args, **kw: time.sleep(60)  # the PDF is staged by then
from briefing.cli import main
main(["build", "canada/peru", "--lang", "en", "--format", "pdf,docx,html",
      "--workspace", sys.argv[1]])
"""


def test_a_killed_build_leaves_the_previous_brief_and_the_next_build_cleans_up(
    workspace: Workspace, built: Path
) -> None:
    before = snapshot(built)
    process = subprocess.Popen([sys.executable, "-c", SLOW_DOCX, str(workspace.root)])
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".peru.en.pdf.") for p in built.iterdir()):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    after = snapshot(built)
    stale = sorted(set(after) - set(before))
    assert stale and all(f".{process.pid}." in name for name in stale), stale
    assert {name: data for name, data in after.items() if name in before} == before
    alive = built / f".peru.en.pdf.{os.getpid()}.feedface.tmp"  # a build still running
    alive.write_bytes(b"")
    build_brief(workspace, "canada/peru", OPTIONS)
    assert sorted(snapshot(built)) == sorted([*before, alive.name])


def test_two_builds_at_once_leave_whole_files(workspace: Workspace, built: Path) -> None:
    command = [sys.executable, "-m", "briefing", "build", "canada/peru", "--lang", "en"]
    command += ["--format", "pdf,docx", "--quiet", "--workspace", str(workspace.root)]
    processes = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(2)]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    assert "Canada" in PdfReader(built / "peru.en.pdf").pages[0].extract_text()
    assert docx.Document(str(built / "peru.en.docx")).paragraphs
    assert sorted(p.name for p in built.iterdir()) == [
        "peru.en.docx",
        "peru.en.html",
        "peru.en.pdf",
    ]


def test_an_output_that_is_a_folder_is_named(workspace: Workspace, built: Path) -> None:
    before = snapshot(built)
    (built / "peru.en.pdf").unlink()
    (built / "peru.en.pdf").mkdir()
    with pytest.raises(BuildFailed, match=r"peru\.en\.pdf is a directory \(expected a file"):
        build_brief(workspace, "canada/peru", OPTIONS)
    assert {n: d for n, d in snapshot(built).items() if n != "peru.en.pdf"} == {
        n: d for n, d in before.items() if n != "peru.en.pdf"
    }


def test_an_output_folder_that_is_a_file_is_named(workspace: Workspace) -> None:
    (workspace.root / "briefs").mkdir(exist_ok=True)
    (workspace.root / "briefs/canada").write_text("not a folder")
    with pytest.raises(BuildFailed, match=r"cannot create .*briefs/canada"):
        build_brief(workspace, "canada/peru", OPTIONS)
