"""`brief note`: the briefing note (memorandum) a minister signs.

A note file under `data/HOME/notes/` names its relationship, as a meeting file does, and
goes through the same steps (companions.py). The note stands on its own date (or
`--as-of`): nothing of the relationship dated after it appears. Its background may ask for
the relationship's key figures, latest trade, agreements and last visit, which are printed
by the same macros as in the other briefs, with their dates and sources.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from .build import BuildOptions
from .check import note_problems
from .companions import (
    Rendered,
    build_companion,
    held_before,
    latest_trade,
    render_companion,
)
from .levels import plain
from .model import Relationship, when
from .note_model import Note
from .profile_model import Profile
from .resolve import base_context, dates, finish_context, stale, taking_part
from .timeline import Timeline, at_the_time
from .workspace import Workspace


def build_note(ws: Workspace, path: Path, options: BuildOptions | None = None) -> list[Path]:
    """Build the briefing note of the note file at `path`; return the paths written."""
    options = options or BuildOptions()
    return build_companion(ws, path, "notes", render_note(ws, path, options), options)


def render_note(ws: Workspace, path: Path, options: BuildOptions) -> Rendered:
    """The note's HTML and context in each language: (lang, html, context)."""
    return render_companion(
        ws,
        path,
        Note,
        options,
        partial(note_problems, ws),
        "note",
        partial(note_context, ws, as_of=options.as_of),
    )


def note_context(
    ws: Workspace,
    note: Note,
    rel: Relationship,
    profile: Profile | None,
    lang: str,
    level: str,
    today: date,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Everything `note.html` renders, for one language at one classification level, as
    the relationship stood on `as_of` (by default, the note's date).

    The note's own text is kept whole, as a meeting file's is: it is what the note says on
    its date. The relationship and profile are each left out entirely when above the level.
    """
    resolver = ws.resolver(note.home, level, lang)
    data = resolver.file(note)
    assert data is not None, "build_level refuses a note above the build's level"
    related, partner = resolver.file(rel), resolver.file(profile)
    timeline = Timeline.of(
        as_of or when(data["date"]).first_day(), resolver, *ws.fiscal_calendar(note.home)
    )
    related, partner = timeline.file(related), timeline.file(partner)
    context = base_context(ws, data, partner, resolver, today)
    fmt = context["fmt"]
    background = data["background"]
    wanted = background["include"] if background else []
    leaders = partner["leaders"] if partner else []
    found = _from_relationship(related or {}, wanted, timeline, leaders)
    stated = timeline.capped(
        resolver.fact(related, "as_of") if related else data["as_of"] or data["date"]
    )
    sections = {"background": related} if any(found.values()) else {}
    subject = plain(data["subject"])
    context.update(
        kind="briefing-note",  # not "note": that class is the stylesheet's for asides
        note=data,
        example=data["example"],
        # in French the memo's subject line is « Objet » and its purpose « But »
        purpose_heading=fmt.pgettext("briefing note", "Purpose"),
        background=background,
        **found,
        as_of=stated,
        stale=stale(ws, stated, timeline.day),
        **dates(ws, timeline, stated, partner, sections, as_of),
        title=fmt.gettext("Memorandum for the Minister: {subject}").format(subject=subject),
        subject=fmt.gettext("{home}–{partner} relations").format(
            home=plain(context["home_name"]), partner=plain(context["partner_name"])
        ),
    )
    return finish_context(context, ws, resolver)


def _from_relationship(
    related: dict[str, Any], wanted: list[str], timeline: Timeline, leaders: list[dict[str, Any]]
) -> dict[str, Any]:
    """The relationship's facts the note's background asks for (none when the relationship
    is left out), as they stood on the timeline's day: only these count in the marking."""
    return {
        "key_figures": related.get("key_figures", []) if "key_figures" in wanted else [],
        "trade_latest": latest_trade(related.get("trade")) if "trade" in wanted else [],
        "agreements": related.get("agreements", []) if "agreements" in wanted else [],
        "last_visit": _last_visit(related, timeline, leaders) if "last_visit" in wanted else None,
    }


def _last_visit(
    related: dict[str, Any], timeline: Timeline, leaders: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The latest visit held by the day (the timeline has left out later ones), its
    people's offices as they were then."""
    visits = held_before(related.get("visits", []), timeline.day + timedelta(days=1))[:1]
    at_the_time(visits, related.get("people", []), leaders)
    taking_part(visits, related.get("people", []))
    return visits[0] if visits else None
