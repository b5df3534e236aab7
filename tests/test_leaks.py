"""No item above the build's level reaches any part of any document (property-based).

Hypothesis places levels at random on every classifiable thing (tests/planting.py): the
relationship, its sections and items, the partner profile and its leaders, sources, the
meeting file and its points, if-asked lines, asks, participants (named, or linking people
of the relationship) and counterparts, and the region of a pack. It then builds a country
brief, a meeting brief or a two-member region pack at a random level, in one language
drawn at random. In every output (the PDF's text as pypdf and as pdftotext read it, its
outline, its metadata and XMP; every XML part of the DOCX; the HTML; a pack's chapters,
caches and stamps), no marker above the level may appear; every marker the document shows
must appear in the HTML (and in the bound pack), after the portion mark of its effective
level; the banners and the metadata must give the highest level shown. Every example
renders HTML; a random part of them (about half) renders the PDF and DOCX too (a pack
always binds a PDF), which keeps the file within a few minutes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.errors import BuildFailed
from briefing.languages import translations
from briefing.meetings import build_meeting
from briefing.packs import PackFailed, build_pack
from briefing.workspace import Workspace, open_workspace
from planting import (
    LEVELS,
    MEETING,
    PLACES,
    PROFILE,
    REGION_NAME,
    REGIONS,
    REL,
    REPOSITORY,
    SCHEME,
    SECTIONS,
    Planted,
    plant,
)
from readers import docx_parts, outline_titles

TODAY = date(2026, 11, 23)
FILES = {
    "country": (REL, PROFILE),
    "meeting": (MEETING, REL, PROFILE),
    "pack": (REL, PROFILE, REGIONS),
}
MAIN = {"country": REL, "meeting": MEETING, "pack": REL}  # above the level: a refusal
# Beside the top banner of a hypothetical document: a word of the catalog, not a marking.
EXAMPLE = {translations(lang).gettext("Example") for lang in ("en", "fr", "es")}
level = st.sampled_from(LEVELS)
sometimes = st.one_of(st.none(), level)
low = st.one_of(st.just(LEVELS[0]), level)  # a file's level: often the lowest, as in practice


def examples(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """What one example draws: levels of files and sections, planted items, build level."""
    files = {path: low if path == MAIN[kind] else sometimes for path in FILES[kind]}
    if kind == "meeting":
        files[REL] = low  # a relationship always has a level
    return st.fixed_dictionaries(
        {
            "lang": st.sampled_from(["en", "fr"]),
            "levels": st.fixed_dictionaries(files),
            "sections": st.fixed_dictionaries({name: sometimes for name in SECTIONS}),
            "items": st.lists(
                st.tuples(st.sampled_from(sorted(PLACES[kind])), sometimes, sometimes),
                min_size=2,
                max_size=12,
            ),
            "level": level,
            "full": st.sampled_from([True, False, False]),  # PDF and DOCX too
        }
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workspace for every example: each writes the files it reads and clears briefs/."""
    root = tmp_path_factory.mktemp("leaks")
    settings = (REPOSITORY / "brief.yaml").read_text(encoding="utf-8")
    assert "portion_marks: false" in settings
    (root / "brief.yaml").write_text(
        settings.replace("portion_marks: false", "portion_marks: true")
    )
    for name in ("data", "templates"):
        shutil.copytree(REPOSITORY / name, root / name)
    return root


def build(root: Path, planted: Planted, level: str, full: bool) -> list[Path]:
    """Write the planted files, build the document, and return every file under briefs/."""
    shutil.rmtree(root / "briefs", ignore_errors=True)
    for path, data in planted.files.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (root / path).write_text(text, encoding="utf-8")
    ws = open_workspace(root)
    formats = ("html", "pdf", "docx") if full else ("html",)
    options = BuildOptions(langs=(planted.lang,), formats=formats, level=level, today=TODAY)
    if planted.kind == "country":
        build_brief(ws, "canada/peru", options)
    elif planted.kind == "meeting":
        build_meeting(ws, root / MEETING, options)
    else:
        build_pack(ws, "pair", "canada", options, jobs=1)
    written = (root / "briefs").rglob("*")
    return sorted(p for p in written if p.is_file())


def squeezed(text: str) -> str:
    """Text without white space: a marker broken over two lines is still found."""
    return "".join(text.split())


