"""`brief meeting`: the brief a minister takes into the room, opened and read."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing.build import BuildOptions
from briefing.meetings import build_meeting
from briefing.workspace import Workspace
from readers import banners, docx_parts, pdf_text

TODAY = date(2026, 11, 23)
JAPAN = "data/japan/meetings/2025-08-08-peru-president.yaml"
CANADA = "data/canada/meetings/2026-12-03-peru-fm.yaml"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def japan_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The Japan–Peru summit brief in every language and format, as text.

    Built as of the meeting's own day, on which the relationship's undated facts were
    verified (its as_of): by default a brief stands on the day before (test_time.py).
    """
    from conftest import copy_workspace

    ws = copy_workspace(tmp_path_factory.mktemp("japan"))
    options = BuildOptions(formats=("pdf", "docx", "html"), today=TODAY, as_of=date(2025, 8, 8))
    paths = build_meeting(ws, ws.root / JAPAN, options)
    readers = {".pdf": pdf_text, ".docx": docx_parts, ".html": Path.read_text}
    return {p.name.split(".", 1)[1]: flat(readers[p.suffix](p)) for p in paths}


def test_outputs_in_both_languages(japan_outputs: dict[str, str]) -> None:
    assert sorted(japan_outputs) == ["en.docx", "en.html", "en.pdf", "fr.docx", "fr.html", "fr.pdf"]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_objectives_counterparts_and_selected_points(
    japan_outputs: dict[str, str], kind: str
) -> None:
    en, fr = japan_outputs[f"en.{kind}"], japan_outputs[f"fr.{kind}"]
    assert "Obtain Peru's continued support for the immediate resolution" in en
    assert "Obtenir le soutien continu du Pérou" in fr
    for text in (en, fr):
        assert "Dina Ercilia Boluarte Zegarra" in text and "Shigeru Ishiba" in text
    # Topics defence and roadmap meet the meeting's; critical minerals do not.
    assert "develop security and defence cooperation" in en
    assert "développer la coopération en matière de sécurité et de défense" in fr
    assert "supply chains of mineral resources" not in en
    assert "chaînes d'approvisionnement résilientes" not in fr
    # If-asked lines of the selected points and of the meeting itself.
    assert "Has Peru expressed support on the abductions issue?" in en
    assert "What does defence cooperation with Peru cover?" in en
    # The exchange of notes came after the talks: no brief before them asks about it.
    assert "Is Japan providing equipment to Peru?" not in en
    assert "Points à faire valoir" in fr and "Points to make" not in fr


def test_last_meeting_is_the_latest_visit_before_the_meeting(japan_outputs: dict[str, str]) -> None:
    html = japan_outputs["en.html"]
    section = html[html.index('id="last_meeting"') : html.index('id="background"')]
    first = re.search(r"<p><strong>([^<]+)</strong>", section)
    assert first is not None and first.group(1) == "November 17, 2024"
    assert "August 8, 2025" not in section  # the meeting itself is not its own last meeting
    assert "September 1, 2023" in section  # earlier engagement follows


def test_items_above_the_level_are_absent(workspace: Workspace) -> None:
    path = workspace.root / JAPAN
    path.write_text(
        path.read_text(encoding="utf-8")
        + """
points:
  - text: {en: "Fallback position HERON-9.", fr: "Position de repli HERON-9."}
    classification: SECRET
""",
        encoding="utf-8",
    )
    options = BuildOptions(
        langs=("en",), formats=("pdf", "docx", "html"), level="PROTECTED A", today=TODAY
    )
    for output in build_meeting(workspace, path, options):
        text = {".pdf": pdf_text, ".docx": docx_parts}.get(output.suffix, Path.read_text)(output)
        assert "HERON" not in text, output.name
    [secret] = build_meeting(
        workspace, path, BuildOptions(langs=("en",), formats=("pdf",), level="SECRET", today=TODAY)
    )
    assert "HERON-9" in pdf_text(secret)
    assert banners(PdfReader(secret).pages[0])[0] == "SECRET"


def test_stale_data_warns_on_the_command_line_and_in_the_brief(
    brief: Callable[..., Result], workspace: Workspace
) -> None:
    result = brief(
        "meeting",
        workspace.root / CANADA,
        "--lang",
        "fr",
        "--format",
        "html",
        "--workspace",
        workspace.root,
    )
    assert result.exit_code == 0, result.stderr
    assert "data/canada/peru.yaml:7:8: warning: as_of: data as of 2012-08 is" in result.stderr
    assert "at the meeting of 2026-12-03" in result.stderr
    [out] = result.stdout.split()
    assert out.endswith("briefs/canada/meetings/2026-12-03-peru-fm.fr.html")
    html = Path(out).read_text(encoding="utf-8")
    assert "données anciennes à la date de l’entretien" in html
    assert "Exemple" in html  # the hypothetical meeting says so
    strict = brief("meeting", workspace.root / CANADA, "--strict", "--workspace", workspace.root)
    assert strict.exit_code == 1


