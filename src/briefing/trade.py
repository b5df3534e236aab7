"""Trade series: the flows of one dimension (goods, services...) in one currency, by year,
with the values derived within each series: total, balance and growth.

A derived value is computed only from complete figures of its own series, and keeps what
its inputs say of them. Each input is the set of values it may take (`Bounds`: a number,
a bound, a range); the derived value is the set they allow, stated as a number, a bound or
a range. Where they allow no bound either way it is not computed; from an approximate
input ("about", "nearly") it is approximate. An incomplete figure is never computed with.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .figure_model import DIMENSIONS

INF = math.inf
FLOWS = ("exports", "imports", "total")
COLUMNS = (*FLOWS, "balance", "growth")


@dataclass(frozen=True)
class Bounds:
    """The values a figure may take: from `low` to `high` (either end open, or infinite);
    `point` is the number the source gives, if one; `approximate` for "about" or "nearly"."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    point: float | None = None
    approximate: bool = False

    @classmethod
    def of(cls, figure: dict[str, Any]) -> Bounds | None:
        """What `figure` says of its number; None for an incomplete figure."""
        if figure.get("incomplete"):
            return None
        if figure.get("between"):
            low, high = figure["between"]
            return cls(low, high)
        value, qualifier = figure["value"], figure.get("qualifier")
        if qualifier in ("about", "nearly"):
            return cls(value, value, point=value, approximate=True)
        if qualifier in ("over", "at_least"):
            return cls(value, INF, low_open=qualifier == "over", point=value)
        if qualifier in ("under", "at_most", "up_to"):
            return cls(-INF, value, high_open=qualifier == "under", point=value)
        return cls(value, value, point=value)

    def plus(self, other: Bounds) -> Bounds:
        return Bounds(
            self.low + other.low,
            self.high + other.high,
            self.low_open or other.low_open,
            self.high_open or other.high_open,
            _point(self.point, other.point, lambda a, b: a + b),
            self.approximate or other.approximate,
        )

    def minus(self, other: Bounds) -> Bounds:
        return Bounds(
            self.low - other.high,
            self.high - other.low,
            self.low_open or other.high_open,
            self.high_open or other.low_open,
            _point(self.point, other.point, lambda a, b: a - b),
            self.approximate or other.approximate,
        )

    def growth_from(self, base: Bounds) -> Bounds | None:
        """The change from `base` to this value, as a ratio; None unless `base` is above 0.

        No bound is taken from flows being 0 or more: a base that may be infinitely large
        gives no lower bound (not -100%), as a base under a number gives no upper one.
        """
        if base.high <= 0 or (base.point is not None and base.point <= 0):
            return None
        return Bounds(
            -INF if base.high == INF else self.low / base.high - 1,
            INF if base.low <= 0 else self.high / base.low - 1,
            self.low_open or base.high_open,
            self.high_open or base.low_open,
            _point(self.point, base.point, lambda a, b: a / b - 1),
            self.approximate or base.approximate,
        )

    def stated(self) -> dict[str, Any] | None:
        """The value as a figure states it (value, between, qualifier); None when it is
        bounded neither way, or approximate with no number to approximate."""
        if self.approximate:
            return None if self.point is None else {"value": self.point, "qualifier": "about"}
        if self.low == self.high:
            return {"value": self.low, "qualifier": None}
        if self.low > -INF and self.high < INF:
            return {"value": None, "between": [self.low, self.high], "qualifier": None}
        if self.low > -INF:
            return {"value": self.low, "qualifier": "over" if self.low_open else "at_least"}
        if self.high < INF:
            return {"value": self.high, "qualifier": "under" if self.high_open else "at_most"}
        return None


def _point(a: float | None, b: float | None, op: Callable[[float, float], float]) -> float | None:
    return None if a is None or b is None else op(a, b)


