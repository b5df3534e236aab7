"""Marker words planted at random levels in copies of the sample data, for tests/test_leaks.py.

Every planted thing carries a marker word of its own and records the levels it sits
under (its file's, its section's, its own, a linked person's...): it may appear in a
document built at L only when every one of them is at most L, and then, if the document
shows that kind of thing at all, it must. The document's marking must be the highest
level of what it shows: markers, and the files and sections it shows whenever their levels
allow (`counted`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.classification import SCHEMES
from briefing.formatting import Formatter
from briefing.load import load_document

REPOSITORY = Path(__file__).resolve().parents[1]
SCHEME = SCHEMES["canada"]
LEVELS = SCHEME.names()
REL = "data/canada/peru.yaml"
PROFILE = "data/countries/peru.yaml"
MEETING = "data/canada/meetings/2026-12-03-peru-fm.yaml"
SELECTED = "fta"  # a topic of MEETING: a talking point with it is a point to make there
REGIONS = "data/regions.yaml"
SECTIONS = ("summary", "background", "trade", "investment", "aid")  # levels drawn per example
TRADE_VALUE = 9.87e9  # the planted trade figure's value: its marker is how it is printed

Level = str | None


@dataclass
class Planted:
    """The data files to write, what was planted in them, and under which levels."""

    kind: str  # country, meeting or pack
    lang: str
    files: dict[str, Any]  # workspace path: data
    markers: dict[str, tuple[Level, ...]] = field(default_factory=dict)
    never: set[str] = field(default_factory=set)  # markers this kind of document never shows
    portions: set[str] = field(default_factory=set)  # markers printed after a portion mark
    counted: list[tuple[Level, ...]] = field(default_factory=list)
    sections: dict[str, Level] = field(default_factory=dict)
    visits: int = 0
    trade: bool = False

    @property
    def rel(self) -> dict[str, Any]:
        return self.files[REL]

    @property
    def meeting(self) -> dict[str, Any]:
        return self.files[MEETING]

    def level(self, path: str) -> Level:
        if path == REGIONS:
            return self.region_level()
        return self.files[path].get("classification")

    def region_level(self) -> Level:
        """The level of the region a pack is built for (the last entry of regions.yaml)."""
        regions = self.files.get(REGIONS)
        return regions["regions"][-1].get("classification") if regions else None

    def under(self, section: str | None, *levels: Level) -> tuple[Level, ...]:
        """The levels of a relationship item: its file's, its section's, then its own."""
        return (self.level(REL), self.sections.get(section or ""), *levels)

    def mark(
        self,
        marker: str,
        levels: tuple[Level, ...],
        shown_in: str = "country pack",
        portion: bool = False,  # its text follows its portion mark
    ) -> None:
        self.markers[marker] = levels
        if self.kind not in shown_in.split():
            self.never.add(marker)
        if portion:
            self.portions.add(marker)

    def shown(self, marker: str, level: str) -> bool:
        return marker not in self.never and allows(self.markers[marker], level)

    def portion(self, marker: str) -> str:
        """The portion mark of a marker's item: its effective level's abbreviation."""
        levels = [lv for lv in self.markers[marker] if lv]
        return SCHEME.level(SCHEME.highest([LEVELS[0], *levels])).abbr

    def marking(self, level: str, without: frozenset[str] = frozenset()) -> str:
        """The highest level a document at `level` shows (leaving out markers `without`)."""
        shown = [self.markers[m] for m in self.markers if self.shown(m, level) and m not in without]
        chains = [c for c in self.counted if allows(c, level)] + shown
        return SCHEME.highest([LEVELS[0], *(lv for chain in chains for lv in chain if lv)])


def allows(levels: tuple[Level, ...], level: str) -> bool:
    return all(SCHEME.allows(lv, level) for lv in levels)


def prose(text: str) -> dict[str, str]:
    return {"en": text, "fr": text}


def marked(level: Level, **item: Any) -> dict[str, Any]:
    return {**item, **({"classification": level} if level else {})}


def person(m: str, level: Level, side: str = "theirs") -> dict[str, Any]:
    return marked(
        level, id=m.lower(), name=f"Person {m}", role=prose("Adviser"), side=side, bio=prose(m)
    )


Plant = Callable[[Planted, str, Level, Level], None]


def _paragraph(p: Planted, m: str, level: Level, _: Level) -> None:
    p.rel["background"]["text"].append(marked(level, text=prose(f"Paragraph {m}.")))
    p.mark(m, p.under("background", level), portion=True)


def _summary(p: Planted, m: str, level: Level, _: Level) -> None:
    p.rel["summary"]["text"].append(marked(level, text=prose(f"Summary {m}.")))
    p.mark(m, p.under("summary", level), "country pack meeting", portion=True)


def _section(p: Planted, m: str, level: Level, second: Level) -> None:
    """A whole section of its own level, holding a paragraph of another."""
    name = next((s for s in ("political", "multilateral") if s not in p.sections), None)
    if name is None:
        return _paragraph(p, m, level, second)
    p.sections[name] = level
    p.rel[name] = marked(level, text=[marked(second, text=prose(f"Section {m}."))])
    # No count of its own: a section whose paragraph is left out is left out too, so only
    # the paragraph's chain (file, section, paragraph) can raise the marking.
    p.mark(m, p.under(name, second), portion=True)
    return None


def _talking_point(topic: str, shown_in: str) -> Plant:
    def plant(p: Planted, m: str, level: Level, second: Level) -> None:
        asked = marked(second, question=prose(f"Question {m}Q?"), answer=prose("An answer."))
        point = marked(level, text=prose(f"Point {m}P."), topics=[topic], if_asked=[asked])
        p.rel["talking_points"].append(point)
        p.mark(f"{m}P", p.under(None, level), shown_in, portion=True)
        p.mark(f"{m}Q", p.under(None, level, second), shown_in, portion=True)

    return plant


def _source(p: Planted, m: str, level: Level, second: Level) -> None:
    """A source of its own level, cited by a selected talking point alone."""
    p.rel["sources"].append(
        marked(second, id=m.lower(), title=prose(f"Source {m}S"), publisher=prose("Publisher"))
    )
    point = marked(level, text=prose(f"Point {m}P."), topics=[SELECTED], sources=[m.lower()])
    p.rel["talking_points"].append(point)
    p.mark(f"{m}P", p.under(None, level), "country pack meeting", portion=True)
    p.mark(f"{m}S", p.under(None, level, second), "country pack meeting")


def _figure(
    where: Callable[[dict[str, Any]], list[Any]], section: str | None, shown_in: str
) -> Plant:
    def plant(p: Planted, m: str, level: Level, _: Level) -> None:
        where(p.rel).append(
            marked(level, label=prose(f"Figure {m}"), value=1234, unit="count", source="gac-2012")
        )
        p.mark(m, p.under(section, level), shown_in)

    return plant


def _trade(p: Planted, m: str, level: Level, second: Level) -> None:
    """The latest year's exports: the meeting brief's trade line shows it."""
    if p.trade:
        return _paragraph(p, m, level, second)
    p.trade = True
    p.rel["trade"]["figures"].append(
        marked(
            level,
            flow="exports",
            dimension="goods",
            value=TRADE_VALUE,
            currency="CAD",
            year=2012,
            source="gac-2012",
        )
    )
    locale = {"en": "en_CA", "fr": "fr_CA"}[p.lang]
    p.mark(
        Formatter(p.lang, locale, 4).money(TRADE_VALUE, "CAD"),
        p.under("trade", level),
        "country pack meeting",
    )
    return None


def _visit(p: Planted, m: str, level: Level, second: Level) -> None:
    """A visit before the meeting; a meeting brief shows the five latest."""
    if p.visits == 5:
        return _paragraph(p, m, level, second)
    p.visits += 1
    p.rel["visits"].append(
        marked(
            level,
            date=f"2013-{p.visits:02d}",
            who=f"Envoy {m}",
            role=prose("Envoy"),
            direction="incoming",
            place=prose("Lima"),
        )
    )
    p.mark(m, p.under(None, level), "country pack meeting")
    return None


def _item(
    where: Callable[[dict[str, Any]], list[Any]], section: str | None, make: Callable[[str], Any]
) -> Plant:
    def plant(p: Planted, m: str, level: Level, _: Level) -> None:
        where(p.rel).append(marked(level, **make(m)))
        p.mark(m, p.under(section, level))

    return plant


def _agreement_event(p: Planted, m: str, level: Level, second: Level) -> None:
    """An agreement of one level with an event of another, its marker in the event's `by`."""
    event = marked(second, event="ratified", date=2011, by=prose(f"Party {m}E"))
    p.rel["agreements"].append(marked(level, name=prose(f"Agreement {m}A"), events=[event]))
    p.mark(f"{m}A", p.under(None, level))
    p.mark(f"{m}E", p.under(None, level, second))


