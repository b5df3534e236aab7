"""Terms of office: those past their end, and one office held by two people at once.

An office is told by its role's text (in English when given), without its parenthesised
parts or the side's own country at its end: "President of Peru (interim)" in a profile and
"President" on the partner's side of a meeting are one office. Two different people hold
it at once when their terms meet, a term without since reaching back and one without until
still running.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from .errors import Problem, Severity
from .languages import available_languages, word_list
from .load import Document, Loc
from .meeting_model import Meeting
from .model import Relationship, Term, when
from .periods import ended_before
from .profile_model import Profile
from .values import Prose

PARENTHESISED = re.compile(r"\([^()]*\)")  # each "(" scans to the next parenthesis: linear

File = tuple[Document, BaseModel]


def _terms(item: BaseModel) -> Iterator[tuple[Loc, str | None, str, Prose, Term]]:
    """Every term of office in a file: (where, the holder's name, side, role, the term).

    A meeting's participant given by person has the person's term, in the relationship.
    """
    if isinstance(item, Relationship):
        for i, person in enumerate(item.people):
            yield ("people", i), person.name, person.side, person.role, person
    if isinstance(item, Profile):
        for i, leader in enumerate(item.leaders):
            yield ("leaders", i), leader.name, "theirs", leader.role, leader
    if isinstance(item, Meeting):
        for side in ("ours", "theirs"):
            for i, entry in enumerate(getattr(item.participants, side)):
                if entry.role is not None:
                    yield ("participants", side, i), entry.name, side, entry.role, entry


def ended_terms(doc: Document, item: BaseModel, today: date) -> list[Problem]:
    """A warning for each term due to end by `today` that the file does not say ended.

    A term with `ended:` is history, which briefs show as such; one with only `until:` was
    due to end, and the file has not caught up with what happened since.
    """
    out = []
    for loc, name, _, _, term in _terms(item):
        if ended_before(term.until, today) and term.ended is None:
            who = name or "the holder"
            out.append(
                doc.problem(
                    (*loc, "until"),
                    f"{who}'s term was due to end by {term.until}: briefs now show {who} as "
                    "former (expected ended: saying how it ended, and the successor recorded "
                    "with since: and the same role)",
                    severity=Severity.WARNING,
                )
            )
    return out


@dataclass(frozen=True)
class Offices:
    """How one office is recognised in the roles of both sides: by the role's text (in
    English when given), without parentheses or the side's own country at its end."""

    countries: dict[str, tuple[str, ...]]  # each side's country names, folded

    def office(self, role: Prose, side: str) -> str:
        lang = "en" if "en" in role else next(iter(role))
        return office_of(role[lang], lang, self.countries[side])


def office_of(role: str, lang: str, countries: tuple[str, ...]) -> str:
    """The office a role in `lang` names: its text folded, without parenthesised parts or
    one of `countries` (folded names) at its end. The one rule, for check and for briefs."""
    text = _folded(PARENTHESISED.sub(" ", role))
    # How a role names its country at its end: "President of Peru", « président du Pérou »
    words = word_list(lang, None, "a role's country after it", "of the|of")
    ofs = [_folded(word) + ("" if word.endswith(("'", "’")) else " ") for word in words]
    for name, of in itertools.product(countries, ofs):
        if text.endswith(f" {of}{name}"):
            return text[: -len(f" {of}{name}")].strip()
    return text


def _folded(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _offices(home: str | None, partner: str, profile: Profile | None) -> Offices:
    from .resolve import country_name  # pycountry's names, loaded only when needed

    languages = available_languages(None)  # the package's: pycountry names no others
    theirs = [country_name(partner, lang) for lang in languages]
    theirs += list(profile.names.values()) if profile else []
    ours = [country_name(home, lang) for lang in languages] if home else []
    return Offices({"ours": folded_names(ours), "theirs": folded_names(theirs)})


def folded_names(names: list[str]) -> tuple[str, ...]:
    """Country names as `office_of` compares them."""
    return tuple(dict.fromkeys(_folded(name) for name in names))


@dataclass(frozen=True)
class Holder:
    """A named person's term in an office, and where the file gives it."""

    doc: Document
    loc: Loc
    name: str
    side: str
    office: str
    since: str | None
    until: str | None

    @property
    def start(self) -> date:  # no since: in office as far back as anyone knows
        return when(self.since).first_day() if self.since else date.min

    @property
    def end(self) -> date:  # no until: still in office
        return when(self.until).last_day() if self.until else date.max


def _holders(doc: Document, item: BaseModel, offices: Offices) -> list[Holder]:
    return [
        Holder(doc, loc, name, side, offices.office(role, side), term.since, term.until)
        for loc, name, side, role, term in _terms(item)
        if name is not None
    ]


def overlaps(home: str | None, partner: str, own: File, *others: File) -> list[Problem]:
    """A warning for each office two people hold at once, in the file `own` or between
    it and one of `others`, at the later-starting holder's role.

    `home` and `partner` say which countries the roles may name; the partner's profile,
    among the files, gives its names too.
    """
    profiles = [item for _, item in (own, *others) if isinstance(item, Profile)]
    offices = _offices(home, partner, profiles[0] if profiles else None)
    mine = _by_office(_holders(*own, offices))
    pairs = [pair for group in mine.values() for pair in itertools.combinations(group, 2)]
    for other in others:
        for office, group in _by_office(_holders(*other, offices)).items():
            pairs += itertools.product(mine.get(office, []), group)
    out = []
    for one, two in pairs:
        if _folded(one.name) == _folded(two.name) or _apart(one, two) or _apart(two, one):
            continue
        later, earlier = (two, one) if two.start >= one.start else (one, two)
        where = f"{earlier.doc.display}:{earlier.doc.locate((*earlier.loc, 'role'))[0]}"
        since = f" from {later.since}" if later.since else ""
        out.append(
            later.doc.problem(
                (*later.loc, "role"),
                f"{later.name} and {earlier.name} ({where}) hold this office at the same "
                f"time{since} (expected until: on the earlier term, or roles that tell the "
                "two offices apart)",
                severity=Severity.WARNING,
            )
        )
    return out


def _by_office(holders: list[Holder]) -> dict[tuple[str, str], list[Holder]]:
    """Holders by side and office: only those of one office are compared."""
    groups: dict[tuple[str, str], list[Holder]] = {}
    for holder in holders:
        groups.setdefault((holder.side, holder.office), []).append(holder)
    return groups


def _apart(one: Holder, two: Holder) -> bool:
    """Whether `two` took office after `one` left: on the day it ended at the earliest,
    since a successor is sworn in on the day the predecessor's term ends."""
    return two.start >= one.end
