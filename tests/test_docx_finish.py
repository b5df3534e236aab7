"""The finished Word document, built from the sample workspace and read back as XML.

Its contents are written out with the PDF's page numbers; its pictures have unique ids and
alt text; its classification is in the custom properties; it validates as OOXML.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.meetings import build_meeting
from briefing.packs import build_pack
from briefing.workspace import Workspace
from briefing.writers.docx import DocxMeta, render_docx
from conftest import PAIR_REGION, ROOT, copy_workspace

TODAY = date(2026, 11, 23)
REFERENCE = ROOT / "src/briefing/templates/reference.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
MEETING = "data/canada/meetings/2026-12-03-peru-fm.yaml"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return copy_workspace(tmp_path_factory.mktemp("docx"))


@pytest.fixture(scope="module")
def country(ws: Workspace) -> dict[str, Path]:
    """The Canada–Peru brief as PDF and DOCX, en and fr: {"en.docx": path, ...}."""
    options = BuildOptions(formats=("pdf", "docx"), langs=("en", "fr"), today=TODAY)
    return {".".join(p.name.split(".")[1:]): p for p in build_brief(ws, "canada/peru", options)}


def xml(path: Path, part: str) -> Any:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def parts(path: Path, pattern: str) -> list[Any]:
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if re.fullmatch(pattern, n)]
        return [etree.fromstring(package.read(n)) for n in names]


def text(element: Any) -> str:
    """The text of a paragraph or run, a tab as "\t"."""
    return "".join(
        "\t" if el.tag == f"{{{W}}}tab" else el.text or ""
        for el in element.iter(f"{{{W}}}t", f"{{{W}}}tab")
        if el.getparent().tag == f"{{{W}}}r"  # not the tab stops of the paragraph
    )


def pdf_outline(path: Path) -> list[tuple[str, int]]:
    """The PDF's bookmarks of levels 1 and 2, in order: (title, page from 1)."""
    reader = PdfReader(path)
    found: list[tuple[str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                if depth < 2:
                    walk(item, depth + 1)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


def contents(path: Path) -> list[Any]:
    body = xml(path, "word/document.xml")
    return list(body.xpath("//w:p[w:pPr/w:pStyle[@w:val='TOC1' or @w:val='TOC2']]", namespaces=NS))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_contents_are_written_out_with_the_pdf_page_numbers(
    country: dict[str, Path], lang: str
) -> None:
    entries = contents(country[f"{lang}.docx"])
    shown = []
    for entry in entries:
        label, page = text(entry).split("\t")
        shown.append((label, int(page)))
    assert shown == pdf_outline(country[f"{lang}.pdf"])
    assert len(shown) > 10 and shown[0][1] == 1 and shown[-1][1] > 3
    # Real TOC 1 / TOC 2 entries: the second level in the second style.
    styles = [e.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for e in entries]
    assert {"TOC1", "TOC2"} == set(styles)


def test_contents_are_one_field_whose_entries_link_to_their_headings(
    country: dict[str, Path],
) -> None:
    path = country["en.docx"]
    entries = contents(path)
    marks = [e.xpath(".//w:fldChar/@w:fldCharType", namespaces=NS) for e in entries]
    assert marks[0] == ["begin", "separate"] and marks[-1] == ["end"]
    assert all(not m for m in marks[1:-1])
    code = "".join(entries[0].xpath(".//w:instrText/text()", namespaces=NS))
    assert code.strip().startswith('TOC \\o "1-2" \\h')
    body = xml(path, "word/document.xml")
    for entry in entries:
        [anchor] = entry.xpath("w:hyperlink/@w:anchor", namespaces=NS)
        [heading] = body.xpath(
            f"//w:p[w:bookmarkStart/@w:name='{anchor}']", namespaces=NS
        )  # the bookmark is on the heading of the entry's text
        assert text(heading) == entry.xpath("string(w:hyperlink/w:r[1]/w:t)", namespaces=NS)
        assert heading.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS).startswith("Heading")
    settings = xml(path, "word/settings.xml")
    assert settings.xpath("w:updateFields/@w:val", namespaces=NS) == ["true"]
    # the contents stay one block, on the page of their heading
    kept = [e.xpath("boolean(w:pPr/w:keepNext)", namespaces=NS) for e in entries]
    assert kept == [True] * (len(entries) - 1) + [False]


def test_no_forced_page_break_after_the_cover(country: dict[str, Path]) -> None:
    body = xml(country["en.docx"], "word/document.xml")
    assert not body.xpath("//w:br[@w:type='page'] | //w:pageBreakBefore", namespaces=NS)


def test_adjacent_citations_stay_separate(country: dict[str, Path]) -> None:
    body = xml(country["en.docx"], "word/document.xml")
    separated = 0
    for paragraph in body.iter(f"{{{W}}}p"):
        runs = paragraph.xpath(".//w:r[w:rPr/w:vertAlign/@w:val='superscript']", namespaces=NS)
        marks = [text(run) for run in runs if run.getnext() in runs or run.getprevious() in runs]
        assert not any(a.isdigit() and b.isdigit() for a, b in pairwise(marks))
        separated += marks.count(",")
    assert separated  # the cover's interim president cites two sources: "2,3"


def test_picture_ids_are_unique_and_every_picture_has_alt_text(
    country: dict[str, Path],
) -> None:
    pictures = [
        doc_pr
        for part in parts(country["en.docx"], r"word/(document|header\d+|footer\d+)\.xml")
        for doc_pr in part.iter(f"{{{NS['wp']}}}docPr")
    ]
    ids = [p.get("id") for p in pictures]
    assert len(pictures) >= 3  # the header's emblem, the cover's, the trade chart
    assert len(set(ids)) == len(ids)
    assert all(p.get("descr", "").strip() for p in pictures)


def test_chart_is_kept_on_the_page_of_its_table(country: dict[str, Path]) -> None:
    body = xml(country["en.docx"], "word/document.xml")
    [chart] = body.xpath("//w:p[.//wp:docPr[starts-with(@descr, 'Bar chart')]]", namespaces=NS)
    table = chart.getprevious()
    while table.tag != f"{{{W}}}tbl":  # the note on derived figures may come between
        assert table.xpath("w:pPr/w:keepNext", namespaces=NS)
        table = table.getprevious()
    cells = table.xpath(".//w:tc/w:p", namespaces=NS)
    assert cells and all(p.xpath("w:pPr/w:keepNext", namespaces=NS) for p in cells)
    assert table.getprevious().xpath("w:pPr/w:keepNext", namespaces=NS)  # its caption


def custom_properties(path: Path) -> dict[str, str]:
    props = xml(path, "docProps/custom.xml")
    return {p.get("name"): p.xpath("string(vt:lpwstr)", namespaces=NS) for p in props}


@pytest.mark.parametrize(
    ("target", "level", "expected"),
    [
        ("canada/asean", "UNCLASSIFIED", "UNCLASSIFIED"),
        ("canada/asean", "PROTECTED A", "PROTECTED A"),  # it holds PROTECTED A points
        ("canada/peru", "PROTECTED A", "UNCLASSIFIED"),  # nothing above UNCLASSIFIED in it
    ],
)
def test_classification_is_in_the_custom_properties(
    ws: Workspace, tmp_path: Path, target: str, level: str, expected: str
) -> None:
    options = BuildOptions(formats=("docx",), langs=("fr",), level=level, today=TODAY, out=tmp_path)
    [path] = build_brief(ws, target, options)
    assert custom_properties(path) == {"Classification": expected, "ClassificationLevel": expected}
    assert ws.scheme_of("canada").allows(expected, level)  # never above the build's level


def test_a_minus_sign_is_joined_to_its_number(tmp_path: Path) -> None:
    meta = DocxMeta(
        title="t",
        author="a",
        subject="s",
        language="en-CA",
        keywords="",
        category="UNCLASSIFIED",
        marking="UNCLASSIFIED",
        page_label="Page {page} of {pages}",
        toc_title="Contents",
        level="UNCLASSIFIED",
    )
    target = tmp_path / "minus.docx"
    render_docx("<p>Trade fell by \u22125.2% in 2020.</p>", target, reference=REFERENCE, meta=meta)
    assert text(xml(target, "word/document.xml")) == "Trade fell by \u2212\u20605.2% in 2020."


def audit(path: Path) -> list[str]:
    return [str(error) for error in OpenXmlValidator().validate(str(path)).errors]


def test_reference_docx_validates() -> None:
    assert audit(REFERENCE) == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_country_brief_validates(country: dict[str, Path], lang: str) -> None:
    assert audit(country[f"{lang}.docx"]) == []


def test_meeting_brief_validates(ws: Workspace, tmp_path: Path) -> None:
    options = BuildOptions(formats=("docx",), langs=("en",), today=TODAY, out=tmp_path)
    [path] = build_meeting(ws, ws.root / MEETING, options)
    assert audit(path) == []
    assert custom_properties(path)["Classification"] == "UNCLASSIFIED"
    # a short brief opening on its at-a-glance page: no contents, where its template has none
    assert contents(path) == []
    assert "TOC" not in "".join(
        xml(path, "word/document.xml").xpath("//w:instrText/text()", namespaces=NS)
    )


def test_pack_member_validates(tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path)
    regions = ws.regions_path
    text = regions.read_text(encoding="utf-8")
    regions.write_text(text.replace("\nregions:\n", PAIR_REGION, 1), encoding="utf-8")
    options = BuildOptions(formats=("docx",), langs=("en",), today=TODAY)
    build_pack(ws, "pair", "canada", options, jobs=1)
    member = ws.root / "briefs/canada/chile.en.docx"
    assert audit(member) == []
    assert contents(member)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_contents_and_whole_table_headers(
    country: dict[str, Path], tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    assert soffice is not None
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"  # beside any other
    convert = ("--headless", "--convert-to", "pdf", "--outdir", str(tmp_path))
    subprocess.run(
        [soffice, profile, *convert, str(country["fr.docx"])],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shown = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "peru.fr.pdf").pages)
    assert "Cliquez avec le bouton droit" not in shown
    assert re.search(r"Résumé[ .…]*1\n", shown)  # an entry, its dots and its page
    assert "Année" in shown  # the trade table's first header, not broken as "Anné / e"
