"""The printed page, read as a reader sees it: where pdfplumber finds each character, line
and drawing of the country briefs (en, fr, and the es brief of Peru on Brazil)."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from pdfplumber.page import Page

from briefing.build import BuildOptions, build_brief
from briefing.workspace import Workspace

TODAY = date(2026, 11, 23)
CM = 72 / 2.54
SIDE = 2 * CM  # style.css: @page margin, left and right
TOP_BOTTOM = 2.2 * CM
BRIEFS = {
    "canada/peru.en": ("UNCLASSIFIED", "Page {} of {}"),
    "canada/peru.fr": ("NON CLASSIFIÉ", "Page {} de {}"),
    "canada/peru.es": ("NO CLASIFICADO", "Página {} de {}"),  # Spanish labels, widest table
    "peru/brazil.es": ("NO CLASIFICADO", "Página {} de {}"),
    "canada/asean.fr": ("PROTÉGÉ A", "Page {} de {}"),  # its data holds PROTECTED A items
}
TRADE = {
    "en": "Trade in goods, in Canadian dollars",
    "fr": "Commerce de marchandises, en dollars canadiens",
    "es": "Comercio de bienes, en dólares canadienses",
}


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs and HTML of BRIEFS, built once from a copy of the sample workspace."""
    from conftest import copy_workspace

    ws: Workspace = copy_workspace(tmp_path_factory.mktemp("layout"))
    wanted: dict[str, list[str]] = {}
    for name in BRIEFS:
        target, lang = name.split(".")
        wanted.setdefault(target, []).append(lang)
    for target, langs in wanted.items():
        options = BuildOptions(langs=tuple(langs), formats=("pdf", "html"), today=TODAY)
        build_brief(ws, target, options)
    return ws.root / "briefs"


def pages(briefs: Path, name: str) -> list[Page]:
    pdf = pdfplumber.open(briefs / f"{name}.pdf")
    return list(pdf.pages)


def lines(page: Page) -> list[str]:
    return [line["text"] for line in page.extract_text_lines()]


def words(page: Page) -> list[str]:
    """The page's words and phrases, without their spaces: a chart's SVG text has none in
    the PDF's text, as its glyphs are placed one by one."""
    return ["".join(w["text"].split()) for w in page.extract_words(keep_blank_chars=True)]


@pytest.mark.parametrize("name", BRIEFS)
def test_no_character_lies_outside_the_text_area(briefs: Path, name: str) -> None:
    """Every character is within the side margins; above and below the text area there is
    only the page furniture: the marking, the emblem and the page number."""
    marking, label = BRIEFS[name]
    every = pages(briefs, name)
    for number, page in enumerate(every, 1):
        outside = [
            c["text"]
            for c in page.chars
            if c["x0"] < SIDE - 0.5 or c["x1"] > page.width - SIDE + 0.5
        ]
        assert not outside, (name, number, "".join(outside))
        furniture = [
            line["text"]
            for line in page.extract_text_lines()
            if line["top"] < TOP_BOTTOM or line["bottom"] > page.height - TOP_BOTTOM
        ]
        page_label = label.format(number, len(every))
        allowed = {marking, f"{marking} {page_label}"}
        assert furniture and set(furniture) <= allowed, (name, number, furniture)


@pytest.mark.parametrize("name", BRIEFS)
def test_every_page_is_numbered_the_first_too(briefs: Path, name: str) -> None:
    every = pages(briefs, name)
    label = BRIEFS[name][1]
    for number, page in enumerate(every, 1):
        assert label.format(number, len(every)) in page.extract_text(), (name, number)


@pytest.mark.parametrize("name", BRIEFS)
def test_no_address_breaks_inside_its_scheme(briefs: Path, name: str) -> None:
    """A URL may break in its path, never as "h / ttps://" nor after "https://"."""
    every = [line for page in pages(briefs, name) for line in lines(page)]
    assert any("https://" in line for line in every)
    for line, after in itertools.pairwise(every):
        for scheme in ("https://", "http://"):
            for cut in range(1, len(scheme) + 1):  # the whole scheme: a line ends on it
                head, tail = scheme[:cut], scheme[cut:]
                assert not (line.endswith(head) and after.startswith(tail)), (name, line, after)


@pytest.mark.parametrize("name", BRIEFS)
def test_the_cover_says_its_classification_once_beside_the_banners(briefs: Path, name: str) -> None:
    marking = BRIEFS[name][0]
    cover = pages(briefs, name)[0]
    inside = [
        line["text"]
        for line in cover.extract_text_lines()
        if line["top"] >= TOP_BOTTOM and line["bottom"] <= cover.height - TOP_BOTTOM
    ]
    assert sum(line.count(marking) for line in inside) == 1, inside
    assert cover.extract_text().count(marking) == 3  # the top and bottom banners, and once


