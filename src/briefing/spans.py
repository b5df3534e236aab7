"""Times of day and spans of time, as data files write them: `09:30`, `4 years`.

`Time` and `Duration` validate a value and describe it for JSON Schema from the same rule,
as `periods` does for dates.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from typing_extensions import TypeAliasType

from .errors import shown

_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_TIME_FORMS = "a time of day such as 09:30, from 00:00 to 23:59"


def _time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise ValueError(f"{shown(value)} is not a time (expected {_TIME_FORMS})")
    return value


Time = TypeAliasType(
    "Time",
    Annotated[
        str,
        AfterValidator(_time),
        Field(
            description=_TIME_FORMS,
            examples=["09:30"],
            json_schema_extra={
                "pattern": f"^{_TIME.pattern}$",
                "patternErrorMessage": f"expected {_TIME_FORMS}",
            },
        ),
    ],
)


DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute")
"""The units a `Duration` counts, each a CLDR unit `duration-UNIT` that Babel words."""

_UNITS = "|".join(DURATION_UNITS)
_DURATION = re.compile(rf"([1-9][0-9]{{0,5}}) ({_UNITS})s?")  # no names: also ECMAScript's
# A known unit after a number that is not a whole one above zero: 1.5 years, 0 days
_NOT_WHOLE = re.compile(
    rf"(?:[-+]?[0-9]{{0,6}}[.,][0-9]{{1,6}}|-[0-9]{{1,6}}|0{{1,6}}) (?:{_UNITS})s?"
)
_DURATION_FORMS = "a whole number and a unit: 4 years, 18 months, 90 minutes"
_LONGEST_DURATION = 20


def parse_duration(text: str) -> tuple[int, str]:
    """The count and the unit (singular) of a validated `Duration`: (4, "year")."""
    count, unit = text.split()
    return int(count), unit.removesuffix("s")


def _duration(value: Any) -> Any:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and len(value) <= _LONGEST_DURATION and _DURATION.fullmatch(text):
        return text
    if isinstance(text, str) and _NOT_WHOLE.fullmatch(text):
        problem = f"{shown(text)}: the count is not a whole number above zero"
    else:  # such as 4, which YAML reads as a number: the unit is missing
        problem = f"{shown(value, _LONGEST_DURATION)} is not a duration"
    raise ValueError(f"{problem} (expected {_DURATION_FORMS})")


Duration = TypeAliasType(
    "Duration",
    Annotated[
        str,
        BeforeValidator(
            _duration,
            json_schema_input_type=Annotated[
                str,
                Field(
                    pattern=rf"^\s*{_DURATION.pattern}\s*$",
                    max_length=_LONGEST_DURATION,
                    json_schema_extra={"patternErrorMessage": f"expected {_DURATION_FORMS}"},
                ),
            ],
        ),
        Field(
            description=f"a span of time, {_DURATION_FORMS}",
            examples=["4 years", "18 months", "90 minutes"],
        ),
    ],
)
"""A span of time as a source states it: `4 years` ("$30 million over 4 years"), `90 minutes`."""
