"""The building blocks of data files: strict models, classification marks, sources and
citations, paragraphs and sections.

Models validate the plain values `load` produced. Validation needs two facts from outside
the file, given as pydantic context: the file's `language` (so a plain string is known to
be English or French) and the workspace's classification scheme.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .errors import shown
from .periods import DateText
from .values import PROSE_FORMS, Amount, Classification, Language, Prose, Slug, WebAddress


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

    A source above a build's level is not listed, and citations of it are not printed. A
    web page that shows no title or publisher is its address and the day it was read.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": ["title", "publisher"]}, {"required": ["url", "accessed"]}]
        }
    )

    id: Slug = Field(description="the id items cite, unique in the file", examples=["gac-2012"])
    title: Prose | None = Field(
        None,
        description="the document's title (optional with url and accessed)",
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
    publisher: Prose | None = Field(
        None,
        description="who published it (optional with url and accessed)",
        examples=[{"en": "Government of Canada", "fr": "Gouvernement du Canada"}],
    )
    date: DateText | None = Field(None, description="when it was published")
    url: WebAddress | None = Field(None, description="where to read it, linked from the brief")
    accessed: DateText | None = Field(None, description="when the web page was read")

    @model_validator(mode="after")
    def _identified(self) -> Source:
        if (self.title is None or self.publisher is None) and (
            self.url is None or self.accessed is None
        ):
            missing = "title" if self.title is None else "publisher"
            raise ValueError(
                f"{missing}: is missing (expected a title and a publisher, or the url and "
                "the day it was accessed)"
            )
        if self.language is not None and self.language not in (self.title or {}):
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


def _paragraphs(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) and not _is_paragraph(value) else value


def _is_paragraph(value: Any) -> bool:
    return isinstance(value, dict) and "text" in value


class HomeFile(Cited):
    """A file of one home's own, under data/HOME/: a meeting, a note, a pack file."""

    home: Slug = Field(description="the home country: the folder under data/", examples=["canada"])
    language: Language = Field(description="the language of plain (untranslated) text in this file")
    classification: Classification = Field(
        description="the level of the whole file; items may be raised above it",
        examples=["UNCLASSIFIED"],
    )
    # strict: the loader keeps yes and no as words, which pydantic would read as booleans
    example: Annotated[bool, Field(strict=True)] = Field(
        False, description='marks a hypothetical event: every page says "Example"'
    )


class PartnerFile(HomeFile):
    """A home's file about one partner, read with its relationship: a meeting, a note."""

    partner: Slug = Field(
        description="the partner, with a relationship file data/HOME/PARTNER.yaml",
        examples=["peru"],
    )


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
