"""The data model: what a relationship, a partner profile, a region and a meeting hold.

Models validate the plain values `load` produced. Validation needs two facts from outside
the file, given as pydantic context: the file's `language` (so a plain string is known to
be English or French) and the workspace's classification scheme.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .classification import Scheme
from .errors import shown
from .periods import DATE_FORMS, When, parse_when

LANGUAGES = ("en", "fr")
Lang = Literal["en", "fr"]


PROSE_FORMS = "text, or text in each language such as {en: ..., fr: ...}"


def _prose(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str):
        language = (info.context or {}).get("language", "en")
        return {language: value}
    if not isinstance(value, dict):
        raise ValueError(f"expected {PROSE_FORMS} (got {shown(value)})")
    return value


def _not_blank(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError(f"is empty (expected {PROSE_FORMS})")
    for lang, text in value.items():
        if not text.strip():
            raise ValueError(f"the {lang} text is empty")
    return value


Prose = Annotated[
    dict[Lang, str],
    BeforeValidator(_prose, json_schema_input_type=str | dict[Lang, str]),
    AfterValidator(_not_blank),
]
"""Text in the file's language, or a mapping {en: ..., fr: ...}."""


def in_language(prose: Mapping[Any, str], lang: str) -> str:
    """Text in `lang`, or in the other language when it has no translation."""
    return prose.get(lang) or next(iter(prose.values()))


SLUG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


Slug = Annotated[
    str,
    Field(
        pattern=f"^{SLUG_PATTERN.pattern}$",
        description="a lower-case ASCII identifier such as canada or pacific-alliance",
    ),
]


def _when(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"expected {DATE_FORMS} (got {shown(value)})")
    if len(str(value)) > 40:  # no date is this long; keep the message one short line
        raise ValueError(f"{shown(value, 40)} is not a date (expected {DATE_FORMS})")
    try:
        parsed = parse_when(value)
    except ValueError as exc:
        if not str(exc).startswith("'"):  # datetime's own words, such as "year 0 is out of range"
            exc = ValueError(f"{shown(str(value))} is not a date")
        raise ValueError(f"{exc} (expected {DATE_FORMS})") from None
    if not all(1 <= p.year <= 9998 for p in (parsed.start, parsed.end) if p is not None):
        # a fiscal year ends in the next calendar year, which must exist too
        raise ValueError(f"'{parsed.text}' is out of range (expected a year from 0001 to 9998)")
    return parsed.text


DateText = Annotated[
    str,
    BeforeValidator(_when, json_schema_input_type=str | int),
    Field(description=DATE_FORMS),
]


def when(text: str) -> When:
    """The parsed form of a validated `DateText`."""
    return parse_when(text)


def _classification(value: Any, info: ValidationInfo) -> Any:
    scheme: Scheme | None = (info.context or {}).get("scheme")
    if scheme is not None and isinstance(value, str) and value not in scheme.names():
        raise ValueError(
            f"unknown level '{value}' (expected one of the {scheme.name} "
            f"scheme: {', '.join(scheme.names())})"
        )
    return value


Classification = Annotated[
    str,
    AfterValidator(_classification),
    Field(description="a level of the workspace's classification scheme"),
]


def _currency(value: str) -> str:
    if not value.isupper() or pycountry.currencies.get(alpha_3=value) is None:
        raise ValueError(
            f"unknown currency {shown(value)} (expected an ISO 4217 code in capitals such "
            "as CAD, USD, EUR, JPY, PEN)"
        )
    return value


MAX_AMOUNT = 1e24
"""A trillion trillion: larger than any amount a brief states, in any currency."""


def _amount(value: Any) -> Any:
    if isinstance(value, str):
        raise ValueError(
            f"{shown(value)} is words, not an amount (expected a number in base "
            "units, such as 4200000000 or 4.2e9)"
        )
    if isinstance(value, bool):
        raise ValueError(f"{shown(value)} is not an amount (expected a number)")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{shown(value)} is not an amount (expected a finite number)")
    if isinstance(value, int | float) and abs(value) > MAX_AMOUNT:
        raise ValueError(f"{shown(value)} is too large (expected at most {MAX_AMOUNT:.0e})")
    return value


