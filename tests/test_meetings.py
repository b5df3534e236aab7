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
    """The Japan–Peru summit brief in every language and format, as text."""
    from conftest import copy_workspace

    ws = copy_workspace(tmp_path_factory.mktemp("japan"))
    paths = build_meeting(
        ws, ws.root / JAPAN, BuildOptions(formats=("pdf", "docx", "html"), today=TODAY)
    )
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
    assert "Is Japan providing equipment to Peru?" in en
    assert "Messages à transmettre" in fr and "Points to make" not in fr


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
    assert "au-delà du seuil de fraîcheur à la date de la rencontre" in html
    assert "Exemple" in html  # the hypothetical meeting says so
    strict = brief("meeting", workspace.root / CANADA, "--strict", "--workspace", workspace.root)
    assert strict.exit_code == 1


def test_unknown_counterpart_is_located(brief: Callable[..., Result], workspace: Workspace) -> None:
    path = workspace.root / JAPAN
    path.write_text(path.read_text().replace("counterparts: [boluarte]", "counterparts: [boluate]"))
    result = brief("check", path, "--workspace", workspace.root)
    assert result.exit_code == 1
    assert f"{JAPAN}:15:16: counterparts[0]: unknown person 'boluate'" in result.stderr
