"""House settings per home: each home's briefs in its own scheme, with its own emblem or
none, and its own fiscal calendar; shared files marked in another scheme stay out.

Each test builds from a scratch copy of the sample workspace, and reads what a reader
would: the banners and the figures drawn on each PDF page, the DOCX's headers and pictures.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import Result
from PIL import Image
from pypdf import PdfReader

from briefing.build import BuildOptions, render_brief
from briefing.classification import SCHEMES
from briefing.levels import level_in
from briefing.periods import parse_when
from briefing.workspace import Workspace, open_workspace
from readers import banners, docx_parts, figures

Brief = Callable[..., Result]
BOTH = ("--format", "pdf,docx", "-q")


def build(brief: Brief, ws: Workspace, target: str, *args: str) -> Path:
    result = brief("build", target, *BOTH, *args, "--workspace", ws.root)
    assert result.exit_code == 0, result.output
    return ws.root / "briefs" / target


def settings(ws: Workspace, old: str, new: str) -> Workspace:
    """The workspace with one line of brief.yaml rewritten, reopened."""
    path = ws.root / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return open_workspace(ws.root)


def pdf_figures(path: Path) -> list[int]:
    return [figures(page) for page in PdfReader(path).pages]


def docx_pictures(path: Path) -> dict[str, int]:
    """How many emblems (pictures whose alt text is the author, as the emblem stands for
    the author) the DOCX's body holds, and how many pictures its cover and running headers."""
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.different_first_page_header_footer  # the cover has a header of its own
    author = document.core_properties.author
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    return {
        "body": alts.count(author),
        "cover header": section.first_page_header._element.xml.count("<pic:pic"),
        "header": section.header._element.xml.count("<pic:pic"),
    }


def test_france_is_marked_in_the_french_scheme_without_an_emblem(
    brief: Brief, workspace: Workspace
) -> None:
    out = build(brief, workspace, "france/peru")
    for lang, marking in (("fr", "NON PROTÉGÉ"), ("en", "NOT PROTECTED")):
        pdf = PdfReader(out.with_suffix(f".{lang}.pdf"))
        for page in pdf.pages:
            top, bottom = banners(page)
            assert top == marking and bottom.startswith(marking), (lang, top, bottom)
        assert pdf_figures(out.with_suffix(f".{lang}.pdf")) == [0] * len(pdf.pages)
        document = out.with_suffix(f".{lang}.docx")
        assert docx_pictures(document) == {"body": 0, "cover header": 0, "header": 0}
        section = docx.Document(str(document)).sections[0]
        for part in (section.header, section.first_page_header, section.footer):
            assert part.paragraphs[0].text == marking
        assert "CLASSIFI" not in docx_parts(document)  # no Canadian level anywhere


def test_canada_has_its_emblem_once_on_the_cover(brief: Brief, workspace: Workspace) -> None:
    out = build(brief, workspace, "canada/peru", "--lang", "en")
    pages = pdf_figures(out.with_suffix(".en.pdf"))
    assert pages[0] == 1  # the cover's emblem, not the running header's as well
    assert all(count >= 1 for count in pages[1:])  # the running header from page 2
    counts = docx_pictures(out.with_suffix(".en.docx"))
    assert counts == {"body": 1, "cover header": 0, "header": 1}


def test_japan_has_no_emblem_unless_its_home_sets_one(brief: Brief, workspace: Workspace) -> None:
    out = build(brief, workspace, "japan/peru", "--lang", "en")
    assert set(pdf_figures(out.with_suffix(".en.pdf"))) == {0}
    assert docx_pictures(out.with_suffix(".en.docx")) == {"body": 0, "cover header": 0, "header": 0}
    emblem = io.BytesIO()
    Image.new("RGB", (64, 32), "#bc002d").save(emblem, "PNG")
    (workspace.root / "templates/logo-japan.png").write_bytes(emblem.getvalue())
    japan = "  japan:\n    author: {en: Ministry of Foreign Affairs of Japan"
    ws = settings(workspace, japan, "  japan:\n    logo: templates/logo-japan.png\n" + japan[9:])
    out = build(brief, ws, "japan/peru", "--lang", "en")
    pages = pdf_figures(out.with_suffix(".en.pdf"))
    assert pages[0] == 1 and all(count >= 1 for count in pages[1:]), pages
    assert docx_pictures(out.with_suffix(".en.docx")) == {"body": 1, "cover header": 0, "header": 1}
    canada = build(brief, ws, "canada/peru", "--lang", "en", "--format", "html")
    assert "data:image/png" not in canada.with_suffix(".en.html").read_text(encoding="utf-8")