def _web_address(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+\S*", value):
        raise ValueError(
            f"{shown(value)} is not a web address (expected one starting with http:// or "
            "https://; a brief links to sources, it never reads files)"
        )
    return value


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently drop a paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Marked(Strict):
    """An item that can be raised above its file's classification."""

    classification: Classification | None = None


class Source(Strict):
    id: Slug
    title: Prose
    publisher: Prose
    date: DateText | None = None
    url: (
        Annotated[
            str, AfterValidator(_web_address), Field(json_schema_extra={"pattern": "^https?://"})
        ]
        | None
    ) = None
    accessed: DateText | None = None


class Cited(Marked):
    """An item that cites sources by id."""

    sources: list[Slug] = []


class Figure(Marked):
    """A number in base units with its currency or unit, period and source."""

    value: Annotated[float, BeforeValidator(_amount)]
    currency: Annotated[str, AfterValidator(_currency)] | None = None
    unit: Literal["people", "percent", "count", "students", "km2"] | None = None
    year: DateText | None = None
    qualifier: Literal["about", "over", "under"] | None = None
    label: Prose | None = None
    source: Slug

    @model_validator(mode="after")
    def _currency_or_unit(self) -> Figure:
        if (self.currency is None) == (self.unit is None):
            raise ValueError("give either a currency (such as CAD) or a unit (such as people)")
        return self


def _paragraphs(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) and not _is_paragraph(value) else value


def _is_paragraph(value: Any) -> bool:
    return isinstance(value, dict) and "text" in value


class Paragraph(Cited):
    text: Prose


def _paragraph(value: Any) -> Any:
    return value if _is_paragraph(value) else {"text": value}


Paragraphs = Annotated[
    list[
        Annotated[Paragraph, BeforeValidator(_paragraph, json_schema_input_type=Paragraph | Prose)]
    ],
    BeforeValidator(_paragraphs),
]


class Section(Cited):
    """Prose paragraphs with their date and sources. A plain text is one paragraph."""

    as_of: DateText | None = None
    text: Paragraphs = []


_LANGUAGE_CODE = re.compile(r"[a-z]{2}")


def _section(value: Any) -> Any:
    if isinstance(value, str | list) or (
        # {en: ..., de: ...} is prose with a wrong language, not a section with wrong keys
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and _LANGUAGE_CODE.fullmatch(k) for k in value)
    ):
        return {"text": value}
    if not isinstance(value, dict):
        raise ValueError(
            f"expected {PROSE_FORMS}, a list of paragraphs, or a mapping with text: and "
            f"sources: (got {shown(value)})"
        )
    return value


def section_of(model: type[Section]) -> Any:
    """The annotation for a section field: a model, also accepted as plain prose."""
    return Annotated[model, BeforeValidator(_section, json_schema_input_type=model | Prose)]


class TradeFigure(Figure):
    flow: Literal["exports", "imports", "total"]

    @field_validator("value")
    @classmethod
    def _not_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError(f"{value:g} is negative (expected a trade flow of 0 or more)")
        return value


class Trade(Section):
    figures: list[TradeFigure] = []
    main_exports: list[Prose] = []
    main_imports: list[Prose] = []
    sectors: list[Prose] = []


class Investment(Section):
    figures: list[Figure] = []


class Programme(Cited):
    name: Prose
    amount: Figure | None = None
    period: DateText | None = None
    text: Prose | None = None


class Event(Cited):
    date: DateText
    text: Prose


class Aid(Section):
    since: DateText | None = None
    figures: list[Figure] = []
    milestones: list[Event] = []
    programmes: list[Programme] = []


class Visit(Cited):
    date: DateText
    who: str
    role: Prose
    direction: Literal["outgoing", "incoming", "elsewhere"]
    place: Prose
    purpose: Prose | None = None
    people: list[Slug] = []


