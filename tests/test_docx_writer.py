"""The DOCX writer: render a hand-written brief and read the Word document back."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from briefing.errors import TemplateProblem
from briefing.writers.docx import DocxMeta, render_docx

REFERENCE = Path(__file__).resolve().parents[1] / "src/briefing/templates/reference.docx"
URL = "https://www.international.gc.ca/peru"
CHART_TITLE = "Bar chart of merchandise trade by year: 2010 exports 4.2, imports 3.1"

META = DocxMeta(
    title="Peru: country brief",
    author="Latin America Division",
    subject="Canada–Peru relations",
    language="en-CA",
    keywords="Peru, trade, UNCLASSIFIED",
    category="UNCLASSIFIED",
    marking="UNCLASSIFIED",
    page_label="Page {page} of {pages}",
    toc_title="Contents",
    level="UNCLASSIFIED",
)

CHART = f"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60" width="120" height="60" role="img">
<title>{CHART_TITLE}</title>
<defs><linearGradient id="g" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#1f4e79"/>
</linearGradient></defs>
<!-- bars -->
<rect x="10" y="10" width="20" height="40" fill="url(#g)"/>
<rect x="40" y="25" width="20" height="25" fill="#c55a11"/>
<text x="35" y="58" font-size="6" text-anchor="middle">2010</text>
</svg>"""

HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ignored</title>
<style>body {{ font-family: sans-serif }}</style></head>
<body class="brief country">
<header class="banner running">UNCLASSIFIED</header>
<section class="cover" id="cover">
  <p class="marking">UNCLASSIFIED</p>
  <h1>Peru</h1>
  <p class="subtitle">Country brief</p>
  <dl>
    <dt>Capital</dt><dd>Lima <br> (on the coast)</dd>
    <dt>GDP</dt><dd>US$268 billion <sup>1</sup></dd>
  </dl>
</section>
<nav class="contents"></nav>
<section id="summary">
  <h2>Summary</h2>
  <p>Canada and   Peru   enjoy a <strong>close</strong> and <em>growing</em> partnership.
     See <a href="{URL}">the mission page</a> and <a href="#src-gac">source</a>.</p>
  <p class="note">Figures as of 2024.</p>
  <ul><li>Free trade since 2009<ul><li>Nested point</li></ul></li><li>Mining</li></ul>
  <ol class="points"><li>First point</li><li>Second point</li></ol>
</section>
<section id="trade">
  <h2>Trade</h2>
  <h3>Merchandise trade</h3>
  <p>En 2010, les exportations ont atteint 4,2\u202fmilliards\u00a0$.</p>
  <table class="figures">
    <caption>Merchandise trade by year</caption>
    <thead><tr><th>Year</th><th class="num">Exports</th><th class="num">Imports</th></tr></thead>
    <tbody>
      <tr><td>2010</td><td class="num">$4.2 billion</td><td class="num">$3.1 billion</td></tr>
      <tr><td>2011</td><td class="num">$4.4 billion<sup>*</sup></td><td class="num">–</td></tr>
    </tbody>
  </table>
  <figure class="chart">{CHART}<figcaption>Merchandise trade by year</figcaption></figure>
  <aside class="if-asked">
    <h4>If asked</h4>
    <p class="question">Will Canada raise mining disputes?</p>
    <p class="answer">Canada expects companies to respect local law.</p>
  </aside>
  <ol class="sources"><li id="src-gac">Global Affairs Canada, <em>Trade data</em>.</li></ol>