LEADER = "  - name: José María Balcázar\n"


def leader_marked(ws: Workspace, level: str) -> None:
    profile = ws.root / "data/countries/peru.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace(LEADER, f"{LEADER}    classification: {level}\n"), "utf-8")


def html(ws: Workspace, home: str, level: str | None = None) -> str:
    [(_, text, _)] = render_brief(ws, home, "peru", BuildOptions(langs=("en",), level=level))
    return text


def test_a_shared_item_above_the_lowest_level_of_another_scheme_is_left_out(
    workspace: Workspace,
) -> None:
    leader_marked(workspace, "PROTECTED A")
    assert "<dd>José María Balcázar" in html(workspace, "canada", "PROTECTED A")
    assert "<dd>José María Balcázar" not in html(workspace, "canada", "UNCLASSIFIED")
    # France's scheme has no PROTECTED A, nor anything known to be as low: left out at any
    # level, even TRÈS SECRET, and the brief is marked as if it were not there
    for level in SCHEMES["french"].names():
        france = html(workspace, "france", level)
        assert "<dd>José María Balcázar" not in france and "PROTECTED A" not in france, level
    assert '<header class="banner running">NOT PROTECTED</header>' in html(workspace, "france")


def test_a_shared_item_at_the_lowest_level_reaches_another_scheme(workspace: Workspace) -> None:
    leader_marked(workspace, "UNCLASSIFIED")  # the lowest of each scheme answer to each other
    france = html(workspace, "france")
    assert "Balcázar" in france and "NOT PROTECTED" in france


def test_a_shared_file_marked_above_the_lowest_level_is_left_out_whole(
    workspace: Workspace,
) -> None:
    profile = workspace.root / "data/countries/peru.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace("as_of: 2026-02-18\n", "as_of: 2026-02-18\nclassification: PROTECTED A\n"),
        "utf-8",
    )
    assert "Lima" in html(workspace, "canada", "PROTECTED A")
    france = html(workspace, "france", "TRÈS SECRET")
    assert (
        "Lima" not in france and "<dd>José María Balcázar" not in france and "Peru" in france
    )  # pycountry's


def test_level_in_maps_only_the_lowest_levels_across_schemes() -> None:
    canada, french = SCHEMES["canada"], SCHEMES["french"]
    assert level_in(french, "UNCLASSIFIED", canada) == "NON PROTÉGÉ"
    assert level_in(french, "PROTECTED A", canada) is None
    assert level_in(french, "SECRET", canada) is None  # the same name is not the same rule
    assert level_in(canada, "PROTECTED B", canada) == "PROTECTED B"


def test_classification_is_checked_against_the_home_scheme(
    brief: Brief, workspace: Workspace
) -> None:
    result = brief(
        "build",
        "france/peru",
        "--classification",
        "PROTECTED A",
        *BOTH,
        "--workspace",
        workspace.root,
    )
    assert result.exit_code != 0 and not (workspace.root / "briefs").exists()
    assert result.stderr.strip().splitlines() == [
        "brief: --classification 'PROTECTED A' is not a level of the french scheme, which "
        "france's briefs use (expected one of: NON PROTÉGÉ, DIFFUSION RESTREINTE, SECRET, "
        "TRÈS SECRET)"
    ]
    rel = workspace.root / "data/france/peru.yaml"
    rel.write_text(rel.read_text(encoding="utf-8").replace("NON PROTÉGÉ", "UNCLASSIFIED"), "utf-8")
    checked = brief("check", rel, "--workspace", workspace.root)
    assert checked.exit_code == 1
    assert (
        "data/france/peru.yaml:11:17: classification: 'UNCLASSIFIED' is a level of the canada "
        "scheme, but home france uses the french scheme (expected one of: NON PROTÉGÉ, "
        "DIFFUSION RESTREINTE, SECRET, TRÈS SECRET)"
    ) in checked.output