def test_unknown_counterpart_is_located(brief: Callable[..., Result], workspace: Workspace) -> None:
    path = workspace.root / JAPAN
    path.write_text(path.read_text().replace("counterparts: [boluarte]", "counterparts: [boluate]"))
    result = brief("check", path, "--workspace", workspace.root)
    assert result.exit_code == 1
    assert f"{JAPAN}:22:16: counterparts[0]: unknown person 'boluate'" in result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def canada_meeting(ws: Workspace, level: str, formats: tuple[str, ...] = ("html",)) -> list[Path]:
    options = BuildOptions(langs=("en",), formats=formats, level=level, today=TODAY)
    return build_meeting(ws, ws.root / CANADA, options)


def read(path: Path) -> str:
    return {".pdf": pdf_text, ".docx": docx_parts}.get(path.suffix, Path.read_text)(path)


def banner(html: Path) -> str:
    found = re.search(r'<header class="banner running">([^<]*)</header>', html.read_text())
    assert found is not None
    return found[1]


SUMMARY = "Canada and Peru have a warm and growing relationship"


def test_sections_above_the_level_are_left_out_of_a_meeting_brief(workspace: Workspace) -> None:
    rel = workspace.relationship_path("canada", "peru")
    edit(rel, "summary:\n", "summary:\n  classification: SECRET\n")
    edit(rel, "trade:\n", "trade:\n  classification: TOP SECRET\n")
    for output in canada_meeting(workspace, "PROTECTED A", ("pdf", "docx", "html")):
        text = flat(read(output))
        assert SUMMARY not in text and "4.453 billion" not in text, output.name
        assert "Exports (Trade in goods, 2011)" not in text and "SECRET" not in text, output.name
    [html] = canada_meeting(workspace, "SECRET")
    assert SUMMARY in html.read_text() and "4.453 billion" not in html.read_text()
    assert banner(html) == "SECRET"
    [html] = canada_meeting(workspace, "TOP SECRET")
    assert (
        "Imports (Trade in goods, 2011): <strong>$4.453" in html.read_text()
        and banner(html) == "TOP SECRET"
    )


def test_the_banner_counts_the_relationship_and_the_participants(workspace: Workspace) -> None:
    rel = workspace.relationship_path("canada", "peru")
    edit(rel, "classification: UNCLASSIFIED", "classification: PROTECTED B")
    [html] = canada_meeting(workspace, "TOP SECRET")
    assert banner(html) == "PROTECTED B"  # the meeting file itself is UNCLASSIFIED
    edit(
        rel,
        "people:\n",
        "people:\n  - {id: vogt, name: Lena Vogt, role: {en: Adviser}, side: ours, "
        "classification: SECRET}\n",
    )
    edit(
        workspace.root / CANADA,
        "  ours:\n",
        "  ours:\n    - person: vogt\n"
        "    - {role: {en: Adviser HERON-4}, classification: CONFIDENTIAL}\n",
    )
    [html] = canada_meeting(workspace, "TOP SECRET")
    assert "Lena Vogt" in html.read_text() and banner(html) == "SECRET"
    [html] = canada_meeting(workspace, "CONFIDENTIAL")
    assert "Lena Vogt" not in html.read_text() and "HERON-4" in html.read_text()
    assert banner(html) == "CONFIDENTIAL"
    [html] = canada_meeting(workspace, "PROTECTED B")
    assert "HERON-4" not in html.read_text() and banner(html) == "PROTECTED B"


def test_a_relationship_above_the_level_is_left_out_entirely(workspace: Workspace) -> None:
    rel = workspace.relationship_path("canada", "peru")
    edit(rel, "classification: UNCLASSIFIED", "classification: SECRET")
    [html] = canada_meeting(workspace, "PROTECTED A")
    text = html.read_text()
    assert SUMMARY not in text and "Free Trade Agreement has deepened" not in text
    assert "gac-2012" not in text and "Peru: meeting brief" in text
    assert banner(html) == "UNCLASSIFIED"
    [html] = canada_meeting(workspace, "SECRET")
    assert SUMMARY in html.read_text() and banner(html) == "SECRET"


def test_portion_marks_give_each_item_its_own_level(workspace: Workspace) -> None:
    settings = workspace.root / "brief.yaml"
    edit(settings, "portion_marks: false", "portion_marks: true")
    rel = workspace.relationship_path("canada", "peru")
    edit(rel, "classification: UNCLASSIFIED", "classification: PROTECTED A")
    edit(
        workspace.root / CANADA,
        "press_line:",
        "if_asked:\n"
        "  - {question: {en: Asked GREBE-5?}, answer: {en: No.}, classification: SECRET}\n"
        "press_line:",
    )
    edit(workspace.root / CANADA, "points:\n", "points:\n  - text: {en: Our own point PLOVER-2.}\n")
    from briefing.workspace import open_workspace

    [html] = canada_meeting(open_workspace(workspace.root), "SECRET")
    text = html.read_text()
    # The meeting file is UNCLASSIFIED, its relationship PROTECTED A.
    assert '<span class="portion">(U)</span> Our own point PLOVER-2.' in text
    assert '<span class="portion">(S)</span> Asked GREBE-5?' in text
    assert '<span class="portion">(U)</span> The Canada–Peru Free Trade Agreement' in text
    assert '<span class="portion">(PA)</span> Canada and Peru have a warm' in text
