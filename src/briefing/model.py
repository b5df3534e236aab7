"""The data model: what a relationship holds, from home's side.

Its building blocks are in `model_base` (strict models, sources, sections) and
`figure_model` (figures, trade, investment, economy), its records (agreements, visits,
quotes) in `records_model`; the partner profile and regions are in `profile_model`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from .figure_model import Economy, Investment, Trade

# Imported `as` themselves: other modules import these from here.
from .figure_model import Figure as Figure
from .model_base import Cited as Cited
from .model_base import Marked, section_of
from .model_base import Section as Section
from .model_base import Source as Source
from .model_base import Strict as Strict
from .model_base import at_least_zero as at_least_zero
from .periods import DateText
from .periods import when as when
from .records_model import Agreement as Agreement
from .records_model import Quote as Quote
from .records_model import Visit as Visit
from .values import SLUG_PATTERN as SLUG_PATTERN
from .values import Classification, Name
from .values import Language as Language
from .values import Prose as Prose
from .values import Slug as Slug
from .values import in_language as in_language


class Programme(Cited):
    """An aid programme."""

    name: Prose = Field(description="the programme's name")
    amount: Figure | None = Field(None, description="its budget")
    period: DateText | None = Field(None, description="the years it runs", examples=["2009/2014"])
    text: Prose | None = Field(None, description="what it does")


class Event(Cited):
    """A dated milestone."""

    date: DateText = Field(description="when it happened")
    text: Prose = Field(description="what happened")


class PeopleToPeople(Section):
    """Ties between the peoples: education, scholarships, diaspora, tourism, consular."""

    figures: list[Figure] = Field([], description="students, visitors, diaspora, by period")


class Aid(Section):
    """Development assistance from home to the partner."""

    since: DateText | None = Field(None, description="when home's aid began")
    figures: list[Figure] = Field([], description="aid given, by period")
    milestones: list[Event] = Field([], description="dated events of the aid relationship")
    programmes: list[Programme] = Field([], description="the main programmes")


ENDINGS = ("completed", "resigned", "removed", "defeated", "replaced", "died")
"""How a term of office ended: served out, resigned, removed from office, defeated at an
election, replaced (a minister moved or dropped), or ended by death."""


class Term(Marked):
    """A term in an office: when it began and ended, and how it ended, as the source says.

    A brief built on a day after `until` shows the holder as former, never as current.
    """

    model_config = ConfigDict(json_schema_extra={"dependentRequired": {"ended": ["until"]}})

    since: DateText | None = Field(None, description="in office since")
    until: DateText | None = Field(
        None, description="the end of the term: the day it ended, or is due to end"
    )
    ended: Literal[ENDINGS] | None = Field(  # type: ignore[valid-type]
        None, description="how the term ended, where the source says so (with until)"
    )

    @model_validator(mode="after")
    def _term_in_order(self) -> Term:
        if self.ended is not None and self.until is None:
            raise ValueError(f"ended: {self.ended} needs until: the day the term ended")
        if (
            self.since is not None
            and self.until is not None
            and when(self.until).last_day() < when(self.since).first_day()
        ):
            raise ValueError(f"until: {self.until} is before since: {self.since}")
        return self


class Person(Term, Cited):
    """Someone the brief names, on either side; meetings and visits link them by id."""

    id: Slug = Field(description="the id meetings and visits use", examples=["ishiba"])
    honorific: Prose | None = Field(
        None,
        description="printed before the name where the brief names people formally",
        examples=[{"en": "H.E.", "fr": "S.E."}],
    )
    name: Name = Field(description="the name as printed", examples=["Ishiba Shigeru"])
    role: Prose = Field(description="their office", examples=[{"en": "Prime Minister"}])
    side: Literal["ours", "theirs"] = Field(description="home's side (ours) or the partner's")
    bio: Prose | None = Field(None, description="a short biography")
    elected: DateText | None = Field(None, description="when they were elected to the office")
    re_elected: list[DateText] = Field([], description="when they were re-elected to it")


class IfAsked(Marked):
    """A question the other side may ask, and the answer to give."""

    question: Prose = Field(description="the question")
    answer: Prose = Field(description="the answer to give")


class TalkingPoint(Cited):
    """A point to make, with the questions it may raise."""

    text: Prose = Field(description="the point to make")
    as_of: DateText | None = Field(
        None, description="when it was last true, if not its file's as_of"
    )
    topics: list[Slug] = Field(
        [],
        description="its topics: a meeting brief takes the points that share a topic with it",
        examples=[["trade", "mining"]],
    )
    if_asked: list[IfAsked] = Field([], description="questions it may raise, with answers")


class Relationship(Cited):
    """One relationship between a home country and a partner, seen from home."""

    home: Slug = Field(description="the home country: the folder under data/", examples=["canada"])
    partner: Slug = Field(
        description="the partner: the file's name, with a profile in data/countries/",
        examples=["peru"],
    )
    language: Language = Field(description="the language of plain (untranslated) text in this file")
    as_of: DateText = Field(description="when these facts were last verified")
    classification: Classification = Field(
        description="the level of the whole file; items may be raised above it",
        examples=["UNCLASSIFIED"],
    )
    sources: list[Source] = Field(min_length=1, description="every source the file cites")  # type: ignore[assignment]
    summary: section_of(Section) | None = Field(None, description="the relationship in brief")  # type: ignore[valid-type]
    key_figures: list[Figure] = Field([], description="labelled figures shown after the summary")
    economy: section_of(Economy) | None = Field(  # type: ignore[valid-type]
        None, description="the partner's economy: growth, size, rank"
    )
    background: section_of(Section) | None = Field(None, description="its history")  # type: ignore[valid-type]
    political: section_of(Section) | None = Field(None, description="political relations")  # type: ignore[valid-type]
    multilateral: section_of(Section) | None = Field(  # type: ignore[valid-type]
        None, description="cooperation in multilateral forums"
    )
    trade: section_of(Trade) | None = Field(None, description="trade in goods and services")  # type: ignore[valid-type]
    investment: section_of(Investment) | None = Field(None, description="investment each way")  # type: ignore[valid-type]
    aid: section_of(Aid) | None = Field(None, description="development assistance")  # type: ignore[valid-type]
    people_to_people: section_of(PeopleToPeople) | None = Field(  # type: ignore[valid-type]
        None, description="education, scholarships, diaspora, tourism, consular ties"
    )
    security: section_of(Section) | None = Field(None, description="security and defence")  # type: ignore[valid-type]
    milestones: list[Event] = Field(
        [], description="a dated timeline of the relationship, outside aid"
    )
    visits: list[Visit] = Field([], description="visits and meetings at a senior level")
    agreements: list[Agreement] = Field(
        [], description="treaties, agreements, memorandums and other instruments"
    )
    quotes: list[Quote] = Field(
        [], description="statements on record, each cited: never talking points"
    )
    people: list[Person] = Field([], description="people the brief, visits and meetings name")
    talking_points: list[TalkingPoint] = Field(
        [], description="points to make, with their if-asked lines"
    )
