"""Rules a valid data file must also meet, beyond what its model checks value by value.

Each looks at a whole file: ids are unique in every list of items that have one, a list of
ids names each once, a trade flow has one figure a year in each series (and a dimension
one currency, or a warning), a profile's two ISO codes name one country, a meeting's file
is named after its day, a region neither lists itself nor takes a partner's id, and every
source cited is listed. `check.read_data` applies them to every
file it reads, so neither `brief check` nor a build accepts what they refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .errors import Problem, Severity, shown
from .load import Document, Loc, dotted
from .meeting_model import Meeting
from .model import SLUG_PATTERN, Relationship
from .note_model import Note
from .profile_model import Member, Profile, Regions
from .validate import walk
from .values import iso3_of
from .workspace import Workspace


def file_problems(ws: Workspace, doc: Document, item: BaseModel) -> list[Problem]:
    """Every problem of a validated file that lies between its values, not in one."""
    out = duplicate_ids(doc, item) + repeated_ids(doc, item)
    if isinstance(item, Relationship):
        out += _one_figure_per_flow_and_year(doc, item)
    if isinstance(item, Profile):
        out += _one_country(doc, item)
    if isinstance(item, Meeting | Note):
        out += _named_after_its_day(doc, item)
    if isinstance(item, Regions):
        out += _regions(ws, doc, item)
    return out


def duplicate_ids(doc: Document, item: BaseModel) -> list[Problem]:
    """An id given twice in a list of sources, people, regions...: each repeat, once."""
    out = []
    for loc, value in walk(item):
        if not isinstance(value, list):
            continue
        first: dict[str, int] = {}
        for i, entry in enumerate(value):
            # a member names an id given elsewhere: repeated_ids looks at those
            defines = isinstance(entry, BaseModel) and not isinstance(entry, Member)
            eid = getattr(entry, "id", None) if defines else None
            if eid is None:
                continue
            if eid in first:
                line = doc.locate((*loc, first[eid], "id"))[0]
                out.append(
                    doc.problem(
                        (*loc, i, "id"),
                        f"duplicate id '{eid}' (expected an id of its own: '{eid}' is "
                        f"already at line {line})",
                    )
                )
            first.setdefault(eid, i)
    return out


def repeated_ids(doc: Document, item: BaseModel) -> list[Problem]:
    """An id named twice in one list of ids: members, counterparts, topics, sources cited.

    In a validated model, lists of text are lists of identifiers (prose is a mapping), as
    are lists of members.
    """
    out = []
    for loc, value in walk(item):
        if not (isinstance(value, list) and all(isinstance(v, str | Member) for v in value)):
            continue
        first: dict[str, int] = {}
        for i, name in enumerate(v.id if isinstance(v, Member) else v for v in value):
            if name in first:
                listed = dotted((*loc, first[name]))
                out.append(
                    doc.problem(
                        (*loc, i), f"'{name}' is already listed as {listed} (expected each once)"
                    )
                )
            first.setdefault(name, i)
    return out


def _one_figure_per_flow_and_year(doc: Document, item: Relationship) -> list[Problem]:
    """A second figure for a series, flow and year would silently replace the first in the
    table and chart: an error at the second. Two currencies in one dimension split it into
    series the brief cannot add up: a warning at the first figure in another currency."""
    if item.trade is None:
        return []
    out = []
    first: dict[tuple[str, str, Any], int] = {}
    currencies: dict[str, tuple[str, int]] = {}  # each dimension's first currency, and where
    warned: set[str] = set()
    for i, figure in enumerate(item.trade.figures):
        key = (figure.dimension, figure.flow, figure.year)
        if key in first:
            out.append(
                doc.problem(
                    ("trade", "figures", i),
                    f"a second {figure.flow} figure of {figure.dimension} for "
                    f"{figure.year or 'no year'} (expected one figure per series, flow and year: "
                    f"the first is trade.figures[{first[key]}])",
                )
            )
        first.setdefault(key, i)
        if figure.currency is None:
            continue  # an incomplete figure of no stated currency
        currency, at = currencies.setdefault(figure.dimension, (figure.currency, i))
        if figure.currency != currency and figure.dimension not in warned:
            warned.add(figure.dimension)
            out.append(
                doc.problem(
                    ("trade", "figures", i, "currency"),
                    f"{figure.currency} in {figure.dimension} trade, which trade.figures[{at}] "
                    f"gives in {currency}: the brief shows two series and adds neither to the "
                    f"other (expected one currency per dimension)",
                    severity=Severity.WARNING,
                )
            )
    return out


def _one_country(doc: Document, profile: Profile) -> list[Problem]:
    if profile.iso2 is None or profile.iso3 is None or iso3_of(profile.iso2) == profile.iso3:
        return []
    return [
        doc.problem(
            ("iso3",),
            f"'{profile.iso3}' is another country than iso2 '{profile.iso2}' "
            f"(expected {iso3_of(profile.iso2)})",
        )
    ]


def _named_after_its_day(doc: Document, meeting: Meeting | Note) -> list[Problem]:
    """The file is DATE-SLUG.yaml: its brief's name says the day, and the two must agree."""
    stem, prefix = doc.path.stem, f"{meeting.date}-"
    if stem.startswith(prefix) and SLUG_PATTERN.fullmatch(stem[len(prefix) :]):
        return []
    return [
        doc.problem(
            ("date",),
            f"'{meeting.date}' but the file is {doc.path.name} "
            f"(expected a file named {meeting.date}-SLUG.yaml)",
        )
    ]


