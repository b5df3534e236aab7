"""The meeting brief read page by page: the at-a-glance first page, the order of its
sections, "Example" on every page of a hypothetical meeting, and key figures with their
year and source."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefing.build import BuildOptions
from briefing.meetings import build_meeting
from briefing.workspace import Workspace
from readers import W, banners, outline_titles, pdf_text

TODAY = date(2026, 11, 23)
JAPAN = "data/japan/meetings/2025-08-08-peru-president.yaml"
CANADA = "data/canada/meetings/2026-12-03-peru-fm.yaml"
ORDER = (
    "At a glance",
    "Objectives",
    "Programme and logistics",
    "Points to make",
    "Their likely asks and our response",
    "If asked",
    "Press line",
    "Biographies",
    "Last meeting and recent engagement",
    "Background",
    "Sources",
)
# Test data only, in a copy of the workspace: a programme, logistics and a biography of
# one of ours, so that every section of the brief is there.
PROGRAMME = """programme:
  - {time: "11:45", what: {en: Summit talks KITE-1, fr: Entretien KITE-1}}
  - what: {en: Working lunch KITE-2, fr: Déjeuner de travail KITE-2}
    place: {en: Prime Minister's Office, fr: Cabinet du premier ministre}
  - {what: {en: Briefing HARRIER-7, fr: Séance HARRIER-7}, classification: PROTECTED B}
logistics:
  - {en: Interpretation KITE-3., fr: Interprétation KITE-3.}
  - {text: {en: Motorcade HARRIER-8., fr: Cortège HARRIER-8.}, classification: SECRET}
"""


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("\u2060", "")  # the word joiner before a mark


def read(path: Path) -> str:
    """The text of a PDF, or of a DOCX's body in order (paragraphs and tables), flattened."""
    if path.suffix == ".pdf":
        return flat(pdf_text(path))
    body = docx.Document(str(path)).element.body
    return flat("".join(t.text or "" for t in body.iter(f"{W}t")))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both samples (the Japan one with every section added) in PDF and DOCX, en and fr,
    at UNCLASSIFIED; keyed like "japan.en.pdf"."""
    from conftest import copy_workspace

    ws = copy_workspace(tmp_path_factory.mktemp("meeting"))
    edit(ws.root / JAPAN, "objectives:\n", PROGRAMME + "objectives:\n")
    edit(
        ws.relationship_path("japan", "peru"),
        "    ended: resigned\n    sources: [kantei-2024",
        "    ended: resigned\n    bio: {en: Biography KITE-4., fr: Biographie KITE-4.}\n"
        "    sources: [kantei-2024",
    )
    options = BuildOptions(formats=("pdf", "docx"), today=TODAY, level="UNCLASSIFIED")
    paths = [
        *build_meeting(ws, ws.root / JAPAN, options),
        *build_meeting(ws, ws.root / CANADA, options),
    ]
    return {f"{p.parent.parent.name}.{p.name.split('.', 1)[1]}": p for p in paths}


def headings(path: Path) -> list[str]:
    """The section headings in reading order: the PDF's outline, the DOCX's Heading 1s."""
    if path.suffix == ".pdf":
        return outline_titles(path)
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_sections_come_in_the_order_a_minister_reads_them(
    built: dict[str, Path], kind: str
) -> None:
    found = headings(built[f"japan.en.{kind}"])
    wanted = [*ORDER[:-2], "Background", "Sources"]
    assert [h for h in found if h in wanted] == wanted, found
    text = read(built[f"japan.en.{kind}"])
    assert text.index("Summit talks KITE-1") < text.index("Working lunch KITE-2")
    assert "Interpretation KITE-3." in text and "Prime Minister's Office" in text
    assert "Biography KITE-4." in text  # one of ours with a bio is introduced too


def test_the_programme_and_logistics_keep_to_the_level(built: dict[str, Path]) -> None:
    for name, path in built.items():
        text = read(path)
        assert "HARRIER" not in text, name
        if name.startswith("japan."):
            assert "KITE-1" in text, name


def test_the_programme_and_logistics_raise_the_marking_when_included(
    workspace: Workspace,
) -> None:
    edit(workspace.root / JAPAN, "objectives:\n", PROGRAMME + "objectives:\n")
    for level, shown, marking in (
        ("PROTECTED A", (), "UNCLASSIFIED"),
        ("PROTECTED B", ("HARRIER-7",), "PROTECTED B"),
        ("SECRET", ("HARRIER-7", "HARRIER-8"), "SECRET"),
    ):
        options = BuildOptions(langs=("en",), formats=("html",), level=level, today=TODAY)
        [html] = build_meeting(workspace, workspace.root / JAPAN, options)
        text = html.read_text(encoding="utf-8")
        assert f'<header class="banner running">{marking}</header>' in text, level
        for marker in ("HARRIER-7", "HARRIER-8"):
            assert (marker in text) == (marker in shown), (level, marker)


def test_first_page_is_the_meeting_at_a_glance(built: dict[str, Path]) -> None:
    first = flat(PdfReader(built["japan.en.pdf"]).pages[0].extract_text())
    for label, value in (
        ("Date", "August 8, 2025"),
        ("Time", "11:45 AM, local time"),
        ("Venue", "Tokyo"),
        ("Format", "Bilateral meeting"),
        ("Our side", "Shigeru Ishiba, Prime Minister of Japan"),
        ("Their side", "Dina Ercilia Boluarte Zegarra, President of Peru"),
        ("Purpose", "Summit talks during President Boluarte's first official visit"),
    ):
        assert f"{label} {value}" in first, label
    assert first.index("At a glance") < first.index("Objectives") < first.index("Welcome President")
    assert first.count("UNCLASSIFIED") == 3  # the banners and one line on the cover
    french = flat(PdfReader(built["canada.fr.pdf"]).pages[0].extract_text())
    assert "Aperçu" in french and "Heure à confirmer" in french and "Objet Faire le point" in french
    hour = flat(PdfReader(built["japan.fr.pdf"]).pages[0].extract_text())
    assert "Heure 11 h 45, heure locale" in hour


def test_every_page_of_the_example_says_so_and_no_page_of_the_real_one(
    built: dict[str, Path],
) -> None:
    for lang, word in (("en", "Example"), ("fr", "Exemple")):
        pages = PdfReader(built[f"canada.{lang}.pdf"]).pages
        assert len(pages) > 1
        for page in pages:
            assert word in banners(page)[0].split(), lang
        headers = docx_headers(built[f"canada.{lang}.docx"])
        assert headers == {"NON CLASSIFIÉ" if lang == "fr" else "UNCLASSIFIED", word}, headers
    for lang in ("en", "fr"):
        for page in PdfReader(built[f"japan.{lang}.pdf"]).pages:
            assert banners(page)[0] == ("UNCLASSIFIED" if lang == "en" else "NON CLASSIFIÉ")
        headers = docx_headers(built[f"japan.{lang}.docx"])
        assert headers == {"NON CLASSIFIÉ" if lang == "fr" else "UNCLASSIFIED"}, headers


def docx_headers(path: Path) -> set[str]:
    """The text of every header of the DOCX: the default and the first page's."""
    sections = docx.Document(str(path)).sections
    parts = [h for s in sections for h in (s.header, s.first_page_header)]
    return {p.text for h in parts for p in h.paragraphs if p.text}


def test_the_press_line_is_a_section_of_its_own(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["japan.en.docx"]))
    paragraphs = document.paragraphs
    [heading] = [i for i, p in enumerate(paragraphs) if p.text == "Press line"]
    assert paragraphs[heading].style.name == "Heading 1"
    line = paragraphs[heading + 1]
    assert line.text.startswith("Japan and Peru intend") and line.style.name != "If Asked"
    assert "Press line" in outline_titles(built["japan.en.pdf"])