def _quote(p: Planted, m: str, level: Level, _: Level) -> None:
    quote = {"text": prose(f"Quote {m}."), "language": "en", "speaker": "Speaker", "date": 2010}
    p.rel.setdefault("quotes", []).append(marked(level, **quote, source="gac-2012"))
    p.mark(m, p.under(None, level))


def _security(p: Planted, m: str, level: Level, _: Level) -> None:
    p.rel.setdefault("security", {"text": []})["text"].append(
        marked(level, text=prose(f"Security {m}."))
    )
    p.mark(m, p.under(None, level), portion=True)


def _leader(p: Planted, m: str, level: Level, _: Level) -> None:
    p.files[PROFILE]["leaders"].append(marked(level, name=f"Leader {m}", role=prose("Minister")))
    p.mark(m, (p.level(PROFILE), level))


RELATIONSHIP_PLACES: dict[str, Plant] = {
    "paragraph": _paragraph,
    "summary": _summary,
    "section": _section,
    "talking_point": _talking_point(SELECTED, "country pack meeting"),
    "unselected_point": _talking_point("unrelated", "country pack"),
    "source": _source,
    "key_figure": _figure(lambda d: d.setdefault("key_figures", []), None, "country pack meeting"),
    "aid_figure": _figure(lambda d: d["aid"].setdefault("figures", []), "aid", "country pack"),
    "trade": _trade,
    "visit": _visit,
    "person": _item(lambda d: d["people"], None, lambda m: person(m, None)),
    "agreement": _item(
        lambda d: d["agreements"], None, lambda m: {"name": prose(f"Agreement {m}"), "signed": 2010}
    ),
    "programme": _item(
        lambda d: d["aid"]["programmes"], "aid", lambda m: {"name": prose(f"Programme {m}")}
    ),
    "milestone": _item(
        lambda d: d["aid"]["milestones"],
        "aid",
        lambda m: {"date": 2010, "text": prose(f"Milestone {m}.")},
    ),
    "leader": _leader,
    "agreement_event": _agreement_event,
    "quote": _quote,
    "security": _security,
    "relationship_milestone": _item(
        lambda d: d.setdefault("milestones", []),
        None,
        lambda m: {"date": 2010, "text": prose(f"Milestone {m}.")},
    ),
    "people_to_people_figure": _figure(
        lambda d: d.setdefault("people_to_people", {"figures": []})["figures"],
        None,
        "country pack",
    ),
}


