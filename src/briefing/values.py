"""The values inside data files: prose, identifiers, dates, levels, currencies and amounts.

Each type validates a value and describes it for JSON Schema from the same rule, so that an
editor refuses what `brief check` refuses: a slug's pattern, the dates `parse_when` reads,
the ISO 4217 codes pycountry lists, the workspace scheme's levels (filled in by `schema`).
The types used everywhere are named (`TypeAliasType`), so that a schema defines each once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from typing_extensions import TypeAliasType

from .classification import SCHEMES, Scheme
from .errors import shown
from .languages import CATALOG, packaged_languages


def known_languages(context: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The languages of the workspace being validated (`languages` in the validation
    context), else the package's."""
    languages: tuple[str, ...] | None = (context or {}).get("languages")
    return languages or packaged_languages()


def _language(value: str, info: ValidationInfo) -> str:
    known = known_languages(info.context)
    if value not in known:
        raise ValueError(
            f"{shown(value)} is not a language here (expected one of: {', '.join(known)}; "
            f"a language is a catalog {CATALOG})"
        )
    return value


Language = TypeAliasType(
    "Language",
    Annotated[
        str,
        AfterValidator(_language),
        Field(
            description="a language: en, or one with a catalog",
            json_schema_extra={"enum": list(packaged_languages())},
        ),
    ],
)
"""A language of the workspace; its JSON Schema lists them (see `schema.json_schema`)."""

