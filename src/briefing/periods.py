"""Dates that keep their precision: a year, a month, a day, a range, or a fiscal year.

The author writes `2012`, `2012-08`, `2012-08-15`, `2024-02-28/2024-02-29` or `FY2011`;
a brief prints what was written, in its language, and staleness compares the last day
the text covers. `DateText`, `DayText` and `Time` are the types data files use for them:
each validates a value and describes it for JSON Schema from the same rule.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
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
    """A point or a range of points, exactly as precise as the author wrote it."""

    text: str
    start: Point
    end: Point | None = None

    def first_day(self, fiscal_start: int = 1, named_by: FiscalNaming = "start") -> date:
        return self.start.first_day(fiscal_start, named_by)

    def last_day(self, fiscal_start: int = 1, named_by: FiscalNaming = "start") -> date:
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


def parse_when(value: str | int) -> When:
    """Parse a date as written; raise ValueError saying what is wrong."""
    text = str(value).strip()
    parts = text.split("/")
    if len(parts) > 2:
        raise ValueError(f"'{text}' has more than one '/'")
    if len(parts) == 2 and not all(parts):
        raise ValueError(f"'{text}': a range needs a date on each side of '/'")
    start = parse_point(parts[0])
    end = parse_point(parts[1]) if len(parts) == 2 else None
    if end is not None:
        if end.precision is not start.precision:
            raise ValueError(f"'{text}': both ends of a range need the same precision")
        if end.first_day() < start.first_day():
            raise ValueError(f"'{text}' ends before it starts")
    return When(text, start, end)


DATE_FORMS = "a date such as 2012, 2012-08, 2012-08-15, FY2011 or a range 2024-02-28/2024-02-29"


_YEAR = "(?!0000|9999)[0-9]{4}"  # FIRST_YEAR to LAST_YEAR, in four digits
_MONTH = f"{_YEAR}-(?:0[1-9]|1[0-2])"
_DAY = f"{_MONTH}-(?:0[1-9]|[12][0-9]|3[01])"


def _date_pattern() -> str:
    forms = (_YEAR, _MONTH, _DAY, f"FY{_YEAR}")
    ranges = "|".join(f"{form}(?:/{form})?" for form in forms)  # both ends equally precise
    return rf"^\s*(?:{ranges})\s*$"  # parse_when strips the text


DATE_PATTERN = _date_pattern()
"""The dates a data file may hold, as one regular expression (for JSON Schema editors).

The forms `parse_when` reads, in the years from FIRST_YEAR to LAST_YEAR. Only what a
calendar says is left out: 30 February, or a range that ends before it starts, matches.
Each part is of fixed length and anchored, so that a long text fails in linear time.
"""

DAY_PATTERN = rf"^\s*{_DAY}\s*$"
"""One day, such as 2026-12-03: the date of a meeting."""


_LONGEST_DATE = 40  # no date is this long; keep the message one short line


def _when(value: Any) -> Any:
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
        Field(description=DATE_FORMS, examples=["2012-08-15", "2012-08", 2012, "FY2011"]),
    ],
)


_DAY_FORMS = "the day it takes place, such as 2026-12-03"


def _day(value: Any) -> Any:
    text = _when(value)
    if when(text).end is not None or when(text).start.precision is not Precision.DAY:
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

_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_TIME_FORMS = "a time of day such as 09:30, from 00:00 to 23:59"


def _time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise ValueError(f"{shown(value)} is not a time (expected {_TIME_FORMS})")
    return value


Time = TypeAliasType(
    "Time",
    Annotated[
        str,
        AfterValidator(_time),
        Field(
            description=_TIME_FORMS,
            examples=["09:30"],
            json_schema_extra={
                "pattern": f"^{_TIME.pattern}$",
                "patternErrorMessage": f"expected {_TIME_FORMS}",
            },
        ),
    ],
)


def when(text: str) -> When:
    """The parsed form of a validated `DateText`."""
    return parse_when(text)


def ended_before(until: str | None, day: date) -> bool:
    """Whether a term that runs `until` (a validated `DateText`, or None: still running)
    was over by `day`: its holder is then former, never current."""
    return until is not None and when(until).last_day() < day