def _meeting_point(p: Planted, m: str, level: Level, second: Level) -> None:
    asked = marked(second, question=prose(f"Question {m}Q?"), answer=prose("An answer."))
    p.meeting["points"].append(marked(level, text=prose(f"Point {m}P."), if_asked=[asked]))
    p.mark(f"{m}P", (p.level(MEETING), level), "meeting", portion=True)
    p.mark(f"{m}Q", (p.level(MEETING), level, second), "meeting", portion=True)


def _meeting_item(name: str, make: Callable[[str], dict[str, Any]]) -> Plant:
    def plant(p: Planted, m: str, level: Level, _: Level) -> None:
        p.meeting[name].append(marked(level, **make(m)))
        p.mark(m, (p.level(MEETING), level), "meeting", portion=True)

    return plant


def _side(p: Planted) -> str:
    return ("ours", "theirs")[len(p.markers) % 2]


def _participant(p: Planted, m: str, level: Level, _: Level) -> None:
    p.meeting["participants"][_side(p)].append(marked(level, role=prose(f"Delegate {m}")))
    p.mark(m, (p.level(MEETING), level), "meeting")


def _linked_participant(p: Planted, m: str, level: Level, second: Level) -> None:
    """A participant of one level naming a person of the relationship of another."""
    side = _side(p)
    p.rel["people"].append(person(m, second, side))
    p.meeting["participants"][side].append(marked(level, person=m.lower()))
    p.mark(m, (p.level(MEETING), level, *p.under(None, second)), "meeting")


