"""`brief check`'s warnings about time: facts that were true on other days than today.

Stale data (an `as_of` older than the threshold), terms of office past their end, visits
still planned after their date, one
office held by two people at once across the files of a relationship, relative time words
("currently", « désormais ») in stale prose, and a meeting's points made from stale data.
`check.read_data` applies the rules of one file (with its partner profile for a
relationship) and `check.meeting_problems` those of a meeting with its relationship and
profile, so that builds report them too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import Problem, Severity
from .languages import word_list
from .load import Document, Loc, dotted
from .meeting_model import Meeting
from .model import Quote, Relationship, Source, when
from .offices import ended_terms, overlaps
from .profile_model import Profile
from .validate import walk, written
from .workspace import Workspace


def file_warnings(
    ws: Workspace,
    doc: Document,
    item: BaseModel,
    today: date,
    profile: tuple[Document, Profile] | None,
) -> list[Problem]:
    """The time warnings of one valid file; a relationship's offices are compared with
    those of its partner's `profile` too."""
    if isinstance(item, Meeting):  # its offices are compared in meeting_warnings
        day, at = when(item.date).first_day(), "at the meeting"
    else:
        day, at = today, "today"
    out = staleness(ws, doc, item, day, at) + relative_words(ws, doc, item, day, at)
    out += ended_terms(doc, item, today)
    if isinstance(item, Profile):
        out += overlaps(None, item.id, (doc, item))
    if isinstance(item, Relationship):
        out += overlaps(item.home, item.partner, (doc, item), *([profile] if profile else []))
        out += planned_visits(doc, item, today)
    return out


def planned_visits(doc: Document, rel: Relationship, today: date) -> list[Problem]:
    """A warning at each visit still planned after its date: it was held, or it was not."""
    return [
        doc.problem(
            ("visits", i, "status"),
            f"planned, but its date {visit.date} is past (expected status: held, with its "
            "outcome, or the new date it is planned for)",
            severity=Severity.WARNING,
        )
        for i, visit in enumerate(rel.visits)
        if visit.status == "planned" and when(visit.date).last_day() < today
    ]


def meeting_warnings(
    ws: Workspace,
    doc: Document,
    meeting: Meeting,
    rel: tuple[Document, Relationship],
    profile: tuple[Document, Profile] | None,
) -> list[Problem]:
    """A meeting's offices held by two people at once (its own, its relationship's and its
    profile's), and the points it makes from data stale at its date."""
    files = [rel, profile] if profile else [rel]
    out = overlaps(meeting.home, meeting.partner, (doc, meeting), *files)
    return out + stale_points(ws, doc, meeting, *rel)


def days_old(as_of: str, day: date) -> int:
    """How many days before `day` the period `as_of` ended."""
    return (day - when(as_of).last_day()).days


def staleness(
    ws: Workspace, doc: Document, item: BaseModel, reference: date, at: str
) -> list[Problem]:
    """A warning for each `as_of` in `item` older than the threshold at `reference`."""
    out = []
    limit = ws.settings.stale_after_days
    for loc, value in walk(item):
        as_of = getattr(value, "as_of", None) if isinstance(value, BaseModel) else None
        if as_of is not None and (age := days_old(as_of, reference)) > limit:
            out.append(
                doc.problem(
                    (*loc, "as_of"),
                    f"data as of {as_of} is {age} days old {at} "
                    f"(older than the {limit}-day threshold)",
                    severity=Severity.WARNING,
                )
            )
    return out


@cache
def _relative(lang: str, workspace: Path | None) -> re.Pattern[str]:
    """The relative time words of `lang`, from its catalog, as one pattern: whole words,
    any case, either apostrophe. They mean something else on each day the text is read."""
    words = word_list(
        lang,
        workspace,
        "relative time words",
        "this year|current year|currently|recently|now|at present|nowadays",
    )
    phrases = (
        r"\s++".join(re.escape(word).replace("'", "['’]") for word in phrase.split())
        for phrase in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(phrases)})(?!\w)", re.IGNORECASE)


def _dated_prose(value: Any, loc: Loc, as_of: str | None) -> Iterator[tuple[Loc, str, str, str]]:
    """Every text of a file but its sources' titles and its quotes (words as they were
    said on their day): (where, language, text, its date), the date being the nearest
    `as_of` around it."""
    if isinstance(value, Source | Quote):
        return
    if isinstance(value, BaseModel):
        as_of = getattr(value, "as_of", None) or as_of
        for name in type(value).model_fields:
            yield from _dated_prose(getattr(value, name), (*loc, name), as_of)
    elif isinstance(value, list):
        for i, entry in enumerate(value):
            yield from _dated_prose(entry, (*loc, i), as_of)
    elif (
        isinstance(value, dict)
        and value
        and as_of
        and all(isinstance(v, str) for v in value.values())
    ):
        # prose: a model's only mappings of text are texts by language
        yield from (((*loc, lang), lang, text, as_of) for lang, text in value.items())


