"""How a long pack shows its progress: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .packs import Part

Progress = Callable[[Part, int, int], None]


@contextmanager
def pack_progress(quiet: bool) -> Iterator[Progress | None]:
    """A callback for each finished brief; a rich bar when stderr is a terminal."""
    if quiet:
        yield None
        return
    if not sys.stderr.isatty():

        def line(part: Part, done: int, total: int) -> None:
            print(f"[{done}/{total}] {part.partner}: {part.status}", file=sys.stderr)

        yield line
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("briefs", total=None, last="")

        def advance(part: Part, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, last=f"{part.partner}: {part.status}")

        yield advance
