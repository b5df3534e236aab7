"""The day a brief stands on: what it may know then, and who is in office then.

A document reads its files through the level filter (levels.py) and then through a
`Timeline`, the one place the time rules live:

- an item is kept when the last day of its own date is on or before the brief's date; an
  item with no date of its own takes its section's `as_of`, then its file's;
- a source dated after the brief's date is not listed, and an item all of whose cited
  sources are dated after it is left out;
- a term over by that day (`periods.ended_before`) is former; any other term is current,
  and its `until` and `ended`, which the brief could not know, are hidden.

Each kept dated item is stamped with the date it stands on, `_as_of` (its own, else the
one it took), so that a template can show a date beside every value that can go stale;
each term gets `former`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .levels import LEVEL, Resolver
from .offices import folded_names, office_of
from .periods import FiscalNaming, ended_before, when
from .records_model import SHORTHANDS

AS_OF = "_as_of"  # the key of the date a kept item stands on; no field of a model starts with _

DATED = {
    "visits": "date",  # a planned visit's: see _own
    "milestones": "date",
    "events": "date",  # an agreement's
    "quotes": "date",
    "key_figures": "year",
    "figures": "year",
    "people": "since",
    "leaders": "since",
    "text": "as_of",  # a section's paragraphs
    "talking_points": "as_of",
    "programmes": "period",  # its start
    "agreements": "events",  # the earliest of its events: see _own
    "population": "year",  # single figures: a profile's, a programme's
    "gdp": "year",
    "amount": "year",
}
"""Where dated items are in a file (a list of them, or one), with the key of an item's own
date. Another key's value is not dated and is kept, as are the meeting file's contents."""

TERMS = ("people", "leaders")


@dataclass(frozen=True)
class Timeline:
    """What a document may show on `day`: built by `Timeline.of`, applied to each file."""

    day: date
    fiscal_start: int
    late: frozenset[str]  # ids of the sources dated after the day
    fiscal_named_by: FiscalNaming = "start"

    @classmethod
    def of(
        cls, day: date, resolver: Resolver, fiscal_start: int = 1, named_by: FiscalNaming = "start"
    ) -> Timeline:
        """The timeline of `day` in a home's fiscal calendar; the sources dated after it
        leave `resolver`, unlisted.

        Call it once every file that defines sources has been read.
        """
        timeline = cls(day, fiscal_start, frozenset(), named_by)
        late = {sid for sid, s in resolver.known.items() if not timeline.known_by(s.get("date"))}
        for sid in late:
            del resolver.known[sid]
        return cls(day, fiscal_start, frozenset(late), named_by)

    def known_by(self, text: str | None, start_only: bool = False) -> bool:
        """Whether a date (a validated `DateText`, or None: undated) is over by the day:
        its last day, or its start's when `start_only`, on or before it. One day of several
        is over after the last of them; a period still running is known once its start is
        over ("since March 2019" is true from April 2019), as it has no last day."""
        if text is None:
            return True
        parsed = when(text)
        point = parsed.start if start_only or parsed.open else (parsed.end or parsed.start)
        return point.last_day(self.fiscal_start, self.fiscal_named_by) <= self.day

    def capped(self, as_of: str) -> str:
        """An `as_of` as the brief can state it: the brief's date if it is later."""
        return as_of if self.known_by(as_of) else self.day.isoformat()

    def file(self, data: dict[str, Any] | None) -> dict[str, Any] | None:
        """A relationship or profile as it stood on the day (None stays None).

        A section left with nothing in it is left out, as a section the file lacks is.
        """
        if data is None:
            return None
        cut: dict[str, Any] = self._walk(data, data.get("as_of"), [])
        return {key: None if _emptied(value) else value for key, value in cut.items()}

    def term(self, item: dict[str, Any]) -> dict[str, Any]:
        """A person, leader or participant, marked former or current on the day."""
        if ended_before(item.get("until"), self.day):
            return item | {"former": True}
        return item | {"former": False, "until": None, "ended": None}

    def _walk(self, value: Any, as_of: str | None, sources: list[str]) -> Any:
        """`value` with its late items left out; `as_of` and `sources` are those it takes
        from around it when it has none of its own."""
        if isinstance(value, list):
            return [self._walk(item, as_of, sources) for item in value]
        if not isinstance(value, dict):
            return value
        as_of = value.get("as_of") or as_of
        sources = value.get("sources") or sources
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in DATED and isinstance(item, list):
                kept = (self._item(key, i, as_of, sources) for i in item)
                out[key] = [i for i in kept if i is not None]
            elif key in DATED and isinstance(item, dict):
                out[key] = self._item(key, item, as_of, sources)
            else:
                out[key] = self._walk(item, as_of, sources)
        for key in ("since", "elected"):  # aid "in place since" a later year, a later election
            if isinstance(out.get(key), str) and not self.known_by(out[key]):
                out[key] = None
        if isinstance(out.get("re_elected"), list):
            out["re_elected"] = [d for d in out["re_elected"] if self.known_by(d)]
        return out

    def _item(self, key: str, item: Any, as_of: str | None, sources: list[str]) -> Any:
        """One item of a dated list (or a single figure), or None if the day cannot know it."""
        if not isinstance(item, dict):
            return item  # a visit's people: ids, not items
        item = self._own_dates(key, item, as_of)
        stands_on = _own(key, item) or as_of
        if not self.known_by(stands_on, start_only=key == "programmes"):
            return None
        cited = item.get("sources") or ([item["source"]] if item.get("source") else sources)
        if cited and all(sid in self.late for sid in cited):
            return None
        # What it holds takes its section's date, not its own: a programme's amount is not
        # dated by the end of the programme's period.
        kept = self._walk(item, as_of, cited) | {AS_OF: stands_on}
        return self.term(kept) if key in TERMS else kept

    def _own_dates(self, key: str, item: dict[str, Any], as_of: str | None) -> dict[str, Any]:
        """An agreement with its shorthands (`signed:`, `in_force:`) among its events,
        oldest first, and its status only on a day that knows it: the status is the one
        its file's `as_of` knows. Its events after the day are cut as dated items."""
        if key != "agreements":
            return item
        shorthands = [
            {"event": k, "date": item[k], "place": None, "by": None, "text": None}
            | {"sources": [], LEVEL: item[LEVEL]}
            for k in SHORTHANDS
            if item.get(k)
        ]
        events = sorted([*shorthands, *item["events"]], key=lambda e: when(e["date"]).first_day())
        status = item["status"] if self.known_by(as_of) else None
        kept = {k: v for k, v in item.items() if k not in SHORTHANDS}
        return kept | {"events": events, "status": status}


