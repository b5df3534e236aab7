"""`brief pack`: every brief of a region at once, in parallel and incrementally, bound.

Each partner's brief is built by a worker process as `brief build` would build it, plus a
tagged chapter without page furniture, for binding (binding.py); a partner whose inputs
(data, settings, templates, tool version), level and outputs are as its stamp recorded
them (stamps.py) is not rebuilt, nor even sent to a worker. The bound pack is then put
together from the chapters: front matter (cover, contents, members without a brief), the
chapters, bookmarks, and the pack's marking and page numbers on every page.

Workers come from a forkserver that has imported WeasyPrint once, and are replaced every
`TASKS_PER_WORKER` briefs, since WeasyPrint's native memory grows with every render: the
briefs go to the pool in waves of `workers × TASKS_PER_WORKER`, each wave to a pool of its
own, the next wave's pool starting as soon as the current one has a worker idle. (Python's
own recycling, `max_tasks_per_child`, deadlocks once every worker has retired: CPython
gh-115634, unfixed in 3.11.)

A stop (SIGTERM, SIGINT, any error in this process) ends the workers before anything
else: each removes its temporaries and exits, and the forkserver and Python's resource
tracker, which live as long as a worker does, exit with them (signals.py).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import time
import unicodedata
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from . import signals
from .build import BuildOptions, build_level, read_input, render_brief, write_outputs
from .check import read_data
from .errors import BriefError, InvalidInput, UnknownTarget
from .levels import level_in
from .organisations import members_within
from .outputs import write_atomically
from .pack_file import Event, build_meetings, event_digest, listed_meetings
from .pack_model import Pack
from .profile_model import Region, Regions
from .stamps import bound, digests, inputs_hash, intact, pack_inputs, templates_hash
from .workspace import Workspace, open_workspace

TASKS_PER_WORKER = 20  # briefs a worker builds before a fresh one replaces it
STOP_GRACE = 5.0  # seconds a stopped worker has to remove its temporaries before it is killed


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
    names: dict[str, str] = field(default_factory=dict)  # lang: the chapter's, in the contents
    problems: list[str] = field(default_factory=list)
    peak_rss_kib: int = 0


@dataclass(frozen=True)
class Plan:
    """What a pack is about to build, told before its first brief is done."""

    home: str
    briefs: int  # one per member with a relationship file, and the organisation's own
    missing: tuple[str, ...]  # members without one: listed on a page of their own

    def note(self) -> str | None:
        """The line naming the members without data, if any."""
        if not self.missing:
            return None
        return (
            f"brief: warning: no relationship file for {', '.join(self.missing)} in "
            f"data/{self.home}/ (listed without data in the pack; --strict fails it)"
        )


def region_of(ws: Workspace, region_id: str) -> Region:
    _, regions, _ = read_data(ws, ws.regions_path)
    assert isinstance(regions, Regions)
    for region in regions.regions:
        if region.id == region_id:
            return region
    known = ", ".join(r.id for r in regions.regions)
    raise UnknownTarget(f"no region '{region_id}' in data/regions.yaml (expected one of: {known})")


def build_event_pack(ws: Workspace, path: Path, options: BuildOptions, **kwargs: Any) -> list[Path]:
    """Build the pack of the pack file at `path`: its region's briefs, bound behind the
    event's front matter, and the briefs of the meetings in its window; return the paths
    written. `kwargs` are those of `build_pack`."""
    pack: Pack = read_input(ws, path, Pack, options)
    return build_pack(ws, pack.region, pack.home, options, event=Event(path, pack), **kwargs)


def build_pack(
    ws: Workspace,
    region_id: str,
    home: str,
    options: BuildOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[Part, int, int], None] | None = None,
    planned: Callable[[Plan], None] | None = None,
    event: Event | None = None,
) -> list[Path]:
    """Build every brief of a region for `home` and bind them; return the packs written.

    `planned` hears what will be built before any of it is, `progress` of each brief done.
    With an `event` (a pack file), the pack is named after its file, and its front matter
    describes the event and lists its meetings, whose briefs are built with it.
    """
    ws.require_home(home)  # a name from the command line: never a path out of data/
    region = region_of(ws, region_id)
    own = {ws.show(event.path): event.pack.classification} if event else {}
    ceiling = build_level(ws, home, options, own)
    scheme = ws.scheme_of(home)
    marked = level_in(scheme, region.classification or ws.scheme.levels[0].name, ws.scheme)
    if marked is None or not scheme.allows(marked, ceiling):  # None: not comparable
        # The pack is the region's: its name and id are on every page, so it is refused
        # like a brief's own file, never built with the region left out.
        raise PackFailed(
            f"{ws.show(ws.regions_path)}: region '{region.id}' is {region.classification}; "
            f"a pack at {ceiling} cannot include it (give --classification)"
        )
    members = members_within(ws, region, home, ceiling)  # a member above it is left out
    partners = [p for p in (region.id, *members) if ws.relationship_path(home, p).is_file()]
    missing = [m for m in members if m not in partners]
    if options.strict and missing:
        raise PackFailed(
            f"no relationship file for {', '.join(missing)} in data/{home}/ "
            "(members without data fail the pack under --strict)"
        )
    if planned is not None:
        planned(Plan(home, len(partners), tuple(missing)))
    options = replace(
        options,
        langs=options.langs or ws.home_languages(home),
        level=ceiling,  # what every stamp is checked against
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
    name = event.path.stem if event else region.id
    targets = [out / "packs" / f"{name}.{lang}.pdf" for lang in options.langs or ()]
    stamp = out / ".stamps" / f"pack-{name}.json"
    listed = listed_meetings(ws, event, [region.id, *members], ceiling) if event else []
    hashes = [j.inputs for j in work] + ([event_digest(event, listed)] if event else [])
    inputs = pack_inputs(ws, home, missing, templates, hashes, options)
    briefs = [
        out / "meetings" / f"{p.stem}.{lang}.pdf" for p in listed for lang in options.langs or ()
    ]
    if not force and bound(stamp, inputs, str(options.level), targets + briefs):
        return targets + briefs  # nothing changed since these packs were bound
    from .binding import bind_pack

    meetings = build_meetings(ws, event, listed, options) if event else None
    chapters = [parts[p] for p in partners]
    written = [
        bind_pack(ws, region, home, lang, chapters, missing, options, event, meetings)
        for lang in options.langs or ()
    ]
    briefs = meetings.briefs if meetings else []
    saved = {"inputs": inputs, "level": options.level, "outputs": digests(written + briefs)}
    write_atomically(stamp, json.dumps(saved).encode())
    return written + briefs


def run_jobs(
    work: list[Job], jobs: int | None, progress: Callable[[Part, int, int], None] | None
) -> Iterator[Part]:
    """Build what changed in a pool of warm workers, yielding each part as it finishes.

    A partner whose stamp says nothing changed is reported at once, without a worker; one
    brief to build is built in this process.
    """
    todo: list[Job] = []
    done = 0
    for job in work:
        part = _unchanged(job)
        if part is None:
            todo.append(job)
            continue
        done += 1
        if progress is not None:
            progress(part, done, len(work))
        yield part
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    results: Generator[Part, None, None]
    results = (build_part(job) for job in todo) if workers == 1 else _pooled(todo, workers)
    with closing(results):  # an error in `progress` ends the workers now, not once collected
        for part in results:
            done += 1
            if progress is not None:
                progress(part, done, len(work))
            yield part


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` forked from a server that has imported WeasyPrint once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefing.writers.pdf", "briefing.writers.docx"])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=signals.in_worker)


def _pooled(todo: list[Job], workers: int) -> Generator[Part, None, None]:
    """The jobs' parts from fresh pools of `workers`, one per wave of jobs, as they finish."""
    size = workers * TASKS_PER_WORKER
    waves = [todo[i : i + size] for i in range(0, len(todo), size)]
    pools: list[ProcessPoolExecutor] = []
    pending: dict[Future[Part], tuple[Job, ProcessPoolExecutor]] = {}
    try:
        while pending or waves:
            newest = [pool for _, pool in pending.values() if pool is pools[-1]] if pools else []
            if waves and len(newest) < workers:  # the newest pool has a worker idle
                pool = worker_pool(workers)
                pools.append(pool)
                for job in waves.pop(0):
                    # build_part as this process has it: a test's replacement reaches the workers
                    pending[pool.submit(_work, build_part, job)] = (job, pool)
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job, pool = pending.pop(future)
                yield _result(future, job)
                if not any(p is pool for _, p in pending.values()):
                    pool.shutdown(wait=False)  # its workers exit: memory goes back
    except BaseException:  # a stop, or the caller gone: no brief is left to finish
        _end([worker for pool in pools for worker in _workers(pool)])
        raise
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def _work(build: Callable[[Job], Part], job: Job) -> Part:
    """In a worker: `build(job)`, which a stop unwinds before the worker exits."""
    with signals.building():
        return build(job)


