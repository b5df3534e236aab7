"""`brief pack`: every brief of a region at once, in parallel and incrementally, bound.

Each partner's brief is built by a worker process as `brief build` would build it, plus a
chapter PDF without page furniture; a partner whose inputs (data, settings, templates,
tool version) have not changed since its last build is not rebuilt. The bound pack is
then put together from the chapters: front matter (cover, contents, members without a
brief), the chapters, bookmarks, and the pack's marking and page numbers stamped on
every page.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import resource
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from . import __version__
from .build import BuildOptions, render_brief, write_outputs
from .check import read_data
from .errors import BriefError, InvalidInput, UnknownTarget
from .model import Region, Regions
from .workspace import Workspace, open_workspace

TASKS_PER_WORKER = 20  # WeasyPrint's native memory grows per render: recycle workers


class PackFailed(BriefError):
    """Some partners of a pack could not be built; the others were."""


@dataclass(frozen=True)
class Job:
    """One partner's brief, as a worker builds it."""

    root: Path
    home: str
    partner: str
    options: BuildOptions
    inputs: str  # hash of what the partner's brief depends on
    force: bool


@dataclass
class Part:
    """What a worker reports about one partner."""

    partner: str
    status: str = "built"  # built, unchanged or failed
    chapters: dict[str, str] = field(default_factory=dict)  # lang: chapter PDF
    markings: dict[str, str] = field(default_factory=dict)  # lang: highest level included
    names: dict[str, str] = field(default_factory=dict)  # lang: partner's name
    problems: list[str] = field(default_factory=list)
    peak_rss_kib: int = 0


def region_of(ws: Workspace, region_id: str) -> Region:
    _, regions, _ = read_data(ws, ws.regions_path)
    assert isinstance(regions, Regions)
    for region in regions.regions:
        if region.id == region_id:
            return region
    known = ", ".join(r.id for r in regions.regions)
    raise UnknownTarget(f"no region '{region_id}' in data/regions.yaml (expected one of: {known})")


def inputs_hash(
    ws: Workspace, home: str, partner: str, options: BuildOptions, templates: str
) -> str:
    """What a partner's outputs depend on: its files, settings, templates, tool version."""
    digest = hashlib.sha256(
        f"{__version__}|{templates}|{options.langs}|{options.formats}|{options.level}".encode()
    )
    for path in (
        ws.root / "brief.yaml",
        ws.relationship_path(home, partner),
        ws.profile_path(partner),
    ):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def templates_hash(ws: Workspace) -> str:
    """One hash of every packaged and workspace template."""
    digest = hashlib.sha256()
    for folder in (Path(str(files("briefing") / "templates")), ws.root / "templates"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def build_pack(
    ws: Workspace,
    region_id: str,
    home: str,
    options: BuildOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[Part, int, int], None] | None = None,
) -> list[Path]:
    """Build every brief of a region for `home` and bind them; return the packs written."""
    region = region_of(ws, region_id)
    partners = [p for p in (region.id, *region.members) if ws.relationship_path(home, p).is_file()]
    missing = [m for m in region.members if m not in partners]
    if options.strict and missing:
        raise PackFailed(
            f"no relationship file for {', '.join(missing)} in data/{home}/ "
            "(members without data fail the pack under --strict)"
        )
    options = replace(
        options,
        langs=options.langs or tuple(ws.settings.languages),
        report=None,
        today=options.today or date.today(),
    )
    templates = templates_hash(ws)
    work = [
        Job(ws.root, home, p, options, inputs_hash(ws, home, p, options, templates), force)
        for p in partners
    ]
    parts = {part.partner: part for part in run_jobs(work, jobs, progress)}
    failed = [p for p in parts.values() if p.status == "failed"]
    if failed:
        lines = [f"{home}/{p.partner}: {line}" for p in failed for line in p.problems]
        raise PackFailed(
            f"{len(failed)} of {len(parts)} briefs failed; the pack was not bound "
            "and the previous one is left as it was:\n" + "\n".join(lines)
        )
    out = (options.out or ws.root / "briefs") / home
    targets = [out / "packs" / f"{region.id}.{lang}.pdf" for lang in options.langs or ()]
    stamp = out / ".stamps" / f"pack-{region.id}.json"
    inputs = hashlib.sha256(
        json.dumps([templates, [j.inputs for j in work], missing, str(options.today)]).encode()
    ).hexdigest()
    unchanged = all(t.is_file() for t in targets) and stamp.is_file()
    if not force and unchanged and json.loads(stamp.read_text()).get("inputs") == inputs:
        return targets  # nothing changed since these packs were bound
    from .binding import bind_pack

    chapters = [parts[p] for p in partners]
    written = [
        bind_pack(ws, region, home, lang, chapters, missing, options)
        for lang in options.langs or ()
    ]
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"inputs": inputs}))
    return written


