"""The data model of a meeting file: who attends, what we want, what they may ask.

Built from the relationship's pieces in `model` (marked items, talking points, if-asked
lines), validated the same way.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from .model import IfAsked, TalkingPoint, Term
from .model_base import Cited, Marked, Paragraphs, PartnerFile, Source, Strict, exactly_one
from .periods import DateText, DayText
from .spans import Time
from .values import Name, Prose, Slug


class Participant(Term):
    """Someone at the meeting: a `people` id of the relationship, or a role (and a name).

    A participant given by role may carry its term; one given by person takes the person's.
    """

    model_config = ConfigDict(
        json_schema_extra={
            **exactly_one("person", "role"),
            "if": {"required": ["name"]},
            "then": {"required": ["role"]},
            "dependentRequired": {"ended": ["until"]},
        }
    )

    person: Slug | None = Field(None, description="an id from the relationship's people")
    name: Name | None = Field(
        None, description="the name, with a role (person gives the name)", examples=["Ed Fast"]
    )
    role: Prose | None = Field(None, description="the office, when not given by person")

    @model_validator(mode="after")
    def _person_or_role(self) -> Participant:
        if (self.person is None) == (self.role is None):
            raise ValueError(
                "give either person (an id from the relationship's people) or a role "
                "(and a name when it is known)"
            )
        if self.person is not None and self.name is not None:
            raise ValueError(
                "give a name only with a role (expected person alone: it takes the name from "
                "the relationship's people)"
            )
        if self.person is not None and (self.since or self.until):
            raise ValueError(
                "give since and until only with a role (expected person alone: the term is "
                "the relationship's person's)"
            )
        return self


class Participants(Strict):
    """Who attends, on each side."""

    ours: list[Participant] = Field([], description="home's delegation")
    theirs: list[Participant] = Field([], description="the partner's delegation")


class Ask(Marked):
    """Something the other side is likely to ask for, and our response."""

    ask: Prose = Field(description="what they are likely to ask")
    response: Prose = Field(description="our response")


class ProgrammeItem(Cited):
    """A moment of the day: when, what, and where if not the meeting's venue."""

    time: Time | None = Field(None, description="the local time it starts", examples=["12:55"])
    what: Prose = Field(description="what happens", examples=[{"en": "Working lunch"}])
    place: Prose | None = Field(None, description="where, when not the meeting's venue")


class FreeSection(Cited):
    """A section of the meeting brief with a title of its own."""

    title: Prose = Field(description="its heading", examples=[{"en": "Programme"}])
    text: Paragraphs


class Meeting(PartnerFile):
    """A meeting with a partner, and what our side wants from it."""

    date: DayText = Field(
        description="the day of the meeting, as in the file's name", examples=["2026-12-03"]
    )
    time: Time | None = Field(None, description="the local time it starts", examples=["09:30"])
    place: Prose = Field(description="the city where it takes place", examples=[{"en": "Lima"}])
    venue: Prose | None = Field(
        None,
        description="the building or room, when known",
        examples=[{"en": "Lester B. Pearson Building"}],
    )
    purpose: Prose | None = Field(
        None,
        description="what the meeting is for, in one line, on the first page",
        examples=[{"en": "Review the partnership ahead of the APEC summit"}],
    )
    format: Literal["bilateral", "call", "summit-margins", "working-lunch", "videoconference"] = (
        Field(description="what kind of meeting it is")
    )
    as_of: DateText | None = Field(None, description="when this file was last verified")
    participants: Participants = Field(Participants(), description="who attends, on each side")
    counterparts: list[Slug] = Field(
        [],
        description="ids from the relationship's people of those we meet",
        examples=[["boluarte"]],
    )
    programme: list[ProgrammeItem] = Field([], description="the day's programme, in order")
    logistics: Paragraphs = Field([], description="arrangements: travel, interpretation, gifts")
    objectives: list[Prose] = Field(min_length=1, description="what our side wants from it")
    topics: list[Slug] = Field(
        [],
        description="its topics: the talking points that share one are included",
        examples=[["trade", "mining"]],
    )
    points: list[TalkingPoint] = Field([], description="points to make beyond those selected")
    their_asks: list[Ask] = Field([], description="what they are likely to ask, and our response")
    press_line: Prose | None = Field(None, description="what may be said to the press")
    if_asked: list[IfAsked] = Field([], description="questions they may ask, with answers")
    sections: list[FreeSection] = Field([], description="further sections with their own titles")
    sources: list[Source] = Field([], description="sources the file cites")  # type: ignore[assignment]
