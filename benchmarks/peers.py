"""Figure 6: the routes users take without us, as peers of our writers.

The peers are the usual ones: the brief's HTML through pandoc to DOCX, and a DOCX through
LibreOffice to PDF. Each runs as the process a user would start, next to our writer for
the same output in-process, only when its tool is on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from briefing.workspace import Workspace

from .single import LANG, TARGET, Pipeline
from .stats import Figure, interleave, milliseconds

PEERS = "6 peers"
_TIMEOUT = 300  # seconds; LibreOffice's first start in a fresh profile is slow


def peers(ws: Workspace, repeats: int, scratch: Path) -> list[Figure]:
    """Figure 6: pandoc HTML→DOCX and LibreOffice DOCX→PDF, next to our writers."""
    pipeline = Pipeline(ws, scratch)
    pipeline.validate()
    pipeline.resolve()
    pipeline.render()
    html = scratch / "peer.html"
    html.write_text(pipeline.html, "utf-8")
    pipeline.write("docx")
    docx = scratch / "stages" / f"{pipeline.partner}.{LANG}.docx"
    return _pandoc(pipeline, html, repeats, scratch) + _libreoffice(
        pipeline, docx, repeats, scratch
    )


def _pandoc(pipeline: Pipeline, html: Path, repeats: int, scratch: Path) -> list[Figure]:
    pandoc = shutil.which("pandoc")
    name = f"pandoc HTML→DOCX ({TARGET}, process)"
    if pandoc is None:
        return [Figure(PEERS, name, text="pandoc not installed")]
    command = [pandoc, "-f", "html", "-t", "docx", "-o", str(scratch / "pandoc.docx"), str(html)]
    _run(command, scratch)  # warm-up
    times = interleave(
        {"peer": lambda: _run(command, scratch), "ours": lambda: pipeline.write("docx")}, repeats
    )
    return [
        Figure(PEERS, name, "ms", milliseconds(times["peer"]), note="unstyled, no chart"),
        Figure(PEERS, "our DOCX writer, same HTML (in-process)", "ms", milliseconds(times["ours"])),
    ]


def _libreoffice(pipeline: Pipeline, docx: Path, repeats: int, scratch: Path) -> list[Figure]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    name = f"LibreOffice DOCX→PDF ({TARGET}, process)"
    if soffice is None:
        return [Figure(PEERS, name, text="LibreOffice not installed")]
    profile = (scratch / "lo-profile").as_uri()  # its own profile: no clash with a desktop
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(scratch / "lo"),
        str(docx),
    ]
    _run(command, scratch)  # the first start creates the profile: not timed
    times = interleave(
        {"peer": lambda: _run(command, scratch), "ours": lambda: pipeline.write("pdf")}, repeats
    )
    return [
        Figure(PEERS, name, "ms", milliseconds(times["peer"]), note="warm profile; untagged PDF"),
        Figure(PEERS, "our PDF writer, same brief (in-process)", "ms", milliseconds(times["ours"])),
    ]


def _run(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, capture_output=True, check=True, timeout=_TIMEOUT)
