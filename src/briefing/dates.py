"""Dates and times in a locale's words: CLDR's patterns, applied through Babel.

Two things CLDR leaves to its users are done here. A range is formatted from the locale's
interval pattern with its months as wide as in a single date ("February 28–29, 2024" beside
"August 8, 2025", never "Feb 28–29"): from the skeleton yMMMMd where the locale has it
(Spanish, whose words between day and month, « de », only the wide pattern has), else from
the closest one, yMMMd, widening MMM to MMMM as CLDR's algorithm asks, which Babel does
not. And the first of a month takes the language's own form, « 1er » in French, given
by the catalog (`first`), in every pattern that prints the day.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from babel import Locale
from babel.dates import (
    DateTimeFormat,
    format_skeleton,
    parse_pattern,
    tokenize_pattern,
    untokenize_pattern,
)

_MONTH_FIELDS = ("M", "L")


class _Fields(DateTimeFormat):
    """Babel's fields of a date, with the first of the month as the language writes it."""

    def __init__(self, value: date, locale: Locale, first: str) -> None:
        super().__init__(value, locale)
        self.day = value.day
        self.first = first

    def __getitem__(self, name: str) -> str:
        if name == "d" and self.day == 1:
            return self.first
        return str(super().__getitem__(name))


def _apply(pattern: str, value: date, locale: Locale, first: str) -> str:
    return str(parse_pattern(pattern) % _Fields(value, locale, first))


def _widened(tokens: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """A pattern's tokens with abbreviated months (MMM) as full names (MMMM)."""
    return [
        ("field", (value[0], 4))
        if kind == "field" and value in {(c, 3) for c in _MONTH_FIELDS}
        else (kind, value)
        for kind, value in tokens
    ]


def long_date(day: date, locale: str, first: str) -> str:
    """`August 8, 2025`, `1er août 2025`: the locale's long date."""
    loc = Locale.parse(locale)
    return _apply(loc.date_formats["long"].pattern, day, loc, first)


def month(day: date, locale: str) -> str:
    """`August 2025`, `août 2025`, `agosto de 2025`: the locale's own pattern."""
    return format_skeleton("yMMMM", day, locale=locale)


def _full(day: date, by_day: bool, locale: str, first: str) -> str:
    return long_date(day, locale, first) if by_day else month(day, locale)


def _interval(start: date, end: date, by_day: bool, locale: Locale) -> tuple[str, str] | None:
    """The two halves of the locale's interval pattern for `start` to `end`, months in full,
    or None when CLDR has none for the field that differs."""
    formats = locale.interval_formats.get("yMMMMd" if by_day else "yMMMM") or {}
    widen = by_day and not formats  # few locales have yMMMMd (Spanish: « 3 al 4 de mayo »)
    if widen:
        formats = locale.interval_formats.get("yMMMd") or {}
    if start.year != end.year:
        field = "y"
    elif start.month != end.month or not by_day:
        field = "M"
    else:
        field = "d"
    halves = formats.get(field)
    if not halves:
        return None
    head, tail = (tokenize_pattern(half) for half in halves)
    if widen:
        head, tail = _widened(head), _widened(tail)
    return untokenize_pattern(head), untokenize_pattern(tail)


def date_range(start: date, end: date, by_day: bool, locale: str, first: str) -> str:
    """`February 28–29, 2024`, `30 juin – 1er juillet 2011`, `juin 2011 – juin 2012`."""
    loc = Locale.parse(locale)
    halves = _interval(start, end, by_day, loc)
    if halves is None:  # CLDR's fallback: both dates in full, joined by the locale's dash
        return joined(
            _full(start, by_day, locale, first), _full(end, by_day, locale, first), locale
        )
    return "".join(
        _apply(half, d, loc, first) for half, d in zip(halves, (start, end), strict=True)
    )


def joined(start: str, end: str, locale: str) -> str:
    """Two dates written out, joined by the locale's dash: `2010 – March 5, 2015`."""
    fallback = str(Locale.parse(locale).interval_formats[None])
    return fallback.replace("{0}", start).replace("{1}", end)


def range_ends(start: date, end: date, by_day: bool, locale: str, first: str) -> tuple[str, str]:
    """The two ends of a range as its interval pattern prints them, without the dash between
    them, for a sentence: `June 30` and `July 1, 2011` ("from June 30 to July 1, 2011")."""
    loc = Locale.parse(locale)
    halves = _interval(start, end, by_day, loc)
    if halves is None:
        return _full(start, by_day, locale, first), _full(end, by_day, locale, first)
    head = tokenize_pattern(halves[0])
    while head and head[-1][0] == "chars":  # the separator: "–", " al ", "～"
        head.pop()
    return _apply(untokenize_pattern(head), start, loc, first), _apply(halves[1], end, loc, first)


def time_of_day(text: str, locale: str, pattern: str | None) -> str:
    """`11:45 a.m.`, `11 h 45`: a time written 11:45, in `pattern` or the locale's short time.

    Spaces are no-break spaces: a time must not break across lines.
    """
    hours, minutes = (int(part) for part in text.split(":"))
    loc = Locale.parse(locale)
    shown = parse_pattern(pattern or loc.time_formats["short"].pattern).apply(
        datetime.combine(date(2000, 1, 1), time(hours, minutes)), loc
    )
    return str(shown).replace(" ", "\u00a0")


def day_and_time(day: str, at: str, locale: str) -> str:
    """A date and a time joined as the locale joins them: `8 août 2025, 11 h 45`."""
    glue = str(Locale.parse(locale).datetime_formats["long"]).replace("'", "")
    return glue.replace("{1}", day).replace("{0}", at)
