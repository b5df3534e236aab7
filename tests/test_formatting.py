"""Numbers, money, dates and labels for each language, and a complete French catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from briefing.formatting import Formatter

EN = Formatter("en", "en_CA", fiscal_start=4)
FR = Formatter("fr", "fr_CA", fiscal_start=4)
FRANCE = Formatter("fr", "fr_FR")
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "currency", "qualifier", "en", "fr"),
    [
        (4.2e9, "CAD", None, f"$4.2{NBSP}billion", f"4,2{NBSP}milliards{NBSP}$"),
        (522e6, "CAD", "over", f"over $522{NBSP}million", f"plus de 522{NBSP}millions{NBSP}$"),
        (4.453e9, "CAD", None, f"$4.453{NBSP}billion", f"4,453{NBSP}milliards{NBSP}$"),
        (
            3.8e12,
            "USD",
            "about",
            f"about US$3.8{NBSP}trillion",
            f"environ 3,8{NBSP}billions{NBSP}${NBSP}US",
        ),
        (36_000, "CAD", None, "$36,000", f"36{NBSP}000{NBSP}$"),
        (-3.931e9, "CAD", None, f"\u2212$3.931{NBSP}billion", f"\u22123,931{NBSP}milliards{NBSP}$"),
    ],
)
def test_money(value: float, currency: str, qualifier: str | None, en: str, fr: str) -> None:
    assert EN.money(value, currency, qualifier) == en
    assert FR.money(value, currency, qualifier).replace("\u202f", NBSP) == fr


def test_quantities_and_percentages() -> None:
    assert EN.quantity(679e6, "people") == f"679{NBSP}million people"
    assert FR.quantity(679e6, "people") == f"679{NBSP}millions d’habitants"
    assert EN.quantity(4.1, "percent") == "4.1%"
    assert FR.quantity(4.1, "percent") == f"4,1{NBSP}%"
    assert EN.percent(0.18512) == "18.5%"


@pytest.mark.parametrize(
    ("text", "en", "fr"),
    [
        ("2012", "2012", "2012"),
        ("2012-08", "August 2012", "août 2012"),
        ("2025-08-08", "August 8, 2025", "8 août 2025"),
        ("2025/2028", "2025–2028", "2025–2028"),
        (
            "FY2011",
            "fiscal year 2011–2012 (April 2011 to March 2012)",
            "exercice 2011–2012 (d’avril 2011 à mars 2012)",
        ),
        ("2011-07/2012-03", "July 2011–March 2012", "juillet 2011 – mars 2012"),
        ("2026-12-01", "December 1, 2026", "1er décembre 2026"),
        # a range in the style of a single date: months in full, the first as « 1er »
        ("2024-02-28/2024-02-29", "February 28–29, 2024", "28–29 février 2024"),
        ("2015-01-26/2015-01-27", "January 26–27, 2015", "26–27 janvier 2015"),
        ("2011-06-30/2011-07-01", "June 30–July 1, 2011", "30 juin – 1er juillet 2011"),
        (
            "2011-12-30/2012-01-02",
            "December 30, 2011–January 2, 2012",
            "30 décembre 2011 – 2 janvier 2012",
        ),
        ("2023-01-01/2023-01-01", "January 1, 2023", "1er janvier 2023"),
    ],
)
def test_dates_print_as_written(text: str, en: str, fr: str) -> None:
    assert EN.when(text).replace("\u2009", " ") == en
    assert FR.when(text).replace("\u2009", " ") == fr


def test_every_label_has_a_french_translation() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "briefing"
    method_map = [
        ("templates/**.html", "jinja2"),
        ("templates/**.css", "jinja2"),
        ("**.py", "python"),
    ]
    keywords = {"_": None, "gettext": None, "N_": None, "pgettext": ((1, "c"), 2)}
    found = extract_from_dir(src, method_map=method_map, keywords=keywords)
    messages = {(m[2], m[4]) for m in found}  # (msgid, msgctxt)
    assert len(messages) > 40
    po = src / "locale" / "fr" / "LC_MESSAGES" / "brief.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    untranslated = sorted(
        (m, c) for m, c in messages if not getattr(catalog.get(m, context=c), "string", None)
    )
    assert untranslated == []


def test_dates_inside_sentences_and_large_amounts() -> None:
    assert (EN.on("2025-09-24"), FR.on("2025-09-24")) == (
        "on September 24, 2025",
        "le 24 septembre 2025",
    )
    assert (EN.on("2012"), FR.on("2012-08")) == ("in 2012", "en août 2012")
    assert (EN.since("2011-07"), FR.since("2023-09-05")) == (
        "since July 2011",
        "depuis le 5 septembre 2023",
    )
    assert (
        FR.quantity(33_800, "people") == f"33{NBSP}800 habitants".replace(NBSP, "\u202f")
        or FR.quantity(33_800, "people") == f"33{NBSP}800 habitants"
    )
    assert EN.money(1.706e15, "COP") == f"COP1,706{NBSP}trillion"


def test_the_first_of_the_month_is_1er_in_every_french_form() -> None:
    for fmt in (FR, FRANCE):
        assert fmt.since("2023-01-01") == "depuis le 1er janvier 2023"
        assert fmt.on("2013-03-01") == "le 1er mars 2013"
        assert fmt.as_of("2025-09-01") == "au 1er septembre 2025"
        assert fmt.when("2011-07-01/2011-07-03") == "1er–3 juillet 2011"
    assert EN.on("2013-03-01") == "on March 1, 2013"


@pytest.mark.parametrize(
    ("text", "en", "fr"),
    [
        ("2011-06-30/2011-07-01", "from June 30 to July 1, 2011", "du 30 juin au 1er juillet 2011"),
        ("2024-02-28/2024-02-29", "from February 28 to 29, 2024", "du 28 au 29 février 2024"),
        (
            "2011-12-30/2012-01-02",
            "from December 30, 2011 to January 2, 2012",
            "du 30 décembre 2011 au 2 janvier 2012",
        ),
        ("2011-06/2012-06", "from June 2011 to June 2012", "entre juin 2011 et juin 2012"),
        ("2011/2013", "from 2011 to 2013", "entre 2011 et 2013"),
    ],
)
def test_a_range_inside_a_sentence_reads_from_to(text: str, en: str, fr: str) -> None:
    """Never « le 30 juin – 1er juillet 2011 »: a range has its own words, in every phrase."""
    for phrase in ("on", "since", "as_of"):
        assert getattr(EN, phrase)(text) == en
        assert getattr(FR, phrase)(text) == fr


def test_as_of_is_right_for_each_precision() -> None:
    """« à jour au » takes a day; a month or a year takes « en »."""
    assert [FR.as_of(t) for t in ("2025-08-08", "2012-08", "2012")] == [
        "au 8 août 2025",
        "en août 2012",
        "en 2012",
    ]
    assert [EN.as_of(t) for t in ("2025-08-08", "2012-08", "2012")] == [
        "as of August 8, 2025",
        "as of August 2012",
        "as of 2012",
    ]
    months = "(d’avril 2011 à mars 2012)"
    assert FR.as_of("FY2011") == f"pour l’exercice 2011–2012 {months}"
    assert (FR.on("FY2011"), FR.since("FY2011")) == (
        f"pendant l’exercice 2011–2012 {months}",
        f"depuis l’exercice 2011–2012 {months}",
    )


def test_times_follow_the_locale() -> None:
    """French writes 11 h 45 in Canada and in France (CLDR's fr_FR says 11:45), and 9 h."""
    assert FR.time("11:45") == f"11{NBSP}h{NBSP}45"
    assert FRANCE.time("09:05") == f"9{NBSP}h{NBSP}05"
    assert (FR.time("09:00"), FRANCE.time("16:00")) == (f"9{NBSP}h", f"16{NBSP}h")  # not 9 h 00
    assert EN.time("11:45").replace("\u202f", NBSP) == f"11:45{NBSP}a.m."
    assert Formatter("en", "en_GB").time("14:30") == "14:30"
    assert FRANCE.day_and_time("2025-08-08", "11:45") == f"8 août 2025, 11{NBSP}h{NBSP}45"
    assert EN.day_and_time("2025-08-08", "16:00").replace("\u202f", NBSP) == (
        f"August 8, 2025, 4:00{NBSP}p.m."
    )


@pytest.mark.parametrize(
    ("value", "fr"),
    [
        (1.706e15, "1 706 billions"),
        (1e15, "1 000 billions"),
        (2.5e18, "2 500 000 billions"),
        (1.12e12, "1,12 billion"),  # below 2: the singular, as CLDR says
        (3.8e12, "3,8 billions"),
    ],
)
def test_large_amounts_take_the_plural_in_french(value: float, fr: str) -> None:
    assert FR.number(value).replace("\u202f", " ").replace(NBSP, " ") == fr
