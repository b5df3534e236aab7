"""The data model of a pack file: the event a region pack is prepared for.

A pack file (`data/HOME/packs/EVENT.yaml`) names the region whose briefs are bound, and
adds what the pack's front matter says of the event: its venue and dates, its purpose, our
delegation, the programme and the overarching messages. The bilateral meetings in its
window are not listed here: they are the home's meeting files dated within `dates`.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator, model_validator

from .model_base import Cited, HomeFile, Source
from .periods import DateText, DayText, when
from .spans import Time
from .values import Name, Prose, Slug


class Delegate(Cited):
    """A member of our delegation: a role, and a name only with a source for it."""

    role: Prose = Field(description="the office", examples=[{"en": "Minister of Foreign Affairs"}])
    name: Name | None = Field(None, description="the name, only with the sources that give it")

    @model_validator(mode="after")
    def _named_with_source(self) -> Delegate:
        if self.name is not None and not self.sources:
            raise ValueError(
                "name: given without sources (expected the ids of the sources that give "
                "it, or the role alone)"
            )
        return self


class Session(Cited):
    """One item of the event's programme."""

    date: DayText = Field(description="its day", examples=["2026-12-03"])
    time: Time | None = Field(None, description="the local time it starts", examples=["09:30"])
    what: Prose = Field(description="what takes place", examples=[{"en": "Opening session"}])


class Message(Cited):
    """An overarching message of the event, said in every meeting."""

    text: Prose = Field(description="the message")


class Pack(HomeFile):
    """An event, such as a summit, and the region whose pack is prepared for it."""

    region: Slug = Field(
        description="the region or organisation of data/regions.yaml whose briefs are bound",
        examples=["pacific-alliance"],
    )
    event: Prose = Field(description="the event's name", examples=[{"en": "Ministerial meeting"}])
    venue: Prose = Field(description="where it takes place", examples=[{"en": "Lima"}])
    dates: DateText = Field(
        description="its days, one or a range: meetings dated within them are listed",
        examples=["2026-12-02/2026-12-04"],
    )
    purpose: Prose = Field(description="why we attend, in a sentence or two")
    as_of: DateText | None = Field(None, description="when this file was last verified")
    delegation: list[Delegate] = Field([], description="our delegation, by role")
    programme: list[Session] = Field([], description="the event's programme, in order")
    messages: list[Message] = Field([], description="the overarching messages")
    sources: list[Source] = Field([], description="sources the file cites")  # type: ignore[assignment]

    @field_validator("dates")
    @classmethod
    def _closed(cls, value: str) -> str:
        if when(value).open:
            raise ValueError(
                f"'{value}' is open-ended (expected the event's days, such as "
                "2026-12-02/2026-12-04)"
            )
        return value


def window(pack: Pack) -> tuple[date, date]:
    """The first and last days of the event."""
    dates = when(pack.dates)
    return dates.first_day(), dates.last_day()
