"""Timing and statistics: samples, figures with targets, and interleaved runs.

These machines are noisy, so every ratio is taken per repeat from a subject and its floor
run side by side (their order alternating), and reported as the median and the range of
those per-repeat ratios, never as a ratio of medians measured at different times.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sample:
    """Values of one measure over several runs, in the unit of its figure."""

    runs: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Sample:
        if not values:
            raise ValueError("a sample needs at least one run")
        return cls(tuple(float(v) for v in values))

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def low(self) -> float:
        return min(self.runs)

    @property
    def high(self) -> float:
        return max(self.runs)

    def scaled(self, factor: float) -> Sample:
        """The same runs in another unit, such as seconds times 1000 for milliseconds."""
        return Sample(tuple(v * factor for v in self.runs))


@dataclass(frozen=True)
class Target:
    """A bound a figure should stay within: at most `limit`, or at least it."""

    limit: float
    at_least: bool = False

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def describe(self, unit: str) -> str:
        return f"{'≥' if self.at_least else '≤'} {self.limit:g}{_suffix(unit)}"


@dataclass(frozen=True)
class Figure:
    """One row of the report: a measure (or a plain statement), its target and verdict.

    `text` replaces the numbers for what is not a measurement ("pandoc not installed").
    `check` is a verdict given directly, for yes/no figures such as "WeasyPrint not
    imported"; otherwise the verdict is the target applied to the median.
    """

    group: str
    name: str
    unit: str = ""
    sample: Sample | None = None
    target: Target | None = None
    text: str = ""
    check: bool | None = None
    expected: str = ""  # the target in words, for figures judged by `check`
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        if self.check is not None:
            return self.check
        if self.target is None or self.sample is None:
            return None
        return self.target.met(self.sample.median)

    @property
    def target_text(self) -> str:
        if self.target is not None:
            return self.target.describe(self.unit)
        return self.expected

    def as_dict(self) -> dict[str, Any]:
        """The figure as JSON: numbers in its unit, with every run kept."""
        out: dict[str, Any] = {"group": self.group, "name": self.name, "unit": self.unit}
        if self.sample is not None:
            out |= {
                "median": self.sample.median,
                "min": self.sample.low,
                "max": self.sample.high,
                "runs": list(self.sample.runs),
            }
        if self.text:
            out["text"] = self.text
        out |= {"target": self.target_text or None, "met": self.met, "note": self.note}
        return out | self.extra


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of `action` takes, after a collection so garbage is not billed."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleave(actions: Mapping[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    """Seconds per run of each action, all run once in every repeat.

    The order rotates from one repeat to the next, so no action always runs first (with
    cold caches) or last (after the others' garbage).
    """
    names = list(actions)
    times: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(timed(actions[name]))
    return times


def ratios(subject: Sequence[float], floor: Sequence[float]) -> Sample:
    """Per-repeat ratios of a subject to its floor, measured in the same repeats."""
    if len(subject) != len(floor):
        raise ValueError("a ratio needs the subject and its floor from the same repeats")
    return Sample.of([s / f for s, f in zip(subject, floor, strict=True)])


def milliseconds(seconds: Sequence[float]) -> Sample:
    return Sample.of(seconds).scaled(1000)


def _suffix(unit: str) -> str:
    return unit if unit in ("×", "%", "") else f" {unit}"
