"""`brief meeting`: the brief a minister takes into the room.

The same pipeline as the country brief: the meeting file and its relationship are read and
checked, resolved into a context for `meeting.html`, rendered once per language and
written by the same writers. Points to make are the relationship's talking points whose
topics meet the meeting's, then the meeting's own; the last meeting is the latest visit
before the meeting's date.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from .build import BuildOptions
from .check import meeting_problems
from .classification import Scheme
from .companions import (
    Rendered,
    build_companion,
    held_before,
    latest_trade,
    render_companion,
)
from .formatting import N_, Formatter
from .levels import LEVEL, plain
from .meeting_model import Meeting
from .model import Relationship, when
from .profile_model import Profile
from .resolve import base_context, dates, finish_context, stale, taking_part
from .timeline import Timeline, at_the_time
from .workspace import Workspace

FORMATS = {
    "bilateral": N_("Bilateral meeting"),
    "call": N_("Telephone call"),
    "summit-margins": N_("Meeting on the margins of a summit"),
    "working-lunch": N_("Working lunch"),
    "videoconference": N_("Videoconference"),
}
RECENT = 5  # engagements listed before the meeting


def build_meeting(ws: Workspace, path: Path, options: BuildOptions | None = None) -> list[Path]:
    """Build the meeting brief of the meeting file at `path`; return the paths written."""
    options = options or BuildOptions()
    return build_companion(ws, path, "meetings", render_meeting(ws, path, options), options)


def render_meeting(ws: Workspace, path: Path, options: BuildOptions) -> Rendered:
    """The meeting brief's HTML and context in each language: (lang, html, context)."""
    return render_companion(
        ws,
        path,
        Meeting,
        options,
        partial(meeting_problems, ws),
        "meeting",
        partial(meeting_context, ws, as_of=options.as_of),
    )


def meeting_context(
    ws: Workspace,
    meeting: Meeting,
    rel: Relationship,
    profile: Profile | None,
    lang: str,
    level: str,
    today: date,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Everything `meeting.html` renders, for one language at one classification level, as
    the relationship stood on `as_of`: by default the day before the meeting, since a
    brief is prepared before it and must not know its outcomes.

    Built only from what the resolver returns of the three files: the meeting (within the
    level, as build_level checked), and the relationship and profile, each left out
    entirely when above the level.
    """
    resolver = ws.resolver(meeting.home, level, lang)
    read = resolver.file(meeting)
    assert read is not None, "build_level refuses a meeting above the build's level"
    related, partner = resolver.file(rel), resolver.file(profile)
    on = when(read["date"]).first_day()
    timeline = Timeline.of(as_of or on - timedelta(days=1), resolver, *ws.fiscal_calendar(rel.home))
    # The meeting file is the brief's own: nothing of it is cut, its people are placed.
    placed = {
        side: [timeline.term(p) for p in read["participants"][side]] for side in ("ours", "theirs")
    }
    data = dict(read)
    related, partner = timeline.file(related), timeline.file(partner)
    context = base_context(ws, data, partner, resolver, today)
    fmt: Formatter = context["fmt"]
    topics = set(data["topics"])
    found = related or {}  # a relationship left out gives no points, visits or people
    selected = [tp for tp in found.get("talking_points", []) if topics & set(tp["topics"])]
    before = held_before(found.get("visits", []), on)[:RECENT]
    at_the_time(before, found.get("people", []), partner["leaders"] if partner else [])
    taking_part(before, found.get("people", []))
    people = {p["id"]: p for p in found.get("people", [])}
    sides = {side: _participants(placed[side], people, resolver.scheme) for side in placed}
    # Only the participants kept: one left out must not count in the marking either.
    data = data | {"participants": sides}
    points = [*selected, *data["points"]]
    # The meeting's own as_of when its relationship is left out, else its date.
    stated = timeline.capped(
        resolver.fact(related, "as_of") if related else data["as_of"] or data["date"]
    )
    format_label = fmt.gettext(FORMATS[data["format"]])
    background = found.get("summary")
    context.update(
        kind="meeting",
        meeting=data,
        format_label=format_label,
        ours=sides["ours"],
        theirs=sides["theirs"],
        example=data["example"],
        biographies=_biographies(data["counterparts"], placed, people),
        points=points,
        if_asked=[qa for tp in points for qa in tp["if_asked"]] + data["if_asked"],
        last_meeting=before[0] if before else None,
        recent=before[1:],
        background=background,
        key_figures=found.get("key_figures", []),
        profile_figures={k: v for k in ("population", "gdp") if (v := (partner or {}).get(k))},
        trade_latest=latest_trade(found.get("trade")),
        as_of=stated,
        stale=stale(ws, stated, timeline.day),
        **dates(ws, timeline, stated, partner, {"background": background}, as_of),
        title=fmt.gettext("{partner}: meeting brief").format(
            partner=plain(context["partner_name"])
        ),
        subject=fmt.gettext("{format}, {date}").format(
            format=format_label, date=fmt.when(data["date"])
        ),
    )
    return finish_context(context, ws, resolver)


def _participants(
    participants: list[dict[str, Any]], people: dict[str, dict[str, Any]], scheme: Scheme
) -> list[dict[str, Any]]:
    """Names, roles and terms, from the relationship's people when linked, within the level.

    A linked participant is as classified as the higher of its entry and the person; a
    person left out (or in a relationship left out) leaves the participant out.
    """
    out = []
    for entry in participants:
        item = people.get(entry["person"]) if entry["person"] else entry
        if item is not None:
            level = scheme.highest([entry[LEVEL], item[LEVEL]])
            term = {k: item[k] for k in ("name", "role", "since", "until", "ended", "former")}
            out.append(term | {LEVEL: level})
    return out


def _biographies(
    counterparts: list[str],
    placed: dict[str, list[dict[str, Any]]],
    people: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """The people entries to introduce: the counterparts, then every other participant
    with a biography (theirs, then ours), each once; only those kept at the level."""
    linked = [p["person"] for side in ("theirs", "ours") for p in placed[side] if p["person"]]
    chosen = [*counterparts, *(pid for pid in linked if people.get(pid, {}).get("bio"))]
    return [people[pid] for pid in dict.fromkeys(chosen) if pid in people]
