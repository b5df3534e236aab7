"""The data model: what a relationship, a partner profile and a region hold.

Models validate the plain values `load` produced. Validation needs two facts from outside
the file, given as pydantic context: the file's `language` (so a plain string is known to
be English or French) and the workspace's classification scheme.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .errors import shown

# Imported `as` themselves: other modules import these from here.
from .periods import DateText
from .periods import when as when
from .values import (
    PROSE_FORMS,
    Amount,
    Classification,
    Currency,
    Name,
    WebAddress,
)
from .values import SLUG_PATTERN as SLUG_PATTERN
from .values import Language as Language
from .values import Prose as Prose
from .values import Slug as Slug
from .values import in_language as in_language


def exactly_one(*keys: str) -> dict[str, Any]:
    """The JSON Schema of a model validator's rule: exactly one of `keys` is given."""
    return {
        "oneOf": [{"required": [k], "properties": {k: {"not": {"type": "null"}}}} for k in keys]
    }


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently drop a paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Marked(Strict):
    """An item that can be raised above its file's classification."""

    classification: Classification | None = Field(
        None, description="raises this item above the file's level; builds below leave it out"
    )


class Source(Marked):
    """A document the file's facts come from; items cite it by its id.

    A source above a build's level is not listed, and citations of it are not printed.
    """

    id: Slug = Field(description="the id items cite, unique in the file", examples=["gac-2012"])
    title: Prose = Field(
        description="the document's title",
        examples=[{"en": "Canada–Peru Relations", "fr": "Relations Canada-Pérou"}],
    )
    language: Language | None = Field(
        None,
        description=(
            "the language the document is written in: its title in that language is printed "
            "in every brief, as the document gives it, and needs no translation"
        ),
        examples=["es"],
    )
    publisher: Prose = Field(
        description="who published it",
        examples=[{"en": "Government of Canada", "fr": "Gouvernement du Canada"}],
    )
    date: DateText | None = Field(None, description="when it was published")
    url: WebAddress | None = Field(None, description="where to read it, linked from the brief")
    accessed: DateText | None = Field(None, description="when the web page was read")

    @model_validator(mode="after")
    def _titled_in_its_language(self) -> Source:
        if self.language is not None and self.language not in self.title:
            raise ValueError(
                f"language: {self.language} but the title has no {self.language} text "
                f"(expected the title as the document gives it, under {self.language}:)"
            )
        return self


class Cited(Marked):
    """An item that cites sources by id."""

    sources: list[Slug] = Field(
        [], description="ids of the sources this rests on, from sources", examples=[["gac-2012"]]
    )


COUNTED = ("people", "count", "students", "km2")
"""Units of what is counted or measured, never less than 0 (a percentage may be)."""


def _figure_schema(schema: dict[str, Any]) -> None:
    schema.update(exactly_one("currency", "unit"))
    schema["if"] = {"required": ["unit"], "properties": {"unit": {"enum": list(COUNTED)}}}
    schema["then"] = {"properties": {"value": {"minimum": 0}}}


class Figure(Marked):
    """A number in base units with its currency or unit, period and source."""

    model_config = ConfigDict(json_schema_extra=_figure_schema)

    value: Amount
    currency: Currency | None = Field(None, description="an ISO 4217 code, for money (or unit)")
    unit: Literal["people", "percent", "count", "students", "km2"] | None = Field(
        None, description="what is counted, for a figure that is not money (or currency)"
    )
    year: DateText | None = Field(None, description="the period the figure covers")
    qualifier: Literal["about", "over", "under"] | None = Field(
        None, description="what the source says of the number: about, over or under it"
    )
    label: Prose | None = Field(
        None,
        description="what the figure is, as the brief shows it",
        examples=[{"en": "Canadian direct investment", "fr": "Investissement direct canadien"}],
    )
    source: Slug = Field(description="the id of its source, from sources", examples=["gac-2012"])

    @model_validator(mode="after")
    def _currency_or_unit(self) -> Figure:
        if (self.currency is None) == (self.unit is None):
            raise ValueError("give either a currency (such as CAD) or a unit (such as people)")
        if self.unit in COUNTED and self.value < 0:
            raise ValueError(
                f"{self.value:g} is negative (expected a figure in {self.unit} of 0 or more)"
            )
        return self


def _paragraphs(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) and not _is_paragraph(value) else value


def _is_paragraph(value: Any) -> bool:
    return isinstance(value, dict) and "text" in value


class Paragraph(Cited):
    """A paragraph with its own sources, level or date; plain prose is a paragraph too."""

    text: Prose = Field(description="the paragraph")
    as_of: DateText | None = Field(
        None, description="when it was true, if not its section's or file's as_of"
    )


def _paragraph(value: Any) -> Any:
    return value if _is_paragraph(value) else {"text": value}


Paragraphs = Annotated[
    list[
        Annotated[Paragraph, BeforeValidator(_paragraph, json_schema_input_type=Paragraph | Prose)]
    ],
    BeforeValidator(_paragraphs, json_schema_input_type=Prose | list[Paragraph | Prose]),
    Field(description="one text, or a list of texts and paragraphs"),
]


class Section(Cited):
    """Prose paragraphs with their date and sources. A plain text is one paragraph."""

    as_of: DateText | None = Field(None, description="when this section was last verified")
    text: Paragraphs = []


