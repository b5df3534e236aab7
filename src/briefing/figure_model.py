"""Figures: numbers with their currency or unit, period, bounds and source, kept as the
source gives them; trade, investment and the partner's economy, sections holding them.

A figure says what its source says of the number, and no more: a bound or an
approximation (`qualifier`), a range (`between`), the span it covers (`duration`), a
currency the source only printed as "$" (`currency_inferred`), a change the source states
(`change`), or a figure the source gives incompletely (`incomplete`, kept `as_printed`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .model_base import Marked, Section, Strict, at_least_zero, exactly_one
from .periods import DateText
from .spans import Duration
from .values import VISIBLE, Amount, Currency, Prose, Slug

Qualifier = Literal["about", "over", "under", "nearly", "at_least", "at_most", "up_to"]
"""What a source says of a number: about it, over or under it, nearly it, at least or at
most it, or up to it."""

Unit = Literal[
    "people", "percent", "count", "students", "km2", "minutes", "hours", "rank", "member_states"
]
NOT_NEGATIVE = tuple(unit for unit in get_args(Unit) if unit != "percent")
"""Units of what is counted or measured, never less than 0 (a percentage may be)."""

Dimension = Literal["goods", "services", "goods_and_services", "agrifood"]
DIMENSIONS: tuple[str, ...] = get_args(Dimension)
"""What a trade series covers, in the order a brief shows the series."""


def _range(item: Any) -> Any:
    """The type of a range of two amounts of type `item`, the lower first."""

    def ordered(bounds: list[float]) -> list[float]:
        if bounds[0] >= bounds[1]:
            raise ValueError(
                f"[{bounds[0]:g}, {bounds[1]:g}] does not rise (expected the lower end first, "
                "then a higher one)"
            )
        return bounds

    return Annotated[list[item], Field(min_length=2, max_length=2), AfterValidator(ordered)]


def _printed(value: str) -> str:
    if not VISIBLE.search(value):
        raise ValueError("the text is empty (expected the figure as the source prints it)")
    return value


Printed = Annotated[
    str,
    AfterValidator(_printed),
    Field(json_schema_extra={"pattern": VISIBLE.pattern, "patternErrorMessage": "is empty"}),
]


def _change_schema(schema: dict[str, Any]) -> None:
    schema.update(exactly_one("percent", "factor"))
    schema["properties"]["percent"]["anyOf"][0].update(minimum=-100)
    schema["properties"]["factor"]["anyOf"][0].update(exclusiveMinimum=0)


class Change(Strict):
    """A change the source states, never computed: "up 15% on 2023", "more than doubled"."""

    model_config = ConfigDict(json_schema_extra=_change_schema)

    percent: Amount | None = Field(
        None, description="the change in percent: 15 for up 15%, -3 for down 3%", examples=[15]
    )
    factor: Amount | None = Field(
        None, description="the change as a multiple: 2 for doubled (or percent)", examples=[2]
    )
    qualifier: Qualifier | None = Field(
        None,
        description="what the source says of the change: factor 2 and over is 'more than doubled'",
    )
    since: DateText | None = Field(
        None, description="the period compared with; without it, the year before", examples=[2023]
    )

    @model_validator(mode="after")
    def _one_measure(self) -> Change:
        if (self.percent is None) == (self.factor is None):
            raise ValueError(
                "give either percent (such as 15, or -3 for a fall) or factor (such as 2)"
            )
        if self.percent is not None and (self.percent < -100 or self.percent == 0):
            raise ValueError(
                f"percent: {self.percent:g} is no change the source can state (expected a rise "
                "such as 15, or a fall of at most 100 such as -3)"
            )
        if self.factor is not None and self.factor <= 0:
            raise ValueError(f"factor: {self.factor:g} is not a multiple (expected more than 0)")
        return self


def _figure_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema of `Figure`'s own rules: one of value and between, one of currency
    and unit (or neither, for an incomplete figure, which needs as_printed), and so on."""
    complete = {"allOf": [exactly_one("value", "between"), exactly_one("currency", "unit")]}
    partial = {"required": ["as_printed"], "not": {"required": ["currency", "unit"]}}
    schema["allOf"] = [
        {
            "if": {"required": ["incomplete"], "properties": {"incomplete": {"const": True}}},
            "then": partial,
            "else": complete,
        },
        {
            "if": _given("unit", {"enum": list(NOT_NEGATIVE)}),
            "then": {"properties": {"value": {"minimum": 0}}},
        },
        {"if": _given("between"), "then": {"not": _given("qualifier")}},
        {
            "if": _given("counted"),
            "then": {"required": ["unit"], "properties": {"unit": {"const": "count"}}},
        },
        {"if": _given("currency_inferred", {"const": True}), "then": {"required": ["currency"]}},
        {
            "if": _given("unit", {"const": "rank"}),
            "then": {
                "properties": {"value": {"type": "integer", "minimum": 1}},
                "not": {"anyOf": [_given("between"), _given("qualifier")]},
            },
        },
    ]