def contents(path: Path) -> tuple[str, set[str]]:
    """Everything a reader or a program could find in an output, and its top banners."""
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        pages = [read_page(page) for page in reader.pages]
        poppler = subprocess.run(
            ["pdftotext", "-q", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        xmp = reader.trailer["/Root"].get("/Metadata")
        found = [text for text, _ in pages] + [poppler, *outline_titles(path)]
        found += [str(reader.metadata), xmp.get_object().get_data().decode() if xmp else ""]
        return "\n".join(found), {top for _, top in pages}
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        headers = {
            p.text
            for s in document.sections
            for p in s.header.paragraphs
            if p.text and p.text not in EXAMPLE
        }
        return docx_parts(path), headers
    text = path.read_text(encoding="utf-8")
    return text, set(re.findall(r'<header class="banner running">([^<]*)</header>', text))


def read_page(page: Any) -> tuple[str, str]:
    """A PDF page's text and its top banner, from one extraction (it is the slow part)."""
    height = float(page.mediabox.height)
    top: list[str] = []

    def visit(text: str, cm: Any, tm: Any, *_: Any) -> None:
        if text.strip() not in EXAMPLE | {""} and tm[5] * cm[3] + cm[5] > height - 50:
            top.append(text.strip())

    return page.extract_text(visitor_text=visit), " ".join(top)


def expected(planted: Planted, path: Path, level: str) -> tuple[str | None, set[str]]:
    """The marking `path` must carry (None: a pack's intermediate file) and the markers it
    must show: all those shown, in the document's HTML (which has no region) and in the
    bound pack."""
    shown = {m for m in planted.markers if planted.shown(m, level)}
    if path.suffix == ".json" or path.parent.name in (".chapters", ".cache"):
        return None, set()
    if path.name.startswith("chile."):  # the pack's other member: nothing planted
        return LEVELS[0], set()
    if path.parent.name == "packs":
        return planted.marking(level), shown
    member = planted.marking(level, without=frozenset({REGION_NAME}))
    return member, shown - {REGION_NAME} if path.suffix == ".html" else set()


def check_marking(path: Path, tops: set[str], text: str, label: str, lang: str = "en") -> None:
    catalog = translations(lang)
    # a bound pack's banners say whose level it is: the pack's, "UNCLASSIFIED (pack)"
    banner = catalog.gettext("{level} (pack)") if path.parent.name == "packs" else "{level}"
    assert tops == {banner.format(level=label)}, (path.name, tops, label)
    if path.suffix == ".pdf":
        metadata = PdfReader(path).metadata
        assert metadata is not None and metadata["/Keywords"] == label
        assert "<pdf:Keywords>" not in text or f"<pdf:Keywords>{label}</pdf:Keywords>" in text
    if path.suffix == ".docx":
        core = docx.Document(str(path)).core_properties
        assert core.keywords == core.category == label, path.name


def run(root: Path, kind: str, **drawn: Any) -> None:
    """Build one drawn example and check every output it wrote."""
    planted = plant(kind, drawn["lang"], drawn["levels"], drawn["sections"], drawn["items"])
    level, main = drawn["level"], MAIN[kind]
    if kind == "pack" and not SCHEME.allows(planted.region_level(), level):
        main = REGIONS  # a pack is its region's: one above the level is refused
    event(f"{kind}: " + ("refused" if not SCHEME.allows(planted.level(main), level) else "built"))
    event(f"{kind}: " + ("PDF and DOCX too" if drawn["full"] else "HTML only"))
    if not SCHEME.allows(planted.level(main), level):
        with pytest.raises(BuildFailed if kind != "pack" else PackFailed, match=main):
            build(root, planted, level, drawn["full"])
        return
    outputs = build(root, planted, level, drawn["full"])
    hidden = [squeezed(m) for m in planted.markers if not planted.shown(m, level)]
    for path in outputs:
        text, tops = contents(path)
        found = squeezed(text)
        for marker in hidden:
            assert marker not in found, (path.name, marker, planted.markers.get(marker))
        marking, required = expected(planted, path, level)
        for marker in required:
            assert squeezed(marker) in found, (path.name, marker, planted.markers[marker])
            if marker in planted.portions and path.suffix == ".html":  # (S) Point ...
                portion = re.search(rf'class="portion">\((\w+)\)</span> \w+ {marker}', text)
                assert portion and portion[1] == planted.portion(marker), (marker, portion)
        if marking is not None:
            label = SCHEME.level(marking).label(translations(planted.lang))
            check_marking(path, tops, text, label, planted.lang)


SETTINGS = {
    "deadline": None,
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow explain
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


@settings(max_examples=120, **SETTINGS)
@given(drawn=examples("country"))
def test_country_brief_shows_nothing_above_its_level(scratch: Path, drawn: dict[str, Any]) -> None:
    run(scratch, "country", **drawn)


@settings(max_examples=60, **SETTINGS)
@given(drawn=examples("meeting"))
@example(  # a participant left out with its person must not raise the banner
    drawn={
        "lang": "en",
        "levels": {MEETING: "UNCLASSIFIED", REL: "UNCLASSIFIED", PROFILE: None},
        "sections": dict.fromkeys(("summary", "background", "trade", "investment", "aid")),
        "items": [("agreement", None, None), ("linked_participant", "PROTECTED A", "PROTECTED B")],
        "level": "PROTECTED A",
        "full": True,
    }
)
def test_meeting_brief_shows_nothing_above_its_level(scratch: Path, drawn: dict[str, Any]) -> None:
    run(scratch, "meeting", **drawn)


@settings(max_examples=25, **SETTINGS)
@given(drawn=examples("pack"))
def test_region_pack_shows_nothing_above_its_level(scratch: Path, drawn: dict[str, Any]) -> None:
    run(scratch, "pack", **drawn)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def brief(ws: Workspace, level: str, formats: tuple[str, ...] = ("html",)) -> list[Path]:
    options = BuildOptions(langs=("en",), formats=formats, level=level, today=TODAY)
    return build_brief(open_workspace(ws.root), "canada/peru", options)


def test_a_profile_above_the_level_is_left_out_of_the_brief(workspace: Workspace) -> None:
    edit(workspace.root / PROFILE, "names:", "classification: TOP SECRET\nnames:")
    for path in brief(workspace, "UNCLASSIFIED", ("pdf", "docx", "html")):
        text, tops = contents(path)
        assert "Balc" not in text and "OECD" not in text and "33.8" not in text, path.name
        assert "Peru: country brief" in text  # pycountry's name, not the profile's
        check_marking(path, tops, text, "UNCLASSIFIED")
    [html] = brief(workspace, "TOP SECRET")
    text, tops = contents(html)
    assert "José María Balcázar" in text and tops == {"TOP SECRET"}


def test_sources_are_listed_only_when_shown_and_cited(workspace: Workspace) -> None:
    rel = workspace.root / REL
    edit(
        rel,
        "sources:\n",
        "sources:\n"
        "  - {id: wren, title: {en: Notes WREN-1}, publisher: {en: Desk}, classification: SECRET}\n"
        "  - {id: ibis, title: {en: Notes IBIS-6}, publisher: {en: Desk}}\n",
    )
    edit(rel, "summary:\n  sources: [gac-2012]", "summary:\n  sources: [gac-2012, wren]")
    edit(
        rel,
        "talking_points:\n",
        "talking_points:\n"
        "  - {text: {en: Point EGRET-8.}, sources: [ibis], classification: SECRET}\n",
    )
    [html] = brief(workspace, "CONFIDENTIAL")
    text = html.read_text(encoding="utf-8")
    assert "WREN" not in text and "IBIS" not in text and "EGRET" not in text
    assert 'href="#src-wren"' not in text and "Canada and Peru have a warm" in text
    [html] = brief(workspace, "SECRET")
    text = html.read_text(encoding="utf-8")
    assert "Notes WREN-1" in text and "Notes IBIS-6" in text and 'href="#src-wren"' in text


def test_portion_marks_carry_the_section_level_down(workspace: Workspace) -> None:
    edit(workspace.root / "brief.yaml", "portion_marks: false", "portion_marks: true")
    edit(workspace.root / REL, "political:\n", "political:\n  classification: SECRET\n")
    [html] = brief(workspace, "SECRET")
    text = html.read_text(encoding="utf-8")
    section = text[text.index('id="political"') : text.index('id="multilateral"')]
    marks = re.findall(r'class="portion">\((\w+)\)', section)
    assert marks and set(marks) == {"S"}  # unmarked paragraphs of a SECRET section
    assert '<span class="portion">(U)</span> Canada and Peru have a warm' in text


def test_a_pack_refuses_a_region_and_drops_a_profile_above_its_level(workspace: Workspace) -> None:
    edit(
        workspace.root / REGIONS,
        "\nregions:\n",
        "\nregions:\n  - {id: pair, kind: region, names: {en: Cordillera Pact, fr: Pacte "
        "Cordillera}, members: [peru, chile], as_of: 2026-11, classification: SECRET}\n",
    )
    edit(workspace.root / PROFILE, "names:", "classification: TOP SECRET\nnames:")

    def pack(level: str) -> tuple[str, set[str], Path]:
        options = BuildOptions(langs=("en",), formats=("pdf",), level=level, today=TODAY)
        [path] = build_pack(open_workspace(workspace.root), "pair", "canada", options, jobs=1)
        text, tops = contents(path)
        return text, tops, path

    with pytest.raises(PackFailed, match="region 'pair' is SECRET; a pack at UNCLASSIFIED"):
        pack("UNCLASSIFIED")
    assert not (workspace.root / "briefs" / "canada" / "packs").exists()
    edit(workspace.root / REGIONS, ", classification: SECRET}", "}")
    text, tops, path = pack("UNCLASSIFIED")
    assert "Cordillera Pact: region pack" in text and "Balc" not in text
    check_marking(path, tops, text, "UNCLASSIFIED")
    chapter, _ = contents(path.parent / ".chapters" / "peru.en.pdf")
    assert "Balc" not in chapter and "Peru: country brief" in chapter
    edit(workspace.root / REGIONS, "as_of: 2026-11}", "as_of: 2026-11, classification: SECRET}")
    text, tops, path = pack("SECRET")
    assert "Cordillera Pact: region pack" in text and "Balc" not in text
    check_marking(path, tops, text, "SECRET")  # the region's own level counts
