"""Briefs true on their date: nothing dated after it, no former holder shown as current.

Each test plants dated items in a copy of the sample workspace, some before the brief's
date and some after, builds the brief as a desk officer would and reads what came out.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from click.testing import Result

from briefing.build import BuildOptions, build_brief
from briefing.formatting import Formatter
from briefing.meetings import build_meeting
from briefing.packs import Part, build_pack
from briefing.workspace import Workspace
from readers import docx_parts, pdf_text

TODAY = date(2026, 11, 23)
NBSP = "\u00a0"
JAPAN_MEETING = "data/japan/meetings/2025-08-08-peru-president.yaml"


def plant(path: Path, after: str, text: str) -> None:
    """Insert `text` after the first line `after` of a data file."""
    content = path.read_text(encoding="utf-8")
    assert f"\n{after}\n" in content, after
    path.write_text(content.replace(f"\n{after}\n", f"\n{after}\n{text}", 1), encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, old
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def section(html: str, sid: str) -> str:
    """The text of one section of a brief's HTML."""
    found = re.search(f'<section[^>]* id="{sid}"', html)
    assert found is not None, sid
    return html[found.start() : html.index("</section>", found.start())]


def flat(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text)  # no-break spaces kept: French needs them


# --- former and current holders ---------------------------------------------------------

FORMER = {
    "en": (
        "<strong>Ollanta Humala</strong>, President of Peru, July 28, 2011 to July 28, 2016 "
        "(end of term)",
        "José María Balcázar (February 18, 2026 to July 28, 2026): the last holder on record; "
        "successor to be confirmed.",
        "Former office holders",
        "<strong>Ed Fast</strong>, Minister of International Trade (since May 18, 2011)",
    ),
    "fr": (
        f"<strong>Ollanta Humala</strong>, président du Pérou, du 28{NBSP}juillet 2011 au "
        f"28{NBSP}juillet 2016 (fin de mandat)",
        f"José María Balcázar (du 18{NBSP}février 2026 au 28{NBSP}juillet 2026){NBSP}: dernier "
        "titulaire connu; successeur à confirmer.",
        "Anciens titulaires",
        "<strong>Ed Fast</strong>, ministre du Commerce international "
        f"(depuis le 18{NBSP}mai 2011)",
    ),
}


@pytest.fixture
def terms(workspace: Workspace) -> Workspace:
    """The audited Canada–Peru sample (Humala's term over, Balcázar's mandate ended), with
    Ed Fast's term moved after the build: he is current, and its end is not shown."""
    rel = workspace.relationship_path("canada", "peru")
    replace(rel, "    until: 2015-11-04\n    ended: replaced\n", "    until: 2030-01\n")
    return workspace


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_past_holder_renders_as_former_and_a_current_one_as_current(
    terms: Workspace, lang: str
) -> None:
    options = BuildOptions(langs=(lang,), formats=("html",), today=TODAY)
    [out] = build_brief(terms, "canada/peru", options)
    html = out.read_text(encoding="utf-8")
    people = section(html, "people")
    humala, balcazar, heading, fast = FORMER[lang]
    current, former = people.split(f"<h3>{heading}</h3>")
    assert humala in former and "Humala" not in current
    assert fast in current and "Stephen Harper" in former  # current holders before the former
    assert "Stephen Harper" not in current
    assert "2030" not in html  # a term due to end after the build: its end is hindsight
    cover = flat(re.sub(r"<[^>]+>", "", section(html, "cover")))
    assert balcazar in cover
    # one office, whatever the gender of its French title (« présidente », « président »):
    # the cover shows its last holder, not every one before
    assert "Boluarte" not in cover and "Jerí" not in cover


