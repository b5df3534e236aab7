"""Figure 4: one brief at about 2, 10 and 50 pages, and whether its time grows linearly.

A synthetic relationship file is made from canada/peru by repeating its paragraphs,
visits and talking points `copies` times each, in a scratch copy of the workspace. The
number of copies for each size is found by building and counting the PDF's pages with
pikepdf: two builds fit pages as a line in copies, one more per size checks the guess.
"""

from __future__ import annotations

import copy
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from briefing.build import build_brief
from briefing.load import load_document
from briefing.workspace import Workspace, open_workspace, split_target

from .single import TARGET, options
from .stats import Figure, Sample, Target, interleave, milliseconds, ratios

GROUP = "4 scaling"
SIZES = (2, 10, 50)
LINEAR_LIMIT = 1.3
# Lists that grow with `copies`: each section's paragraphs, the visits, the talking points.
SECTIONS = ("summary", "background", "political", "multilateral", "trade", "investment", "aid")
LISTS = ("visits", "talking_points")
MINIMAL = ("home", "partner", "language", "as_of", "classification", "sources", "summary", "people")
PROBE = 16  # copies of the second build that fits pages per copy (≈ 15 pages)
_TOLERANCE = 0.15  # a size is "about" right within 15 % of its pages


def cycled(items: Sequence[Any], count: int) -> list[Any]:
    """`count` items taken from `items` over and over, each a separate copy."""
    return [copy.deepcopy(items[i % len(items)]) for i in range(count)] if items else []


def synthetic_relationship(data: dict[str, Any], copies: int) -> dict[str, Any]:
    """The relationship `data` with its repeatable lists made `copies` long.

    No copies at all leaves the shortest brief: the settings of the file, its summary,
    sources and people, with no other section.
    """
    if copies <= 0:
        return {key: copy.deepcopy(value) for key, value in data.items() if key in MINIMAL}
    out = copy.deepcopy(data)
    for name in SECTIONS:
        section = out.get(name)
        if isinstance(section, dict) and isinstance(section.get("text"), list):
            section["text"] = cycled(data[name]["text"], copies)
    for name in LISTS:
        if isinstance(out.get(name), list):
            out[name] = cycled(data[name], copies)
    return out


def copy_workspace(root: Path, into: Path) -> Path:
    """A scratch workspace: the settings, data and templates of `root`, copied to `into`."""
    into.mkdir(parents=True)
    shutil.copy(root / "brief.yaml", into / "brief.yaml")
    for name in ("data", "templates"):
        if (root / name).is_dir():
            shutil.copytree(root / name, into / name)
    return into


def synthetic_workspace(root: Path, into: Path, copies: int) -> Workspace:
    """A scratch copy of the workspace at `root` whose canada/peru has `copies` of each."""
    ws = open_workspace(copy_workspace(root, into))
    path = ws.relationship_path(*split_target(TARGET))
    data = load_document(path).data  # the project's loader: PyYAML's own is stricter
    text = yaml.safe_dump(
        synthetic_relationship(data, copies), allow_unicode=True, sort_keys=False, width=100
    )
    path.write_text(text, "utf-8")
    return ws


def pdf_pages(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


class Sizes:
    """Synthetic workspaces by number of copies, each built once to count its pages."""

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root, self.scratch = root, scratch
        self.built: dict[int, tuple[Workspace, Path, int]] = {}
        self.first: dict[int, float] = {}  # seconds of the build that counted the pages

    def build(self, ws: Workspace, copies: int) -> Path:
        """Build the brief of one synthetic workspace as a PDF; return the PDF."""
        out = self.scratch / f"out-{copies}"
        return build_brief(ws, TARGET, options(out, ("pdf",)))[0]

    def builder(self, copies: int) -> Callable[[], object]:
        """The build of an already counted size, as an action to time."""
        ws = self.built[copies][0]
        return lambda: self.build(ws, copies)

    def pages(self, copies: int) -> int:
        if copies not in self.built:
            ws = synthetic_workspace(self.root, self.scratch / f"ws-{copies}", copies)
            start = time.perf_counter()
            pdf = self.build(ws, copies)
            self.first[copies] = time.perf_counter() - start
            self.built[copies] = (ws, pdf, pdf_pages(pdf))
        return self.built[copies][2]

    def copies_for(self, wanted: int, probe: int = PROBE) -> int:
        """The number of copies whose PDF has about `wanted` pages.

        Pages grow about linearly from one copy on; below that is the shortest brief.
        """
        one = self.pages(1)
        if wanted <= one:
            return 0 if abs(self.pages(0) - wanted) <= abs(one - wanted) else 1
        per_copy = max((self.pages(probe) - one) / (probe - 1), 0.01)
        guess = max(1, 1 + round((wanted - one) / per_copy))
        if abs(self.pages(guess) - wanted) > _TOLERANCE * wanted:
            better = max(1, guess + round((wanted - self.pages(guess)) / per_copy))
            if abs(self.pages(better) - wanted) < abs(self.pages(guess) - wanted):
                guess = better
        return guess


def scaling(root: Path, repeats: int, scratch: Path, sizes: Sequence[int] = SIZES) -> list[Figure]:
    """Figure 4: the whole build (PDF, one language) at each size, per page and linearity."""
    found = Sizes(root, scratch)
    chosen = {size: found.copies_for(size) for size in sizes}
    if repeats:
        times = interleave({str(size): found.builder(c) for size, c in chosen.items()}, repeats)
    else:  # a quick look: the one build that counted the pages (its first, a little slower)
        times = {str(size): [found.first[c]] for size, c in chosen.items()}
    figures: list[Figure] = []
    per_page: dict[int, list[float]] = {}
    for size, copies in chosen.items():
        pages = found.built[copies][2]
        seconds = times[str(size)]
        per_page[size] = [s / pages for s in seconds]
        figures += [
            Figure(
                GROUP,
                f"≈{size} pages: build PDF ({pages} pages, {copies} copies)",
                "ms",
                milliseconds(seconds),
                note="" if repeats else "quick: the build that counted the pages",
                extra={"pages": pages, "copies": copies},
            ),
            Figure(GROUP, f"≈{size} pages: time per page", "ms/page", milliseconds(per_page[size])),
        ]
    if len(sizes) >= 2:
        small, large = sorted(sizes)[-2:]
        counted = {size: found.built[chosen[size]][2] for size in (small, large)}
        figures.append(_linearity(small, large, times, per_page, counted))
    return figures


def _linearity(
    small: int,
    large: int,
    times: dict[str, list[float]],
    per_page: dict[int, list[float]],
    pages: dict[int, int],
) -> Figure:
    """Per-page time at the largest size against the next, and the cost of a further page."""
    extra_pages = max(pages[large] - pages[small], 1)
    marginal = Sample.of(
        [(b - a) / extra_pages for a, b in zip(times[str(small)], times[str(large)], strict=True)]
    ).median
    return Figure(
        GROUP,
        f"per-page time at {large} / at {small} pages",
        "×",
        ratios(per_page[large], per_page[small]),
        Target(LINEAR_LIMIT),
        note=f"linear if ≤ {LINEAR_LIMIT}; each further page ≈ {marginal * 1000:.0f} ms",
    )
