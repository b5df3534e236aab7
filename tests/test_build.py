"""`brief build`: the country brief as a desk officer receives it, opened and read."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.workspace import Workspace
from readers import banners, docx_parts, outline_titles, pdf_text

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 23)
NBSP = "\u00a0"
SECRET_POINT = "Our fallback position on the beef market is KESTREL-7."
SECRET_VISIT = "Confidential envoy OSPREY-3"


@pytest.fixture
def classified(workspace: Workspace) -> Workspace:
    """The sample workspace with a SECRET talking point and a SECRET visit in canada/peru."""
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "\ntalking_points:\n",
        f"""
talking_points:
  - text: {{en: "{SECRET_POINT}", fr: "{SECRET_POINT}"}}
    topics: [trade]
    classification: SECRET
""",
    )
    text = text.replace(
        "\nvisits:\n",
        f"""
visits:
  - date: 2012-06
    who: {SECRET_VISIT}
    role: {{en: Envoy, fr: Envoyé}}
    direction: outgoing
    place: {{en: Lima, fr: Lima}}
    classification: SECRET
    sources: [gac-2012]
""",
    )
    path.write_text(text, encoding="utf-8")
    return workspace


def test_country_brief_pdf_in_both_languages(workspace: Workspace) -> None:
    written = build_brief(workspace, "canada/peru", BuildOptions(formats=("pdf",), today=TODAY))
    en, fr = (
        workspace.root / "briefs/canada/peru.en.pdf",
        workspace.root / "briefs/canada/peru.fr.pdf",
    )
    assert written == [en, fr]
    text_en, text_fr = pdf_text(en), pdf_text(fr)
    # Seed facts, formatted for each language.
    for fact in (
        "$4.453\u00a0billion",
        "over $522\u00a0million",
        "over $4.2\u00a0billion",
        "1968",
        "Ollanta Humala",
        "Diane Ablonczy",
        "Ed Fast",
        "Canada–Peru Free Trade Agreement",
    ):
        assert fact in text_en, fact
    for fact in (
        "4,453\u00a0milliards\u00a0$",
        "plus de 522\u00a0millions\u00a0$",
        "1968",
        "juillet 2011",
        "Accord de libre-échange Canada-Pérou",
        "Messages clés",
    ):
        assert fact in text_fr, fact
    # No English labels in the French brief.
    for label in ("Trade", "Talking points", "Summary", "Sources:", "Page 1 of", "over $"):
        assert label not in text_fr, label
    for path, marking, lang, title in (
        (en, "UNCLASSIFIED", "en", "Peru: country brief"),
        (fr, "NON CLASSIFIÉ", "fr", "Pérou\u00a0: note d’information"),
    ):
        reader = PdfReader(path)
        assert len(reader.pages) >= 3
        for number, page in enumerate(reader.pages, 1):
            top, bottom = banners(page)
            assert top == marking and bottom.startswith(marking), (number, top, bottom)
            assert bottom.endswith(
                f"{number} {'of' if lang == 'en' else 'de'} {len(reader.pages)}"
            ), bottom  # page 1 too
        assert reader.metadata is not None
        assert reader.metadata.title == title
        assert reader.metadata.author in ("Global Affairs Canada", "Affaires mondiales Canada")
        root = reader.trailer["/Root"]
        assert root["/Lang"] == f"{lang}-CA"  # the locale of Canada's briefs
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
    assert outline_titles(en)[:3] == ["Summary", "Background", "Political relations"]
    assert "Messages clés" in outline_titles(fr)


def test_country_brief_docx_in_both_languages(workspace: Workspace) -> None:
    build_brief(workspace, "canada/peru", BuildOptions(formats=("docx",), today=TODAY))
    for lang, marking, heading in (
        ("en", "UNCLASSIFIED", "Talking points"),
        ("fr", "NON CLASSIFIÉ", "Messages clés"),
    ):
        path = workspace.root / f"briefs/canada/peru.{lang}.docx"
        document = docx.Document(str(path))
        styles = {p.text: p.style.name for p in document.paragraphs}
        assert styles[heading] == "Heading 1"
        assert "Title" in styles.values() and "List Bullet" in styles.values()
        text = "\n".join(p.text for p in document.paragraphs)
        cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert "Ollanta Humala" in text + cells and "1968" in text
        amount = "$4.453\u00a0billion" if lang == "en" else "4,453\u00a0milliards\u00a0$"
        assert amount in cells
        section = document.sections[0]
        assert marking in " ".join(p.text for p in section.header.paragraphs)
        assert marking in section.footer.paragraphs[0].text
        footer_xml = section.footer._element.xml
        assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
        assert "TOC \\o" in document.element.body.xml
        props = document.core_properties
        assert props.title == (
            "Peru: country brief" if lang == "en" else "Pérou\u00a0: note d’information"
        )
        assert props.category == marking and props.language.startswith(lang)
        assert (
            document.inline_shapes[-1]
            ._inline.docPr.get("descr")
            .startswith("Bar chart by year: Trade in" if lang == "en" else "Graphique à barres")
        )
        if lang == "fr":
            for label in ("Trade", "Talking points", "Summary", "Page {page}"):
                assert label not in docx_parts(path), label


def test_fonts_are_embedded_and_links_work(workspace: Workspace) -> None:
    build_brief(
        workspace, "canada/peru", BuildOptions(langs=("fr",), formats=("pdf",), today=TODAY)
    )
    reader = PdfReader(workspace.root / "briefs/canada/peru.fr.pdf")
    fonts = set()
    uris = []
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(font["/BaseFont"])
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A", {})
            if "/URI" in action:
                uris.append(action["/URI"])
    assert any("Liberation" in f or "DejaVu" in f for f in fonts), fonts
    assert (
        "http://www.canadainternational.gc.ca/peru-perou/bilateral_relations_bilaterales/"
        "canda_peru-perou.aspx?menu_id=7" in uris
    )
    assert any(u.startswith("#") or "src-" in u for u in uris) or len(uris) >= 1
    chart_page = next(p for p in reader.pages if "Commerce de marchandises" in p.extract_text())
    assert b" re" in chart_page.get_contents().get_data()  # bars drawn as vector rectangles


def test_html_escapes_and_leaves_out_empty_sections(workspace: Workspace) -> None:
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\ninvestment:"), text.index("\naid:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    build_brief(
        workspace, "canada/peru", BuildOptions(langs=("en",), formats=("html",), today=TODAY)
    )
    html = (workspace.root / "briefs/canada/peru.en.html").read_text()
    assert 'id="trade"' in html and 'id="investment"' not in html
    assert "<h2>Investment</h2>" not in html


def test_marks_of_one_item_are_in_the_order_of_their_numbers(workspace: Workspace) -> None:
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    # the data lists wp-fast first, whose number is the higher: the marks print low to high
    path.write_text(
        text.replace(
            "summary:\n  sources: [gac-2012]", "summary:\n  sources: [wp-fast, gac-2012]", 1
        ),
        encoding="utf-8",
    )
    build_brief(
        workspace, "canada/peru", BuildOptions(langs=("en",), formats=("html",), today=TODAY)
    )
    html = (workspace.root / "briefs/canada/peru.en.html").read_text()
    summary = html[
        html.index('id="summary"') : html.index("</section>", html.index('id="summary"'))
    ]
    numbers = [int(n) for n in re.findall(r'<a href="#src-[^"]+">(\d+)</a>', summary)]
    assert len(numbers) >= 2 and numbers[0] < numbers[1], numbers


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_matches_golden_file(workspace: Workspace, lang: str) -> None:
    build_brief(
        workspace, "canada/peru", BuildOptions(langs=(lang,), formats=("html",), today=TODAY)
    )
    html = (workspace.root / f"briefs/canada/peru.{lang}.html").read_text(encoding="utf-8")
    golden = GOLDEN / f"canada-peru.{lang}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: if the change is intended, rerun with UPDATE_GOLDEN=1"
    )


def test_items_above_the_build_level_are_absent_everywhere(classified: Workspace) -> None:
    options = BuildOptions(formats=("pdf", "docx", "html"), level="PROTECTED B", today=TODAY)
    for path in build_brief(classified, "canada/peru", options):
        text = {".pdf": pdf_text, ".docx": docx_parts}.get(path.suffix, Path.read_text)(path)
        assert "KESTREL" not in text and "OSPREY" not in text, path
        if path.suffix == ".pdf":
            assert "KESTREL" not in " ".join(outline_titles(path))
            assert "SECRET" not in str(PdfReader(path).metadata)
            assert "UNCLASSIFIED" in text or "NON CLASSIFIÉ" in text
    secret = build_brief(
        classified,
        "canada/peru",
        BuildOptions(langs=("en",), formats=("pdf",), level="SECRET", today=TODAY),
    )[0]
    text = pdf_text(secret)
    assert SECRET_POINT in re.sub(r"\s+", " ", text) and SECRET_VISIT in text
    reader = PdfReader(secret)
    for page in reader.pages:
        assert banners(page)[0] == "SECRET"
    assert reader.metadata is not None and reader.metadata["/Keywords"] == "SECRET"


def test_failed_build_leaves_previous_outputs(workspace: Workspace) -> None:
    options = BuildOptions(langs=("en",), formats=("html",), today=TODAY)
    [html] = build_brief(workspace, "canada/peru", options)
    before = html.read_bytes()
    path = workspace.relationship_path("canada", "peru")
    path.write_text(path.read_text().replace("value: 522e6", "value: 522 million"))
    with pytest.raises(Exception, match="is words, not an amount"):
        build_brief(workspace, "canada/peru", options)
    assert html.read_bytes() == before
    assert sorted(p.name for p in html.parent.iterdir()) == ["peru.en.html"]


def test_build_command_prints_paths_and_refuses_unknown_level(brief, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    result = brief(
        "build", "canada/peru", "--lang", "en", "--format", "html", "--workspace", workspace.root
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("briefs/canada/peru.en.html")
    bad = brief(
        "build", "canada/peru", "--classification", "SECRETISH", "--workspace", workspace.root
    )
    assert bad.exit_code == 1 and "not a level of the canada scheme" in bad.stderr
    usage = brief("build", "canada/peru", "--format", "rtf", "--workspace", workspace.root)
    assert usage.exit_code == 2


def test_portion_marks_are_a_workspace_setting(classified: Workspace) -> None:
    settings = classified.root / "brief.yaml"
    settings.write_text(settings.read_text().replace("portion_marks: false", "portion_marks: true"))
    from briefing.workspace import open_workspace

    ws = open_workspace(classified.root)
    [html] = build_brief(
        ws,
        "canada/peru",
        BuildOptions(langs=("fr",), formats=("html",), level="SECRET", today=TODAY),
    )
    text = html.read_text(encoding="utf-8")
    assert f'<span class="portion">(S)</span> {SECRET_POINT}' in text
    assert '<span class="portion">(U)</span> Le Canada et le Pérou' in text


@pytest.mark.parametrize(
    ("target", "facts"),
    [
        ("japan/peru", {"en": "Shigeru Ishiba", "fr": "Shigeru Ishiba"}),
        ("france/peru", {"en": "Alain Juppé", "fr": "Alain Juppé"}),
        ("canada/asean", {"en": f"$42.3{NBSP}billion", "fr": f"42,3{NBSP}milliards{NBSP}$"}),
        ("peru/brazil", {"es": "459", "en": "459"}),  # in the languages of Peru's home
    ],
)
def test_every_sample_brief_builds(
    workspace: Workspace, target: str, facts: dict[str, str]
) -> None:
    written = build_brief(workspace, target, BuildOptions(formats=("pdf", "docx"), today=TODAY))
    names = [f"{lang}.{fmt}" for lang in facts for fmt in ("pdf", "docx")]
    assert [p.name.split(".", 1)[1] for p in written] == names
    for path in written:
        lang = path.name.split(".")[1]
        text = pdf_text(path) if path.suffix == ".pdf" else docx_parts(path)
        assert facts[lang] in text, (path.name, facts[lang])
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            assert all(banners(page)[0] for page in reader.pages)
            # Spanish prose is not written yet: test_languages sees it marked as such
            assert "[EN]" not in text or lang in ("en", "es")
