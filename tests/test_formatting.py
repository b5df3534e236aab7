"""Numbers, money, dates and labels for each language, and a complete French catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from briefing.formatting import Formatter

EN = Formatter("en", "en_CA", fiscal_start=4)
FR = Formatter("fr", "fr_CA", fiscal_start=4)
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
        ("FY2011", "fiscal year 2011–2012", "exercice 2011–2012"),
        ("2011-07/2012-03", "July 2011–March 2012", "juillet 2011 – mars 2012"),
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