def test_a_former_leader_with_a_successor_says_no_more(terms: Workspace) -> None:
    rel = terms.relationship_path("canada", "peru")
    plant(
        rel,
        "people:",
        "  - {id: successor, name: Ana Sucesora, role: {en: President of Peru, fr: présidente"
        " du Pérou}, side: theirs, since: 2026-07-28, sources: [gac-2012]}\n",
    )
    options = BuildOptions(langs=("en",), formats=("html",), today=TODAY)
    [out] = build_brief(terms, "canada/peru", options)
    html = out.read_text(encoding="utf-8")
    cover = section(html, "cover")
    # the cover is about now: of an office with a holder recorded, only the holder
    assert "Balcázar" not in cover and "No successor" not in cover
    current = section(html, "people").split("<h3>Former office holders</h3>")[0]
    assert "Ana Sucesora</strong>, President of Peru (since July 28, 2026)" in current


def test_terms_read_as_a_diplomat_writes_them() -> None:
    en, fr = Formatter("en", "en_CA"), Formatter("fr", "fr_CA")
    assert en.term("2011-07", "2016-07") == "July 2011 to July 2016"
    assert fr.term("2011-07", "2016-07") == "de juillet 2011 à juillet 2016"
    assert fr.term("2011-04", "2016-08") == "d’avril 2011 à août 2016"
    assert fr.term("2025-08-01", "2025-10-10") == "du 1er août 2025 au 10 octobre 2025"
    assert fr.term("2011", "2016-07-28") == "de 2011 au 28 juillet 2016"
    assert (fr.term(None, "2016-07"), fr.term(None, "2016-07-28")) == (
        "jusqu’en juillet 2016",
        "jusqu’au 28 juillet 2016",
    )
    assert (en.as_of("2012-08"), fr.as_of("2012-08"), fr.as_of("2025-08-01")) == (
        "as of August 2012",
        "en août 2012",
        "au 1er août 2025",
    )
    assert en.when("2025-08-01") == "August 1, 2025"


# --- --as-of on a country brief ---------------------------------------------------------

LATE = ("LATE-VISIT", "LATE-ACCORD", "LATE-PERSON", "LATE-PARAGRAPH", "LATE-POINT", "LATE-FIGURE")
EARLY = ("EARLY-VISIT", "EARLY-ACCORD", "EARLY-PARAGRAPH", "EARLY-POINT", "EARLY-FIGURE")