def run_jobs(
    work: list[Job], jobs: int | None, progress: Callable[[Part, int, int], None] | None
) -> Iterator[Part]:
    """Run the jobs in a pool of warm workers, yielding each part as it finishes."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    if workers == 1:
        results: Iterator[Part] = map(build_part, work)
    else:
        # forkserver: workers fork from a process that has imported WeasyPrint once, and
        # can be recycled (fork cannot, with max_tasks_per_child).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["briefing.writers.pdf", "briefing.writers.docx"])
        pool = ProcessPoolExecutor(
            workers, mp_context=context, max_tasks_per_child=TASKS_PER_WORKER
        )
        futures = [pool.submit(build_part, job) for job in work]
        results = (future.result() for future in as_completed(futures))
    for done, part in enumerate(results, 1):
        if progress is not None:
            progress(part, done, len(work))
        yield part
    if workers > 1:
        pool.shutdown()


def build_part(job: Job) -> Part:
    """Build one partner's brief and chapters unless its stamp says nothing changed."""
    part = Part(job.partner)
    try:
        ws = open_workspace(job.root)
        out = (job.options.out or ws.root / "briefs") / job.home
        stamp = out / ".stamps" / f"{job.partner}.json"
        saved = json.loads(stamp.read_text()) if stamp.is_file() else {}
        if (
            not job.force
            and saved.get("inputs") == job.inputs
            and all(Path(p).is_file() for p in saved["outputs"])
        ):
            part.status = "unchanged"
        else:
            saved = _build(ws, job, out)
            stamp.parent.mkdir(exist_ok=True)
            stamp.write_text(json.dumps(saved, ensure_ascii=False))
        part.chapters, part.markings, part.names = (
            saved["chapters"],
            saved["markings"],
            saved["names"],
        )
    except InvalidInput as exc:
        part.status, part.problems = "failed", [str(p) for p in exc.problems]
    except BriefError as exc:
        part.status, part.problems = "failed", [str(exc)]
    except Exception as exc:  # one partner's bug must not stop the others
        part.status, part.problems = "failed", [f"{type(exc).__name__}: {exc}"]
    part.peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return part


def _build(ws: Workspace, job: Job, out: Path) -> dict[str, Any]:
    from .build import brief_templates
    from .render import render_html

    outputs: dict[Path, tuple[str, dict[str, Any]]] = {}
    saved: dict[str, Any] = {"inputs": job.inputs, "chapters": {}, "markings": {}, "names": {}}
    for lang, html, context in render_brief(ws, job.home, job.partner, job.options):
        for fmt in job.options.formats or tuple(ws.settings.formats):
            outputs[out / f"{job.partner}.{lang}.{fmt}"] = (html, context)
        chapter = dict(context, pack_part=True)
        chapter_path = out / "packs" / ".chapters" / f"{job.partner}.{lang}.pdf"
        outputs[chapter_path] = (
            render_html(ws.root / "templates", brief_templates(job.home, job.partner), chapter),
            chapter,
        )
        saved["chapters"][lang] = str(chapter_path)
        saved["markings"][lang] = context["marking_level"]
        saved["names"][lang] = str(context["partner_name"])
    saved["outputs"] = [str(p) for p in write_outputs(ws, outputs)]
    return saved


def sort_key(name: str) -> str:
    """Alphabetical order as a reader expects it: accents and case do not count."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
