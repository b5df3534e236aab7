"""`python -m benchmarks`: measure every figure, print the table, write the JSON.

Everything runs in this process except the cold starts, which are fresh processes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from briefing.workspace import Workspace, open_workspace

from . import coldstart, packs, peers, report, scaling, single
from .stats import Figure

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = Path(__file__).resolve().parent / "results.json"


@dataclass(frozen=True)
class Repeats:
    """How many timed runs each group makes (after its warm-up)."""

    brief: int = 7
    stages: int = 7
    cold: int = 7
    cold_builds: bool = True  # also time `brief build` as a fresh process
    scaling: int = 3  # 0: the time of the build that counted the pages
    peers: int = 5
    packs: int = 2  # rebuilds; the two full pack builds run once each
    pack_size: int = 50  # briefs in the synthetic pack

    @classmethod
    def quick(cls) -> Repeats:
        return cls(
            brief=3, stages=3, cold=3, cold_builds=False, scaling=0, peers=1, packs=1, pack_size=2
        )


Measure = Callable[[Workspace, Repeats, Path], list[Figure]]
GROUPS: dict[int, tuple[str, Measure]] = {
    1: ("country brief against the floor", lambda ws, r, t: single.country_brief(ws, r.brief, t)),
    2: ("time by stage", lambda ws, r, t: single.stages(ws, r.stages, t)),
    3: (
        "cold starts",
        lambda ws, r, t: coldstart.cold_start(ws.root, r.cold, t, builds=r.cold_builds),
    ),
    4: ("scaling to 50 pages", lambda ws, r, t: scaling.scaling(ws.root, r.scaling, t)),
    5: ("region packs", lambda ws, r, t: packs.packs(ws.root, r.pack_size, r.packs, t)),
    6: ("peers: pandoc, LibreOffice", lambda ws, r, t: peers.peers(ws, r.peers, t)),
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description="Measure how close a brief is to its layout."
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats (under a minute)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"JSON file to write (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--workspace", type=Path, default=ROOT, help="workspace to measure (default: this repo)"
    )
    parser.add_argument(
        "--only", help="comma-separated figure numbers to measure, such as 1,3 (default: all)"
    )
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    return parser.parse_args(argv)


def measure(
    ws: Workspace, repeats: Repeats, groups: Sequence[int], console: Console
) -> tuple[list[Figure], list[str]]:
    """Every figure of `groups`; a group that fails is reported and the others still run."""
    figures: list[Figure] = []
    failures: list[str] = []
    for number in groups:
        title, group = GROUPS[number]
        start = time.perf_counter()
        console.log(f"{number}: {title}…")
        with tempfile.TemporaryDirectory(prefix=f"brief-bench-{number}-") as scratch:
            try:
                figures += group(ws, repeats, Path(scratch))
            except Exception as exc:  # one broken group must not hide the others' figures
                console.print(traceback.format_exc(), style="red", markup=False)
                failures.append(f"{number}: {exc}")
                figures.append(Figure(f"{number} {title}", "failed", text=str(exc), check=False))
        console.log(f"{number}: done in {time.perf_counter() - start:.1f} s")
    return figures, failures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; exit 1 if a group failed to run (a missed target is not a failure)."""
    args = parse(argv)
    console = Console(stderr=True)
    repeats = Repeats.quick() if args.quick else Repeats()
    groups = [int(g) for g in args.only.split(",")] if args.only else list(GROUPS)
    started = datetime.now(UTC)
    start = time.perf_counter()
    figures, failures = measure(open_workspace(args.workspace), repeats, groups, console)
    elapsed = time.perf_counter() - start
    run = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(elapsed, 1),
        "quick": args.quick,
        "repeats": asdict(repeats),
        "groups": groups,
        "failures": failures,
    }
    title = f"brief benchmarks ({'quick, ' if args.quick else ''}{elapsed:.0f} s)"
    wide = None if sys.stdout.isatty() else 150  # a file or a pipe: no wrapping at 80
    report.print_table(figures, title, Console(width=wide))
    if args.markdown:
        print(report.markdown(figures))
    report.write_json(args.out, report.document(figures, run))
    console.log(f"wrote {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