@pytest.fixture
def japan(workspace: Workspace) -> Workspace:
    """Japan–Peru with items dated before and after 8 August 2025, and a later source."""
    rel = workspace.relationship_path("japan", "peru")
    plant(
        rel,
        "visits:",
        "  - {date: 2025-10-20, who: LATE-VISIT, role: {en: Envoy, fr: Envoyé}, direction:"
        " incoming, place: {en: Tokyo, fr: Tokyo}, sources: [kantei-2024]}\n"
        "  - {date: 2025-07, who: LATE-VISIT-SOURCE, role: {en: Envoy, fr: Envoyé}, direction:"
        " incoming, place: {en: Tokyo, fr: Tokyo}, sources: [tass-2025]}\n"
        "  - {date: 2025-08-08, who: EARLY-VISIT, role: {en: Envoy, fr: Envoyé}, direction:"
        " outgoing, place: {en: Lima, fr: Lima}, sources: [kantei-2024]}\n",
    )
    plant(
        rel,
        "agreements:",
        "  - {name: {en: LATE-ACCORD, fr: LATE-ACCORD}, signed: 2025-09, sources: [kantei-2024]}\n"
        "  - {name: {en: EARLY-ACCORD, fr: EARLY-ACCORD}, signed: 2024-11-17, in_force: 2026-01,"
        " sources: [kantei-2024]}\n",
    )
    plant(
        rel,
        "people:",
        "  - {id: jeri, name: LATE-PERSON, role: {en: President of Peru, fr: président du"
        " Pérou}, side: theirs, since: 2025-10-10, sources: [kantei-2024]}\n",
    )
    plant(
        rel,
        "  text:",
        "    - {text: {en: LATE-PARAGRAPH, fr: LATE-PARAGRAPH}, as_of: 2025-12}\n"
        "    - {text: {en: EARLY-PARAGRAPH, fr: EARLY-PARAGRAPH}, as_of: 2024-11}\n",
    )
    plant(
        rel,
        "talking_points:",
        "  - {text: {en: LATE-POINT, fr: LATE-POINT}, topics: [roadmap], as_of: 2026-01}\n"
        "  - {text: {en: EARLY-POINT, fr: EARLY-POINT}, topics: [roadmap], as_of: 2025-07,"
        " sources: [kantei-2024]}\n",
    )
    plant(
        rel,
        "as_of: 2025-10-21",
        "key_figures:\n"
        "  - {label: {en: LATE-FIGURE, fr: LATE-FIGURE}, value: 3, unit: count, year: 2025,"
        " source: kantei-2024}\n"
        "  - {label: {en: EARLY-FIGURE, fr: EARLY-FIGURE}, value: 2, unit: count, year: 2024,"
        " source: kantei-2024}\n",
    )
    return workspace


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_as_of_leaves_out_every_item_dated_after_it(
    brief: Callable[..., Result], japan: Workspace, lang: str
) -> None:
    args = ("--as-of", "2025-08-08", "--lang", lang, "--format", "html,docx")
    result = brief("build", "japan/peru", *args, "--workspace", japan.root)
    assert result.exit_code == 0, result.stderr
    html_path, docx_path = (Path(p) for p in sorted(result.stdout.split(), reverse=True))
    for text in (html_path.read_text(encoding="utf-8"), docx_parts(docx_path)):
        for marker in LATE:
            assert marker not in text, marker
        for marker in EARLY:
            assert marker in text, marker
        assert "TASS" not in text  # the later source is not listed
        # no later in_force, no term's end, no later date at all but the day it was built
        assert max(set(dates_in(text, lang)) - {date.today()}) <= date(2025, 8, 8)
    html = html_path.read_text(encoding="utf-8")
    current = re.split(
        "<h3>(?:Former office holders|Anciens titulaires)</h3>", section(html, "people")
    )[0]
    assert "Boluarte" in current  # in office on the brief's date
    stood = {
        "en": "This brief shows the relationship as it stood on August 8, 2025.",
        "fr": f"Informations arrêtées au 8{NBSP}août 2025.",
    }
    assert stood[lang] in section(html, "cover")


def test_without_as_of_the_later_items_are_there(japan: Workspace) -> None:
    options = BuildOptions(langs=("en",), formats=("html",), today=TODAY)
    html = build_brief(japan, "japan/peru", options)[0].read_text(encoding="utf-8")
    for marker in (*LATE, *EARLY, "TASS"):
        assert marker in html, marker
    assert "as it stood" not in html
    former = section(html, "people").split("<h3>Former office holders</h3>")[1]
    assert (
        "Dina Ercilia Boluarte Zegarra</strong>, President of Peru, December 7, 2022 to " in former
    )
    assert "October 10, 2025 (removal from office)" in former


def test_a_bad_as_of_is_one_usage_error(brief: Callable[..., Result], workspace: Workspace) -> None:
    for bad in ("2025-8-8", "20250808", "2025-02-30", "yesterday"):
        result = brief("build", "japan/peru", "--as-of", bad, "--workspace", workspace.root)
        assert result.exit_code == 2, bad
        [error] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
        assert error == (
            f"Error: Invalid value for '--as-of': '{bad}' is not a day "
            "(expected YYYY-MM-DD, such as 2025-08-08)"
        )
        assert "Traceback" not in result.stderr


# --- the meeting brief, on the eve of its meeting ---------------------------------------