def _counterpart(p: Planted, m: str, level: Level, _: Level) -> None:
    p.rel["people"].append(person(m, level))
    p.meeting["counterparts"].append(m.lower())
    p.mark(m, p.under(None, level), "meeting")


def _meeting_source(p: Planted, m: str, level: Level, second: Level) -> None:
    p.meeting["sources"].append(
        marked(second, id=m.lower(), title=prose(f"Source {m}S"), publisher=prose("Publisher"))
    )
    p.meeting["points"].append(marked(level, text=prose(f"Point {m}P."), sources=[m.lower()]))
    p.mark(f"{m}P", (p.level(MEETING), level), "meeting", portion=True)
    p.mark(f"{m}S", (p.level(MEETING), level, second), "meeting")


MEETING_PLACES: dict[str, Plant] = {
    **RELATIONSHIP_PLACES,
    "meeting_point": _meeting_point,
    "meeting_if_asked": _meeting_item(
        "if_asked", lambda m: {"question": prose(f"Asked {m}?"), "answer": prose("An answer.")}
    ),
    "their_ask": _meeting_item(
        "their_asks", lambda m: {"ask": prose(f"Ask {m}."), "response": prose("A response.")}
    ),
    "participant": _participant,
    "linked_participant": _linked_participant,
    "counterpart": _counterpart,
    "meeting_source": _meeting_source,
}
PLACES = {"country": RELATIONSHIP_PLACES, "meeting": MEETING_PLACES, "pack": RELATIONSHIP_PLACES}
PROFILE_NAME = "XQNAMEMARK"  # in the partner's names: titles, bookmarks, metadata
REGION_NAME = "XQREGIONMARK"  # in the region's names: the pack's cover and metadata


def base_files(kind: str) -> dict[str, Any]:
    """The sample files a document of `kind` reads, Canada–Peru cut to a paragraph a section."""
    rel: dict[str, Any] = load_document(REPOSITORY / REL).data
    for name in ("summary", "background", "political", "multilateral", "investment", "aid"):
        rel[name]["text"] = rel[name]["text"][:1]
    for name in ("main_exports", "main_imports", "sectors"):
        rel["trade"].pop(name, None)
    files = {REL: rel, PROFILE: load_document(REPOSITORY / PROFILE).data}
    if kind == "meeting":
        meeting = load_document(REPOSITORY / MEETING).data
        for name in ("points", "if_asked", "their_asks", "sources", "counterparts"):
            meeting.setdefault(name, [])
        files[MEETING] = meeting
    if kind == "pack":
        regions = load_document(REPOSITORY / REGIONS).data
        regions["regions"].append(
            {
                "id": "pair",
                "kind": "region",
                "names": {"en": f"Pair {REGION_NAME}", "fr": f"Paire {REGION_NAME}"},
                "members": ["peru", "chile"],
                "as_of": "2026-11",
                "sources": ["un-m49"],
            }
        )
        files[REGIONS] = regions
    return files


def plant(
    kind: str,
    lang: str,
    levels: dict[str, Level],
    sections: dict[str, Level],
    items: list[tuple[str, Level, Level]],
) -> Planted:
    """The files of a document of `kind` with `levels` set on files (path: level) and
    sections, and `items` (place, level, second level) planted."""
    p = Planted(kind, lang, base_files(kind))
    for path, level in levels.items():
        entry = p.files[path]["regions"][-1] if path == REGIONS else p.files[path]
        if level:
            entry["classification"] = level
    for name, level in sections.items():
        if level:
            p.rel[name]["classification"] = p.sections[name] = level
    p.files[PROFILE]["names"] = {"en": f"Peru {PROFILE_NAME}", "fr": f"Pérou {PROFILE_NAME}"}
    p.mark(PROFILE_NAME, (levels.get(PROFILE),), "country pack meeting")
    p.counted.append((p.level(REL),))  # the relationship gives the date its data is true on
    if kind == "meeting":
        p.counted += [(p.level(MEETING),), p.under("summary"), p.under("trade")]
    else:
        p.counted += [p.under(name) for name in SECTIONS]
    if kind == "pack":
        p.mark(REGION_NAME, (levels.get(REGIONS),), "pack")
    for i, (place, level, second) in enumerate(items):
        PLACES[kind][place](p, f"XQ{i:02d}MARK", level, second)
    return p
