"""The values inside data files: prose, identifiers, dates, levels, currencies and amounts.

Each type validates a value and describes it for JSON Schema from the same rule, so that an
editor refuses what `brief check` refuses: a slug's pattern, the dates `parse_when` reads,
the ISO 4217 codes pycountry lists, the workspace scheme's levels (filled in by `schema`).
The types used everywhere are named (`TypeAliasType`), so that a schema defines each once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from typing_extensions import TypeAliasType

from .classification import Scheme
from .errors import shown
from .periods import DATE_FORMS, DATE_PATTERN, FIRST_YEAR, LAST_YEAR, When, parse_when

LANGUAGES = ("en", "fr")
Lang = Literal["en", "fr"]

PROSE_FORMS = "text, or text in each language such as {en: ..., fr: ...}"
NOT_BLANK = re.compile(r"\S")
"""Text must hold more than white space."""


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
        if not NOT_BLANK.search(text):
            raise ValueError(f"the {lang} text is empty")
    return value


_Text = Annotated[
    str,
    Field(
        pattern=NOT_BLANK.pattern, json_schema_extra={"patternErrorMessage": "the text is empty"}
    ),
]

Prose = TypeAliasType(
    "Prose",
    Annotated[
        dict[Lang, str],
        BeforeValidator(
            _prose,
            json_schema_input_type=_Text | Annotated[dict[Lang, _Text], Field(min_length=1)],
        ),
        AfterValidator(_not_blank),
        Field(
            description=f"prose: {PROSE_FORMS}",
            examples=[
                {
                    "en": "Canada and Peru are close partners.",
                    "fr": "Le Canada et le Pérou sont des partenaires proches.",
                }
            ],
        ),
    ],
)
"""Text in the file's language, or a mapping {en: ..., fr: ...}."""


def in_language(prose: Mapping[Any, str], lang: str) -> str:
    """Text in `lang`, or in the other language when it has no translation."""
    return prose.get(lang) or next(iter(prose.values()))


SLUG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_SLUG_FORMS = "a lower-case ASCII identifier such as canada or pacific-alliance"

Slug = TypeAliasType(
    "Slug",
    Annotated[
        str,
        Field(
            pattern=f"^{SLUG_PATTERN.pattern}$",
            description=_SLUG_FORMS,
            examples=["canada", "pacific-alliance"],
            json_schema_extra={"patternErrorMessage": f"expected {_SLUG_FORMS}"},
        ),
    ],
)

_LONGEST_DATE = 40  # no date is this long; keep the message one short line


def _when(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"expected {DATE_FORMS} (got {shown(value)})")
    if len(str(value)) > _LONGEST_DATE:
        raise ValueError(f"{shown(value, _LONGEST_DATE)} is not a date (expected {DATE_FORMS})")
    try:
        parsed = parse_when(value)
    except ValueError as exc:
        if not str(exc).startswith("'"):  # datetime's own words, such as "year 0 is out of range"
            exc = ValueError(f"{shown(str(value))} is not a date")
        raise ValueError(f"{exc} (expected {DATE_FORMS})") from None
    years = (p.year for p in (parsed.start, parsed.end) if p is not None)
    if not all(FIRST_YEAR <= year <= LAST_YEAR for year in years):
        raise ValueError(
            f"'{parsed.text}' is out of range (expected a year from {FIRST_YEAR:04} to {LAST_YEAR})"
        )
    return parsed.text


_DateInput = (
    Annotated[
        str,
        Field(
            pattern=DATE_PATTERN,
            max_length=_LONGEST_DATE,
            json_schema_extra={"patternErrorMessage": f"expected {DATE_FORMS}"},
        ),
    ]
    # YAML reads 2012 as a number: a year of four digits
    | Annotated[int, Field(ge=1000, le=LAST_YEAR)]
)

DateText = TypeAliasType(
    "DateText",
    Annotated[
        str,
        BeforeValidator(_when, json_schema_input_type=_DateInput),
        Field(description=DATE_FORMS, examples=["2012-08-15", "2012-08", 2012, "FY2011"]),
    ],
)


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


Classification = TypeAliasType(
    "Classification",
    Annotated[
        str,
        AfterValidator(_classification),
        Field(description="a level of the workspace's classification scheme"),
    ],
)
"""A level; the JSON Schema of a workspace lists its scheme's (see `schema.json_schema`)."""


@cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes of today's currencies, as pycountry lists them."""
    import pycountry  # only when a currency is read: `brief --help` needs none

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def _currency(value: str) -> str:
    if value not in currency_codes():
        raise ValueError(
            f"unknown currency {shown(value)} (expected an ISO 4217 code in capitals such "
            "as CAD, USD, EUR, JPY, PEN)"
        )
    return value


def _currency_enum(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(currency_codes())


Currency = TypeAliasType(
    "Currency",
    Annotated[
        str,
        AfterValidator(_currency),
        Field(
            description="an ISO 4217 currency code in capitals",
            examples=["CAD", "USD", "PEN"],
            json_schema_extra=_currency_enum,
        ),
    ],
)

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


Amount = Annotated[
    float,
    BeforeValidator(_amount),
    Field(
        description="a number in base units: 4.2e9, never '4.2 billion'",
        examples=[4.2e9, 522e6],
        json_schema_extra={"minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT},
    ),
]

WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\S*")


def _web_address(value: str) -> str:
    if not WEB_ADDRESS.fullmatch(value):
        raise ValueError(
            f"{shown(value)} is not a web address (expected one starting with http:// or "
            "https://; a brief links to sources, it never reads files)"
        )
    return value


WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    Field(
        description="a web address starting with http:// or https://",
        examples=["https://www.international.gc.ca/"],
        # a pattern the model does not check itself, so that its own message stays
        json_schema_extra={
            "pattern": f"^{WEB_ADDRESS.pattern}$",
            "patternErrorMessage": "expected a web address starting with http:// or https://",
        },
    ),
]