EVE = {
    "en": (
        "Shigeru Ishiba, Prime Minister of Japan (since October 1, 2024)",
        "Dina Ercilia Boluarte Zegarra, President of Peru (since December 7, 2022)",
        "This brief shows the relationship as it stood on August 7, 2025.",
    ),
    "fr": (
        f"Shigeru Ishiba, premier ministre du Japon (depuis le 1er{NBSP}octobre 2024)",
        f"Dina Ercilia Boluarte Zegarra, présidente du Pérou (depuis le 7{NBSP}décembre 2022)",
        f"Informations arrêtées au 7{NBSP}août 2025.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_japan_peru_meeting_brief_knows_nothing_after_its_date(
    japan: Workspace, lang: str
) -> None:
    options = BuildOptions(langs=(lang,), formats=("pdf", "html"), today=TODAY)
    pdf, html_path = build_meeting(japan, japan.root / JAPAN_MEETING, options)
    html = html_path.read_text(encoding="utf-8")
    for text in (flat(pdf_text(pdf)), html):
        for marker in LATE:
            assert marker not in text, marker
        assert "EARLY-POINT" in text and "Shigeru Ishiba" in text and "Boluarte" in text
        assert "TASS" not in text  # a source of October 2025
        dates = dates_in(text, lang)
        assert dates and max(dates) <= date(2025, 8, 8), max(dates)  # the meeting's own date
    cover = flat(re.sub(r"<[^>]+>", "", section(html, "cover")))
    for line in EVE[lang]:
        assert line in cover, line
    # The summit's own account is dated on the day: the brief of its eve does not list it.
    assert "Embassy of Japan in France" not in html and "Ambassade du Japon" not in html


def dates_in(text: str, lang: str) -> list[date]:
    """Every date the text prints with a month, as its last day: what it claims to know."""
    months = [format_date(date(2000, m, 1), "MMMM", locale=lang) for m in range(1, 13)]
    names = "|".join(months)
    if lang == "en":
        # August 8, 2025 (the locale's) or 8 August 2025 (prose written that way)
        found = re.findall(rf"(?:\b(\d{{1,2}}) )?\b({names})(?: (\d{{1,2}}),)? (\d{{4}})", text)
        parts = [(year, month, first or day) for first, month, day, year in found]
    else:
        found = re.findall(rf"(?:\b(\d{{1,2}})(?:er)?[ {NBSP}])?({names})[ {NBSP}](\d{{4}})", text)
        parts = [(year, month, day) for day, month, year in found]
    out = []
    for year, month, day in parts:
        number = months.index(month) + 1
        last = int(day) if day else calendar.monthrange(int(year), number)[1]
        out.append(date(int(year), number, last))
    return out


# --- packs ------------------------------------------------------------------------------


def test_as_of_reaches_the_pack_and_is_part_of_its_stamps(japan: Workspace) -> None:
    regions = japan.regions_path
    plant(
        regions,
        "regions:",
        "  - {id: solo, kind: region, names: {en: Solo, fr: Solo}, members: [peru],"
        " as_of: 2025, sources: [un-m49]}\n",
    )
    statuses: dict[str, str] = {}

    def record(part: Part, done: int, total: int) -> None:
        statuses[part.partner] = part.status

    past = BuildOptions(langs=("en",), formats=("html",), today=TODAY, as_of=date(2025, 8, 8))
    [pack] = build_pack(japan, "solo", "japan", past, jobs=1, progress=record)
    member = japan.root / "briefs/japan/peru.en.html"
    text = flat(pdf_text(pack))
    assert "These briefs show each relationship as it stood on August 8, 2025." in text
    assert "This brief shows the relationship as it stood on August 8, 2025." in text
    assert "EARLY-VISIT" in text and "LATE-VISIT" not in text
    assert "LATE-VISIT" not in member.read_text(encoding="utf-8")
    now = BuildOptions(langs=("en",), formats=("html",), today=TODAY)
    build_pack(japan, "solo", "japan", now, jobs=1, progress=record)
    assert statuses == {"peru": "built"}  # not the chapter built for 8 August 2025
    assert "LATE-VISIT" in member.read_text(encoding="utf-8")
    assert "as it stood" not in flat(pdf_text(pack))
