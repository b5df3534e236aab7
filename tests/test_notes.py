"""`brief note`: the briefing note to the minister, built, opened and read."""

from __future__ import annotations

import re
import signal
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pikepdf
import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing import completion
from briefing.build import BuildOptions
from briefing.check import check
from briefing.notes import build_note, render_note
from briefing.template_set import CONTEXTS
from briefing.workspace import Workspace
from readers import banners, docx_parts, docx_text, outline_titles, pdf_text
from test_cli import offered
from test_serve import Served, get

TODAY = date(2026, 11, 30)
NOTE = "data/canada/notes/2026-11-26-peru-fm.yaml"
HEADINGS = {
    "en": ["Purpose", "Summary", "Background", "Considerations", "Recommendation", "Next steps"],
    "fr": ["But", "Résumé", "Contexte", "Considérations", "Recommandation", "Prochaines étapes"],
}
BLOCK = {
    "en": ["Drafted by", "Consulted", "Approved by", "Contact"],
    "fr": ["Rédigé par", "Consulté", "Approuvé par", "Personne-ressource"],
}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def add(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample note in English and French, PDF and DOCX, by `LANG.EXT`."""
    from conftest import copy_workspace

    ws = copy_workspace(tmp_path_factory.mktemp("note"))
    paths = build_note(ws, ws.root / NOTE, BuildOptions(formats=("pdf", "docx"), today=TODAY))
    return {p.name.split(".", 1)[1]: p for p in paths}


def in_order(text: str, words: list[str]) -> bool:
    """Whether every word is in `text`, each after the one before."""
    at = 0
    for word in words:
        at = text.find(word, at)
        if at < 0:
            return False
    return True


def test_outputs_are_named_after_the_note_file(built: dict[str, Path]) -> None:
    assert sorted(built) == ["en.docx", "en.pdf", "fr.docx", "fr.pdf"]
    assert built["en.pdf"].parent.parts[-3:] == ("briefs", "canada", "notes")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_has_the_memorandum_form_in_order(built: dict[str, Path], lang: str) -> None:
    text = flat(pdf_text(built[f"{lang}.pdf"]))
    title = {
        "en": "Memorandum for the Minister: Your meeting",
        "fr": "Note au ministre : Votre rencontre",  # flat: NBSP as space
    }[lang]
    heading = {
        "en": ["To", "From", "Date November 26, 2026", "File number to be assigned"],
        "fr": ["Destinataire", "De", "Date 26 novembre 2026", "Numéro de dossier à attribuer"],
    }[lang]
    assert in_order(text, [title, *heading, *HEADINGS[lang], *BLOCK[lang]]), text
    example = {"en": "Example: a hypothetical note", "fr": "Exemple : note hypothétique"}
    assert example[lang] in text
    assert in_order(" ".join(outline_titles(built[f"{lang}.pdf"])), HEADINGS[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_docx_has_the_sections_as_headings_in_order(built: dict[str, Path], lang: str) -> None:
    document = docx.Document(str(built[f"{lang}.docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[: len(HEADINGS[lang])] == HEADINGS[lang]
    text = flat(docx_text(built[f"{lang}.docx"]))
    blank = {"en": "to be assigned", "fr": "à attribuer"}[lang]
    day = {"en": "November 26, 2026", "fr": "26 novembre 2026"}[lang]
    assert in_order(text, [day, blank, *HEADINGS[lang], *BLOCK[lang]]), text


def test_background_takes_the_relationship_facts_with_date_and_source(
    built: dict[str, Path],
) -> None:
    text = flat(pdf_text(built["en.pdf"]))
    # the figure code's bound, the series' year, the source's number
    assert "Exports (Trade in goods, 2011): over $522 million[1]" in text
    assert "Canada–Peru Free Trade Agreement. Entered into force in 2009." in text
    assert "Last visit (April 2012): Ed Fast, then Minister of International Trade" in text
    assert "This section's data dates from August 2012" in text  # stale, and says so
    assert "Government of Canada, Canada–Peru Relations, August 2012." in text
    fr = flat(pdf_text(built["fr.pdf"]))
    assert "Exportations (Commerce de marchandises, 2011) : plus de 522 millions $" in fr


def test_a_file_number_given_is_printed(workspace: Workspace) -> None:
    path = workspace.root / NOTE
    add(path, "file_number: 2026-000123\n")
    [(_, html, _)] = render_note(workspace, path, BuildOptions(langs=("en",), today=TODAY))
    assert "<dd>2026-000123</dd>" in html and "to be assigned" not in html


def test_the_note_stands_on_its_date_or_as_of(workspace: Workspace) -> None:
    rel = workspace.relationship_path("canada", "peru")
    visits = """  - {date: 2026-11-20, role: Minister, purpose: VISIT-BEFORE, sources: [gac-2012]}
  - {date: 2026-11-27, role: Minister, purpose: VISIT-AFTER, sources: [gac-2012]}
"""
    text = rel.read_text(encoding="utf-8")
    rel.write_text(text.replace("\nagreements:", f"\n{visits}\nagreements:"), encoding="utf-8")
    path = workspace.root / NOTE

    def html(as_of: date | None) -> str:
        options = BuildOptions(langs=("en",), today=TODAY, as_of=as_of)
        return render_note(workspace, path, options)[0][1]

    on_its_day = html(None)
    assert "VISIT-BEFORE" in on_its_day and "VISIT-AFTER" not in on_its_day
    assert "VISIT-AFTER" in html(date(2026, 11, 28))
    early = html(date(2012, 7, 31))  # before the relationship's source: none of its facts
    assert "Ed Fast" not in early and "522" not in early
    assert "That you reaffirm Canada" in early  # the note's own text is the note's


def test_items_above_the_level_are_absent(workspace: Workspace) -> None:
    path = workspace.root / NOTE
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "considerations:\n",
        "considerations:\n  - {text: Fallback OSPREY-4., classification: PROTECTED A}\n",
    ).replace(
        "consulted:\n",
        "consulted:\n  - {role: Unit KESTREL-7, classification: PROTECTED A}\n",
    )
    path.write_text(text, encoding="utf-8")
    rel = workspace.relationship_path("canada", "peru")
    rel.write_text(
        rel.read_text(encoding="utf-8").replace(
            "    who: Ed Fast\n", "    who: Ed Fast\n    classification: PROTECTED A\n"
        ),
        encoding="utf-8",
    )
    options = BuildOptions(
        langs=("en",), formats=("pdf", "docx", "html"), level="UNCLASSIFIED", today=TODAY
    )
    for output in build_note(workspace, path, options):
        if output.suffix == ".pdf":
            with pikepdf.open(output) as pdf:
                metadata = str(pdf.docinfo) + str(pdf.open_metadata())
            found = pdf_text(output) + metadata
            top, bottom = banners(PdfReader(output).pages[0])
            assert (top, bottom) == ("UNCLASSIFIED Example", "UNCLASSIFIED Page 1 of 2")
        else:
            found = docx_parts(output) if output.suffix == ".docx" else output.read_text()
        assert "PROTECTED" not in found, output.name  # nor in the marking or metadata
        for marker in ("OSPREY", "KESTREL", "Ed Fast"):
            assert marker not in found, (marker, output.name)
        assert "Diane Ablonczy" in found  # the last visit at this level
    protected = BuildOptions(langs=("en",), formats=("pdf",), level="PROTECTED A", today=TODAY)
    [pdf] = build_note(workspace, path, protected)
    text = flat(pdf_text(pdf))
    assert "OSPREY-4" in text and "KESTREL-7" in text and "Last visit (April 2012): Ed Fast" in text
    assert banners(PdfReader(pdf).pages[0])[0] == "PROTECTED A Example"


def test_a_bad_field_is_one_located_line(
    brief: Callable[..., Result], workspace: Workspace
) -> None:
    path = workspace.root / NOTE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("next_steps:", "next_step:"), encoding="utf-8")
    line = text[: text.index("next_steps:")].count("\n") + 1
    result = brief("note", path, "--format", "html", "--workspace", workspace.root)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert (
        f"data/canada/notes/2026-11-26-peru-fm.yaml:{line}:1: next_step: unknown key 'next_step' "
        "(did you mean 'next_steps'?" in result.stderr
    )
    assert not (workspace.root / "briefs/canada/notes").exists()


def test_check_validates_notes(workspace: Workspace) -> None:
    path = workspace.root / NOTE
    assert check(workspace, [path], TODAY, cache=False).errors == []
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("drafted_by:", "drafted_by: {}\nx_drafted_by:", 1).replace(
            "recommendation:", "old_recommendation:"
        ),
        encoding="utf-8",
    )
    misnamed = path.with_name("2026-11-27-peru-fm.yaml")
    misnamed.write_text(text.replace("[gac-2012]", "[gac-2099]", 1), encoding="utf-8")
    neither = path.with_name("2026-11-28-peru-fm.yaml")  # no recommendation, no next steps
    kept = re.sub(r"(?m)^(recommendation|next_steps):\n(  .*\n)+", "", text)
    neither.write_text(kept.replace("2026-11-26", "2026-11-28"), encoding="utf-8")
    report = check(workspace, today=TODAY, cache=False)
    found = {(p.path, p.field) for p in report.errors}
    shown = "data/canada/notes/2026-11-26-peru-fm.yaml"
    assert (shown, "drafted_by.role") in found
    assert (shown, "old_recommendation") in found
    misnamed_shown = "data/canada/notes/2026-11-27-peru-fm.yaml"
    assert (misnamed_shown, "date") in found
    assert (misnamed_shown, "summary[0].sources[0]") in found  # gac-2099: listed nowhere
    [way_forward] = [p for p in report.errors if p.path.endswith("2026-11-28-peru-fm.yaml")]
    assert "expected a recommendation, next steps, or both" in way_forward.message


def test_the_context_is_the_documented_one(workspace: Workspace) -> None:
    [(_, _, context)] = render_note(workspace, workspace.root / NOTE, BuildOptions(langs=("en",)))
    assert {v.name for v in CONTEXTS["note.html"]} == set(context)


def test_note_files_complete(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace.data / "canada")
    assert offered(completion.complete_note, "", None, "note") == ["notes/2026-11-26-peru-fm.yaml"]


def test_brief_serve_previews_notes(workspace: Workspace) -> None:
    served = Served(workspace.root, [], None)
    try:
        status, index = get(served.url)
        assert status == 200 and b"/note/canada/2026-11-26-peru-fm.fr.html" in index
        status, page = get(served.url, b"/note/canada/2026-11-26-peru-fm.fr.html")
        assert status == 200 and b"Note au ministre" in page
        assert served.stop(signal.SIGTERM)[0] == 0
    finally:
        served.kill()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recommendation_is_for_decision_with_a_block_for_the_minister(
    built: dict[str, Path], lang: str
) -> None:
    words = {
        "en": ["For decision", "Recommendation", "☐ I agree", "☐ I do not agree",
               "Minister of Foreign Affairs", "Date", "Next steps"],
        "fr": ["Pour décision", "Recommandation", "☐ Je suis d’accord",
               "☐ Je ne suis pas d’accord", "Ministre des Affaires étrangères", "Date",
               "Prochaines étapes"],
    }[lang]  # fmt: skip
    for kind in ("pdf", "docx"):
        path = built[f"{lang}.{kind}"]
        text = flat(pdf_text(path) if kind == "pdf" else docx_text(path))
        assert in_order(text, words), (kind, text)


def test_a_note_without_recommendation_is_for_information(tmp_path: Path) -> None:
    from conftest import copy_workspace

    ws = copy_workspace(tmp_path)
    path = ws.root / NOTE
    text = path.read_text(encoding="utf-8")
    start = text.index("recommendation:")
    path.write_text(text[:start] + text[text.index("next_steps:") :], encoding="utf-8")
    (pdf,) = build_note(ws, path, BuildOptions(langs=("en",), formats=("pdf",), today=TODAY))
    found = flat(pdf_text(pdf))
    assert "For information" in found and "For decision" not in found
    assert "I agree" not in found and "Recommendation" not in found