def _given(key: str, value: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON Schema of a key given, and not null (and matching `value`, if given)."""
    return {"required": [key], "properties": {key: {"not": {"type": "null"}, **(value or {})}}}


class Figure(Marked):
    """A number in base units with its currency or unit, period and source."""

    model_config = ConfigDict(json_schema_extra=_figure_schema)

    value: Amount | None = Field(
        None, description="the number in base units: 4.2e9, never '4.2 billion' (or between)"
    )
    between: _range(Amount) | None = Field(  # type: ignore[valid-type]
        None,
        description="a range, lower end first: 'between 2 and 3 million' is [2.0e6, 3.0e6]",
        examples=[[2.0e6, 3.0e6]],
    )
    qualifier: Qualifier | None = Field(
        None,
        description="what the source says of the value: about, over, under, nearly, "
        "at_least, at_most or up_to it (not with between)",
    )
    currency: Currency | None = Field(None, description="an ISO 4217 code, for money (or unit)")
    currency_inferred: bool = Field(
        False,
        description="true when the source prints only '$' or 'dollars': the code is "
        "inferred, and the brief says so",
    )
    unit: Unit | None = Field(
        None, description="what is counted, for a figure that is not money (or currency)"
    )
    counted: Prose | None = Field(
        None,
        description="with unit: count, what is counted ('12 vessels')",
        examples=[{"en": "vessels", "fr": "navires"}],
    )
    as_printed: Printed | None = Field(
        None,
        description="the figure exactly as the source prints it (required with incomplete)",
        examples=["US$ 30 mill"],
    )
    incomplete: bool = Field(
        False,
        description="true when the source gives the figure incompletely (cut off, unclear "
        "unit): printed as as_printed and marked so, never computed with nor charted",
    )
    duration: Duration | None = Field(
        None, description="the span the amount covers: '$30 million over 4 years'"
    )
    change: Change | None = Field(None, description="a change the source states, never computed")
    year: DateText | None = Field(None, description="the period the figure covers")
    label: Prose | None = Field(
        None,
        description="what the figure is, as the brief shows it",
        examples=[{"en": "Canadian direct investment", "fr": "Investissement direct canadien"}],
    )
    source: Slug = Field(description="the id of its source, from sources", examples=["gac-2012"])

    @field_validator("qualifier")
    @classmethod
    def _not_with_a_range(cls, qualifier: str | None, info: ValidationInfo) -> str | None:
        if qualifier is not None and info.data.get("between") is not None:
            raise ValueError(
                f"{qualifier} with between (expected one or the other: a range is its own bound)"
            )
        return qualifier

    @model_validator(mode="after")
    def _as_the_source_gives_it(self) -> Figure:
        if self.incomplete:
            if self.as_printed is None:
                raise ValueError(
                    "incomplete without as_printed (expected the figure exactly as the source "
                    'prints it, such as as_printed: "US$ 30 mill")'
                )
            if self.currency is not None and self.unit is not None:
                raise ValueError("give a currency or a unit, not both")
        elif (self.value is None) == (self.between is None):
            raise ValueError("give either a value (such as 4.2e9) or between (such as [2e6, 3e6])")
        elif (self.currency is None) == (self.unit is None):
            raise ValueError("give either a currency (such as CAD) or a unit (such as people)")
        self._in_its_unit()
        return self

    def _in_its_unit(self) -> None:
        """The rules of what goes with a currency or a unit."""
        if self.unit in NOT_NEGATIVE and self.value is not None and self.value < 0:
            raise ValueError(
                f"{self.value:g} is negative (expected a figure in {self.unit} of 0 or more)"
            )
        if self.counted is not None and self.unit != "count":
            raise ValueError("counted without unit: count (expected unit: count, or no counted)")
        if self.currency_inferred and self.currency is None:
            raise ValueError(
                "currency_inferred without a currency (expected the currency taken, such as CAD)"
            )
        if self.unit == "rank" and (
            self.value is None or self.value < 1 or self.value != int(self.value) or self.qualifier
        ):
            raise ValueError(
                "a rank is one whole number from 1, with no qualifier (expected value: 12 for "
                "'12th largest')"
            )


def _trade_schema(schema: dict[str, Any]) -> None:
    _figure_schema(schema)
    del schema["properties"]["unit"]  # a trade flow is money: unit is an unknown key
    del schema["properties"]["counted"]


class TradeFigure(Figure):
    """A trade flow of one series (its dimension) in one period, from home's side: money."""

    model_config = ConfigDict(json_schema_extra=_trade_schema)

    value: at_least_zero("a trade flow") | None = Field(  # type: ignore[valid-type]
        None, description="the flow in base units, 0 or more: 4.453e9, never '4.5 billion'"
    )
    between: _range(at_least_zero("a trade flow")) | None = Field(  # type: ignore[valid-type]
        None, description="a range, lower end first: [2.0e6, 3.0e6]", examples=[[2.0e6, 3.0e6]]
    )
    flow: Literal["exports", "imports", "total"] = Field(
        description="home's exports to the partner, imports from it, or their total"
    )
    dimension: Dimension = Field(
        description="the series: goods (the source's 'merchandise'), services, "
        "goods_and_services or agrifood"
    )

    @field_validator("unit", "counted")
    @classmethod
    def _money(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None:
            raise ValueError(
                f"a trade figure is money, not {value if info.field_name == 'unit' else 'a count'}"
                " (expected a currency such as CAD; a rate the source states goes under change:)"
            )
        return value


class Trade(Section):
    """Trade between home and partner: prose, the yearly flows and what is traded."""

    figures: list[TradeFigure] = Field(
        [], description="the flows by year, one table and chart per series"
    )
    main_exports: list[Prose] = Field(
        [], description="home's main exports to the partner", examples=[[{"en": "cereals"}]]
    )
    main_imports: list[Prose] = Field([], description="home's main imports from the partner")
    sectors: list[Prose] = Field([], description="the sectors that matter in the relationship")


class Investment(Section):
    """Investment each way, in prose and figures."""

    figures: list[Figure] = Field([], description="investment stocks and flows")


class Economy(Section):
    """The partner's economy: its growth, size and rank."""

    figures: list[Figure] = Field([], description="growth, size, rank of the partner's economy")
