"""Hostile text prints as text, and rendering reads nothing outside the workspace.

Data holding HTML, CSS, Jinja syntax or markdown must come out literally in every format,
escaped in the HTML and evaluated nowhere. Rendering must fetch nothing from the network
and no file outside the workspace and the package: a listener on the loopback records any
request, and templates and data point at it and at `file:///etc/passwd`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing.workspace import Workspace
from conftest import BUILD_HTML
from readers import docx_parts, pdf_text

Brief = Callable[..., Result]
PASSWD = "root:x:0:0"


class Listener:
    """An HTTP server on 127.0.0.1 that answers 200 to anything and records each path."""

    def __init__(self) -> None:
        requests: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *args: object) -> None:
                pass

        self.requests = requests
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def hostile(url: str) -> list[str]:
    """Texts that would do something if any stage treated data as markup or code."""
    return [
        '<script>alert("x")</script>',
        f'<img src="{url}/img.png">',
        f'<link rel="stylesheet" href="{url}/link.css">',
        f"<style>body {{ background: url({url}/style.png) }}</style>",
        "url(file:///etc/passwd)",
        "{{ 7*191 }}",
        '{% include "brief.html" %}',
        "{# hidden #}",
        "[link](javascript:alert(1)) **bold** ![img](http://127.0.0.1/md.png)",
        "&amp; &lt;b&gt; ]]> <!-- comment -->",
    ]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plant(workspace: Workspace, texts: list[str], url: str) -> None:
    """Put `texts` into prose, a name, a place and a source of canada/peru."""
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    quoted = [t.replace("\\", "\\\\").replace('"', '\\"') for t in texts]
    points = "".join(f'  - text: {{en: "{q}", fr: "{q}"}}\n    topics: [trade]\n' for q in quoted)
    text = text.replace("\ntalking_points:\n", f"\ntalking_points:\n{points}")
    text = text.replace(
        "\nsources:\n",
        f"""
sources:
  - id: hostile
    title: "{quoted[1]}"
    publisher: "{quoted[2]}"
    url: "{url}/source?a=\\"><script>x</script>"
""",
    )
    text = text.replace(
        "\nvisits:\n",
        f"""
visits:
  - date: 2012-05
    who: "{quoted[0]}"
    role: "{quoted[5]}"
    direction: incoming
    place: "{quoted[6]}"
    sources: [hostile]
