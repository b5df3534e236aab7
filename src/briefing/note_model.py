"""The data model of a note file: the briefing note (memorandum) a minister signs.

Its sections are paragraphs as in a relationship (each may carry its sources, level and
date); its background may also ask for facts of the relationship, which are then printed
with their own dates and sources.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from .model_base import Marked, Paragraphs, PartnerFile, Section, Source, section_of
from .periods import DateText, DayText
from .values import Name, Prose

FROM_RELATIONSHIP = ("key_figures", "trade", "agreements", "last_visit")
"""What a note's background may take from the relationship, in the order it prints them."""


class Signatory(Marked):
    """Someone in the note's block: a role and a unit; the name and contact details only
    when the author gives them."""

    role: Prose = Field(description="the position", examples=[{"en": "Desk Officer"}])
    unit: Prose | None = Field(
        None, description="the division or bureau", examples=[{"en": "South America Division"}]
    )
    name: Name | None = Field(
        None, description="the name, if it is to be printed", examples=["Ed Fast"]
    )
    phone: Name | None = Field(
        None, description="a telephone number, as printed", examples=["+1 613 555 0100"]
    )
    email: Name | None = Field(
        None, description="an email address, as printed", examples=["desk@example.org"]
    )


class Background(Section):
    """The note's background: its own paragraphs, and facts taken from the relationship."""

    include: list[Literal[FROM_RELATIONSHIP]] = Field(  # type: ignore[valid-type]
        [],
        description="facts from the relationship to print, with their dates and sources",
        examples=[["trade", "agreements", "last_visit"]],
    )


class Note(PartnerFile):
    """A briefing note to the minister about a partner, in the Canadian memorandum form."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": ["recommendation"]}, {"required": ["next_steps"]}]
        }
    )

    date: DayText = Field(
        description="the note's date, as in the file's name: it stands on that day",
        examples=["2026-11-26"],
    )
    as_of: DateText | None = Field(None, description="when this file was last verified")
    file_number: Name | None = Field(
        None,
        description="the registry's file number; printed as to be assigned when absent",
        examples=["2026-000123"],
    )
    to: Prose = Field(description="the addressee", examples=[{"en": "The Minister"}])
    sender: Prose = Field(
        description="who the note is from (printed as From)",
        examples=[{"en": "Deputy Minister of Foreign Affairs"}],
    )
    subject: Prose = Field(description="what the note is about, in one line")
    purpose: Paragraphs
    summary: Paragraphs
    background: section_of(Background) | None = Field(  # type: ignore[valid-type]
        None, description="the background: paragraphs, and facts from the relationship"
    )
    considerations: Paragraphs = []
    recommendation: Paragraphs = []
    next_steps: Paragraphs = []
    drafted_by: Signatory = Field(description="who drafted the note")
    consulted: list[Signatory] = Field([], description="the units consulted")
    approved_by: Signatory | None = Field(None, description="who approved it")
    contact: Signatory | None = Field(None, description="whom to ask about it")
    sources: list[Source] = Field([], description="sources the file cites")  # type: ignore[assignment]

    @model_validator(mode="after")
    def _ends_with_a_way_forward(self) -> Note:
        if not (self.recommendation or self.next_steps):
            raise ValueError(
                "recommendation: is missing (expected a recommendation, next steps, or both)"
            )
        return self
