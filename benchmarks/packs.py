"""Figure 5: a region pack of many briefs, in parallel and incrementally.

A scratch workspace gets a synthetic region whose members are copies of canada/peru
(relationship and partner profile, under new ids), so a pack of any size can be timed.
Each pack build is long, so the full builds run once each (one job, then all cores);
the cheap rebuilds run several times.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from briefing.build import BuildOptions
from briefing.load import load_document
from briefing.workspace import Workspace, open_workspace, split_target

from .scaling import copy_workspace
from .single import TARGET, TODAY
from .stats import Figure, Sample, Target, milliseconds

GROUP = "5 packs"
REGION = "bench-region"
NOT_BUILT = "not yet available (region packs not built)"
EFFICIENCY_LIMIT = 0.85
NO_CHANGE_LIMIT = 5.0  # percent of the full build
ONE_CHANGE_LIMIT = 2.0  # "about one brief": at most two briefs' worth of time
BIND_LIMIT = 10.0  # binding: percent of the full build
FLAT_LIMIT = 1.10  # "flat": peak memory at the later brief within 10 % of the earlier
# The pack figures of the region-pack issue, with their targets in words.
PACK_FIGURES = (
    ("parallel efficiency, all cores against one job", "≥ 0.85"),
    ("rebuild with nothing changed / full build", "≤ 5%"),
    ("rebuild after one data file changes", "≈ one brief"),
    ("peak memory per worker at brief 10 and brief 50", "flat"),
    ("binding / full build", "≤ 10%"),
)


def available() -> bool:
    return importlib.util.find_spec("briefing.packs") is not None


def unavailable() -> list[Figure]:
    return [Figure(GROUP, name, text=NOT_BUILT, expected=target) for name, target in PACK_FIGURES]


def member(index: int) -> str:
    return f"bench-{index:03d}"


def pack_workspace(root: Path, into: Path, size: int) -> Workspace:
    """A scratch workspace with a region of `size` members, each a copy of canada/peru."""
    ws = open_workspace(copy_workspace(root, into))
    home, partner = split_target(TARGET)
    relationship = load_document(ws.relationship_path(home, partner)).data
    profile_path = ws.profile_path(partner)
    profile = load_document(profile_path).data if profile_path.is_file() else None
    for index in range(1, size + 1):
        _dump(ws.relationship_path(home, member(index)), dict(relationship, partner=member(index)))
        if profile is not None:
            _dump(ws.profile_path(member(index)), dict(profile, id=member(index)))
    regions = load_document(ws.regions_path).data
    model = regions["regions"][0]
    regions["regions"].append(
        {
            "id": REGION,
            "kind": "region",
            "names": {"en": "Benchmark region", "fr": "Région d'essai"},
            "members": [member(i) for i in range(1, size + 1)],
            "as_of": model["as_of"],
            "sources": copy.deepcopy(model["sources"]),
        }
    )
    _dump(ws.regions_path, regions)
    return ws


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), "utf-8")


class PackRun:
    """Builds of the synthetic pack, keeping each brief's report (status, peak memory)."""

    def __init__(self, ws: Workspace, out: Path) -> None:
        self.ws = ws
        self.options = BuildOptions(langs=("en",), formats=("pdf",), out=out, today=TODAY)
        self.parts: list[Any] = []

    def build(self, jobs: int, force: bool) -> float:
        """Seconds one pack build takes; its parts are kept in the order they finished."""
        from briefing.packs import build_pack

        self.parts = []
        home = split_target(TARGET)[0]
        start = time.perf_counter()
        build_pack(self.ws, REGION, home, self.options, jobs=jobs, force=force, progress=self._done)
        return time.perf_counter() - start

    def bind_afresh(self, jobs: int) -> float:
        """Seconds a rebuild takes that only binds: no brief changed, but the pack's stamp
        and its cache of front matter and furniture are gone, so it lays them out again."""
        out = self.options.out / split_target(TARGET)[0]  # type: ignore[operator]
        (out / ".stamps" / f"pack-{REGION}.json").unlink(missing_ok=True)
        shutil.rmtree(out / "packs" / ".cache", ignore_errors=True)
        return self.build(jobs, force=False)

    def _done(self, part: Any, done: int, total: int) -> None:
        self.parts.append(part)


def packs(root: Path, size: int, repeats: int, scratch: Path) -> list[Figure]:
    """Figure 5: efficiency on all cores, incremental rebuilds and memory over a pack."""
    if not available():
        return unavailable()
    cores = os.cpu_count() or 1
    ws = pack_workspace(root, scratch / "ws", size)
    run = PackRun(ws, scratch / "out")
    parallel = run.build(cores, force=True)  # also warms the template cache
    memory = [part.peak_rss_kib / 1024 for part in run.parts]
    serial = run.build(1, force=True)
    unchanged = [run.build(cores, force=False) for _ in range(repeats)]
    binding = [run.bind_afresh(cores) for _ in range(repeats)]
    changed_path = ws.relationship_path(split_target(TARGET)[0], member(1))
    changed = []
    for n in range(repeats):
        changed_path.write_text(changed_path.read_text("utf-8") + f"\n# edit {n}\n", "utf-8")
        changed.append(run.build(cores, force=False))
    rebuilt = sum(1 for part in run.parts if part.status == "built")
    one_brief = serial / size
    what = f"{size} briefs, en, PDF"
    return [
        Figure(GROUP, f"pack, one job ({what})", "ms", milliseconds([serial])),
        Figure(GROUP, f"pack, {cores} jobs ({what})", "ms", milliseconds([parallel])),
        Figure(
            GROUP,
            f"parallel efficiency, {cores} jobs against one",
            "",
            Sample.of([serial / (parallel * cores)]),
            Target(EFFICIENCY_LIMIT, at_least=True),
            note="one run of each" + ("" if size >= 40 else "; a small pack: fixed costs rule"),
        ),
        Figure(
            GROUP,
            "rebuild with nothing changed / full build",
            "%",
            Sample.of([100 * t / parallel for t in unchanged]),
            Target(NO_CHANGE_LIMIT),
            note=f"full build = {cores} jobs",
        ),
        Figure(
            GROUP,
            "rebuild after one data file changes / one brief",
            "×",
            Sample.of([t / one_brief for t in changed]),
            Target(ONE_CHANGE_LIMIT),
            note=f"{rebuilt} brief rebuilt; one brief = one-job pack / {size}",
        ),
        Figure(
            GROUP,
            "binding / full build",
            "%",
            Sample.of([100 * t / parallel for t in binding]),
            Target(BIND_LIMIT),
            note="binding = a rebuild with every brief unchanged, the pack's cache removed",
        ),
        _memory(memory),
    ]


def _memory(peaks: list[float]) -> Figure:
    early, late = (10, min(50, len(peaks))) if len(peaks) > 10 else (min(2, len(peaks)), len(peaks))
    ratio = peaks[late - 1] / peaks[early - 1]
    return Figure(
        GROUP,
        f"peak worker memory at brief {late} / at brief {early}",
        "×",
        Sample.of([ratio]),
        Target(FLAT_LIMIT),
        note=f"{peaks[early - 1]:.0f} → {peaks[late - 1]:.0f} MiB (flat if ≤ {FLAT_LIMIT})",
    )
