"""Template customization: overrides by name, `default:` extension, located errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import Result

from briefing.build import BuildOptions, build_brief
from briefing.render import environment
from briefing.template_set import CONTEXTS, reference
from briefing.workspace import Workspace
from conftest import BUILD_HTML
from readers import docx_parts, pdf_text

TODAY = date(2026, 11, 23)
OPTIONS = BuildOptions(langs=("en",), formats=("pdf", "docx", "html"), today=TODAY)
ROOT = Path(__file__).resolve().parents[1]


def override(ws: Workspace, name: str, text: str) -> None:
    path = ws.root / "templates" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    environment.cache_clear()


def outputs(ws: Workspace) -> dict[str, str]:
    paths = build_brief(ws, "canada/peru", OPTIONS)
    read = {".pdf": pdf_text, ".docx": docx_parts, ".html": Path.read_text}
    return {p.suffix: read[p.suffix](p) for p in paths}


def test_overriding_one_block_changes_that_block_only(workspace: Workspace) -> None:
    before = outputs(workspace)
    override(
        workspace,
        "brief-canada-peru.html",
        """{% extends "default:brief.html" %}
{% block background %}<section id="background"><h2>{{ _("Background") }}</h2>
<p>Mission note: PELICAN background replaced.</p></section>{% endblock %}
""",
    )
    after = outputs(workspace)
    for kind in (".pdf", ".docx", ".html"):
        assert "PELICAN background replaced" in after[kind], kind
        assert "PELICAN" not in before[kind]
        assert "engagement in the Americas pursues three aims" in before[kind]
        assert "engagement in the Americas pursues three aims" not in after[kind]
        # Everything else is as it was.
        for unchanged in ("Multilateral cooperation", "Ollanta Humala", "Talking points"):
            assert unchanged in after[kind], (kind, unchanged)
    document = docx.Document(str(workspace.root / "briefs/canada/peru.en.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Summary", "Background", "Political relations"]


def test_more_specific_names_win(workspace: Workspace) -> None:
    override(
        workspace,
        "brief-canada.html",
        """{% extends "default:brief.html" %}
{% block summary %}<p>HOME-WIDE</p>{% endblock %}""",
    )
    assert "HOME-WIDE" in outputs(workspace)[".html"]
    override(
        workspace,
        "brief-canada-peru.html",
        """{% extends "brief-canada.html" %}
{% block summary %}<p>MISSION-ONLY</p>{% endblock %}""",
    )
    html = outputs(workspace)[".html"]
    assert "MISSION-ONLY" in html and "HOME-WIDE" not in html
    japan = build_brief(workspace, "japan/peru", BuildOptions(langs=("en",), formats=("html",)))
    assert "MISSION-ONLY" not in japan[0].read_text()


def test_broken_templates_give_one_located_line(
    brief: Callable[..., Result], workspace: Workspace
) -> None:
    override(
        workspace,
        "brief-canada-peru.html",
        '{% extends "default:brief.html" %}\n{% block summary %}{% if %}{% endblock %}\n',
    )
    result = brief("build", "canada/peru", "--format", "html", "--workspace", workspace.root)
    assert result.exit_code == 1
    [line] = [x for x in result.stderr.splitlines() if x.startswith("brief:")]
    assert "templates/brief-canada-peru.html:2:" in line and "Traceback" not in result.stderr
    override(
        workspace,
        "brief-canada-peru.html",
        '{% extends "default:brief.html" %}\n'
        "{% block summary %}\n{{ no_such_variable }}"
        "{% endblock %}\n",
    )
    result = brief("build", "canada/peru", "--format", "html", "--workspace", workspace.root)
    assert result.exit_code == 1
    assert "templates/brief-canada-peru.html:3: 'no_such_variable' is undefined" in result.stderr


def test_templates_list_and_copy(brief: Callable[..., Result], workspace: Workspace) -> None:
    listed = brief("templates", "list", "--workspace", workspace.root).stdout
    assert "sections/trade.html" in listed and "reference.docx" in listed
    copied = brief("templates", "copy", "sections/trade.html", "--workspace", workspace.root)
    assert copied.exit_code == 0
    assert (workspace.root / "templates/sections/trade.html").is_file()
    listed = brief("templates", "list", "--workspace", workspace.root).stdout
    assert any(
        line.startswith("sections/trade.html") and "workspace, over the package" in line
        for line in listed.splitlines()
    )
    bad = brief("templates", "copy", "../../etc/passwd", "--workspace", workspace.root)
    assert bad.exit_code == 1 and "no packaged template" in bad.stderr


def test_reference_is_current_and_documents_the_real_context(workspace: Workspace) -> None:
    assert (ROOT / "docs" / "templates.md").read_text(encoding="utf-8") == reference(), (
        "docs/templates.md is stale: run brief templates docs > docs/templates.md"
    )
    from briefing.build import render_brief
    from briefing.meetings import render_meeting

    [(_, _, country)] = render_brief(workspace, "canada", "peru", BuildOptions(langs=("en",)))
    meeting_file = workspace.data / "japan/meetings/2025-08-08-peru-president.yaml"
    [(_, _, meeting)] = render_meeting(workspace, meeting_file, BuildOptions(langs=("en",)))
    for name, context in (("brief.html", country), ("meeting.html", meeting)):
        assert {v.name for v in CONTEXTS[name]} == set(context), name


def test_the_sample_customization_reaches_pdf_and_docx(workspace: Workspace) -> None:
    found = outputs(workspace)
    for kind in (".pdf", ".docx", ".html"):
        assert "Global Affairs Canada" in found[kind] and "Affaires mondiales Canada" in found[kind]
    html = found[".html"]
    assert html.index("border-top: 6pt solid #1f3864") < html.index("border-top-color: #b3171d")
    assert html.count('src="data:image/svg+xml;base64,') == 2  # cover and running header
    document = docx.Document(str(workspace.root / "briefs/canada/peru.en.docx"))
    header = document.sections[0].header._element.xml
    assert "<pic:pic" in header  # the logo in the running header
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert "Global Affairs Canada" in descriptions  # the cover's logo, with its alt text
    japan = build_brief(workspace, "japan/peru", BuildOptions(langs=("en",), formats=("html",)))
    assert "Affaires mondiales Canada" not in japan[0].read_text()  # brief-canada.html only


def test_workspace_style_is_added_after_the_default(workspace: Workspace) -> None:
    override(workspace, "style.css", "h2 { color: #123456; }\n")
    html = outputs(workspace)[".html"]
    assert html.index("font: 10.5pt/1.4") < html.index("h2 { color: #123456; }")


EXTEND = '{% extends "default:brief.html" %}\n'
LOOPS_BACK = "leads back into itself without end, through an include, an extends or a macro"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "brief-canada-peru.html": EXTEND + '{% block summary %}{% include "nope.html" %}'
                "{% endblock %}"
            },
            "templates/brief-canada-peru.html:2: no template 'nope.html' (expected a file in",
        ),
        (
            {"brief-canada-peru.html": '{% extends "nope.html" %}'},
            "templates/brief-canada-peru.html:1: no template 'nope.html'",
        ),
        (
            {
                "brief-canada-peru.html": EXTEND
                + '{% block summary %}{% include "sections/x.html" %}'
                "{% endblock %}",
                "sections/x.html": "\n\n{% import 'gone.html' as gone %}",
            },
            "templates/sections/x.html:3: no template 'gone.html'",
        ),
        (
            {
                "brief-canada-peru.html": EXTEND + "{% block summary %}"
                '{% include "brief-canada-peru.html" %}{% endblock %}'
            },
            f"templates/brief-canada-peru.html:2: {LOOPS_BACK}",
        ),
        (
            {"brief-canada-peru.html": '{% extends "brief-canada-peru.html" %}'},
            f"templates/brief-canada-peru.html:1: {LOOPS_BACK}",
        ),
        (
            {
                "brief-canada-peru.html": 'x{% include "b.html" %}',
                "b.html": "\n\n{% include 'brief-canada-peru.html' %}",
            },
            f"templates/b.html:3: {LOOPS_BACK}",
        ),
        (
            {
                "brief-canada-peru.html": EXTEND + "{% block summary %}{% macro m() %}{{ m() }}"
                "{% endmacro %}{{ m() }}{% endblock %}"
            },
            f"templates/brief-canada-peru.html:2: {LOOPS_BACK}",
        ),
        (
            {"brief-canada-peru.html": EXTEND + "{% block summary %}\n{{ 1 / 0 }}{% endblock %}"},
            "templates/brief-canada-peru.html:3: ZeroDivisionError: division by zero",
        ),
    ],
    ids=["include", "extends", "import", "self-include", "self-extends", "mutual", "macro", "zero"],
)
def test_template_lookups_and_loops_are_one_located_line(
    brief: Callable[..., Result], workspace: Workspace, files: dict[str, str], expected: str
) -> None:
    for name, text in files.items():
        override(workspace, name, text)
    result = brief(*BUILD_HTML, "--workspace", workspace.root)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"brief: {expected}"), line
    assert "(expected" in line or "Error:" in line


def test_a_template_that_is_not_utf8_is_one_line(
    brief: Callable[..., Result], workspace: Workspace
) -> None:
    (workspace.root / "templates/brief-canada-peru.html").write_bytes(b"caf\xe9 {{ title }}")
    environment.cache_clear()
    result = brief(*BUILD_HTML, "--workspace", workspace.root)
    assert result.exit_code == 1
    assert result.stderr == (
        "brief: templates/brief-canada-peru.html: is not UTF-8 text (save it as UTF-8)\n"
    )
