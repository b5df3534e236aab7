"""The data model of the files every home shares: partner profiles and regions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .figure_model import Figure
from .model import Term
from .model_base import Cited, Marked, Source, Strict, at_least_zero
from .periods import DateText
from .values import CountryCode2, CountryCode3, Currency, Language, Name, Prose, Slug


class Population(Figure):
    """A population: a figure counted in people."""

    unit: Literal["people"] = Field(
        description="people: a population is counted in people", examples=["people"]
    )

    @model_validator(mode="before")
    @classmethod
    def _not_money(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("currency") is not None:
            raise ValueError(
                "a population is counted in people, not in a currency (expected unit: people)"
            )
        return data


class Output(Figure):
    """An economy's output (GDP): an amount of money, never negative."""

    value: at_least_zero("a GDP") = Field(  # type: ignore[valid-type]
        description="the amount in base units, 0 or more: 288.8e9, never '288.8 billion'"
    )
    currency: Currency = Field(description="the ISO 4217 code of the amount, such as USD")

    @model_validator(mode="before")
    @classmethod
    def _not_counted(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("unit") is not None:
            raise ValueError(
                "a GDP is an amount of money, not a count (expected a currency such as USD)"
            )
        return data


class Leader(Term, Cited):
    """Someone who leads the partner: head of state or government, or a minister."""

    name: Name = Field(description="the name as printed", examples=["José María Balcázar"])
    role: Prose = Field(description="their office", examples=[{"en": "President"}])


class Member(Marked):
    """A member of a region or organisation; its membership may be raised above the file's
    level, and a build below leaves the member out (of a brief's member states, of a pack)."""

    id: Slug = Field(
        description="the member's id: its profile's, or its entry's under names",
        examples=["chile"],
    )


def _member(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


Members = list[Annotated[Member, BeforeValidator(_member, json_schema_input_type=Slug | Member)]]
"""Members as ids, `[chile, peru]`, or as `{id: chile, classification: SECRET}` where one
is marked."""


class Profile(Cited):
    """Facts about a partner shared by every home country."""

    model_config = ConfigDict(
        json_schema_extra={  # as _of_an_organisation: no members without the kind
            "if": {
                "not": {"required": ["kind"], "properties": {"kind": {"const": "organisation"}}}
            },
            "then": {"properties": {"members": {"maxItems": 0}}},
        }
    )

    id: Slug = Field(description="the partner's id: the file's name", examples=["peru"])
    kind: Literal["country", "organisation"] = Field("country", description="what the partner is")
    language: Language = Field(description="the language of plain (untranslated) text in this file")
    as_of: DateText = Field(description="when these facts were last verified")
    names: dict[Language, Name] = Field(
        min_length=1,
        description="the partner's name in each language",
        examples=[{"en": "Peru", "fr": "Pérou"}],
    )
    iso2: CountryCode2 | None = Field(
        None, description="the ISO 3166 two-letter code", examples=["PE"]
    )
    iso3: CountryCode3 | None = Field(
        None, description="the ISO 3166 three-letter code", examples=["PER"]
    )
    capital: Prose | None = Field(
        None, description="a country's capital", examples=[{"en": "Lima"}]
    )
    headquarters: Prose | None = Field(None, description="an organisation's seat")
    population: Population | None = Field(None, description="the population, in people")
    gdp: Output | None = Field(None, description="the gross domestic product, in a currency")
    leaders: list[Leader] = Field([], description="heads of state and government, ministers")
    members: Members = Field(
        [],
        description="an organisation's member states, as data/regions.yaml lists them: packs "
        "and briefs read regions.yaml, and brief check warns where the two differ",
        examples=[["chile", "colombia", "mexico", "peru"]],
    )
    sources: list[Source] = Field(min_length=1, description="every source the file cites")  # type: ignore[assignment]

    @field_validator("members")
    @classmethod
    def _of_an_organisation(cls, members: list[Member], info: ValidationInfo) -> list[Member]:
        if members and info.data.get("kind") == "country":  # absent if the kind was refused
            raise ValueError("a country has no members (expected kind: organisation, or none)")
        return members


class Region(Cited):
    """A region or an organisation, and its members."""

    id: Slug = Field(description="its id, as in brief pack REGION", examples=["asean"])
    kind: Literal["region", "organisation"] = Field(
        description="a group of partners, or an organisation with a profile of its own"
    )
    names: dict[Language, Name] = Field(
        min_length=1,
        description="its name in each language",
        examples=[{"en": "Pacific Alliance", "fr": "Alliance du Pacifique"}],
    )
    members: Members = Field(
        min_length=1,
        description="the members' ids; a member marked {id: ..., classification: ...} is left "
        "out of briefs and packs below its level",
        examples=[["chile", "colombia"]],
    )
    as_of: DateText = Field(description="when the membership was last verified")

    @property
    def member_ids(self) -> list[str]:
        """Every member's id, whatever its level: for the checks, not for documents."""
        return [member.id for member in self.members]


class MemberName(Cited):
    """How briefs name a member that has no profile, in each language.

    Written once here, so that every brief names the country one way, as the home's
    ministry does, rather than by a catalogue's form ("Lao, République démocratique
    populaire").
    """

    id: Slug = Field(description="the member's id, as in members", examples=["laos"])
    names: dict[Language, Name] = Field(
        min_length=1,
        description="its name in each language",
        examples=[{"en": "Lao PDR", "fr": "République démocratique populaire lao"}],
    )


class Regions(Strict):
    """The regions and organisations of data/regions.yaml."""

    language: Language = Field("en", description="the language of plain (untranslated) text")
    sources: list[Source] = Field(min_length=1, description="every source the file cites")
    regions: list[Region] = Field(description="every region and organisation")
    names: list[MemberName] = Field(
        [], description="the names of members without a profile in data/countries/"
    )
