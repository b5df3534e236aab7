"""Dates that keep their precision: a year, a month, a day, a range, or a fiscal year.

The author writes `2012`, `2012-08`, `2012-08-15`, `2024-02-28/2024-02-29` or `FY2011`,
and in the notation of ISO 8601-2 (EDTF) a range whose ends differ in precision
(`2010/2015-03-05`), a period still running (`2019-03/..`, "since March 2019") or one day
of several (`[2015-05-03..2015-05-04]`, "3 or 4 May 2015"); a brief prints what was
written, in its language, and staleness compares the last day the text covers. `DateText`
and `DayText` are the types data files use for them (`spans` has times of day and
durations): each validates a value and describes it for JSON Schema from the same rule.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from typing_extensions import TypeAliasType

from .errors import shown

# ASCII digits only: Python's \d also matches other scripts' digits (２０１２), which a
# brief would print as written and an editor's schema refuses.
_POINT = re.compile(r"(?P<fy>FY)?(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")

FIRST_YEAR, LAST_YEAR = 1, 9998
"""The years a date may name: a fiscal year ends in the next calendar year, which must exist."""


FiscalNaming = Literal["start", "end"]
"""Which calendar year names a fiscal year that spans two: Canada's FY2011 starts in 2011
(April 2011 to March 2012), the United States' FY2022 ends in 2022 (October 2021 to
September 2022)."""


def fiscal_first_year(year: int, fiscal_start: int, named_by: FiscalNaming) -> int:
    """The calendar year in which fiscal year `year` begins."""
    return year - 1 if named_by == "end" and fiscal_start != 1 else year


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

    def __str__(self) -> str:
        """The point as written: `FY2011`, `2012-08`, `2012-08-15`."""
        parts = (self.month, self.day)
        return (
            ("FY" if self.fiscal else "")
            + f"{self.year:04}"
            + "".join(f"-{part:02}" for part in parts if part is not None)
        )

    @property
    def precision(self) -> Precision:
        if self.fiscal:
            return Precision.FISCAL_YEAR
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def first_day(self, fiscal_start: int = 1, named_by: FiscalNaming = "start") -> date:
        """The first day the point covers; a fiscal year's begins in month `fiscal_start`
        of its year, or of the year before when fiscal years are `named_by` their end."""
        if self.fiscal:
            return date(fiscal_first_year(self.year, fiscal_start, named_by), fiscal_start, 1)
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self, fiscal_start: int = 1, named_by: FiscalNaming = "start") -> date:
        """The last day the point covers: a fiscal year's is twelve months after its first."""
        if self.fiscal:
            first = fiscal_first_year(self.year, fiscal_start, named_by)
            end_year, end_month = (
                (first, 12) if fiscal_start == 1 else (first + 1, fiscal_start - 1)
            )
            return date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


@dataclass(frozen=True)
class When:
    """A point or a range of points, exactly as precise as the author wrote it.

    `open`: a period from `start` still running (`2019-03/..`), with no end. `one_of`: one
    day from `start` to `end`, not all of them (`[2015-05-03..2015-05-04]`).
    """

    text: str
    start: Point
    end: Point | None = None
    open: bool = False
    one_of: bool = False

    @property
    def mixed(self) -> bool:
        """Whether the range's ends differ in precision: `2010/2015-03-05`."""
        return self.end is not None and self.end.precision is not self.start.precision

    def first_day(self, fiscal_start: int = 1, named_by: FiscalNaming = "start") -> date:
        return self.start.first_day(fiscal_start, named_by)

    def last_day(self, fiscal_start: int = 1, named_by: FiscalNaming = "start") -> date:
        """The last day the text covers; an open period has none, so `date.max`: it is
        never over, and never older than any day."""
        if self.open:
            return date.max
        return (self.end or self.start).last_day(fiscal_start, named_by)


# Near misses, each with its own message: fy2011, 2012-8
_LOWER_FISCAL = re.compile(r"fy[0-9]{4}", re.IGNORECASE)
_SHORT_PART = re.compile(r"[0-9]{4}(?:-[0-9]{1,2}){1,2}")


