"""The workspace boundary: nothing outside the workspace is read, written or echoed.

Every entry point is given names and paths that lead out (`..`, absolute paths, homes that
do not exist, links from the workspace to a file elsewhere), and each must refuse with one
line and exit non-zero, write nothing anywhere and print nothing of the file it refused.
The house style's files (templates, style, logo, Word reference, settings) are refused
the same way when they link out, and each kind of bad logo and locale is one line.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import weasyprint  # noqa: F401  its import makes Pillow lenient for the process: checks hold anyway
from click.testing import Result
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm, RGBColor
from PIL import Image

from briefing.render import environment
from briefing.serve import Reloads, create_app
from briefing.workspace import Workspace
from readers import docx_parts

Brief = Callable[..., Result]
SECRET = "OUTSIDESECRET"
HTML = ("--lang", "en", "--format", "html", "-q")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, links included, with its bytes: what a run may not change."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"->"
        for p in folder.rglob("*")
        if p.is_file() or p.is_symlink()
    }


def outside(tmp_path: Path, name: str = "secret.txt") -> Path:
    """A file next to the workspace, not in it, that no run may print."""
    path = tmp_path / "elsewhere" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{SECRET}: the first line\n{SECRET} again\n", encoding="utf-8")
    return path


def one_line(result: Result) -> str:
    """The only line a refusal prints, asserting there is only one and no traceback."""
    assert "Traceback" not in result.stderr and SECRET not in result.output
    [line] = [x for x in result.stderr.splitlines() if not x.endswith(" problem found")]
    return line


@pytest.mark.parametrize("home", ["../../x", "/ABSOLUTE", "narnia", "countries", "linked"])
def test_pack_home_must_be_a_home_of_the_workspace(
    workspace: Workspace, brief: Brief, tmp_path: Path, home: str
) -> None:
    home = home.replace("/ABSOLUTE", str(tmp_path.parent))
    away = tmp_path / "elsewhere"
    shutil.copytree(workspace.data / "canada", away)
    (workspace.data / "linked").symlink_to(away)  # a home's files, but out of the workspace
    before = tree(tmp_path)
    result = brief("pack", "asean", "--home", home, *HTML, "--workspace", workspace.root)
    assert result.exit_code == 1
    assert one_line(result) == (
        f"brief: no home '{home}' in data/ (expected one of: canada, france, japan, peru; "
        "a home is a folder data/HOME/)"
    )
    assert tree(tmp_path) == before  # no empty pack, and nothing beside the workspace


def test_pack_of_a_real_home_still_builds(workspace: Workspace, brief: Brief) -> None:
    result = brief(
        "pack",
        "andean-community",
        "--home",
        "canada",
        *HTML,
        "-j",
        "1",
        "--workspace",
        workspace.root,
    )
    assert result.exit_code == 0, result.stderr
    assert (workspace.root / "briefs/canada/peru.en.html").is_file()


def test_build_meeting_and_check_refuse_paths_out(
    workspace: Workspace, brief: Brief, tmp_path: Path
) -> None:
    meeting = workspace.data / "canada/meetings/2026-12-03-peru-fm.yaml"
    away = outside(tmp_path, meeting.name)
    shutil.copy(meeting, away)  # a real meeting file, but outside the workspace
    (workspace.data / "canada/linked.yaml").symlink_to(outside(tmp_path))
    (workspace.data / "canada/meetings/2026-12-04-linked.yaml").symlink_to(away)
    linked = workspace.data / "canada/meetings/2026-12-04-linked.yaml"
    relative = os.path.relpath(away)
    cases: list[tuple[tuple[Any, ...], int, str]] = [
        (("build", "canada/../../x", *HTML), 1, "brief: 'canada/../../x' is not HOME/PARTNER"),
        (("build", "narnia/peru", *HTML), 1, "brief: data/narnia/peru.yaml does not exist"),
        (("build", "canada/linked", *HTML), 1, "data/canada/linked.yaml:1:1: is a link to /"),
        (("meeting", away, *HTML), 1, f"{away}:1:1: not where data files go"),
        (("meeting", relative, *HTML), 1, f"{relative}:1:1: not where data files go"),
        (("meeting", linked, *HTML), 1, f"{workspace.show(linked)}:1:1: is a link to {away}"),
        (("check", away), 1, f"{away}:1:1: not where data files go"),
        (("check", away.parent), 2, f"Error: Invalid value: {away.parent} is outside the"),
        (("check", linked), 1, f"{workspace.show(linked)}:1:1: is a link to {away}"),
    ]
    before = tree(tmp_path)
    for args, code, expected in cases:
        result = brief(*args, "--workspace", workspace.root)
        assert result.exit_code == code, (args, result.stderr)
        assert SECRET not in result.output and "Traceback" not in result.stderr
        assert any(x.startswith(expected) for x in result.stderr.splitlines()), (args, result)
    assert tree(tmp_path) == before


def test_templates_copy_never_writes_through_a_link_out(
    workspace: Workspace, brief: Brief, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(workspace.root / "templates")
    (workspace.root / "templates").symlink_to(elsewhere)
    result = brief("templates", "copy", "sections/trade.html", "--workspace", workspace.root)
    assert result.exit_code == 1
    assert one_line(result) == (
        f"brief: templates is a link to {elsewhere}, outside the workspace (expected a folder "
        "of the workspace's own)"
    )
    assert list(elsewhere.iterdir()) == []


def served(ws: Workspace, target: bytes) -> tuple[int, bytes]:
    """The status and body `brief serve` answers to a GET of the raw path `target`."""
    app = create_app(ws, Reloads(), hosts=())
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": target.decode("latin-1"),
        "raw_path": target,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


def test_serve_reads_nothing_outside(workspace: Workspace, tmp_path: Path) -> None:
    (workspace.data / "canada/linked.yaml").symlink_to(outside(tmp_path))
    for target in (
        b"/brief/../../../etc/passwd",
        b"/brief/canada/..%2f..%2f..%2felsewhere%2fsecret.en.html",
        b"/%2e%2e/%2e%2e/elsewhere/secret.txt",
        b"/brief/canada/../../../elsewhere/secret.en.html",
    ):
        status, body = served(workspace, target)
        assert status == 404 and SECRET.encode() not in body, target
    status, body = served(workspace, b"/brief/canada/linked.en.html")
    assert status == 422 and b"is a link to" in body and SECRET.encode() not in body


@pytest.mark.parametrize(
    "name",
    [
        "brief-canada-peru.html",
        "sections/trade.html",
        "style.css",
        "logo.svg",
        "logo.png",
        "reference.docx",
    ],
)
def test_house_style_linked_out_is_refused_unread(
    workspace: Workspace, brief: Brief, tmp_path: Path, name: str
) -> None:
    secret = outside(tmp_path)
    link = workspace.root / "templates" / name
    link.parent.mkdir(exist_ok=True)
    link.unlink(missing_ok=True)
    if name.startswith("logo."):
        use_logo(workspace, name)
    link.symlink_to(secret)
    environment.cache_clear()
    before = tree(tmp_path)
    result = brief(
        "build",
        "canada/peru",
        "--lang",
        "en",
        "--format",
        "html,docx",
        "-q",
        "--workspace",
        workspace.root,
    )
    assert result.exit_code == 1
    assert one_line(result) == (
        f"brief: templates/{name}: is a link to {secret}, outside the workspace "
        "(expected the file itself)"
    )
    assert tree(tmp_path) == before


def test_settings_linked_out_are_refused_unread(
    workspace: Workspace, brief: Brief, tmp_path: Path
) -> None:
    secret = outside(tmp_path, "brief.yaml")
    (workspace.root / "brief.yaml").unlink()
    (workspace.root / "brief.yaml").symlink_to(secret)
    for args in (("check",), ("build", "canada/peru", *HTML), ("pack", "asean", *HTML)):
        result = brief(*args, "--workspace", workspace.root)
        assert result.exit_code == 1
        assert one_line(result) == (
            f"brief.yaml:1:1: is a link to {secret}, outside the workspace "
            "(expected the settings file itself)"
        )


def use_logo(workspace: Workspace, name: str) -> None:
    """Canada's briefs take `templates/NAME` as their emblem, in place of the sample's."""
    settings = workspace.root / "brief.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "templates/logo-canada.svg" in text
    settings.write_text(text.replace("templates/logo-canada.svg", f"templates/{name}"), "utf-8")


def png(size: tuple[int, int], kind: str = "PNG", *, noise: bool = False) -> bytes:
    """An image of one colour, or of noise, where no part compresses away."""
    out = io.BytesIO()
    pixels = os.urandom(size[0] * size[1] * 3) if noise else bytes(size[0] * size[1] * 3)
    Image.frombytes("RGB", size, pixels).save(out, kind)
    return out.getvalue()


SVG = '<svg xmlns="http://www.w3.org/2000/svg"'
LAUGHS = "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10)
)  # a billion "lol"s, once every entity is expanded
SVG_IS = "templates/logo.svg: "
PNG_IS = "templates/logo.png: "
DTD = SVG_IS + "declares a DTD"
BAD_LOGOS = {
    "malformed": ("logo.svg", f"{SVG}><rect", "templates/logo.svg:1:41: is not well-formed XML"),
    "undefined-entity": (
        "logo.svg",
        f"{SVG}><text>&x;</text></svg>",
        "templates/logo.svg:1:47: is not well-formed XML: undefined entity",
    ),
    "billion-laughs": ("logo.svg", f"<!DOCTYPE svg [{LAUGHS}]>{SVG}><text>&l9;</text></svg>", DTD),
    "external-entity": (
        "logo.svg",
        f'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>{SVG}><text>&x;</text></svg>',
        DTD,
    ),
    "not-svg": (
        "logo.svg",
        '<html xmlns="http://www.w3.org/1999/xhtml"/>',
        SVG_IS + "its root is <html>, not an SVG image",
    ),
    "no-size": ("logo.svg", f"{SVG}/>", SVG_IS + "has no size of its own"),
    "huge-svg": (
        "logo.svg",
        f'{SVG} width="16000" height="16000"/>',
        SVG_IS + "is 16,000 × 16,000 pixels",
    ),
    "huge-viewbox": (
        "logo.svg",
        f'{SVG} width="100%" viewBox="0 0 1e9 10"/>',
        SVG_IS + "is 1,000,000,000 × 10 pixels",
    ),
    "text-png": ("logo.png", "a logo, promise", PNG_IS + "is not an image (expected a PNG file)"),
    "jpeg-png": ("logo.png", png((20, 20), "JPEG"), PNG_IS + "is a JPEG image, not a PNG"),
    "truncated-png": (
        "logo.png",
        png((300, 300), noise=True)[:100_000],
        PNG_IS + "is not a whole PNG image",
    ),
    "huge-png": ("logo.png", png((5000, 5000)), PNG_IS + "is 5,000 × 5,000 pixels"),
    "big-file": (
        "logo.png",
        os.urandom(3_000_000),
        PNG_IS + "is 3,000,000 bytes (expected at most 2,097,152)",
    ),
}


@pytest.mark.parametrize(("name", "content", "expected"), BAD_LOGOS.values(), ids=BAD_LOGOS)
def test_each_bad_logo_is_one_line(
    workspace: Workspace, brief: Brief, name: str, content: str | bytes, expected: str
) -> None:
    use_logo(workspace, name)
    path = workspace.root / "templates" / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    result = brief("build", "canada/peru", *HTML, "--workspace", workspace.root)
    assert result.exit_code == 1
    line = one_line(result)
    assert line.startswith(f"brief: {expected}") and "(expected" in line, line
    assert "root:" not in result.output and "lol" not in result.output


def test_a_good_png_logo_reaches_both_formats(workspace: Workspace, brief: Brief) -> None:
    use_logo(workspace, "logo.png")
    (workspace.root / "templates/logo.png").write_bytes(png((64, 64)))
    result = brief(
        "build",
        "canada/peru",
        "--lang",
        "en",
        "--format",
        "html,docx",
        "--workspace",
        workspace.root,
    )
    assert result.exit_code == 0, result.stderr
    html = (workspace.root / "briefs/canada/peru.en.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html
    assert "<pic:pic" in docx_parts(workspace.root / "briefs/canada/peru.en.docx")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("xx_YY", "'xx_YY' is not a locale Babel knows (expected a locale such as fr_CA)"),
        ('"fr-CA!"', "'fr-CA!' is not a locale Babel knows (expected a locale such as fr_CA)"),
        ("fr-CA", "'fr-CA' is not a locale Babel knows (expected a locale such as fr_CA)"),
        ("fr_CA.UTF-8", "'fr_CA.UTF-8' is not a locale's name (expected fr_CA, as Babel names it)"),
        ("en_CA", "'en_CA' is a locale of en, not fr (expected a locale such as fr_CA)"),
        ("12", "expected text (got 12)"),
    ],
)
def test_bad_locales_are_refused_by_check_and_build(
    workspace: Workspace, brief: Brief, written: str, expected: str
) -> None:
    settings = workspace.root / "brief.yaml"
    text = settings.read_text(encoding="utf-8")
    line = f"locales: {{en: en_CA, fr: {written}}}"
    text = text.replace("locales: {en: en_CA, fr: fr_CA}", line)
    settings.write_text(text, encoding="utf-8")
    number = text.splitlines().index(line) + 1
    where = f"brief.yaml:{number}:{line.rindex(written) + 1}: locales.fr: {expected}"
    for args in (("check",), ("build", "canada/peru", *HTML)):
        result = brief(*args, "--workspace", workspace.root)
        assert result.exit_code == 1
        assert one_line(result) == where


def test_a_known_locale_of_the_language_is_accepted(workspace: Workspace, brief: Brief) -> None:
    settings = workspace.root / "brief.yaml"
    text = settings.read_text(encoding="utf-8").replace("fr: fr_CA}", "fr: fr_FR}")
    settings.write_text(text, encoding="utf-8")
    result = brief(
        "build", "canada/peru", "--lang", "fr", "--format", "html", "--workspace", workspace.root
    )
    assert result.exit_code == 0, result.stderr


REFERENCE_SECRETS = (
    "REFBODYSECRET",
    "REFHEADERSECRET",
    "REFHEADTABLESECRET",
    "REFFOOTERSECRET",
    "REFFIRSTSECRET",
    "REFEVENSECRET",
    "REFTITLESECRET",
    "REFAUTHORSECRET",
    "REFSUBJECTSECRET",
    "REFKEYWORDSSECRET",
    "REFCOMMENTSSECRET",
    "REFLASTMODSECRET",
    "REFSTATUSSECRET",
    "REFIDSECRET",
    "REFVERSIONSECRET",
    "REFCOMMENTPARTSECRET",
    "REFCUSTOMSECRET",
    "REFCOMPANYSECRET",
    "REFDOCVARSECRET",
)


def hostile_reference(path: Path) -> None:
    """A reference.docx with text everywhere Word keeps text, and one style of its own."""
    document = docx.Document(str(ROOT_REFERENCE))
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    document.add_paragraph("REFBODYSECRET")
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "a first paragraph"
    section.header.add_paragraph("REFHEADERSECRET")  # the second paragraph
    section.header.add_table(1, 1, Cm(5)).cell(0, 0).text = "REFHEADTABLESECRET"
    section.footer.add_paragraph("REFFOOTERSECRET")
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "REFFIRSTSECRET"
    section.even_page_header.paragraphs[0].text = "REFEVENSECRET"
    document.settings.odd_and_even_pages_header_footer = True
    props = document.core_properties
    props.title, props.author = "REFTITLESECRET", "REFAUTHORSECRET"
    props.subject = "REFSUBJECTSECRET"
    props.keywords, props.comments = "REFKEYWORDSSECRET", "REFCOMMENTSSECRET"
    props.last_modified_by, props.content_status = "REFLASTMODSECRET", "REFSTATUSSECRET"
    props.identifier, props.version = "REFIDSECRET", "REFVERSIONSECRET"
    document.add_comment(document.paragraphs[-1].runs, text="REFCOMMENTPARTSECRET", author="x")
    package = document.part.package
    custom = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Level">'
        "<vt:lpwstr>REFCUSTOMSECRET</vt:lpwstr></property></Properties>"
    )
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, custom.encode(), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
    app = package.part_related_by(RT.EXTENDED_PROPERTIES)
    company = b"<Company>REFCOMPANYSECRET</Company></Properties>"
    app._blob = app.blob.replace(b"</Properties>", company)  # python-docx does not model it
    document.settings.element.append(
        parse_xml(
            '<w:docVars xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:docVar w:name="x" w:val="REFDOCVARSECRET"/></w:docVars>'
        )
    )
    document.save(str(path))


ROOT_REFERENCE = Path(__file__).resolve().parents[1] / "src/briefing/templates/reference.docx"


def test_a_reference_gives_its_styles_and_nothing_it_says(
    workspace: Workspace, brief: Brief
) -> None:
    reference = workspace.root / "templates/reference.docx"
    hostile_reference(reference)
    assert all(s in docx_parts(reference) for s in REFERENCE_SECRETS)  # all planted
    result = brief(
        "build", "canada/peru", "--lang", "en", "--format", "docx", "--workspace", workspace.root
    )
    assert result.exit_code == 0, result.stderr
    built = workspace.root / "briefs/canada/peru.en.docx"
    parts = docx_parts(built)
    assert [s for s in REFERENCE_SECRETS if s in parts] == []
    assert 'w:color w:val="123456"' in parts  # the reference's own Heading 1
    document = docx.Document(str(built))
    [section] = document.sections
    assert not document.settings.odd_and_even_pages_header_footer  # one header: every page
    for part in (section.header, section.first_page_header):  # the cover's is the writer's
        header = [p.text for p in part.paragraphs if p.text]
        assert header == ["UNCLASSIFIED"] and not part.tables
    assert document.core_properties.title == "Peru: country brief"
