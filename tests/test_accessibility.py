"""Every PDF is PDF/UA-1: the outputs of `brief build`, `brief meeting` and `brief pack`,
opened with pikepdf and pypdf, and checked by an independent PDF/UA checker (pdfua)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import NamedTuple

import pikepdf
import pytest
from click.testing import CliRunner
from pdfua import validate
from pypdf import PdfReader

from briefing.cli import main
from briefing.writers.tagged import finish
from readers import artifact_text, banners, figures, structure

JAPAN = "data/japan/meetings/2025-08-08-peru-president.yaml"


class Output(NamedTuple):
    path: str  # under briefs/
    lang: str
    marking: str  # the banner: a pack's says it is the pack's level
    page_label: str
    chapters: int = 0  # a pack's: the organisation's brief, if any, and its members'


EN, FR = "Page {} of {}", "Page {} de {}"
OUTPUTS = {
    "brief en": Output("canada/peru.en.pdf", "en-CA", "UNCLASSIFIED", EN),
    "brief fr": Output("canada/peru.fr.pdf", "fr-CA", "NON CLASSIFIÉ", FR),
    "meeting": Output(
        "japan/meetings/2025-08-08-peru-president.en.pdf", "en-US", "UNCLASSIFIED", EN
    ),
    "pack asean en": Output("canada/packs/asean.en.pdf", "en-CA", "PROTECTED A (pack)", EN, 5),
    "pack asean fr": Output("canada/packs/asean.fr.pdf", "fr-CA", "PROTÉGÉ A (dossier)", FR, 5),
    "pack pacific-alliance en": Output(
        "canada/packs/pacific-alliance.en.pdf", "en-CA", "UNCLASSIFIED (pack)", EN, 4
    ),  # no brief of the organisation itself: its four members
}
PACKS = [name for name, output in OUTPUTS.items() if output.chapters]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's Canada–Peru brief (en, fr), Japan–Peru summit brief (en) and packs (the
    ASEAN pack in en and fr, the Pacific Alliance's in en), as PDFs."""
    from conftest import copy_workspace

    root = copy_workspace(tmp_path_factory.mktemp("tagged")).root
    commands = [
        ["build", "canada/peru", "--lang", "en,fr"],
        ["meeting", root / JAPAN],
        ["pack", "asean", "--home", "canada", "--lang", "en,fr", "-j", "2"],
        ["pack", "pacific-alliance", "--home", "canada", "--lang", "en", "-j", "2"],
    ]
    for command in commands:
        args = [*command, "--format", "pdf", "-q", "--workspace", root]
        result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return root / "briefs"


@pytest.fixture(params=OUTPUTS)
def output(request: pytest.FixtureRequest, briefs: Path) -> tuple[Path, Output]:
    expected = OUTPUTS[request.param]
    return briefs / expected.path, expected


def test_structure_has_headings_tables_and_described_figures(
    output: tuple[Path, Output],
) -> None:
    path, expected = output
    with pikepdf.open(path) as pdf:
        found = [str(element.S) for element in structure(pdf)]
        assert found.count("/H1") == 1 + expected.chapters and "/H2" in found  # the cover's
        assert {"/Table", "/TH", "/TD"} <= set(found)
        for figure in (e for e in structure(pdf) if e.S == "/Figure"):
            assert str(figure.get("/Alt", "")).strip()


def test_the_running_logo_is_drawn_as_furniture_not_as_a_figure(briefs: Path) -> None:
    path = briefs / OUTPUTS["brief en"].path
    with pikepdf.open(path) as pdf:
        alts = [str(e.Alt) for e in structure(pdf) if e.S == "/Figure"]
        marked = [
            instruction
            for page in pdf.pages
            for instruction in pikepdf.parse_content_stream(page, "BDC")
            if instruction.operands[0] == "/Figure"
        ]
    assert alts[0] == "Global Affairs Canada"
    assert alts[1].startswith("Bar chart by year: Trade in goods")
    assert len(marked) == len(alts) == 2  # the emblem on the cover, the chart
    pages = [figures(page) for page in PdfReader(path).pages]
    assert pages[0] == 1 and all(count >= 1 for count in pages[1:])  # the logo, from page 2


def test_declarations(output: tuple[Path, Output]) -> None:
    path, expected = output
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == expected.lang
        metadata = pdf.open_metadata()
        assert metadata["pdfuaid:part"] == "1"
        assert metadata["dc:title"] == str(pdf.docinfo.Title) != ""


