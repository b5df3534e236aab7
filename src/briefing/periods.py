"""Dates that keep their precision: a year, a month, a day, a range, or a fiscal year.

The author writes `2012`, `2012-08`, `2012-08-15`, `2024-02-28/2024-02-29` or `FY2011`;
a brief prints what was written, in its language, and staleness compares the last day
the text covers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

# ASCII digits only: Python's \d also matches other scripts' digits (２０１２), which a
# brief would print as written and an editor's schema refuses.
_POINT = re.compile(r"(?P<fy>FY)?(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")

FIRST_YEAR, LAST_YEAR = 1, 9998
"""The years a date may name: a fiscal year ends in the next calendar year, which must exist."""


class Precision(Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    FISCAL_YEAR = "fiscal year"


@dataclass(frozen=True)
class Point:
    """One date as written, with its precision."""

    year: int
    month: int | None = None
    day: int | None = None
    fiscal: bool = False

    @property
    def precision(self) -> Precision:
        if self.fiscal:
            return Precision.FISCAL_YEAR
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def first_day(self, fiscal_start: int = 1) -> date:
        if self.fiscal:
            return date(self.year, fiscal_start, 1)
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self, fiscal_start: int = 1) -> date:
        if self.fiscal:
            end_year, end_month = (
                (self.year, 12) if fiscal_start == 1 else (self.year + 1, fiscal_start - 1)
            )
            return date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


@dataclass(frozen=True)
class When:
    """A point or a range of points, exactly as precise as the author wrote it."""

    text: str
    start: Point
    end: Point | None = None

    def first_day(self, fiscal_start: int = 1) -> date:
        return self.start.first_day(fiscal_start)

    def last_day(self, fiscal_start: int = 1) -> date:
        return (self.end or self.start).last_day(fiscal_start)


def parse_point(text: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not a date")
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    if match["fy"] and month is not None:
        raise ValueError(f"'{text}': a fiscal year is written FY and a year, such as FY2011")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has month {month}")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"'{text}' has day {day}, but that month has {last} days")
    return Point(year, month, day, fiscal=bool(match["fy"]))


def parse_when(value: str | int) -> When:
    """Parse a date as written; raise ValueError saying what is wrong."""
    text = str(value).strip()
    parts = text.split("/")
    if len(parts) > 2:
        raise ValueError(f"'{text}' has more than one '/'")
    start = parse_point(parts[0])
    end = parse_point(parts[1]) if len(parts) == 2 else None
    if end is not None:
        if end.precision is not start.precision:
            raise ValueError(f"'{text}': both ends of a range need the same precision")
        if end.first_day() < start.first_day():
            raise ValueError(f"'{text}' ends before it starts")
    return When(text, start, end)


DATE_FORMS = "a date such as 2012, 2012-08, 2012-08-15, FY2011 or a range 2024-02-28/2024-02-29"


def _date_pattern() -> str:
    year = "(?!0000|9999)[0-9]{4}"  # FIRST_YEAR to LAST_YEAR, in four digits
    month = f"{year}-(?:0[1-9]|1[0-2])"
    forms = (year, month, f"{month}-(?:0[1-9]|[12][0-9]|3[01])", f"FY{year}")
    ranges = "|".join(f"{form}(?:/{form})?" for form in forms)  # both ends equally precise
    return rf"^\s*(?:{ranges})\s*$"  # parse_when strips the text


DATE_PATTERN = _date_pattern()
"""The dates a data file may hold, as one regular expression (for JSON Schema editors).

The forms `parse_when` reads, in the years from FIRST_YEAR to LAST_YEAR. Only what a
calendar says is left out: 30 February, or a range that ends before it starts, matches.
"""
