"""`brief check`: every data file validated, cross-referenced and looked over for warnings.

Errors stop a build; warnings (missing translations, stale data, TODOs) are printed and
stop it only under `--strict`. The build reads files through `read_data`, so a brief
never sees data that `brief check` would refuse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .check_cache import CheckCache
from .consistency import citations, file_problems, people_sides
from .errors import InvalidInput, Problem, Severity
from .load import Document, Loc, load_document
from .meeting_model import Meeting
from .model import Quote, Relationship, Source, when
from .note_model import Note
from .organisations import disagreements, may_be_listed
from .pack_model import Pack
from .profile_model import Profile, Regions
from .time_checks import file_warnings, meeting_warnings, staleness
from .validate import validate, walk
from .workspace import Workspace, within

Data = Relationship | Profile | Regions | Meeting | Note | Pack
Companion = Meeting | Note  # a file of a home that names its relationship
COMPANIONS: dict[str, type[Companion]] = {"meetings": Meeting, "notes": Note}
Models = dict[Path, tuple[Document, Data]]


@dataclass
class Report:
    """What `check` found: how many files it checked, and every problem."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def summary(self) -> str:
        """`3 files checked: 1 error, 2 warnings`."""
        errors, warnings = _count(len(self.errors), "error"), _count(len(self.warnings), "warning")
        return f"{_count(self.files, 'file')} checked: {errors}, {warnings}"

    def as_json(self, quiet: bool = False) -> dict[str, Any]:
        """The report for CI: every problem (errors only if `quiet`) and the counts."""
        listed = self.errors if quiet else self.problems
        return {
            "problems": [p.as_json() for p in listed],
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def model_for(ws: Workspace, path: Path) -> type[Data] | None:
    """Which model a data file holds, by where it is in the workspace."""
    try:
        parts = path.resolve().relative_to(ws.data.resolve()).parts
    except ValueError:
        return None
    if parts == ("regions.yaml",):
        return Regions
    if len(parts) == 2 and parts[0] == "countries":
        return Profile
    if len(parts) == 2:
        return Relationship
    if len(parts) == 3 and parts[1] in COMPANIONS:
        return COMPANIONS[parts[1]]
    if len(parts) == 3 and parts[1] == "packs":
        return Pack
    return None


def _links_out(ws: Workspace, path: Path) -> bool:
    """Whether `path` sits in the workspace's data but is a link to a file elsewhere."""
    written = Path(os.path.normpath(path.absolute()))
    return written.is_relative_to(ws.data) and within(path, ws.data) is None


def read_data(
    ws: Workspace, path: Path, today: date | None = None, models: Models | None = None
) -> tuple[Document, Data, list[Problem]]:
    """Load, validate and check one data file; raise `InvalidInput` on any error. The files
    read beside it (a relationship's profile...) come from `models` when there."""
    model = model_for(ws, path)
    if model is None and _links_out(ws, path):
        raise _refused(
            ws,
            path,
            f"is a link to {path.resolve()}, outside the workspace's data "
            "(expected the file itself)",
        )
    if model is None:
        raise _refused(
            ws,
            path,
            "not where data files go (expected data/regions.yaml, data/countries/P.yaml, "
            "data/HOME/P.yaml, data/HOME/meetings/ or data/HOME/notes/DATE-SLUG.yaml, "
            "or data/HOME/packs/EVENT.yaml)",
        )
    doc = load_document(path, ws.show(path))
    language = doc.data.get("language") if isinstance(doc.data, dict) else None
    home = _own_scheme(ws, path, model)
    context = {
        "language": language if language in ws.languages else ws.settings.languages[0],
        "languages": ws.languages,
        "scheme": ws.scheme_of(home),
        "scheme_of": f"home {home}" if home else "this workspace",
    }
    cited = citations(doc) if model not in (Meeting, Note) else []
    try:
        item = validate(doc, model, context)
    except InvalidInput as exc:
        raise InvalidInput(exc.problems + cited) from None
    problems = cited + _file_rules(ws, doc, item, today or date.today(), models)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InvalidInput(errors)
    return doc, item, problems


def _own_scheme(ws: Workspace, path: Path, model: type[Data]) -> str | None:
    """The home whose own scheme a file is marked in; None for the workspace's scheme.

    A home's file (relationship, meeting, note) is in its home's scheme; a shared one (profile,
    regions) in the workspace's.
    """
    home = path.resolve().relative_to(ws.data.resolve()).parts[0]
    if (
        model in (Relationship, Meeting, Note, Pack)
        and ws.classification(home) is not ws.settings.classification
    ):
        return home
    return None


def _refused(ws: Workspace, path: Path, message: str) -> InvalidInput:
    return InvalidInput([Problem(ws.show(path), 1, 1, "", message)])


def _file_rules(
    ws: Workspace, doc: Document, item: Data, today: date, models: Models | None
) -> list[Problem]:
    out = file_problems(ws, doc, item)
    if isinstance(item, Relationship | Companion | Pack):
        expected_home = (
            doc.path.parent.name if isinstance(item, Relationship) else doc.path.parent.parent.name
        )
        if item.home != expected_home:
            out.append(
                doc.problem(
                    ("home",),
                    f"'{item.home}' but the file is under "
                    f"data/{expected_home}/ (expected {expected_home})",
                )
            )
    if isinstance(item, Relationship):
        if item.partner != doc.path.stem:
            out.append(
                doc.problem(
                    ("partner",),
                    f"'{item.partner}' but the file is {doc.path.name} (expected {doc.path.stem})",
                )
            )
        people = {p.id for p in item.people}
        for i, visit in enumerate(item.visits):
            out += [
                doc.problem(
                    ("visits", i, "people", j),
                    f"unknown person '{pid}' (expected an id from people)",
                )
                for j, pid in enumerate(visit.people)
                if pid not in people
            ]
    if isinstance(item, Profile) and item.id != doc.path.stem:
        out.append(
            doc.problem(
                ("id",), f"'{item.id}' but the file is {doc.path.name} (expected {doc.path.stem})"
            )
        )
    if isinstance(item, Companion):
        # here rather than only across files, so that a meeting brief or note never meets them
        out += [p for p in _companion_relationship(ws, doc, item, models) if p.is_error]
    if isinstance(item, Pack):
        from .pack_file import pack_problems  # it builds meeting briefs, which import this

        out += pack_problems(ws, doc, item)
    out += _translations(ws, doc, item)
    partner = item.partner if isinstance(item, Relationship) else None
    profile = _valid(ws, ws.profile_path(partner), models) if partner else None
    return out + file_warnings(ws, doc, item, today, profile)


def _translations(ws: Workspace, doc: Document, item: BaseModel) -> list[Problem]:
    out = []
    wanted = ws.built_languages(readers(ws, item))
    own: set[Loc] = set()  # titles in their document's language, words as quoted: as given
    for loc, value in walk(item):
        if isinstance(value, Source) and value.language:
            own.add((*loc, "title"))
        if isinstance(value, Quote):
            own.add((*loc, "text"))
        if not (isinstance(value, dict) and value and set(value) <= set(ws.languages)):
            continue
        missing = [] if loc in own else [lang for lang in wanted if lang not in value]
        if any("TODO" in text for text in value.values()):
            out.append(doc.problem(loc, "still says TODO", severity=Severity.WARNING))
        elif missing:
            out.append(
                doc.problem(
                    loc,
                    f"no {' or '.join(missing)} text (a build falls "
                    "back to the other language, or fails with --strict)",
                    severity=Severity.WARNING,
                )
            )
    return out


def check(
    ws: Workspace,
    paths: list[Path] | None = None,
    today: date | None = None,
    *,
    cache: bool = True,
) -> Report:
    """Check every data file (or only `paths`), with cross-file references.

    A file whose findings are cached, and nothing they depend on has changed since, is not
    read again (check_cache.py); `cache=False` reads every file.
    """
    today = today or date.today()
    files = list(dict.fromkeys(paths)) if paths else _data_paths(ws)
    store = CheckCache(ws, today) if cache else None
    problems: list[Problem] = []
    if not paths and os.path.lexists(ws.data) and not ws.data.is_dir():
        problems.append(
            Problem(ws.show(ws.data), 1, 1, "", "is not a folder (expected the data files' folder)")
        )
    read: list[tuple[Path, Document, Data, list[Problem]]] = []
    models: Models = {}
    for path in _reading_order(ws, files):
        cached = store.lookup(path) if store else None
        if cached is not None:
            problems += cached
            continue
        try:
            doc, item, found = read_data(ws, path, today, models)
        except InvalidInput as exc:  # no model to say what else it depends on: not cached
            problems += exc.problems
            continue
        read.append((path, doc, item, found))
        models[path.resolve()] = (doc, item)
    for path, doc, item, found in read:
        found = found + _cross_file(ws, doc, item, models)
        if store:
            store.remember(path, found, depends_on(ws, item))
        problems += found
    if store:
        store.save()
    return Report(len(files), sorted(problems))


def _reading_order(ws: Workspace, files: list[Path]) -> list[Path]:
    """Profiles, then relationships, then the rest: the files that others read beside them
    come first, so that each is read once."""
    kinds: list[type[Data] | None] = [Profile, Relationship]
    return sorted(files, key=lambda p: kinds.index(m) if (m := model_for(ws, p)) in kinds else 2)


def _data_paths(ws: Workspace) -> list[Path]:
    """Every data file, and whatever else is named like one (a folder called peru.yaml),
    so that it is reported rather than silently passed over."""
    return sorted(ws.data.rglob("*.yaml")) if ws.data.is_dir() else []


def _cross_file(ws: Workspace, doc: Document, item: Data, models: Models) -> list[Problem]:
    """The problems of one valid file with the other files it names (`depends_on`)."""
    # A meeting or note names its partner through its relationship file: when that is
    # missing, one line says so (_companion_relationship), not a second one about the profile.
    if isinstance(item, Relationship) and not ws.profile_path(item.partner).is_file():
        return [
            doc.problem(
                ("partner",),
                f"no partner profile for '{item.partner}' "
                f"(expected data/countries/{item.partner}.yaml)",
            )
        ]
    if isinstance(item, Regions):
        return [
            doc.problem(
                ("regions", r, "members", m),
                f"no partner profile for '{member}' (the member is listed without data in packs)",
                severity=Severity.WARNING,
            )
            for r, region in enumerate(item.regions)
            for m, member in enumerate(region.member_ids)
            if not ws.profile_path(member).is_file()
        ]
    if isinstance(item, Companion):  # its errors stopped it in read_data: warnings remain
        return _companion_relationship(ws, doc, item, models)
    if isinstance(item, Profile) and may_be_listed(item):
        regions = _valid(ws, ws.regions_path, models)
        return disagreements(doc, item, regions[1] if regions else None)
    return []


def readers(ws: Workspace, item: BaseModel) -> list[str]:
    """The homes whose briefs print a file's prose: a relationship's, meeting's or note's own;
    for a profile, the homes with a relationship with its partner, and the partner itself
    as a home (its briefs name it); for the regions, every home (its packs)."""
    if isinstance(item, Relationship | Companion | Pack):
        return [item.home]
    if isinstance(item, Profile):
        homes = ws.homes()
        return [h for h in homes if h == item.id or ws.relationship_path(h, item.id).is_file()]
    return ws.homes()


def depends_on(ws: Workspace, item: Data) -> list[Path]:
    """The other files whose presence or content a valid file's findings depend on: every
    file `_cross_file` (and, for a meeting or note, `read_data`) reads for it."""
    if isinstance(item, Relationship):
        return [ws.profile_path(item.partner)]
    if isinstance(item, Regions):  # members' profiles, and any a region's id would collide with
        ids = [m for region in item.regions for m in (region.id, *region.member_ids)]
        return [ws.profile_path(i) for i in ids]
    if isinstance(item, Companion):
        return [ws.relationship_path(item.home, item.partner), ws.profile_path(item.partner)]
    if isinstance(item, Pack):
        return [ws.regions_path]
    if isinstance(item, Profile):  # the languages its prose is wanted in: see `readers`
        homes = [ws.relationship_path(home, item.id) for home in ws.homes()]
        return [ws.regions_path, *homes] if may_be_listed(item) else homes
    return []


def _companion_relationship(
    ws: Workspace, doc: Document, item: Companion, models: Models | None = None
) -> list[Problem]:
    """A meeting's or note's problems with its relationship: missing, or lacking what the
    file names from it."""
    path = ws.relationship_path(item.home, item.partner).resolve()
    if path.exists() and not path.is_file():
        return []  # a folder named like the file: reported as that file's own problem
    if not path.is_file():
        return [
            doc.problem(
                ("partner",),
                f"no relationship file data/{item.home}/{item.partner}.yaml (expected one)",
            )
        ]
    found = _valid(ws, path, models)  # its own problems are reported when it is checked
    if found is None:
        return []
    rel_doc, relationship = found
    assert isinstance(relationship, Relationship)
    if isinstance(item, Note):
        return note_problems(ws, doc, item, rel_doc, relationship)
    return meeting_problems(ws, doc, item, rel_doc, relationship, models)


def _valid(ws: Workspace, path: Path, models: Models | None = None) -> tuple[Document, Any] | None:
    """The document and model of the valid file at `path` (from `models` when `check` has
    read it), or None when it is missing or invalid."""
    path = path.resolve()
    if models is not None and path in models:
        return models[path]
    try:
        return read_data(ws, path)[:2] if path.is_file() else None
    except InvalidInput:
        return None


def meeting_problems(
    ws: Workspace,
    doc: Document,
    meeting: Meeting,
    rel_doc: Document,
    rel: Relationship,
    models: Models | None = None,
) -> list[Problem]:
    """People the meeting names that its relationship lacks, stale relationship data, and
    the meeting's time warnings with its relationship and profile (time_checks)."""
    people = {p.id: p.side for p in rel.people}
    refs: list[tuple[Loc, str]] = [
        (("counterparts", i), pid) for i, pid in enumerate(meeting.counterparts)
    ]
    for side in ("ours", "theirs"):
        refs += [
            (("participants", side, i, "person"), p.person)
            for i, p in enumerate(getattr(meeting.participants, side))
            if p.person
        ]
    out = [
        doc.problem(
            loc,
            f"unknown person '{pid}' (expected an id from people in "
            f"data/{meeting.home}/{meeting.partner}.yaml)",
        )
        for loc, pid in refs
        if pid not in people
    ]
    out += people_sides(doc, meeting, people)
    out += citations(doc, rel, f" here or in data/{meeting.home}/{meeting.partner}.yaml")
    date_of = when(meeting.date).first_day()
    out += staleness(ws, rel_doc, rel, date_of, f"at the meeting of {meeting.date}")
    profile = _valid(ws, ws.profile_path(meeting.partner), models)
    return out + meeting_warnings(ws, doc, meeting, (rel_doc, rel), profile)


def note_problems(
    ws: Workspace, doc: Document, note: Note, rel_doc: Document, rel: Relationship
) -> list[Problem]:
    """Sources the note cites that neither it nor its relationship lists, and relationship
    data stale at the note's date."""
    out = citations(doc, rel, f" here or in data/{note.home}/{note.partner}.yaml")
    date_of = when(note.date).first_day()
    return out + staleness(ws, rel_doc, rel, date_of, f"at the note of {note.date}")
