"""A pack file's part of a region pack: the event's front matter and its bilateral meetings.

The meetings in the event's window are the home's meeting files whose partner the pack may
name (the organisation, or a member within the level) and whose day falls within the
event's dates. A meeting file above the pack's level is not listed at all, not even its
date. Each listed meeting's brief is built with the pack, at the pack's level, beside the
home's other meeting briefs; the grid on the cover links to it, and what the grid shows
is the meeting brief's own context, filtered as that brief is.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .build import BuildOptions, write_outputs
from .check import read_data
from .errors import Problem
from .levels import Resolver
from .load import Document
from .meeting_model import Meeting
from .meetings import render_meeting
from .organisations import regions_file
from .pack_model import Pack, window
from .periods import when
from .workspace import Workspace


@dataclass(frozen=True)
class Event:
    """A pack file, as read, and where it is."""

    path: Path
    pack: Pack


@dataclass(frozen=True)
class Meetings:
    """The meeting briefs a pack lists: their rows in the grid by language, and the PDFs."""

    rows: dict[str, list[dict[str, Any]]]
    briefs: list[Path]
    levels: list[str]  # each brief's marking, which the pack's marking counts


def pack_problems(ws: Workspace, doc: Document, pack: Pack) -> list[Problem]:
    """A region that data/regions.yaml lacks, and programme items outside the dates."""
    out = []
    regions = regions_file(ws)
    known = [region.id for region in regions.regions] if regions else []
    if pack.region not in known:
        out.append(
            doc.problem(
                ("region",),
                f"no region '{pack.region}' in data/regions.yaml "
                f"(expected one of: {', '.join(known) or 'none yet'})",
            )
        )
    first, last = window(pack)
    out += [
        doc.problem(
            ("programme", i, "date"),
            f"{session.date} is outside the dates {pack.dates} (expected a day of the event)",
        )
        for i, session in enumerate(pack.programme)
        if not first <= when(session.date).first_day() <= last
    ]
    return out


def listed_meetings(ws: Workspace, event: Event, partners: list[str], level: str) -> list[Path]:
    """The home's meeting files in the event's window, with one of `partners`, within `level`."""
    pack, scheme = event.pack, ws.scheme_of(event.pack.home)
    first, last = window(pack)
    listed = []
    for path in sorted((ws.data / pack.home / "meetings").glob("*.yaml")):
        _, meeting, _ = read_data(ws, path)
        if (
            isinstance(meeting, Meeting)
            and meeting.partner in partners
            and first <= when(meeting.date).first_day() <= last
            and scheme.allows(meeting.classification, level)
        ):
            listed.append(path)
    return listed


def event_digest(event: Event, meetings: list[Path]) -> str:
    """A hash of the pack file and the meeting files it lists, for the pack's stamp."""
    digest = hashlib.sha256()
    for path in (event.path, *meetings):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_meetings(
    ws: Workspace, event: Event, paths: list[Path], options: BuildOptions
) -> Meetings:
    """Build the PDF brief of each listed meeting at the pack's level (`options.level`)."""
    out = (options.out or ws.root / "briefs") / event.pack.home / "meetings"
    outputs: dict[Path, tuple[str, dict[str, Any]]] = {}
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    levels = []
    for path in paths:
        for lang, html, context in render_meeting(ws, path, replace(options, formats=("pdf",))):
            target = out / f"{path.stem}.{lang}.pdf"
            outputs[target] = (html, context)
            rows[lang].append(_row(context, target))
            levels.append(context["marking_level"])
    for listed in rows.values():
        listed.sort(key=lambda row: (row["day"], row["time"] or ""))
    return Meetings(dict(rows), write_outputs(ws, outputs), levels)


def _row(context: dict[str, Any], target: Path) -> dict[str, Any]:
    """A meeting as the grid lists it, from its brief's context: what the brief shows."""
    meeting = context["meeting"]
    return {
        "day": meeting["date"],
        "time": meeting["time"],
        "partner": context["partner_name"],
        "theirs": context["theirs"],
        "place": meeting["place"],
        "format": context["format_label"],
        "href": target.as_uri(),  # made relative to the pack when it is bound (binding.py)
    }


def event_context(resolver: Resolver, event: Event) -> dict[str, Any] | None:
    """What the cover says of the event, within the level; counted for the marking."""
    data = resolver.file(event.pack)
    if data is None:  # above the level: build_pack refuses it; the filter holds regardless
        return None
    shown = {
        key: data[key]
        for key in ("event", "venue", "dates", "purpose", "delegation", "programme", "messages")
    }
    resolver.include(data)  # the file's own level, and every item shown
    return shown | {"example": data["example"]}