def test_every_link_is_described(output: tuple[Path, Output]) -> None:
    path, _ = output
    with pikepdf.open(path) as pdf:
        links = [
            a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"
        ]
        assert links
        for link in links:
            assert str(link.get("/Contents", "")).strip()
            if "/A" in link:
                assert link.Contents == link.A.URI


def table_of(element: pikepdf.Dictionary) -> pikepdf.Dictionary:
    while element.S != "/Table":
        element = element.P
    return element


def test_the_id_tree_resolves_every_header(output: tuple[Path, Output]) -> None:
    path, _ = output
    with pikepdf.open(path) as pdf:
        ids = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        cells = [e for e in structure(pdf) if e.S == "/TD"]
        assert any(len(cell.A.Headers) for cell in cells)
        for cell in cells:
            for name in cell.A.Headers:
                header = ids[str(name)]
                assert header.S == "/TH" and str(header.ID) == str(name)
                assert table_of(header).objgen == table_of(cell).objgen
        for header in (e for e in structure(pdf) if e.S == "/TH"):
            assert header.A.Scope == "/Column"  # the samples' headers head their columns


def test_no_marked_content_belongs_to_an_element_outside_the_tree(
    output: tuple[Path, Output],
) -> None:
    path, _ = output
    with pikepdf.open(path) as pdf:
        reachable = {element.objgen for element in structure(pdf)}
        parents = dict(pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())
        for index, page in enumerate(pdf.pages):
            elements = parents[int(page.StructParents)]
            assert all(e is None or e.objgen in reachable for e in elements)
            drawn = [
                int(instruction.operands[1].MCID)
                for instruction in pikepdf.parse_content_stream(page, "BDC")
                if "/MCID" in instruction.operands[1]
            ]
            assert drawn and all(elements[mcid] is not None for mcid in drawn), index


def test_banners_and_page_numbers_are_artifacts(output: tuple[Path, Output]) -> None:
    path, expected = output
    pages = PdfReader(path).pages
    for number, page in enumerate(pages, start=1):
        label = expected.page_label.format(number, len(pages))  # page 1 too
        assert artifact_text(page) == [expected.marking, expected.marking, label]
        assert " ".join(artifact_text(page)) == " ".join(banners(page))  # all the margins
    if expected.chapters:
        return  # a pack's furniture is one form per page, stamped over the page
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            subtypes = [
                str(instruction.operands[1].get("/Subtype"))
                for instruction in pikepdf.parse_content_stream(page, "BDC")
                if instruction.operands[0] == "/Artifact"
            ]  # the top banner (and logo) a header; the bottom one and the number a footer
            assert subtypes.count("/Footer") == 2, subtypes  # the marking, the page number
            assert subtypes.count("/Header") == len(subtypes) - subtypes.count("/Footer") > 0


def test_pdfua_finds_nothing(output: tuple[Path, Output]) -> None:
    path, _ = output
    report = validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []  # no error, no warning
    # pdfua 0.1.3 cannot read a heading whose /K is an array (as_integer asks an array
    # for /is_integer), so it skips that rule; any other skip would hide a check.
    assert {outcome.rule_id for outcome in report.skipped} <= {"UA-14-001"}


def saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, static_id=True)
    return out.getvalue()


def test_finishing_twice_changes_nothing(briefs: Path) -> None:
    with pikepdf.open(briefs / OUTPUTS["brief en"].path) as pdf:
        before = saved(pdf)
        finish(pdf)
        assert saved(pdf) == before


def test_ids_repeated_across_documents_are_made_unique(briefs: Path) -> None:
    """As in a pack bound from briefs rendered apart: two tables with the same IDs."""
    with pikepdf.open(briefs / OUTPUTS["brief en"].path) as pdf:
        tables = [e for e in structure(pdf) if e.S == "/Table"]
        cells = [e for e in structure(pdf) if e.S in ("/TH", "/TD")]
        first, second = ([c for c in cells if table_of(c).objgen == t.objgen] for t in tables[:2])
        taken = [str(h.ID) for h in first if h.S == "/TH"]
        renames = {}
        for header, name in zip((h for h in second if h.S == "/TH"), taken, strict=False):
            renames[str(header.ID)] = name
            header.ID = pikepdf.String(name)
        for cell in (c for c in second if c.S == "/TD"):
            cell.A.Headers = pikepdf.Array(
                [pikepdf.String(renames.get(str(h), str(h))) for h in cell.A.Headers]
            )
        finish(pdf)
        ids = [str(e.ID) for e in structure(pdf) if "/ID" in e]
        assert len(set(ids)) == len(ids)
        assert [str(h.ID) for h in first if h.S == "/TH"] == taken  # the first keeps its own
        tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        for cell in (c for c in first + second if c.S == "/TD"):
            for name in cell.A.Headers:
                assert table_of(tree[str(name)]).objgen == table_of(cell).objgen