# A key that reads as a language, in any case or as a locale: en, DE, en_CA, fr-ca
_LANGUAGE_LIKE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?", re.IGNORECASE)


def section_of(model: type[Section]) -> Any:
    """The annotation for a section field: a model, also accepted as prose or paragraphs."""
    keys = set(model.model_fields)

    def as_section(value: Any) -> Any:
        if isinstance(value, str | list):
            return {"text": value}
        if not isinstance(value, dict):
            raise ValueError(
                f"expected {PROSE_FORMS}, a list of paragraphs, or a mapping with text: and "
                f"sources: (got {shown(value)})"
            )
        languages = [k for k in value if k not in keys and _LANGUAGE_LIKE.fullmatch(str(k))]
        known = [k for k in value if k in keys]
        if languages and known:
            beside = "" if known[0] == "text" else f", {known[0]}: ..."
            raise ValueError(
                f"{shown(languages[0])} is a language but {shown(known[0])} is a key of the "
                f"section: a mapping is one or the other (expected the prose under text:, "
                f"such as {{text: {{en: ...}}{beside}}})"
            )
        # {en: ..., de: ...} is prose with a wrong language, not a section with wrong keys
        return {"text": value} if languages else value

    return Annotated[
        model,
        BeforeValidator(as_section, json_schema_input_type=model | Prose | list[Paragraph | Prose]),
    ]


def at_least_zero(what: str) -> Any:
    """The type of an amount that cannot be negative, such as a trade flow."""

    def valid(value: float) -> float:
        if value < 0:
            raise ValueError(f"{value:g} is negative (expected {what} of 0 or more)")
        return value

    return Annotated[Amount, AfterValidator(valid), Field(json_schema_extra={"minimum": 0})]


class TradeFigure(Figure):
    """A trade flow in one period, from home's side."""

    value: at_least_zero("a trade flow") = Field(  # type: ignore[valid-type]
        description="the flow in base units, 0 or more: 4.453e9, never '4.5 billion'"
    )
    flow: Literal["exports", "imports", "total"] = Field(
        description="home's exports to the partner, imports from it, or their total"
    )


class Trade(Section):
    """Trade between home and partner: prose, the yearly flows and what is traded."""

    figures: list[TradeFigure] = Field([], description="the flows by year, drawn as a chart")
    main_exports: list[Prose] = Field(
        [], description="home's main exports to the partner", examples=[[{"en": "cereals"}]]
    )
    main_imports: list[Prose] = Field([], description="home's main imports from the partner")
    sectors: list[Prose] = Field([], description="the sectors that matter in the relationship")


class Investment(Section):
    """Investment each way, in prose and figures."""

    figures: list[Figure] = Field([], description="investment stocks and flows")


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


class Aid(Section):
    """Development assistance from home to the partner."""

    since: DateText | None = Field(None, description="when home's aid began")
    figures: list[Figure] = Field([], description="aid given, by period")
    milestones: list[Event] = Field([], description="dated events of the aid relationship")
    programmes: list[Programme] = Field([], description="the main programmes")


class Visit(Cited):
    """A visit or meeting at a senior level."""

    date: DateText = Field(description="when it took place")
    who: Name = Field(description="who travelled or met, as printed", examples=["Stephen Harper"])
    role: Prose = Field(description="their office at the time", examples=[{"en": "Prime Minister"}])
    direction: Literal["outgoing", "incoming", "elsewhere"] = Field(
        description="outgoing (home to the partner), incoming (to home), or elsewhere"
    )
    place: Prose = Field(description="where it took place", examples=[{"en": "Lima"}])
    purpose: Prose | None = Field(None, description="what it was for")
    people: list[Slug] = Field([], description="ids from people of those who took part")


class Agreement(Cited):
    """A treaty, agreement or memorandum between home and partner."""

    name: Prose = Field(description="its name")
    signed: DateText | None = Field(None, description="when it was signed")
    in_force: DateText | None = Field(None, description="when it entered into force")
    text: Prose | None = Field(None, description="what it does")


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
    name: Name = Field(description="the name as printed", examples=["Ishiba Shigeru"])
    role: Prose = Field(description="their office", examples=[{"en": "Prime Minister"}])
    side: Literal["ours", "theirs"] = Field(description="home's side (ours) or the partner's")
    bio: Prose | None = Field(None, description="a short biography")


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
    background: section_of(Section) | None = Field(None, description="its history")  # type: ignore[valid-type]
    political: section_of(Section) | None = Field(None, description="political relations")  # type: ignore[valid-type]
    multilateral: section_of(Section) | None = Field(  # type: ignore[valid-type]
        None, description="cooperation in multilateral forums"
    )
    trade: section_of(Trade) | None = Field(None, description="trade in goods and services")  # type: ignore[valid-type]
    investment: section_of(Investment) | None = Field(None, description="investment each way")  # type: ignore[valid-type]
    aid: section_of(Aid) | None = Field(None, description="development assistance")  # type: ignore[valid-type]
    visits: list[Visit] = Field([], description="visits and meetings at a senior level")
    agreements: list[Agreement] = Field([], description="treaties, agreements and memorandums")
    people: list[Person] = Field([], description="people the brief, visits and meetings name")
    talking_points: list[TalkingPoint] = Field(
        [], description="points to make, with their if-asked lines"
    )