def test_a_fiscal_year_named_by_its_end_is_printed_and_dated_as_its_home_does(
    workspace: Workspace,
) -> None:
    peru = "  peru:\n"
    ws = settings(
        workspace, peru, peru + "    fiscal_year_start: 10\n    fiscal_year_named_by: end\n"
    )
    # a US-style FY2022: October 2021 to September 2022, named as its home names it
    us = ws.formatter("peru", "en")
    assert us.when("FY2022") == "fiscal year 2022 (October 2021 to September 2022)"
    assert us.when("FY2021/FY2022") == "fiscal year 2021–2022 (October 2020 to September 2022)"
    fy2022 = parse_when("FY2022")
    assert fy2022.first_day(10, "end") == date(2021, 10, 1)
    assert fy2022.last_day(10, "end") == date(2022, 9, 30)
    # Canada's FY2011 is named by its start: April 2011 to March 2012
    canada = ws.formatter("canada", "en")
    assert canada.when("FY2011") == "fiscal year 2011–2012 (April 2011 to March 2012)"
    assert parse_when("FY2011").first_day(4) == date(2011, 4, 1)
    assert parse_when("FY2011").last_day(4) == date(2012, 3, 31)
    # a calendar fiscal year is its year, however it is named
    assert parse_when("FY2022").last_day(1, "end") == date(2022, 12, 31)


BAD_HOMES = {
    "unknown scheme": (
        "    classification: {scheme: french, default: NON PROTÉGÉ}",
        "    classification: {scheme: nato, default: NON PROTÉGÉ}",
        r"brief\.yaml:\d+:\d+: homes\.france\.classification\.scheme: 'nato' .*\(expected .*french",
    ),
    "default of another scheme": (
        "    classification: {scheme: french, default: NON PROTÉGÉ}",
        "    classification: {scheme: french, default: UNCLASSIFIED}",
        r"brief\.yaml:\d+:\d+: homes\.france\.classification: default level 'UNCLASSIFIED' is "
        r"not in the french scheme \(expected one of: NON PROTÉGÉ, DIFFUSION RESTREINTE",
    ),
    "logo out of the workspace": (
        "    logo: templates/logo-canada.svg",
        "    logo: ../logo.svg",
        r"brief\.yaml:\d+:11: homes\.canada\.logo: '\.\./logo\.svg' is not a path to a logo in "
        r"the workspace \(expected a relative path to an \.svg or \.png file",
    ),
    "logo of another kind": (
        "    logo: templates/logo-canada.svg",
        "    logo: templates/logo.jpg",
        r"brief\.yaml:\d+:11: homes\.canada\.logo: 'templates/logo\.jpg' is not a path to a logo",
    ),
    "fiscal year named by the middle": (
        "    logo: templates/logo-canada.svg",
        "    fiscal_year_named_by: middle\n    logo: templates/logo-canada.svg",
        r"brief\.yaml:\d+:27: homes\.canada\.fiscal_year_named_by: .*'middle'.*\(expected .*start",
    ),
}


@pytest.mark.parametrize(("old", "new", "expected"), BAD_HOMES.values(), ids=BAD_HOMES)
def test_bad_home_settings_are_one_located_line(
    brief: Brief, workspace: Workspace, old: str, new: str, expected: str
) -> None:
    path = workspace.root / "brief.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = brief("check", "--workspace", workspace.root)
    assert result.exit_code == 1
    *lines, summary = result.stderr.strip().splitlines()
    assert summary == "1 problem found"
    assert len(lines) == 1 and re.fullmatch(expected + ".*", lines[0]), lines


def test_a_missing_logo_is_one_located_line(brief: Brief, workspace: Workspace) -> None:
    (workspace.root / "templates/logo-canada.svg").unlink()
    result = brief("build", "canada/peru", "--lang", "en", *BOTH, "--workspace", workspace.root)
    assert result.exit_code == 1 and not (workspace.root / "briefs").exists()
    assert result.stderr.strip().splitlines()[:-1] == [
        "brief.yaml:16:11: homes.canada.logo: templates/logo-canada.svg is not a file "
        "(expected an SVG or PNG)"
    ]


def test_a_new_relationship_of_a_home_is_in_its_scheme(brief: Brief, workspace: Workspace) -> None:
    result = brief("new", "france/chile", "--workspace", workspace.root)
    assert result.exit_code == 0, result.output
    text = (workspace.root / "data/france/chile.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/relationship.french.json")
    assert "\nclassification: NON PROTÉGÉ\n" in text
    checked = brief(
        "check", workspace.root / "data/france/chile.yaml", "--workspace", workspace.root
    )
    assert checked.exit_code == 0, checked.output
