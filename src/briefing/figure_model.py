"""Figures: numbers with their currency or unit, period, bounds and source; trade and
investment, which are sections holding them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from .model_base import Marked, Section, at_least_zero, exactly_one
from .periods import DateText
from .values import Amount, Currency, Prose, Slug

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