</section>
</body></html>"""


@pytest.fixture
def document(tmp_path: Path) -> Document:
    target = tmp_path / "brief.docx"
    render_docx(HTML, target, reference=REFERENCE, meta=META)
    return docx.Document(str(target))


def styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_headings_title_and_lists_use_word_styles(document: Document) -> None:
    assert styled(document, "Title") == ["Peru"]
    assert styled(document, "Subtitle") == ["Country brief"]
    assert styled(document, "Heading 1") == ["Summary", "Trade"]
    assert styled(document, "Heading 2") == ["Merchandise trade"]
    assert styled(document, "Heading 3") == ["If asked"]
    assert styled(document, "List Bullet") == ["Free trade since 2009", "Mining"]
    assert styled(document, "List Bullet 2") == ["Nested point"]
    assert styled(document, "List Number") == [
        "First point",
        "Second point",
        "Global Affairs Canada, Trade data.",
    ]
    assert styled(document, "Note") == ["Figures as of 2024."]


def test_each_numbered_list_counts_from_one(document: Document) -> None:
    num_ids = [
        p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        for p in document.paragraphs
        if p.style is not None and p.style.name == "List Number"
    ]
    assert num_ids[0] == num_ids[1] != num_ids[2]


def test_whitespace_collapses_but_no_break_spaces_survive(document: Document) -> None:
    normal = styled(document, "Normal")
    assert (
        "Canada and Peru enjoy a close and growing partnership."
        " See the mission page and source." in normal
    )
    assert "En 2010, les exportations ont atteint 4,2\u202fmilliards\u00a0$." in normal
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "close" in bold


def test_if_asked_lines_are_set_apart(document: Document) -> None:
    asked = [p for p in document.paragraphs if p.style is not None and p.style.name == "If Asked"]
    assert [p.text for p in asked] == [
        "Will Canada raise mining disputes?",
        "Canada expects companies to respect local law.",
    ]
    assert all(run.bold for run in asked[0].runs)
    assert not any(run.bold for run in asked[1].runs)


def test_table_is_editable_with_header_row_and_numbers_right_aligned(
    document: Document,
) -> None:
    facts, trade = document.tables
    assert [[c.text for c in row.cells] for row in facts.rows] == [
        ["Capital", "Lima\n(on the coast)"],
        ["GDP", "US$268 billion 1"],
    ]
    assert trade.style is not None and trade.style.name == "Brief Table"
    assert [[c.text for c in row.cells] for row in trade.rows] == [
        ["Year", "Exports", "Imports"],
        ["2010", "$4.2 billion", "$3.1 billion"],
        ["2011", "$4.4 billion*", "–"],
    ]
    assert [bool(row._tr.xpath("./w:trPr/w:tblHeader")) for row in trade.rows] == [
        True,
        False,
        False,
    ]
    assert trade.cell(1, 1).paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    assert trade.cell(1, 0).paragraphs[0].alignment is None
    assert "Merchandise trade by year" in styled(document, "Caption")


def test_banner_and_page_fields_in_header_and_footer(document: Document) -> None:
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["UNCLASSIFIED"]
    footer = section.footer
    assert footer.paragraphs[0].text == "UNCLASSIFIED"
    assert footer.paragraphs[0].style.name == "Banner"
    footer_xml = footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert footer_xml.count('w:fldCharType="begin"') == 2
    assert footer.paragraphs[1].text.startswith("Page ")
    assert section.page_width is not None and round(section.page_width.inches, 2) == 8.5
    assert section.left_margin is not None and round(section.left_margin.cm, 1) == 2.0


def test_contents_are_where_the_template_puts_them_without_a_page_break(
    document: Document,
) -> None:
    body_xml = document.element.body.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in body_xml
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Peru") < texts.index("Contents") < texts.index("Summary")
    # Without the PDF's pages (none given here) the entries have no page numbers.
    assert styled(document, "toc 1") == ["Summary", "Trade"]
    assert styled(document, "toc 2") == ["Merchandise trade"]
    assert 'w:type="page"' not in body_xml


def test_core_properties_and_language(document: Document) -> None:
    props = document.core_properties
    assert props.title == "Peru: country brief"
    assert props.author == "Latin America Division"
    assert props.subject == "Canada–Peru relations"
    assert props.category == "UNCLASSIFIED"
    assert props.keywords == "Peru, trade, UNCLASSIFIED"
    assert props.language == "en-CA"
    assert props.comments == "Generated by brief"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-CA"


def test_chart_is_a_picture_with_alt_text(document: Document) -> None:
    assert len(document.inline_shapes) == 1
    doc_pr = document.inline_shapes[0]._inline.docPr
    assert doc_pr.get("descr") == CHART_TITLE
    assert doc_pr.get("title") == CHART_TITLE
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    blob = document.part.related_parts[image].blob
    assert blob.startswith(b"\x89PNG")
    assert round(document.inline_shapes[0].width.cm) == 15


def test_external_link_is_a_hyperlink_internal_is_text(document: Document) -> None:
    links = [link for p in document.paragraphs for link in p.hyperlinks if not link.fragment]
    assert [(link.text, link.url) for link in links] == [("the mission page", URL)]


def test_french_brief_has_french_placeholder_and_language(tmp_path: Path) -> None:
    meta = DocxMeta(
        title="Pérou",
        author="Direction de l’Amérique latine",
        subject="Relations Canada–Pérou",
        language="fr-FR",
        keywords="Pérou",
        category="NON CLASSIFIÉ",
        marking="NON CLASSIFIÉ",
        page_label="Page {page} de {pages}",
        toc_title="Table des matières",
        level="UNCLASSIFIED",
    )
    target = tmp_path / "brief.fr.docx"
    without_headings = re.sub(r"<h[234]>.*?</h[234]>", "", HTML)  # nothing to list yet
    render_docx(without_headings, target, reference=REFERENCE, meta=meta)
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "Table des matières" in texts
    assert "Cliquez avec le bouton droit pour mettre à jour la table des matières." in texts
    assert document.core_properties.language == "fr-FR"
    assert document.core_properties.comments == "Produit par brief"
    assert document.sections[0].header.paragraphs[0].text == "NON CLASSIFIÉ"
    assert document.sections[0].footer.paragraphs[1].text.startswith("Page ")
    assert " de " in document.sections[0].footer.paragraphs[1].text


@pytest.mark.parametrize(
    ("fragment", "named"),
    [
        ('<section id="trade"><video src="x.mp4"></video></section>', "<video> (in section#trade)"),
        ('<section id="trade"><script>alert(1)</script></section>', "<script>"),
        ("<p>Text <code>x</code></p>", "<code> (in p"),
        ("<ul><li>a</li>loose</ul>", "text directly inside <ul>"),
        ('<table><tr><td rowspan="2">a</td></tr></table>', "rowspan"),
    ],
)
def test_unknown_elements_are_template_problems(tmp_path: Path, fragment: str, named: str) -> None:
    target = tmp_path / "bad.docx"
    with pytest.raises(TemplateProblem, match=re.escape(named)):
        render_docx(f"<html><body>{fragment}</body></html>", target, reference=REFERENCE, meta=META)
    assert not target.exists()


def test_a_reference_without_the_brief_styles_falls_back(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's own template: no Banner, Brief Table...
    target = tmp_path / "brief.docx"
    render_docx(HTML, target, reference=plain, meta=META)
    document = docx.Document(str(target))
    assert styled(document, "Heading 1") == ["Summary", "Trade"]
    assert document.tables[1].style is not None
    assert document.tables[1].style.name == "Table Grid"
    assert "Will Canada raise mining disputes?" in styled(document, "Quote")
    assert document.sections[0].header.paragraphs[0].text == "UNCLASSIFIED"


def test_the_document_is_a_valid_package(tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    render_docx(HTML, target, reference=REFERENCE, meta=META)
    with zipfile.ZipFile(target) as package:
        assert package.testzip() is None
        assert "word/media/image1.png" in package.namelist()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_document(tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    render_docx(HTML, target, reference=REFERENCE, meta=META)
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "brief.pdf").stat().st_size > 1000