def _workers(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    # private until Python 3.14's terminate_workers(); None once the pool is shut down
    return list((pool._processes or {}).values())


def _end(workers: list[BaseProcess]) -> None:
    """Stop `workers` (SIGTERM), and kill those still there after `STOP_GRACE` seconds."""
    for worker in workers:
        worker.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():
            worker.kill()
            worker.join()


def _result(future: Future[Part], job: Job) -> Part:
    try:
        return future.result()
    except BrokenProcessPool:
        return Part(
            job.partner,
            status="failed",
            problems=[
                "the worker process building it stopped abruptly (a crash, or out of "
                "memory); so did the briefs it was sharing a pool with: run the pack again"
            ],
        )
    except Exception as exc:  # the job could not even be sent or its part returned
        return Part(job.partner, status="failed", problems=[f"{type(exc).__name__}: {exc}"])


def _stamp(job: Job) -> Path:
    return (job.options.out or job.root / "briefs") / job.home / ".stamps" / f"{job.partner}.json"


def _unchanged(job: Job) -> Part | None:
    """The part of a partner whose outputs are up to date, or None if it needs building."""
    if job.force:
        return None
    try:
        saved = json.loads(_stamp(job).read_text(encoding="utf-8"))
        if saved.get("inputs") != job.inputs or not intact(saved, str(job.options.level)):
            return None
        return Part(job.partner, "unchanged", saved["chapters"], saved["markings"], saved["names"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def build_part(job: Job) -> Part:
    """Build one partner's brief and chapters unless its stamp says nothing changed."""
    part = Part(job.partner)
    try:
        unchanged = _unchanged(job)
        if unchanged is not None:
            part = unchanged
        else:
            ws = open_workspace(job.root)
            out = (job.options.out or ws.root / "briefs") / job.home
            saved = _build(ws, job, out)
            write_atomically(_stamp(job), json.dumps(saved, ensure_ascii=False).encode())
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
    from .writers.pdf import tagged_pdf

    outputs: dict[Path, tuple[str, dict[str, Any]]] = {}
    chapters: dict[str, str] = {}
    saved: dict[str, Any] = {
        "inputs": job.inputs,
        "chapters": {},
        "markings": {},
        "names": {},
    }
    for lang, html, context in render_brief(ws, job.home, job.partner, job.options):
        for fmt in job.options.formats or tuple(ws.settings.formats):
            outputs[out / f"{job.partner}.{lang}.{fmt}"] = (html, context)
        # its marking is this brief's, inside a pack whose banners give the pack's
        marked = context["fmt"].gettext("This brief: {level}").format(level=context["marking"])
        chapter = dict(context, pack_part=True, marking=marked)
        templates = brief_templates(job.home, job.partner)
        chapters[lang] = render_html(ws.root / "templates", templates, chapter)
        saved["markings"][lang] = context["marking_level"]
        # in the contents: an organisation's brief by its title, beside its members' names
        named = context["title"] if context["kind"] == "organisation" else context["partner_name"]
        saved["names"][lang] = str(named)
    written = write_outputs(ws, outputs)
    # The chapter is an intermediate, tagged for binding and kept to look at.
    folder = out / "packs" / ".chapters"
    folder.mkdir(parents=True, exist_ok=True)
    for lang, html in chapters.items():
        path = folder / f"{job.partner}.{lang}.pdf"
        write_atomically(path, tagged_pdf(html, base=ws.root))
        written.append(path)
        saved["chapters"][lang] = str(path)
    saved["level"] = job.options.level
    saved["outputs"] = digests(written)
    return saved


def sort_key(name: str) -> str:
    """Alphabetical order as a reader expects it: accents and case do not count."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
