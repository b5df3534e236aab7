"""`brief meeting`: the brief a minister takes into the room.

The same pipeline as the country brief: the meeting file and its relationship are read and
checked, resolved into a context for `meeting.html`, rendered once per language and
written by the same writers. Points to make are the relationship's talking points whose
topics meet the meeting's, then the meeting's own; the last meeting is the latest visit
before the meeting's date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .build import BuildOptions, build_level, read_input, read_profile, report, write_outputs
from .check import meeting_problems
from .formatting import N_, Formatter
from .load import load_document
from .model import Meeting, Participant, Person, Profile, Relationship, when
from .render import render_html
from .resolve import Resolver, base_context, finish_context, stale, trade_table
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
    home = path.resolve().parent.parent.name
    out = (options.out or ws.root / "briefs") / home / "meetings"
    outputs = {
        out / f"{path.stem}.{lang}.{fmt}": (html, context)
        for lang, html, context in render_meeting(ws, path, options)
        for fmt in options.formats or tuple(ws.settings.formats)
    }
    return write_outputs(ws, outputs)


def render_meeting(
    ws: Workspace, path: Path, options: BuildOptions
) -> list[tuple[str, str, dict[str, Any]]]:
    """The meeting brief's HTML and context in each language: (lang, html, context)."""
    meeting: Meeting = read_input(ws, path, Meeting, options)
    rel_path = ws.relationship_path(meeting.home, meeting.partner)
    rel: Relationship = read_input(ws, rel_path, Relationship, options)
    report(
        options,
        meeting_problems(
            ws,
            load_document(path, ws.show(path)),
            meeting,
            load_document(rel_path, ws.show(rel_path)),
            rel,
        ),
    )
    profile = read_profile(ws, meeting.partner, options)
    level = build_level(
        ws, options, {ws.show(path): meeting.classification, ws.show(rel_path): rel.classification}
    )
    today = options.today or date.today()
    home, partner = meeting.home, meeting.partner
    names = [f"meeting-{home}-{partner}.html", f"meeting-{home}.html", "meeting.html"]
    rendered = []
    for lang in options.langs or tuple(ws.settings.languages):
        context = meeting_context(ws, meeting, rel, profile, lang, level, today)
        rendered.append((lang, render_html(ws.root / "templates", names, context), context))
    return rendered


def meeting_context(
    ws: Workspace,
    meeting: Meeting,
    rel: Relationship,
    profile: Profile | None,
    lang: str,
    level: str,
    today: date,
) -> dict[str, Any]:
    """Everything `meeting.html` renders, for one language at one classification level."""
    resolver = Resolver(ws.scheme, level, lang, levels={meeting.classification})
    context = base_context(ws, rel, profile, resolver, today)
    fmt: Formatter = context["fmt"]
    on = when(meeting.date).first_day()
    topics = set(meeting.topics)
    selected = [tp for tp in rel.talking_points if topics & set(tp.topics)]
    before = sorted(
        (v for v in rel.visits if when(v.date).last_day() < on),
        key=lambda v: when(v.date).last_day(),
        reverse=True,
    )
    people = {p.id: p for p in rel.people}
    visits = resolver.plain([v.model_dump() for v in before])[:RECENT]
    points = resolver.plain([tp.model_dump() for tp in [*selected, *meeting.points]])
    data = resolver.dump(meeting)
    context.update(
        kind="meeting",
        meeting=data,
        format_label=fmt.gettext(FORMATS[meeting.format]),
        ours=_participants(resolver, meeting.participants.ours, people),
        theirs=_participants(resolver, meeting.participants.theirs, people),
        counterparts=resolver.plain([people[c].model_dump() for c in meeting.counterparts]),
        points=points,
        if_asked=[qa for tp in points for qa in tp["if_asked"]] + data["if_asked"],
        last_meeting=visits[0] if visits else None,
        recent=visits[1:],
        background=resolver.dump(rel.summary),
        key_figures=resolver.plain([f.model_dump() for f in rel.key_figures]),
        trade_latest=_latest_trade(resolver, rel),
        as_of=rel.as_of,
        stale=stale(ws, rel.as_of, on),
        title=fmt.gettext("{partner}: meeting brief").format(partner=context["partner_name"]),
        subject=fmt.gettext("{format}, {date}").format(
            format=fmt.gettext(FORMATS[meeting.format]), date=fmt.when(meeting.date)
        ),
    )
    sources = [meeting.sources, rel.sources, profile.sources if profile else []]
    return finish_context(context, ws, resolver, sources)


def _participants(
    resolver: Resolver, participants: list[Participant], people: dict[str, Person]
) -> list[dict[str, Any]]:
    """Names and roles, from the relationship's people when linked, within the level."""
    out = []
    for participant in participants:
        item = people[participant.person] if participant.person else participant
        if resolver.allowed(item.model_dump()):
            out.append({"name": item.name, "role": resolver.text(item.role or {})})
    return out


def _latest_trade(resolver: Resolver, rel: Relationship) -> dict[str, Any] | None:
    if rel.trade is None or not rel.trade.figures:
        return None
    rows = trade_table(resolver.plain([f.model_dump() for f in rel.trade.figures]))
    return rows[-1] if rows else None