class Agreement(Cited):
    name: Prose
    signed: DateText | None = None
    in_force: DateText | None = None
    text: Prose | None = None


class Person(Cited):
    id: Slug
    name: str
    role: Prose
    side: Literal["ours", "theirs"]
    since: DateText | None = None
    bio: Prose | None = None


class IfAsked(Marked):
    question: Prose
    answer: Prose


class TalkingPoint(Cited):
    text: Prose
    topics: list[Slug] = []
    if_asked: list[IfAsked] = []


class Relationship(Cited):
    """One relationship between a home country and a partner, seen from home."""

    home: Slug
    partner: Slug
    language: Lang
    as_of: DateText
    classification: Classification
    sources: list[Source] = Field(min_length=1)  # type: ignore[assignment]
    summary: section_of(Section) | None = None  # type: ignore[valid-type]
    key_figures: list[Figure] = Field([], description="labelled figures shown after the summary")
    background: section_of(Section) | None = None  # type: ignore[valid-type]
    political: section_of(Section) | None = None  # type: ignore[valid-type]
    multilateral: section_of(Section) | None = None  # type: ignore[valid-type]
    trade: section_of(Trade) | None = None  # type: ignore[valid-type]
    investment: section_of(Investment) | None = None  # type: ignore[valid-type]
    aid: section_of(Aid) | None = None  # type: ignore[valid-type]
    visits: list[Visit] = []
    agreements: list[Agreement] = []
    people: list[Person] = []
    talking_points: list[TalkingPoint] = []


class Leader(Cited):
    name: str
    role: Prose
    since: DateText | None = None


class Profile(Cited):
    """Facts about a partner shared by every home country."""

    id: Slug
    kind: Literal["country", "organisation"] = "country"
    language: Lang
    as_of: DateText
    names: dict[Lang, str]
    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    capital: Prose | None = None
    headquarters: Prose | None = None
    population: Figure | None = None
    gdp: Figure | None = None
    leaders: list[Leader] = []
    sources: list[Source] = Field(min_length=1)  # type: ignore[assignment]


class Region(Cited):
    id: Slug
    kind: Literal["region", "organisation"]
    names: dict[Lang, str]
    members: list[Slug] = Field(min_length=1)
    as_of: DateText


class Regions(Strict):
    language: Lang = "en"
    sources: list[Source] = Field(min_length=1)
    regions: list[Region]


class Participant(Strict):
    """Someone at the meeting: a `people` id of the relationship, or a role (and a name)."""

    person: Slug | None = None
    name: str | None = None
    role: Prose | None = None

    @model_validator(mode="after")
    def _person_or_role(self) -> Participant:
        if (self.person is None) == (self.role is None):
            raise ValueError(
                "give either person (an id from the relationship's people) or a role "
                "(and a name when it is known)"
            )
        return self


class Participants(Strict):
    ours: list[Participant] = []
    theirs: list[Participant] = []


class Ask(Marked):
    ask: Prose
    response: Prose


class FreeSection(Cited):
    title: Prose
    text: Paragraphs


class Meeting(Cited):
    """A meeting with a partner, and what our side wants from it."""

    home: Slug
    partner: Slug
    language: Lang
    classification: Classification
    example: bool = False
    date: DateText
    time: Annotated[str, Field(pattern=r"^\d{2}:\d{2}$")] | None = None
    place: Prose
    format: Literal["bilateral", "call", "summit-margins", "working-lunch", "videoconference"]
    as_of: DateText | None = None
    participants: Participants = Participants()
    counterparts: list[Slug] = []
    objectives: list[Prose] = Field(min_length=1)
    topics: list[Slug] = []
    points: list[TalkingPoint] = []
    their_asks: list[Ask] = []
    press_line: Prose | None = None
    if_asked: list[IfAsked] = []
    sections: list[FreeSection] = []
    sources: list[Source] = []  # type: ignore[assignment]
