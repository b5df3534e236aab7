"""The records of a relationship: its agreements and what happened to them, its visits and
meetings, and the statements on record.

Each says only what its source says: a visit may be known by a role alone ("the
Minister"), with no place or direction; an instrument may have been issued or adopted
rather than signed; a quotation keeps the words as spoken, in their language.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from .model_base import Cited, Marked
from .periods import DateText
from .spans import Duration, Time
from .values import Language, Name, Prose, Slug


def at_least_one(*keys: str) -> dict[str, Any]:
    """The JSON Schema of a model validator's rule: one of `keys` at least is given."""
    return {
        "anyOf": [{"required": [k], "properties": {k: {"not": {"type": "null"}}}} for k in keys]
    }


KINDS = (
    "treaty",
    "agreement",
    "memorandum",
    "declaration",
    "joint_statement",
    "action_plan",
    "partnership",
    "other",
)
STATUSES = (
    "under_negotiation",
    "concluded",
    "signed",
    "awaiting_ratification",
    "in_force",
    "suspended",
    "expired",
    "terminated",
)
EVENTS = (
    "launched",
    "concluded",
    "issued",
    "signed",
    "adopted",
    "ratified",
    "acceded",
    "renewed",
    "elevated",
    "in_force",
    "expired",
    "terminated",
)
SHORTHANDS = ("signed", "in_force")
"""The events an agreement may also give as a field of its own: `signed: 2010-03-12`."""


class AgreementEvent(Cited):
    """Something that happened to an instrument, as its source words it."""

    event: Literal[EVENTS] = Field(  # type: ignore[valid-type]
        description="what happened: an issued or adopted text is not signed", examples=["adopted"]
    )
    date: DateText = Field(description="when it happened", examples=["2024-11-17"])
    place: Prose | None = Field(None, description="where (a city)", examples=[{"en": "Lima"}])
    by: Prose | None = Field(
        None, description="by whom", examples=[{"en": "the two foreign ministers"}]
    )
    text: Prose | None = Field(None, description="what the source adds")


class Agreement(Cited):
    """A treaty, agreement, memorandum or other instrument, with what happened to it."""

    name: Prose = Field(description="its name")
    kind: Literal[KINDS] | None = Field(  # type: ignore[valid-type]
        None,
        description="what kind of instrument it is: its events are worded to agree with it",
        examples=["joint_statement"],
    )
    parties: list[Prose] = Field(
        [],
        description="its parties besides home and partner, or all of a multilateral one's",
        examples=[[{"en": "Chile"}, {"en": "Mexico"}]],
    )
    status: Literal[STATUSES] | None = Field(  # type: ignore[valid-type]
        None, description="where it stands on the file's as_of", examples=["in_force"]
    )
    signed: DateText | None = Field(None, description="when it was signed: a signed event")
    in_force: DateText | None = Field(
        None, description="when it entered into force: an in_force event"
    )
    events: list[AgreementEvent] = Field(
        [], description="what happened to it: launched, issued, adopted, ratified..."
    )
    text: Prose | None = Field(None, description="what it does")

    @model_validator(mode="after")
    def _each_event_once(self) -> Agreement:
        for i, event in enumerate(self.events):
            if event.event in SHORTHANDS and getattr(self, event.event) is not None:
                raise ValueError(
                    f"{event.event}: is given and events[{i}] is a {event.event} event too "
                    f"(expected one of them)"
                )
        return self


class Visit(Cited):
    """A visit or meeting at a senior level, held or planned."""

    model_config = ConfigDict(json_schema_extra=at_least_one("who", "role"))

    date: DateText = Field(description="when it took place, or is to")
    who: Name | None = Field(
        None, description="who travelled or met, as printed", examples=["Stephen Harper"]
    )
    role: Prose | None = Field(
        None,
        description="their office at the time; alone when the source names no one",
        examples=[{"en": "Prime Minister"}, {"en": "the Minister"}],
    )
    direction: Literal["outgoing", "incoming", "elsewhere"] | None = Field(
        None, description="outgoing (home to the partner), incoming (to home), or elsewhere"
    )
    place: Prose | None = Field(None, description="where it took place", examples=[{"en": "Lima"}])
    counterpart: Prose | None = Field(
        None, description="whom they met", examples=[{"en": "President Dina Boluarte"}]
    )
    host: Prose | None = Field(None, description="who hosted it", examples=[{"en": "APEC"}])
    time: Time | None = Field(None, description="the local time it began", examples=["15:00"])
    duration: Duration | None = Field(None, description="how long it lasted")
    status: Literal["held", "planned"] = Field(
        "held", description="held, or planned: announced and yet to take place"
    )
    purpose: Prose | None = Field(None, description="what it was for")
    outcome: Prose | None = Field(None, description="what came of it")
    people: list[Slug] = Field([], description="ids from people of those who took part")

    @model_validator(mode="after")
    def _someone(self) -> Visit:
        if self.who is None and self.role is None:
            raise ValueError("give who (a name) or role (an office, such as the Minister), or both")
        return self


class Quote(Marked):
    """Words on record: who said them, when, in which language, and where it is written."""

    model_config = ConfigDict(json_schema_extra=at_least_one("speaker", "role"))

    text: Prose = Field(
        description="the words as spoken under `language`, with translations if given",
        examples=[{"es": "Perú y Canadá son socios.", "en": "Peru and Canada are partners."}],
    )
    language: Language = Field(description="the language the words were spoken in")
    speaker: Name | None = Field(None, description="who said them", examples=["Dina Boluarte"])
    role: Prose | None = Field(
        None, description="the speaker's office then", examples=[{"en": "President of Peru"}]
    )
    date: DateText = Field(description="when they were said", examples=["2025-08-08"])
    source: Slug = Field(description="the id of the source that records them")
    context: Prose | None = Field(None, description="where and why they were said")

    @model_validator(mode="after")
    def _attributed_in_its_language(self) -> Quote:
        if self.speaker is None and self.role is None:
            raise ValueError("give speaker (a name) or role (an office), or both")
        if self.language not in self.text:
            raise ValueError(
                f"language: {self.language} but the text has no {self.language} words "
                f"(expected the words as spoken, under {self.language}:)"
            )
        return self