def parse_point(text: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        if _LOWER_FISCAL.fullmatch(text):
            raise ValueError(f"'{text}': a fiscal year is written FY in capitals, such as FY2011")
        if _SHORT_PART.fullmatch(text):
            raise ValueError(f"'{text}': months and days take two digits, such as 2012-08-05")
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


OPEN = ".."
"""EDTF's end of a period still running: `2019-03/..`."""

# Each end of a set is of bounded length, so that a long text fails in linear time
_SET = re.compile(r"\[(?P<first>[0-9-]{4,10})\.\.(?P<last>[0-9-]{4,10})\]")


def parse_when(value: str | int) -> When:
    """Parse a date as written; raise ValueError saying what is wrong."""
    text = str(value).strip()
    if text.startswith("["):
        return _one_of(text)
    parts = text.split("/")
    if len(parts) > 2:
        raise ValueError(f"'{text}' has more than one '/'")
    if len(parts) == 2 and not all(parts):
        raise ValueError(
            f"'{text}': a range needs a date on each side of '/', "
            "or .. after it for a period still running, such as 2019-03/.."
        )
    if parts[0] == OPEN:
        raise ValueError(f"'{text}': a period needs its first date, such as 2019-03/..")
    start = parse_point(parts[0])
    if len(parts) == 1:
        return When(text, start)
    if parts[1] == OPEN:
        return When(text, start, open=True)
    end = parse_point(parts[1])
    if (start.precision is Precision.FISCAL_YEAR) is not (end.precision is Precision.FISCAL_YEAR):
        raise ValueError(
            f"'{text}': a range of fiscal years has FY at both ends, such as FY2011/FY2013"
        )
    if end.first_day() < start.first_day():
        raise ValueError(f"'{text}' ends before it starts")
    if end.precision is not start.precision and end.first_day() <= start.last_day():
        # 2012/2012-05: "2012 to May 2012" says nothing a reader can use
        raise ValueError(f"'{text}': its end lies within its start")
    return When(text, start, end)


def _one_of(text: str) -> When:
    """One day of several, written as the first and the last: `[2015-05-03..2015-05-04]`."""
    match = _SET.fullmatch(text)
    if not match:
        raise ValueError(
            f"'{text}': one day of several is written [first..last], such as "
            "[2015-05-03..2015-05-04]"
        )
    first, last = parse_point(match["first"]), parse_point(match["last"])
    if Precision.DAY is not first.precision or Precision.DAY is not last.precision:
        raise ValueError(f"'{text}': a set holds days, such as [2015-05-03..2015-05-04]")
    if last.first_day() <= first.first_day():
        raise ValueError(f"'{text}': a set needs a last day after its first")
    return When(text, first, last, one_of=True)


DATE_FORMS = (
    "a date such as 2012, 2012-08, 2012-08-15, FY2011, a range 2010/2015-03-05, "
    "a period still running 2019-03/.. or one day of several [2015-05-03..2015-05-04]"
)


_YEAR = "(?!0000|9999)[0-9]{4}"  # FIRST_YEAR to LAST_YEAR, in four digits
_MONTH = f"{_YEAR}-(?:0[1-9]|1[0-2])"
_DAY = f"{_MONTH}-(?:0[1-9]|[12][0-9]|3[01])"


def _date_pattern() -> str:
    point = f"(?:{_DAY}|{_MONTH}|{_YEAR})"  # either end of a range, at any precision
    fiscal = f"FY{_YEAR}"  # a fiscal year ranges only to a fiscal year
    ranges = "|".join(rf"{form}(?:/(?:{form}|\.\.))?" for form in (point, fiscal))
    return rf"^\s*(?:{ranges}|\[{_DAY}\.\.{_DAY}\])\s*$"  # parse_when strips the text


DATE_PATTERN = _date_pattern()
"""The dates a data file may hold, as one regular expression (for JSON Schema editors).

The forms `parse_when` reads, in the years from FIRST_YEAR to LAST_YEAR. Only what a
calendar says is left out: 30 February, a range that ends before it starts or within its
start, a set whose last day is not after its first, matches.
Each part is of fixed length and anchored, so that a long text fails in linear time.
"""

DAY_PATTERN = rf"^\s*{_DAY}\s*$"
"""One day, such as 2026-12-03: the date of a meeting."""


_LONGEST_DATE = 40  # no date is this long; keep the message one short line


def _when(value: Any) -> Any:
    if isinstance(value, list):  # YAML reads [2015-05-03..2015-05-04] unquoted as a list
        raise ValueError(
            "a list is not a date: one day of several goes in quotes, such as "
            f'"[2015-05-03..2015-05-04]" (expected {DATE_FORMS})'
        )
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"expected {DATE_FORMS} (got {shown(value)})")
    text = str(value)
    if len(text) > _LONGEST_DATE:
        raise ValueError(f"{shown(text, _LONGEST_DATE)} is not a date (expected {DATE_FORMS})")
    if isinstance(value, int) and not FIRST_YEAR <= value <= LAST_YEAR:
        # YAML reads 0000 as 0: name the year, not the text '0' the author never wrote
        raise ValueError(f"year {value} is out of range (expected {_YEARS})")
    try:
        parsed = parse_when(value)
    except ValueError as exc:
        if not str(exc).startswith("'"):  # datetime's own words, such as "year 0 is out of range"
            exc = ValueError(f"{shown(text)} is not a date")
        raise ValueError(f"{exc} (expected {DATE_FORMS})") from None
    years = (p.year for p in (parsed.start, parsed.end) if p is not None)
    if not all(FIRST_YEAR <= year <= LAST_YEAR for year in years):
        raise ValueError(f"'{parsed.text}' is out of range (expected {_YEARS})")
    return parsed.text