PROSE_FORMS = "text, or text in each language such as {en: ..., fr: ...}"
VISIBLE = re.compile(
    r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
"""A character that shows: text must hold one, not only spaces or invisible marks (U+200B).

One character class, searched: linear in the length of the text, here and in an editor.
"""


def _prose(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str):
        if not VISIBLE.search(value):
            raise ValueError("the text is empty (expected some words)")
        language = (info.context or {}).get("language", "en")
        return {language: value}
    if not isinstance(value, dict):
        raise ValueError(f"expected {PROSE_FORMS} (got {shown(value)})")
    return value


def _not_blank(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError(f"is empty (expected {PROSE_FORMS})")
    for lang, text in value.items():
        if not VISIBLE.search(text):
            raise ValueError(
                f"the {lang} text is empty (expected some words, or no {lang}: at all)"
            )
    return value


def _visible(what: str) -> dict[str, str]:
    """The JSON Schema of text that must show: the pattern `brief check` searches with."""
    return {"pattern": VISIBLE.pattern, "patternErrorMessage": f"{what} is empty"}


_Text = Annotated[str, Field(json_schema_extra=_visible("the text"))]

Prose = TypeAliasType(
    "Prose",
    Annotated[
        dict[Language, str],
        BeforeValidator(
            _prose,
            json_schema_input_type=_Text | Annotated[dict[Language, _Text], Field(min_length=1)],
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


def _name(value: str) -> str:
    if not VISIBLE.search(value):
        raise ValueError("the name is empty (expected the name as the brief prints it)")
    return value


Name = TypeAliasType(
    "Name",
    Annotated[
        str,
        AfterValidator(_name),
        Field(description="a name as printed", json_schema_extra=_visible("the name")),
    ],
)
"""A name printed as written (a person's, a country's): never only spaces."""


def in_language(prose: Mapping[Any, str], lang: str) -> str:
    """Text in `lang`, or in the other language when it has no translation."""
    return prose.get(lang) or next(iter(prose.values()))


SLUG_PATTERN = re.compile(r"[a-z0-9]++(?:-[a-z0-9]++)*+")
"""Lower-case ASCII words joined by single hyphens, matched without backtracking."""
_SLUG_SCHEMA = "^[a-z0-9]+(-[a-z0-9]+)*$"
"""The same, for editors (JSON Schema has no possessive quantifiers): each repetition starts
with '-', which no word holds, so a backtracking engine stays linear on it too."""
_SLUG_FORMS = "a lower-case ASCII identifier such as canada or pacific-alliance"


def _character(ch: str) -> str:
    """One character of an identifier, described so that a look-alike is told apart."""
    if ch in " \t\n\r":
        return {" ": "a space", "\t": "a tab"}.get(ch, "a line break")
    if "A" <= ch <= "Z":
        return f"a capital {ch}"
    if ch.isascii() and ch.isprintable():
        return f"'{ch}'"
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'a control character').lower()})"


def _slug(value: str) -> str:
    if SLUG_PATTERN.fullmatch(value):
        return value
    bad = next((ch for ch in value if not ("a" <= ch <= "z" or "0" <= ch <= "9" or ch == "-")), "")
    if not value:
        what = "is empty"
    elif bad:
        what = f"has {_character(bad)}"
    elif "--" in value:
        what = "has two hyphens in a row"
    else:
        what = f"{'starts' if value.startswith('-') else 'ends'} with a hyphen"
    raise ValueError(f"{shown(value)} {what} (expected {_SLUG_FORMS})")


Slug = TypeAliasType(
    "Slug",
    Annotated[
        str,
        AfterValidator(_slug),
        Field(
            description=_SLUG_FORMS,
            examples=["canada", "pacific-alliance"],
            json_schema_extra={
                "pattern": _SLUG_SCHEMA,
                "patternErrorMessage": f"expected {_SLUG_FORMS}",
            },
        ),
    ],
)


def _classification(value: Any, info: ValidationInfo) -> Any:
    scheme: Scheme | None = (info.context or {}).get("scheme")
    if scheme is None or not isinstance(value, str) or value in scheme.names():
        return value
    names = ", ".join(scheme.names())
    other = next((s.name for s in SCHEMES.values() if value in s.names()), None)
    if other is not None:
        raise ValueError(
            f"{shown(value)} is a level of the {other} scheme, but "
            f"{(info.context or {}).get('scheme_of', 'this workspace')} uses the "
            f"{scheme.name} scheme (expected one of: {names})"
        )
    close = next((name for name in scheme.names() if _folded(name) == _folded(value)), None)
    hint = f"did you mean '{close}'? " if close else ""
    # a no-break space looks like a space: shown escaped, so the two differ on the screen
    written = "".join(ascii(ch)[1:-1] if ch.isspace() and ch != " " else ch for ch in value)
    raise ValueError(
        f"unknown level {shown(written)} ({hint}expected one of the {scheme.name} scheme: {names})"
    )


def _folded(level: str) -> str:
    """A level as compared for a hint: 'protected-a', 'Protected\u00a0A' as 'protected a'."""
    return " ".join(level.replace("-", " ").replace("_", " ").split()).casefold()


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
    """The ISO 4217 codes of today's currencies, as pycountry lists them.

    Without XXX ("no currency is involved") and XTS (reserved for tests): no amount is in them.
    """
    import pycountry  # only when a currency is read: `brief --help` needs none

    return frozenset(currency.alpha_3 for currency in pycountry.currencies) - {"XXX", "XTS"}


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


@cache
def country_codes(letters: int) -> frozenset[str]:
    """The ISO 3166-1 codes of `letters` (2 or 3) letters, as pycountry lists them."""
    import pycountry

    return frozenset(getattr(country, f"alpha_{letters}") for country in pycountry.countries)


def iso3_of(iso2: str) -> str:
    """The three-letter code of the country whose two-letter code is `iso2`."""
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2)
    assert country is not None, iso2  # a validated code
    return str(country.alpha_3)


def _country_code(letters: int, example: str) -> tuple[Any, Any]:
    """The validator and the JSON Schema (an enum) of an ISO 3166 code of `letters` letters."""
    expected = (
        f"{'two' if letters == 2 else 'three'} capital letters of a country, such as {example}"
    )

    def valid(value: str) -> str:
        if value not in country_codes(letters):
            raise ValueError(f"{shown(value)} is not an ISO 3166 code (expected {expected})")
        return value

    def enum(schema: dict[str, Any]) -> None:
        schema["enum"] = sorted(country_codes(letters))

    return AfterValidator(valid), Field(
        description=f"an ISO 3166-1 code: {expected}", json_schema_extra=enum
    )


CountryCode2 = TypeAliasType("CountryCode2", Annotated[str, *_country_code(2, "PE")])
CountryCode3 = TypeAliasType("CountryCode3", Annotated[str, *_country_code(3, "PER")])

MAX_AMOUNT = 1e24
"""A trillion trillion: larger than any amount a brief states, in any currency."""


_AMOUNT_FORMS = "a number in base units, such as 4200000000 or 4.2e9"
_DIGITS = re.compile(r"[-+]?+[0-9]++")
# YAML reads 1e400 as infinite, as it does .inf: the message says how large an amount may be
_INFINITE = f"{{}} is not an amount (expected a finite number, at most {MAX_AMOUNT:.0e})"


def _amount(value: Any) -> Any:
    if isinstance(value, str):
        raise ValueError(_not_a_number(value))
    if isinstance(value, bool):
        raise ValueError(f"{shown(value)} is not an amount (expected a number)")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(_INFINITE.format(shown(value)))
    if isinstance(value, int | float) and abs(value) > MAX_AMOUNT:
        raise ValueError(f"{_number(value)} is too large (expected at most {MAX_AMOUNT:.0e})")
    return 0.0 if value == 0 else value  # -0.0 is 0, never printed "-$0"


def _number(value: int | float) -> str:
    """A number for a message: a long whole number by its count of digits."""
    digits = len(str(abs(value))) if isinstance(value, int) else 0
    return f"a number of {digits:,} digits" if digits > 25 else shown(value)


def _not_a_number(text: str) -> str:
    """What is wrong with a text where an amount goes: words, quotes, other digits."""
    plain = text.strip().replace("_", "")
    if not plain:
        return f"{shown(text)} is empty (expected {_AMOUNT_FORMS})"
    if _DIGITS.fullmatch(plain) and len(plain) > 25:  # too long for YAML's reader to take
        digits = len(plain.lstrip("+-"))
        return f"a number of {digits:,} digits is too large (expected at most {MAX_AMOUNT:.0e})"
    if _DIGITS.fullmatch(plain) and len(plain.lstrip("+-")) > 1 and plain.lstrip("+-")[0] == "0":
        return (
            f"{shown(text)} starts with 0, which YAML 1.1 reads as octal (expected a number "
            "without leading zeros)"
        )
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        return f"{shown(text)} has digits other than 0-9 (expected {_AMOUNT_FORMS})"
    try:
        number = float(plain) if plain.isascii() else None
    except ValueError:
        number = None
    if number is not None and not math.isfinite(number):
        return _INFINITE.format(shown(text))
    if number is not None:
        return f"{shown(text)} is text in quotes (expected a number without quotes, such as 4.2e9)"
    return f"{shown(text)} is words, not an amount (expected {_AMOUNT_FORMS})"


Amount = Annotated[
    float,
    BeforeValidator(_amount),
    Field(
        description="a number in base units: 4.2e9, never '4.2 billion'",
        examples=[4.2e9, 522e6],
        json_schema_extra={"minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT},
    ),
]

# One character of the host, then anything but white space: `[^\s/?#]+\S*` took minutes to
# refuse a long address, as both quantifiers could take each character.
WEB_ADDRESS = re.compile(r"https?://[^\s/?#]\S*")


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