def _regions(ws: Workspace, doc: Document, regions: Regions) -> list[Problem]:
    out = []
    for r, region in enumerate(regions.regions):
        if region.kind == "region" and ws.profile_path(region.id).is_file():
            # `brief pack ID` and the partner's brief would name the same thing
            out.append(
                doc.problem(
                    ("regions", r, "id"),
                    f"'{region.id}' is also a partner, with data/countries/{region.id}.yaml "
                    "(expected an id no partner has)",
                )
            )
        out += [
            doc.problem(
                ("regions", r, "members", m),
                f"'{member}' is the region itself (expected the partners that are its members)",
            )
            for m, member in enumerate(region.member_ids)
            if member == region.id
        ]
    return out


def people_sides(doc: Document, meeting: Meeting, sides: Mapping[str, str]) -> list[Problem]:
    """People listed on one side of a meeting whom the relationship puts on the other.

    `sides` gives each person of the relationship its side; unknown ids are left to `check`.
    """
    refs: list[tuple[Loc, str, str]] = [
        (("counterparts", i), pid, "theirs") for i, pid in enumerate(meeting.counterparts)
    ]
    for side in ("ours", "theirs"):
        refs += [
            (("participants", side, i, "person"), p.person, side)
            for i, p in enumerate(getattr(meeting.participants, side))
            if p.person
        ]
    relationship = f"data/{meeting.home}/{meeting.partner}.yaml"
    return [
        doc.problem(
            loc, f"'{pid}' is one of {sides[pid]} in {relationship} (expected one of {side})"
        )
        for loc, pid, side in refs
        if pid in sides and sides[pid] != side
    ]


def citations(
    doc: Document, elsewhere: Relationship | None = None, where: str = ""
) -> list[Problem]:
    """Every cited source id is listed under `sources` (or `elsewhere`'s, named `where`).

    Checked on the raw data, so that an unknown id is reported together with any
    validation errors of the same file.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    listed = data.get("sources")
    if not isinstance(listed, list):
        listed = []
    known = {s["id"] for s in listed if isinstance(s, dict) and isinstance(s.get("id"), str)}
    known |= {source.id for source in elsewhere.sources} if elsewhere else set()
    cited: list[tuple[Loc, str]] = []

    def visit(value: Any, loc: Loc) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, (*loc, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                here = (*loc, key)
                if key == "source" and isinstance(item, str):
                    cited.append((here, item))
                elif key == "sources" and loc and isinstance(item, list):
                    cited.extend(
                        ((*here, i), sid) for i, sid in enumerate(item) if isinstance(sid, str)
                    )
                elif not (key == "sources" and not loc):
                    visit(item, here)

    visit(data, ())
    expected = ", ".join(sorted(known)) or "none given"
    return [
        doc.problem(
            loc,
            f"unknown source {shown(sid)} (expected one of the ids under sources{where}: "
            f"{expected})",
        )
        for loc, sid in cited
        if sid not in known
    ]
