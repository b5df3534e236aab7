"""Faults during a build: a writer failing, the process killed or stopped, two builds at once.

Whatever happens before the outputs are moved into place, the previous brief stays as it
was, byte for byte, and no temporary file is left where a user would see it for longer
than the next build. SIGTERM and SIGINT stop a build, a meeting or a pack at once, with
one line, exit 128 + the signal's number, no process left and no temporary file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.errors import BuildFailed, Stopped
from briefing.outputs import write_files
from briefing.signals import stop_on_signals
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
main(sys.argv[1:])
"""
BUILD = ["build", "canada/peru", "--lang", "en", "--format", "pdf,docx,html"]
MEETING = "data/canada/meetings/2026-12-03-peru-fm.yaml"


def wait_for(process: subprocess.Popen[bytes], found: Callable[[], list[Path]]) -> list[Path]:
    """What `found` finds, once it finds something, while `process` still runs."""
    deadline = time.monotonic() + 60
    while not (paths := found()):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    return paths


def test_a_killed_build_leaves_the_previous_brief_and_the_next_build_cleans_up(
    workspace: Workspace, built: Path
) -> None:
    before = snapshot(built)
    command = [sys.executable, "-c", SLOW_DOCX, *BUILD, "--workspace", str(workspace.root)]
    process = subprocess.Popen(command)
    try:
        wait_for(process, lambda: [p for p in built.iterdir() if p.suffix == ".tmp"])
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
    with pytest.raises(BuildFailed) as info:
        build_brief(workspace, "canada/peru", OPTIONS)
    out = workspace.root / "briefs/canada"
    assert str(info.value) == f"cannot write {out}/peru.en.pdf: {out} is not a folder"
    assert (workspace.root / "briefs/canada").read_text() == "not a folder"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
@pytest.mark.parametrize("command", ["build", "meeting"])
def test_a_stopped_build_says_so_and_leaves_the_previous_outputs(
    brief: Callable[..., Any], workspace: Workspace, command: str, stop: signal.Signals
) -> None:
    meeting = ["meeting", str(workspace.root / MEETING), *BUILD[2:]]
    args = [*(BUILD if command == "build" else meeting), "--quiet"]
    args += ["--workspace", str(workspace.root)]
    assert brief(*args).exit_code == 0
    out = workspace.root / ("briefs/canada" if command == "build" else "briefs/canada/meetings")
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_DOCX, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(process, lambda: [p for p in out.iterdir() if p.name.endswith(".tmp")])
        process.send_signal(stop)
        stdout, stderr = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 128 + stop
    assert stderr.decode() == f"brief: stopped by {stop.name}; earlier outputs are intact\n"
    assert stdout == b""
    assert snapshot(out) == before  # no temporary left either


def test_a_stop_while_outputs_are_moved_waits_for_all_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = {tmp_path / f"{name}.pdf": b"new" for name in ("a", "b", "c")}
    for target in targets:
        target.write_bytes(b"old")
    replace = os.replace

    def replace_then_stop(source: Path, target: Path) -> None:
        replace(source, target)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "replace", replace_then_stop)
    with pytest.raises(Stopped), stop_on_signals():
        write_files(targets)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.pdf": b"new",
        "b.pdf": b"new",
        "c.pdf": b"new",
    }


# Loaded by every Python a test starts with it on PYTHONPATH: a pack's workers too.
SLOW_WORKERS = """
import os, time
if os.environ.get("BRIEF_TEST_SLOW_DOCX"):
    from briefing.writers import docx
    docx.render_docx = lambda *args, **kw: time.sleep(60)  # the PDF is staged by then
"""
PACK = ["pack", "asean", "--home", "canada", "--force", "--jobs", "2", "--quiet"]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones included, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def session(sid: int) -> list[int]:
    """The processes of session `sid`, but zombies: they hold no pipe and no memory."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after the name, which may hold spaces
        if len(fields) > 3 and int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose ASEAN pack for Canada was built once."""
    from conftest import copy_workspace

    root = copy_workspace(tmp_path_factory.mktemp("packed")).root
    command = [sys.executable, "-m", "briefing", *PACK, "--workspace", str(root)]
    result = subprocess.run(command, capture_output=True, timeout=300, start_new_session=True)
    assert result.returncode == 0, result.stderr.decode()
    return root


@pytest.mark.parametrize(
    ("stop", "to_group"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGINT", "ctrl-c-to-the-group"],
)
def test_a_stopped_pack_ends_its_whole_process_tree(
    packed: Path, tmp_path: Path, stop: signal.Signals, to_group: bool
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(packed, root)
    before = tree(root / "briefs")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_WORKERS)
    path = os.pathsep.join(filter(None, [str(hooks), os.environ.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *PACK, "--workspace", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": path, "BRIEF_TEST_SLOW_DOCX": "1"},
        start_new_session=True,
    )
    out = root / "briefs/canada"
    try:
        # a worker's staged PDF: it is building, and its DOCX writer is asleep
        wait_for(process, lambda: [p for p in out.iterdir() if p.suffix == ".tmp"])
        assert len(session(process.pid)) >= 4  # the pack, forkserver, resource tracker, workers
        os.killpg(process.pid, stop) if to_group else os.kill(process.pid, stop)
        stdout, stderr = process.communicate(timeout=10)  # EOF: no process holds the pipes
        deadline = time.monotonic() + 10
        while session(process.pid):
            assert time.monotonic() < deadline, session(process.pid)
            time.sleep(0.05)
    finally:
        for pid in session(process.pid):
            os.kill(pid, signal.SIGKILL)
        process.kill()
    assert process.returncode == 128 + stop
    assert stderr.decode() == f"brief: stopped by {stop.name}; earlier outputs are intact\n"
    assert stdout == b""
    assert tree(root / "briefs") == before  # the pack, its members, no temporary