""",
    )
    path.write_text(text, encoding="utf-8")


def test_hostile_text_prints_literally_and_fetches_nothing(
    workspace: Workspace, brief: Brief, listener: Listener
) -> None:
    texts = hostile(listener.url)
    plant(workspace, texts, listener.url)
    options = ("--lang", "en", "--format", "pdf,docx,html", "--workspace", workspace.root)
    result = brief("build", "canada/peru", *options)
    assert result.exit_code == 0, result.stderr
    out = workspace.root / "briefs/canada"
    html = (out / "peru.en.html").read_text(encoding="utf-8")
    pdf = squeeze(pdf_text(out / "peru.en.pdf"))
    document = docx.Document(str(out / "peru.en.docx"))
    word = "\n".join(p.text for p in document.paragraphs)
    word += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for text in texts:
        assert squeeze(text) in pdf, text
        assert text in word, text
        assert str(escape(text)) in html, text
    assert "<script>" not in html and "<img src" not in html.replace('<img src="data:', "")
    assert "1337" not in pdf + word + html  # {{ 7*191 }} was never evaluated
    assert "<strong>bold</strong>" not in html  # no markdown either
    assert listener.requests == []
    everything = pdf_text(out / "peru.en.pdf") + docx_parts(out / "peru.en.docx") + html
    assert PASSWD not in everything
    links = [
        annot.get_object()["/A"]["/URI"]
        for page in PdfReader(out / "peru.en.pdf").pages
        for annot in page.get("/Annots", [])
        if "/URI" in annot.get_object().get("/A", {})
    ]
    assert any(link.startswith(f"{listener.url}/source?a=") for link in links)  # not fetched


def escape(text: str) -> str:
    from markupsafe import escape as markup_escape

    return str(markup_escape(text))


def override(workspace: Workspace, body: str) -> None:
    """A workspace template for canada/peru that extends the packaged brief with `body`."""
    (workspace.root / "templates/brief-canada-peru.html").write_text(
        '{% extends "default:brief.html" %}\n' + body, encoding="utf-8"
    )


def outputs(workspace: Workspace) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (workspace.root / "briefs").rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ('{% block cover %}<img src="URL/logo.png">{{ super() }}{% endblock %}', "URL/logo.png"),
        (
            '{% block cover %}<link rel="stylesheet" href="URL/s.css">{{ super() }}{% endblock %}',
            "URL/s.css",
        ),
        (
            "{% block page_css %}{{ super() }} body { background: url(URL/bg.png) }{% endblock %}",
            "URL/bg.png",
        ),
        ('{% block page_css %}@import url("URL/i.css");{{ super() }}{% endblock %}', "URL/i.css"),
        (
            '{% block cover %}<img src="file:///etc/passwd">{{ super() }}{% endblock %}',
            "file:///etc/passwd",
        ),
        (
            "{% block page_css %}{{ super() }} @font-face { font-family: X; "
            "src: url(file:///etc/passwd) } body { font-family: X }{% endblock %}",
            "file:///etc/passwd",
        ),
        ('{% block cover %}<img src="passwd.png">{{ super() }}{% endblock %}', "passwd.png"),
    ],
    ids=["img", "link", "css-url", "css-import", "file-img", "font-face", "link-leading-out"],
)
def test_templates_cannot_fetch_outside_the_workspace(
    workspace: Workspace, brief: Brief, listener: Listener, body: str, refused: str
) -> None:
    build = ("build", "canada/peru", "--lang", "en", "--workspace", workspace.root)
    assert brief(*build, "--format", "pdf,docx").exit_code == 0
    before = outputs(workspace)
    (workspace.root / "passwd.png").symlink_to("/etc/passwd")  # a link out of the workspace
    override(workspace, body.replace("URL", listener.url))
    result = brief(*build, "--format", "pdf")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("brief: ")]
    shown = refused.replace("URL", listener.url)
    if not shown.startswith(("file:", "http:")):
        shown = (workspace.root / shown).as_uri()
    assert line.startswith(f"brief: refused to fetch {shown}: it is outside the workspace")
    assert listener.requests == []
    assert outputs(workspace) == before  # nothing replaced, no temporary left


def test_docx_writer_refuses_images_alike(
    workspace: Workspace, brief: Brief, listener: Listener
) -> None:
    override(workspace, f'{{% block cover %}}<img src="{listener.url}/x">{{% endblock %}}')
    result = brief(
        "build", "canada/peru", "--lang", "en", "--format", "docx", "--workspace", workspace.root
    )
    assert result.exit_code == 1
    assert "brief: the DOCX writer does not know <img>" in result.stderr
    assert listener.requests == []


def test_files_inside_the_workspace_may_be_used(workspace: Workspace, brief: Brief) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )
    (workspace.root / "templates/seal.svg").write_text(svg, encoding="utf-8")
    override(
        workspace, '{% block cover %}<img src="templates/seal.svg">{{ super() }}{% endblock %}'
    )
    result = brief(
        "build", "canada/peru", "--lang", "en", "--format", "pdf", "--workspace", workspace.root
    )
    assert result.exit_code == 0, result.stderr
    assert PdfReader(workspace.root / "briefs/canada/peru.en.pdf").pages


@pytest.mark.parametrize(
    ("expression", "refused"),
    [
        ("lipsum.__globals__.os.system('touch PWNED')", "'lipsum' is undefined"),
        ("cycler.__init__.__globals__.os.system('touch PWNED')", "'__init__' of"),
        ("joiner.__init__.__globals__", "'__init__' of"),
        ("namespace.__init__.__globals__", "'__init__' of 'type' object is unsafe"),
        ("''.__class__.__mro__[1].__subclasses__()", "'__class__' of 'str' object is unsafe"),
        ("fmt.gettext.__globals__['__builtins__']", "'__globals__' of 'method' object"),
        ("_.__self__", "'__self__' of 'method' object is unsafe"),
        ("self.__init__.__globals__", "'__init__' of 'TemplateReference' object is unsafe"),
        ("'{0.__class__.__init__.__globals__}'.format(fmt)", "object is unsafe"),
        ("fmt|attr('__class__')", "'__class__' of 'Formatter' object is unsafe"),
        ("scheme.level.__func__.__globals__", "'__func__' of 'method' object is unsafe"),
        ("talking_points.append('added')", "'append' of 'list' object is unsafe"),
        ("range(10**9)|list|length", "Range too big"),
        ("config.items()", "'config' is undefined"),
    ],
)
def test_templates_run_in_a_sandbox(
    workspace: Workspace, brief: Brief, tmp_path: Path, expression: str, refused: str
) -> None:
    expression = expression.replace("PWNED", str(tmp_path / "PWNED"))
    override(workspace, f"{{% block summary %}}\n{{{{ {expression} }}}}{{% endblock %}}")
    result = brief(*BUILD_HTML, "--workspace", workspace.root)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("brief: templates/brief-canada-peru.html:3: ") and refused in line
    assert not (tmp_path / "PWNED").exists()
    assert outputs(workspace) == {}
