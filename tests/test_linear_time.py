"""Every regular expression over user text runs in linear time, on 1 MB of its worst input.

Two of them backtracked: the number pattern (50,000 digits and a letter took 77 s, and the
time grew with the square of the length) and the web-address pattern (a 120,000-character
address took 69 s). Each pattern and validator below is fed a megabyte of what it loops on,
ending in what makes it fail, and must answer in well under a second; doubling the input
must about double the time, not quadruple it. Then the real loader reads a file holding a
megabyte-long number-like value and a megabyte-long address, and names both at once.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from briefing import compose, model_base, periods, spans, syntax, values
from briefing.check import check
from briefing.classification import SCHEMES
from briefing.errors import Problem
from briefing.workspace import open_workspace

MB = 1_000_000
BOUND = 2.0  # seconds: generous for a loaded 2-core machine; the quadratic cases took minutes

Feed = Callable[[int], Any]
"""Runs one pattern or validator on its worst input of about `n` characters."""


def _pattern(pattern: Any, how: str, text: Callable[[int], str]) -> Feed:
    """A feed calling `pattern.<how>` (fullmatch, search, match) on `text(n)`."""
    return lambda n: getattr(pattern, how)(text(n))


def _validator(annotation: Any, text: Callable[[int], Any]) -> Feed:
    """A feed validating `text(n)` as `annotation`, which must refuse it."""
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    context = {"language": "en", "scheme": SCHEMES["canada"]}

    def feed(n: int) -> None:
        with pytest.raises(ValidationError):
            adapter.validate_python(text(n), context=context)

    return feed


def _wording(n: int) -> str:
    """A parser complaint as long as `n`, full of the beginnings of the rules' wordings."""
    return ("flow sequence: expected ',' or ']', but got " * (n // 44 + 1))[:n] + "x"


def _expected_split(n: int) -> None:
    Problem("f", 1, 1, "", " (expected " * (n // 11) + "x").as_json()


FEEDS: dict[str, Feed] = {
    # the loader: numbers YAML 1.2 reads, what may stand before a ':', characters refused
    "number: digits then a letter": _pattern(compose._NUMBER, "fullmatch", lambda n: "1" * n + "e"),
    "number: digits, a point, digits, e": _pattern(
        compose._NUMBER, "fullmatch", lambda n: "1" * (n // 2) + "." + "1" * (n // 2) + "e"
    ),
    "number: digits and underscores": _pattern(
        compose._NUMBER, "fullmatch", lambda n: "1_" * (n // 2) + "x"
    ),
    "space before a colon": _pattern(compose._COLON, "match", lambda n: " \t\r\n" * (n // 4) + "x"),
    "characters YAML refuses": _pattern(compose._NOT_YAML, "search", lambda n: "a" * n),
    "characters text refuses": _pattern(compose._NOT_TEXT, "search", lambda n: "a" * n),
    "the parsers' wordings": lambda n: [rule.wording.search(_wording(n)) for rule in syntax._RULES],
    "a message split at (expected": _expected_split,
    # values: text that shows, identifiers, web addresses, digits, language keys
    "prose of spaces": _pattern(values.VISIBLE, "search", lambda n: " \u200b" * (n // 2)),
    "identifier: words and hyphens": _pattern(
        values.SLUG_PATTERN, "fullmatch", lambda n: "a-" * (n // 2) + "!"
    ),
    "identifier: one long word": _pattern(
        values.SLUG_PATTERN, "fullmatch", lambda n: "a" * n + "!"
    ),
    "identifier schema": _pattern(
        re.compile(values._SLUG_SCHEMA), "search", lambda n: "a-" * (n // 2) + "!"
    ),
    "web address: a long host": _pattern(
        values.WEB_ADDRESS, "fullmatch", lambda n: "http://" + "a" * n + " "
    ),
    "web address: a long path": _pattern(
        values.WEB_ADDRESS, "fullmatch", lambda n: "http://a" + "/a" * (n // 2) + " "
    ),
    "whole number then a letter": _pattern(values._DIGITS, "fullmatch", lambda n: "1" * n + "x"),
    "language key": _pattern(model_base._LANGUAGE_LIKE, "fullmatch", lambda n: "en_" * (n // 3)),
    # dates and times: the parser's, and the schema's patterns that editors use too
    "date point": _pattern(periods._POINT, "fullmatch", lambda n: "2" * n),
    "date with short parts": _pattern(
        periods._SHORT_PART, "fullmatch", lambda n: "2012" + "-1" * (n // 2)
    ),
    "fiscal year in lower case": _pattern(periods._LOWER_FISCAL, "fullmatch", lambda n: "fy" * n),
    "date schema: spaces": _pattern(
        re.compile(periods.DATE_PATTERN), "search", lambda n: " " * n + "x"
    ),
    "date schema: a date, then spaces": _pattern(
        re.compile(periods.DATE_PATTERN), "search", lambda n: "2012" + " " * n + "x"
    ),
    "day schema: spaces": _pattern(
        re.compile(periods.DAY_PATTERN), "search", lambda n: " " * n + "x"
    ),
    "date schema: a set, then dots": _pattern(
        re.compile(periods.DATE_PATTERN), "search", lambda n: "[2015-05-03" + "." * n
    ),
    "set of days": _pattern(periods._SET, "fullmatch", lambda n: "[2015-05-03" + ".." * (n // 2)),
    "time": _pattern(spans._TIME, "fullmatch", lambda n: "1" * n),
    "duration": _pattern(spans._DURATION, "fullmatch", lambda n: "1" * n + " years"),
    "duration, not whole": _pattern(spans._NOT_WHOLE, "fullmatch", lambda n: "1" * n + " days"),
    # each validator as a whole, on a megabyte it must refuse
    "DateText": _validator(periods.DateText, lambda n: "2012/" * (n // 5)),
    "DayText": _validator(periods.DayText, lambda n: "2026-12-03" + " " * n + "x"),
    "Time": _validator(spans.Time, lambda n: "09:30" * (n // 5)),
    "Duration": _validator(spans.Duration, lambda n: "4 " * (n // 2) + "years"),
    "Slug": _validator(values.Slug, lambda n: "a-" * (n // 2) + "-"),
    "Prose": _validator(values.Prose, lambda n: " " * n),
    "Name": _validator(values.Name, lambda n: "\u200b" * n),
    "WebAddress": _validator(values.WebAddress, lambda n: "http://" + "a" * n + "!\n"),
    "Classification": _validator(values.Classification, lambda n: "SECRET " * (n // 7)),
    "Currency": _validator(values.Currency, lambda n: "CAD" * (n // 3)),
    "CountryCode2": _validator(values.CountryCode2, lambda n: "PE" * (n // 2)),
    "Amount: digits then a letter": _validator(values.Amount, lambda n: "1" * n + "e"),
    "Amount: digits": _validator(values.Amount, lambda n: "9" * n),
}


def _seconds(feed: Feed, n: int, runs: int = 1) -> float:
    """The shortest time of `runs` calls of `feed` on an input of `n` characters."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        feed(n)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("feed", FEEDS.values(), ids=FEEDS.keys())
def test_a_megabyte_of_worst_input_is_answered_at_once(feed: Feed) -> None:
    assert _seconds(feed, MB) < BOUND


# The patterns whose time is large enough to measure: their ratio is not noise
GROWTH = (
    "number: digits then a letter",
    "web address: a long host",
    "identifier: words and hyphens",
    "date schema: spaces",
    "WebAddress",
)


@pytest.mark.parametrize("name", GROWTH)
def test_twice_the_input_takes_about_twice_the_time(name: str) -> None:
    feed = FEEDS[name]
    small, large = _seconds(feed, MB // 4, runs=5), _seconds(feed, MB // 2, runs=5)
    # linear doubles the time and quadratic quadruples it; the millisecond absorbs the noise
    # of inputs answered in microseconds
    assert large < 3 * small + 0.001, (small, large)


REPOSITORY = Path(__file__).resolve().parents[1]


def test_the_loader_names_a_megabyte_number_and_address_at_once(tmp_path: Path) -> None:
    shutil.copy(REPOSITORY / "brief.yaml", tmp_path)
    shutil.copytree(REPOSITORY / "data", tmp_path / "data")
    ws = open_workspace(tmp_path)
    path = ws.relationship_path("canada", "peru")
    path.write_text(
        "home: canada\npartner: peru\nlanguage: en\nas_of: 2012-08\n"
        "classification: UNCLASSIFIED\nsources:\n  - id: gac-2012\n    title: Relations\n"
        f"    publisher: Canada\n    url: http://{'a' * MB} x\n"
        f"key_figures:\n  - value: {'1' * MB}e\n    currency: CAD\n    source: gac-2012\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    report = check(ws, [path], cache=False)
    assert time.perf_counter() - start < 10 * BOUND  # the whole file: read, parsed, validated
    lines = [str(p) for p in report.errors]
    assert lines == [
        f"data/canada/peru.yaml:10:10: sources[0].url: 'http://{'a' * 52}…' is not a web "
        "address (expected one starting with http:// or https://; a brief links to sources, it "
        "never reads files)",
        f"data/canada/peru.yaml:12:12: key_figures[0].value: '{'1' * 59}…' is words, not an "
        "amount (expected a number in base units, such as 4200000000 or 4.2e9)",
    ]