def test_links_without_contents_are_described(briefs: Path) -> None:
    with pikepdf.open(briefs / OUTPUTS["meeting"].path) as pdf:
        links = [
            a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"
        ]
        external = next(a for a in links if "/A" in a)
        named, explicit = [a for a in links if "/Dest" in a][:2]
        explicit.Dest = pikepdf.Array([pdf.pages[2].obj, pikepdf.Name.Fit])
        for link in links:
            del link.Contents
        finish(pdf)
        assert external.Contents == external.A.URI
        assert named.Contents == named.Dest
        assert explicit.Contents == "p. 3"


def test_a_bare_document_gets_the_pdfua_declarations() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo.Title = "A bound pack"
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 10, 10],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/")),
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([link]))
    finish(pdf)
    assert pdf.Root.MarkInfo.Marked is True and pdf.Root.ViewerPreferences.DisplayDocTitle is True
    metadata = pdf.open_metadata()
    assert metadata["pdfuaid:part"] == "1" and metadata["dc:title"] == "A bound pack"
    assert pdf.pages[0].Annots[0].Contents == "https://example.org/"


def first_page(element: pikepdf.Dictionary, pages: dict[tuple[int, int], int]) -> int:
    """The index of the first page that an element's content is on."""
    while "/Pg" not in element:
        element = next(k for k in element.K if isinstance(k, pikepdf.Dictionary) and "/S" in k)
    return pages[element.Pg.objgen]


@pytest.mark.parametrize("name", PACKS)
def test_a_packs_chapters_are_parts_in_reading_order_after_its_front_matter(
    briefs: Path, name: str
) -> None:
    expected = OUTPUTS[name]
    with pikepdf.open(briefs / expected.path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        [document] = pdf.Root.StructTreeRoot.K
        kids = [kid for kid in document.K if isinstance(kid, pikepdf.Dictionary)]
        parts = [kid for kid in kids if kid.S == "/Part"]
        assert len(parts) == expected.chapters
        front = kids[: kids.index(parts[0])]
        assert front and all(kid.S != "/Part" for kid in front)  # cover, contents
        with pdf.open_outline() as outline:
            chapters = [item for item in outline.root if item.children and item.is_closed]
            starts = [pages[item.destination[0].objgen] for item in chapters]
        assert len(starts) == expected.chapters
        assert [first_page(part, pages) for part in parts] == starts
        assert all(first_page(kid, pages) < starts[0] for kid in front)
        for part in parts:  # each chapter is a brief: its title first, as its one H1
            headings = [str(role) for role in structure_under(part) if str(role)[:2] == "/H"]
            assert headings[0] == "/H1" and headings.count("/H1") == 1


def structure_under(element: pikepdf.Dictionary) -> list[pikepdf.Name]:
    """The roles of the elements under `element`, depth first: a chapter starts with its H1."""
    found: list[pikepdf.Name] = []
    for kid in element.K if isinstance(element.K, pikepdf.Array) else [element.K]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += [kid.S, *structure_under(kid)]
    return found


def test_every_font_subset_has_a_tag_of_its_own(output: tuple[Path, Output]) -> None:
    path, expected = output
    owners: dict[str, set[tuple[int, int]]] = {}
    with pikepdf.open(path) as pdf:
        pending = [page.Resources for page in pdf.pages]
        while pending:
            resources = pending.pop()
            for font in dict(resources.get("/Font", {})).values():
                tag, plus, _ = str(font.BaseFont).removeprefix("/").partition("+")
                if plus:
                    owners.setdefault(tag, set()).add(font.objgen)
            for xobject in dict(resources.get("/XObject", {})).values():
                if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                    pending.append(xobject.Resources)
    assert owners
    assert {tag: fonts for tag, fonts in owners.items() if len(fonts) > 1} == {}
    if expected.chapters:
        assert len(owners) > 7  # the chapters' subsets of the same fonts, each renamed
