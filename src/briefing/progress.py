"""What a long pack shows on stderr while it runs: first the members without data, then
each brief as it is done, as a bar with the time left on a terminal and as plain lines
otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from .packs import Part, Plan


class PackDisplay:
    """Told of a pack's plan, then of each part done; prints nothing without a console."""

    def __init__(self, console: Console | None) -> None:
        self.console = console
        self.bar: tuple[Progress, TaskID] | None = None  # on a terminal, once planned

    def planned(self, plan: Plan) -> None:
        """Name the members without data, and start the bar at its full length."""
        if self.console is None:
            return
        note = plan.note()
        if note:
            _line(self.console, note)
        if self.console.is_terminal:
            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(elapsed_when_finished=True),
                TextColumn("{task.fields[last]}"),
                console=self.console,
            )
            self.bar = bar, bar.add_task("briefs", total=plan.briefs, last="")
            bar.start()

    def finished(self, part: Part, done: int, total: int) -> None:
        """One more part done: `done` of `total`."""
        last = f"{part.partner}: {part.status}"
        if self.bar is None:
            if self.console is not None:
                _line(self.console, f"[{done}/{total}] {last}")
            return
        bar, task = self.bar
        if part.status == "unchanged":
            # reused at once: the time left is estimated from the briefs built after them
            bar.reset(task, completed=done, last=last)
        else:
            bar.update(task, completed=done, last=last)

    def close(self) -> None:
        if self.bar is not None:
            self.bar[0].stop()


def _line(console: Console, text: str) -> None:
    """`text` as written: no markup, colours or emoji, one line however long."""
    console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)


@contextmanager
def pack_progress(quiet: bool, console: Console | None = None) -> Iterator[PackDisplay]:
    """The display of a pack on `console` (stderr by default), silent if `quiet`."""
    display = PackDisplay(None if quiet else console or Console(stderr=True))
    try:
        yield display
    finally:
        display.close()