def relative_words(
    ws: Workspace, doc: Document, item: BaseModel, reference: date, at: str
) -> list[Problem]:
    """A warning at each relative time word in prose whose date is older than the
    threshold at `reference`: such a text says "now" of a day long past."""
    limit = ws.settings.stale_after_days
    start = item.date if isinstance(item, Meeting) else None  # a meeting file speaks of its day
    positions = _Positions(doc)
    out = []
    for loc, lang, text, as_of in _dated_prose(item, (), start):
        pattern = _relative(lang, ws.root)
        age = days_old(as_of, reference)
        if age <= limit:
            continue
        found = list(pattern.finditer(text))
        places = positions.of(loc, pattern, len(found)) if found else []
        for match, (line, column) in zip(found, places, strict=True):
            out.append(
                Problem(
                    doc.display,
                    line,
                    column,
                    dotted(loc),
                    f"'{match[0]}' in text as of {as_of}, {age} days old {at} (expected the "
                    f"time said outright, such as 'in {when(as_of).start.year}', or the text "
                    "verified and its as_of renewed)",
                    Severity.WARNING,
                )
            )
    return out


class _Positions:
    """Where matches of a text are in its file: the file is read again only if a text
    has one, and a text whose words are not found as written there (an escape, a quote
    doubled) points at its start."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._source: tuple[str, list[int], list[int]] | None = None

    def _read(self) -> tuple[str, list[int], list[int]]:
        if self._source is None:
            try:
                text = self.doc.path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            lines = [0, *(m.end() for m in re.finditer("\n", text))]
            starts = sorted(
                lines[line - 1] + column - 1
                for line, column in (*self.doc.values.values(), *self.doc.keys.values())
                if line <= len(lines)
            )
            self._source = (text, lines, starts)
        return self._source

    def of(self, loc: Loc, pattern: re.Pattern[str], count: int) -> list[tuple[int, int]]:
        """The line and column of each of the `count` matches of `pattern` in the text at
        `loc`, or its start for each if they cannot be told."""
        here = written(self.doc, loc)
        start = self.doc.locate(here)
        if not isinstance(_raw(self.doc.data, here), str):
            return [start] * count
        text, lines, starts = self._read()
        offset = lines[start[0] - 1] + start[1] - 1 if start[0] <= len(lines) else len(text)
        after = bisect.bisect_right(starts, offset)
        end = starts[after] if after < len(starts) else len(text)
        found = [m.start() for m in pattern.finditer(text, offset, end)]
        if len(found) != count:
            return [start] * count
        return [_line_column(lines, at) for at in found]


def _raw(data: Any, loc: Loc) -> Any:
    """The value the author wrote at `loc` (a path into `data` that exists)."""
    for part in loc:
        data = data[part]
    return data


def _line_column(lines: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(lines, offset)
    return line, offset - lines[line - 1] + 1


def stale_points(
    ws: Workspace, doc: Document, meeting: Meeting, rel_doc: Document, rel: Relationship
) -> list[Problem]:
    """A warning at each point to make and if-asked line of a meeting whose data is older
    than the threshold at the meeting's date: the relationship's points it selects by
    topic, and its own."""
    topics = set(meeting.topics)
    dated: list[tuple[Document, Loc, str | None, str]] = [
        (rel_doc, ("talking_points", i), point.as_of or rel.as_of, "a point to make")
        for i, point in enumerate(rel.talking_points)
        if topics & set(point.topics)
    ]
    dated += [
        (doc, ("points", i), point.as_of or meeting.as_of, "a point to make")
        for i, point in enumerate(meeting.points)
    ]
    dated += [
        (doc, ("if_asked", i), meeting.as_of, "an if-asked line")
        for i in range(len(meeting.if_asked))
    ]
    day, limit = when(meeting.date).first_day(), ws.settings.stale_after_days
    return [
        where.problem(
            loc,
            f"{what} at the meeting of {meeting.date} ({doc.display}) rests on data as of "
            f"{as_of}, {days_old(as_of, day)} days old at that date (expected it verified "
            "for the meeting, with its as_of renewed)",
            severity=Severity.WARNING,
        )
        for where, loc, as_of, what in dated
        if as_of is not None and days_old(as_of, day) > limit
    ]
