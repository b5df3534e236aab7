"""The data model: prose in two languages, figures, dates and classification."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from briefing.classification import SCHEMES
from briefing.languages import translations
from briefing.model import Figure, Relationship, Section
from briefing.periods import Precision, parse_when

CONTEXT = {"language": "fr", "scheme": SCHEMES["canada"]}


def relationship(**extra: Any) -> dict[str, Any]:
    return {
        "home": "canada",
        "partner": "peru",
        "language": "fr",
        "as_of": "2012-08",
        "classification": "UNCLASSIFIED",
        "sources": [{"id": "gac-2012", "title": "Relations", "publisher": "GC"}],
        **extra,
    }


def test_plain_prose_takes_the_file_language_and_mappings_keep_both() -> None:
    rel = Relationship.model_validate(
        relationship(
            summary="Relations chaleureuses.",
            background={"en": "Warm ties.", "fr": "Liens chaleureux."},
        ),
        context=CONTEXT,
    )
    assert rel.summary is not None and rel.summary.text[0].text == {"fr": "Relations chaleureuses."}
    assert rel.background is not None
    assert rel.background.text[0].text == {"en": "Warm ties.", "fr": "Liens chaleureux."}


def test_section_shorthands_are_the_same_section() -> None:
    full = {"text": [{"text": "Un."}, {"text": "Deux.", "classification": "SECRET"}]}
    short = ["Un.", {"text": "Deux.", "classification": "SECRET"}]
    a = Section.model_validate(full, context=CONTEXT)
    b = Relationship.model_validate(relationship(summary=short), context=CONTEXT).summary
    assert b is not None and a.text == b.text
    assert a.text[1].classification == "SECRET"


def test_figures_are_numbers_with_currency_or_unit() -> None:
    fig = Figure.model_validate(
        {"value": 4.453e9, "currency": "CAD", "year": 2011, "source": "gac-2012"}, context=CONTEXT
    )
    assert fig.value == 4_453_000_000 and fig.year == "2011"
    with pytest.raises(ValidationError, match="is words, not an amount"):
        Figure.model_validate({"value": "4.2 billion", "currency": "CAD", "source": "s"})
    with pytest.raises(ValidationError, match="unknown currency 'CAN'"):
        Figure.model_validate({"value": 1, "currency": "CAN", "source": "s"})
    with pytest.raises(ValidationError, match="either a currency"):
        Figure.model_validate({"value": 1, "source": "s"})


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2012", Precision.YEAR, date(2012, 1, 1), date(2012, 12, 31)),
        ("2012-02", Precision.MONTH, date(2012, 2, 1), date(2012, 2, 29)),
        ("2012-08-15", Precision.DAY, date(2012, 8, 15), date(2012, 8, 15)),
        ("2024-02-28/2024-02-29", Precision.DAY, date(2024, 2, 28), date(2024, 2, 29)),
        ("2025/2028", Precision.YEAR, date(2025, 1, 1), date(2028, 12, 31)),
    ],
)
def test_dates_keep_their_precision(
    text: str, precision: Precision, first: date, last: date
) -> None:
    when = parse_when(text)
    assert when.text == text and when.start.precision is precision
    assert (when.first_day(), when.last_day()) == (first, last)


def test_fiscal_years_follow_the_home_calendar() -> None:
    fy = parse_when("FY2011")
    assert fy.start.precision is Precision.FISCAL_YEAR
    assert (fy.first_day(4), fy.last_day(4)) == (date(2011, 4, 1), date(2012, 3, 31))
    assert (fy.first_day(), fy.last_day()) == (date(2011, 1, 1), date(2011, 12, 31))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2012-13", "month 13"),
        ("2023-02-29", "day 29, but that month has 28 days"),
        ("2012/2010", "ends before it starts"),
        ("2012/2012-05", "its end lies within its start"),
        ("FY2011/2013", "FY at both ends"),
        ("FY2011-04", "fiscal year is written FY"),
        ("Aug 2012", "is not a date"),
    ],
)
def test_impossible_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_when(text)


def test_classification_ordering_and_filter() -> None:
    scheme = SCHEMES["canada"]
    assert scheme.rank("UNCLASSIFIED") < scheme.rank("PROTECTED A") < scheme.rank("SECRET")
    assert scheme.allows(None, "UNCLASSIFIED")
    assert scheme.allows("PROTECTED A", "PROTECTED B")
    assert not scheme.allows("SECRET", "CONFIDENTIAL")
    assert scheme.highest(["UNCLASSIFIED", "PROTECTED B", "PROTECTED A"]) == "PROTECTED B"
    assert scheme.level("TOP SECRET").label(translations("fr")) == "TRÈS SECRET"
    assert scheme.level("TOP SECRET").label(translations("es")) == "ALTO SECRETO"
    assert scheme.level("TOP SECRET").label(translations("en")) == "TOP SECRET"
    assert SCHEMES["uk"].names() == ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]


def test_unknown_level_names_the_scheme() -> None:
    with pytest.raises(ValidationError, match=r"unknown level 'PROTECTED D'.*PROTECTED C"):
        Relationship.model_validate(relationship(classification="PROTECTED D"), context=CONTEXT)