_YEARS = f"a year from {FIRST_YEAR:04} to {LAST_YEAR}"

_DateInput = (
    Annotated[
        str,
        Field(
            pattern=DATE_PATTERN,
            max_length=_LONGEST_DATE,
            json_schema_extra={"patternErrorMessage": f"expected {DATE_FORMS}"},
        ),
    ]
    # YAML reads 2012 as a number: a year of four digits
    | Annotated[int, Field(ge=1000, le=LAST_YEAR)]
)

DateText = TypeAliasType(
    "DateText",
    Annotated[
        str,
        BeforeValidator(_when, json_schema_input_type=_DateInput),
        Field(
            description=DATE_FORMS,
            examples=[
                "2012-08-15",
                "2012-08",
                2012,
                "FY2011",
                "2010/2015-03-05",
                "2019-03/..",
                "[2015-05-03..2015-05-04]",
            ],
        ),
    ],
)


_DAY_FORMS = "the day it takes place, such as 2026-12-03"


def _day(value: Any) -> Any:
    text = _when(value)
    parsed = when(text)
    if parsed.end is not None or parsed.open or parsed.start.precision is not Precision.DAY:
        raise ValueError(f"'{text}' is not one day (expected {_DAY_FORMS})")
    return text


DayText = TypeAliasType(
    "DayText",
    Annotated[
        str,
        BeforeValidator(
            _day,
            json_schema_input_type=Annotated[
                str,
                Field(
                    pattern=DAY_PATTERN,
                    max_length=_LONGEST_DATE,
                    json_schema_extra={"patternErrorMessage": f"expected {_DAY_FORMS}"},
                ),
            ],
        ),
        Field(description=_DAY_FORMS, examples=["2026-12-03"]),
    ],
)
"""One day, as written: the date of a meeting, which a brief is built as of."""


def when(text: str) -> When:
    """The parsed form of a validated `DateText`."""
    return parse_when(text)


def ended_before(until: str | None, day: date) -> bool:
    """Whether a term that runs `until` (a validated `DateText`, or None: still running)
    was over by `day`: its holder is then former, never current. An open period
    (`2019-03/..`) is never over; one day of several is over after the last of them."""
    return until is not None and when(until).last_day() < day