def test_asks_heading_agrees_with_its_columns(built: dict[str, Path]) -> None:
    en, fr = read(built["japan.en.pdf"]), read(built["japan.fr.pdf"])
    assert "Their likely asks and our response They may ask Our response" in en
    assert "Leurs demandes probables et notre réponse Demandes possibles Notre réponse" in fr
    assert "objectives and our response" not in en


def test_background_has_real_key_figures_with_year_and_source(built: dict[str, Path]) -> None:
    listed = read(built["canada.en.pdf"]).split("Sources ")[-1]
    # numbered in the order cited: the Government of Canada's page first, then the OECD's
    assert listed.index("Government of Canada, Canada–Peru Relations") < listed.index("OECD, ")
    gac, oecd = 1, 2
    for kind in ("pdf", "docx"):
        path = built[f"canada.en.{kind}"]
        text = read(path)
        assert "Background and key figures" in text
        assert f"Exports (Trade in goods, 2011): over $522 million[{gac}]" in text, kind
        assert f"Imports (Trade in goods, 2011): $4.453 billion[{gac}]" in text, kind
        assert f"Population (2023): 33.8 million people[{oecd}]" in text, kind
        assert f"GDP (2024): US$288.8 billion[{oecd}]" in text, kind
    french = read(built["canada.fr.pdf"])
    assert "Contexte et chiffres clés" in french
    assert "Exportations (Commerce de marchandises, 2011) : plus de 522 millions $[1]" in french
    # The Japan relationship gives no figure known before the summit: the heading says so.
    japan = headings(built["japan.en.pdf"])
    assert "Background" in japan and "Background and key figures" not in japan