def _emptied(value: Any) -> bool:
    """Whether `value` is a section (it has paragraphs) left with nothing in any list."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("text"), list)
        and not any(v for k, v in value.items() if isinstance(v, list) and k != "sources")
    )


def _own(key: str, item: dict[str, Any]) -> str | None:
    """An item's own date: for an agreement, its first event's (events are sorted); for
    a planned visit none, as it is known from its announcement, not from its date."""
    if key == "agreements":
        return item["events"][0]["date"] if item["events"] else None
    if key == "visits" and item.get("status") == "planned":
        return None
    own: str | None = item.get(DATED[key])
    return own


def succession(
    leaders: list[dict[str, Any]],
    others: list[dict[str, Any]],
    roles: dict[str, str],
    countries: list[str],
) -> list[dict[str, Any]]:
    """The leaders a cover shows: for each office, those who hold it now; when nobody in
    `leaders` or `others` (the relationship's people) does, only the last to hold it, who
    is former: the data records no successor.

    The office of each holder is that of its role in `roles` (by name, in English when
    the data gives it), which may end with one of `countries`, the partner's names.
    """
    names = folded_names(countries)

    def office(holder: dict[str, Any]) -> str:
        return office_of(roles.get(holder["name"], holder["role"]), "en", names)

    held = {office(p) for p in (*leaders, *others) if not p["former"]}
    last: dict[str, dict[str, Any]] = {}
    for leader in leaders:
        later = office(leader) not in last or _ended(leader) > _ended(last[office(leader)])
        if leader["former"] and office(leader) not in held and later:
            last[office(leader)] = leader
    return [p for p in leaders if not p["former"] or last.get(office(p)) is p]


def _ended(term: dict[str, Any]) -> date:
    """When a former holder's term ended (a former term always has its until)."""
    return when(term["until"]).last_day()


def at_the_time(visits: list[dict[str, Any]], *holders: list[dict[str, Any]]) -> None:
    """Mark each visit `then` whose traveller is not known to hold office on the brief's
    date: its role is the office they held then ("then Prime Minister")."""
    current = {h["name"] for group in holders for h in group if not h.get("former")}
    for visit in visits:  # a role alone ("the Minister") names no one to compare
        visit["then"] = visit["who"] is not None and visit["who"] not in current