def trade_series(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trade figures as series, one per dimension and currency, in the order of
    `DIMENSIONS`, each with its table (`rows`) and its `chart`. `shared` says that its
    dimension has series in other currencies too (so a caption names the currency)."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    ordered = sorted(figures, key=lambda f: DIMENSIONS.index(f["dimension"]))
    for fig in ordered:
        if fig.get("currency") is not None:
            groups.setdefault((fig["dimension"], fig["currency"]), []).append(fig)
    for fig in ordered:  # an incomplete figure of no stated currency: with its dimension's
        if fig.get("currency") is None:
            key = next((k for k in groups if k[0] == fig["dimension"]), (fig["dimension"], None))
            groups.setdefault(key, []).append(fig)
    out = []
    for (dimension, currency), members in groups.items():
        rows = trade_table(members)
        shared = sum(1 for d, _ in groups if d == dimension) > 1
        out.append(
            {"dimension": dimension, "currency": currency, "shared": shared, "rows": rows}
            | {
                "chart": chart(rows),
                "derived": any(_is_derived(v) for r in rows for v in r.values()),
                "columns": [c for c in COLUMNS if any(r.get(c) for r in rows)],
                "sources": list(dict.fromkeys(f["source"] for f in members if f.get("source"))),
            }
        )
    return out


def _is_derived(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("derived"))


def trade_table(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One series' rows by year: exports, imports, total (given or summed), balance and
    growth, each derived value keeping the bounds of its inputs (see `Bounds`)."""
    years: dict[str, dict[str, Any]] = {}
    for fig in figures:
        years.setdefault(fig["year"] or "", {"year": fig["year"]})[fig["flow"]] = fig
    rows = [years[y] for y in sorted(years)]
    for row in rows:
        exports, imports = row.get("exports"), row.get("imports")
        if exports and imports:
            total = _derived(exports, imports, Bounds.plus)
            if "total" not in row and total:
                row["total"] = total
            if balance := _derived(exports, imports, Bounds.minus):
                row["balance"] = balance | {"flow": "balance"}  # printed as a deficit or surplus
    for previous, row in itertools.pairwise(rows):
        before, now = previous.get("total"), row.get("total")
        if before and now and _consecutive(previous["year"], row["year"]):
            growth = _derived(now, before, Bounds.growth_from)
            if growth:
                row["growth"] = _as_percent(growth) | {"base": previous["year"]}
    return rows


def _derived(
    a: dict[str, Any], b: dict[str, Any], op: Callable[[Bounds, Bounds], Bounds | None]
) -> dict[str, Any] | None:
    """The value `op` derives from figures `a` and `b`, as a figure; None when either is
    incomplete, or what they allow has no bound."""
    first, second = Bounds.of(a), Bounds.of(b)
    result = op(first, second) if first and second else None
    stated = result.stated() if result else None
    if stated is None:
        return None
    inferred = bool(a.get("currency_inferred") or b.get("currency_inferred"))
    return stated | {"currency": a.get("currency"), "currency_inferred": inferred, "derived": True}


def _as_percent(ratio: dict[str, Any]) -> dict[str, Any]:
    """A derived ratio as a figure in percent: 0.185 is 18.5%."""
    value, between = ratio["value"], ratio.get("between")
    return ratio | {
        "value": None if value is None else value * 100,
        "between": [end * 100 for end in between] if between else None,
        "currency": None,
        "currency_inferred": False,
        "unit": "percent",
    }


def _consecutive(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.isdigit() and b.isdigit() and int(b) == int(a) + 1)


def chart(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A series' bars, from its complete figures only, or None when there are fewer than two.

    Each bar is a figure with the span it allows (`low`, `high`): a value is drawn to
    itself, a range to its low end with its span outlined, a bound "under" as its span
    from 0, and a bound "over" to its value, open-ended (`high` None). `ticks` mark the
    value axis, from 0 past the highest bar.
    """
    every = [
        {"year": r["year"], "bars": {f: _bar(r[f]) for f in FLOWS if _drawn(r.get(f))}}
        for r in rows
    ]
    drawn = [row for row in every if row["bars"]]
    tops = [bar["reach"] for row in drawn for bar in row["bars"].values()]
    if len(tops) < 2 or max(tops) <= 0:
        return None
    ticks = _ticks(max(tops))
    flows = [f for f in FLOWS if any(f in row["bars"] for row in drawn)]
    return {"rows": drawn, "flows": flows, "max": ticks[-1], "ticks": ticks}


def _drawn(figure: dict[str, Any] | None) -> bool:
    return figure is not None and not figure.get("incomplete")


def _bar(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure with the span it allows: flows are 0 or more, and an unbounded top is None."""
    bounds = Bounds.of(figure)
    assert bounds is not None  # incomplete figures are not drawn
    low, high = max(bounds.low, 0.0), None if bounds.high == INF else bounds.high
    return {"figure": figure, "low": low, "high": high, "reach": low if high is None else high}


def _ticks(top: float, most: int = 5) -> list[float]:
    """Round values from 0 to `top` or just past it, in at most `most` equal steps of 1, 2 or
    5 times a power of ten."""
    rough = top / most
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= rough)
    count = math.ceil(top / step - 1e-9)  # a top on a step is that step's, despite rounding
    return [float(f"{step * i:.12g}") for i in range(count + 1)]