def test_a_title_keeps_its_hyphenated_compound_on_one_line(briefs: Path) -> None:
    cover = lines(pages(briefs, "canada/asean.fr")[0])
    assert any("Sud-Est" in line for line in cover), cover
    assert not any(line.endswith("Sud-") for line in cover), cover


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_trade_chart_is_on_the_page_of_its_table(briefs: Path, lang: str) -> None:
    """The table's caption (with its currency), the chart's bars and axis, and the source
    line under them are on one page."""
    for page in pages(briefs, f"canada/peru.{lang}"):
        text = page.extract_text()
        if TRADE[lang] in text:
            break
    else:
        pytest.fail(f"no page has the trade table: {TRADE[lang]}")
    table, chart = text.index(TRADE[lang]), text.index(TRADE[lang], text.index(TRADE[lang]) + 1)
    assert text.index("2011") < chart  # the table's rows come first, then the chart's caption
    source = {"en": "Source: Government", "fr": "Source : Gouvernement", "es": "Fuente: "}
    assert source[lang] in text
    assert len(page.rects) >= 5 and table < chart  # the chart's bars are drawn on this page
    scale = {"en": "B", "fr": "G", "es": "M"}[lang]  # CLDR's short billions: 4B, 4 G, 4000 M
    ticks = [w for w in words(page) if w == "0" or (w[:-1].isdigit() and w.endswith(scale))]
    assert ticks[0] == "0" and len(ticks) >= 4, ticks


@pytest.mark.parametrize(
    ("lang", "bound"),
    [("en", "over $522\u00a0million"), ("fr", "plus de 522\u00a0millions\u00a0$")],
)
def test_a_bounded_value_is_drawn_open_ended_and_labelled(
    briefs: Path, lang: str, bound: str
) -> None:
    """A value "over $522 million" is a bar to 522 million that goes on as a dashed arrow, labelled
    with its qualifier: the label sits right of the arrow's head, not of an exact bar end."""
    page = next(p for p in pages(briefs, f"canada/peru.{lang}") if TRADE[lang] in p.extract_text())
    label = max(
        (
            w
            for w in page.extract_words(keep_blank_chars=True)
            if "".join(w["text"].split()) == "".join(bound.split())
        ),
        key=lambda w: w["top"],  # the chart's, below the table's
    )
    arrows = [c for c in page.curves if c["x1"] < label["x0"] and c["x1"] > label["x0"] - 10]
    assert arrows, "no arrow head just left of the bound's label"
    bar = max(
        (r for r in page.rects if r["bottom"] > label["top"] and r["top"] < label["bottom"]),
        key=lambda r: r["x1"],
    )
    assert bar["x1"] < arrows[0]["x0"] - 10  # the bar stops short of the arrow: a bound


def cells(briefs: Path, name: str) -> list[lxml.html.HtmlElement]:
    page = lxml.html.parse(str(briefs / f"{name}.html")).getroot()
    return list(page.iter("td"))


@pytest.mark.parametrize("name", BRIEFS)
def test_no_cell_is_a_dash_or_a_lone_footnote_mark(briefs: Path, name: str) -> None:
    """A value the source does not give is left blank (or its column left out); a source
    mark is always beside what it sources."""
    for cell in cells(briefs, name):
        marks = "".join(sup.text_content() for sup in cell.iter("sup"))
        text = cell.text_content().strip()
        assert text not in ("–", "-", "—"), lxml.html.tostring(cell.getparent())
        assert not marks or text != marks.strip(), lxml.html.tostring(cell.getparent())


@pytest.mark.parametrize("name", BRIEFS)
def test_a_source_mark_after_a_number_is_bracketed(briefs: Path, name: str) -> None:
    """A mark after a digit is bracketed, "109[4]": "109⁴" reads as 109 to the 4th power."""
    page = lxml.html.parse(str(briefs / f"{name}.html")).getroot()
    marks = page.xpath('//sup[contains(concat(" ", @class, " "), " cite ")]')
    assert marks
    for sup in marks:
        before = sup.getprevious()
        if before is not None and before.tag == "sup" and not before.tail:
            continue  # the second mark of two, which the first one's form decides
        text = (before.tail if before is not None else sup.getparent().text) or ""
        if before is not None and not text:
            text = before.text_content()  # the mark follows an element: a figure in <strong>
        if text.rstrip()[-1:].isdigit():
            assert sup.text_content().startswith("["), lxml.html.tostring(sup.getparent())


@pytest.mark.parametrize("name", BRIEFS)
def test_no_source_mark_wraps_onto_a_line_of_its_own(briefs: Path, name: str) -> None:
    """A mark stays on the line of what it sources: no line holds only small marks."""
    for number, page in enumerate(pages(briefs, name), 1):
        for line in page.extract_text_lines(return_chars=True):
            small = all(c["size"] < 8 for c in line["chars"])
            marks = all(c["text"] in "0123456789,[]" for c in line["chars"])
            assert not (small and marks), (name, number, line["text"])
