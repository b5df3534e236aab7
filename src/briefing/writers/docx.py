"""The DOCX writer: the brief's rendered HTML, walked element by element into Word.

The PDF and the DOCX are printed from the same HTML, so this writer decides no content: it
maps a closed set of semantic elements to the styles of ``reference.docx`` (Title,
Heading 1-3, List Bullet, Brief Table, If Asked, ...). Any other element is a
`TemplateProblem` that names it, so a template change can never drop text silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from pathlib import Path

import lxml.html
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from briefing.errors import TemplateProblem

from .docx_contents import write_contents
from .docx_inline import (
    INLINE,
    PLAIN,
    SPACES,
    Element,
    Line,
    Look,
    classes,
    unknown,
    where,
    write_runs,
)
from .docx_layout import chart_follows, column_widths, set_widths, single_cell
from .docx_page import (
    DocxMeta,
    catalog,
    describe,
    number_pictures,
    open_reference,
    set_custom_properties,
    set_furniture,
    set_properties,
)
from .pdf import Bookmark
from .svg import chart_png, image_bytes

__all__ = ["DocxMeta", "render_docx"]

Block = Callable[[Element], None]

_CONTAINERS = frozenset({"section", "div", "nav", "aside", "main", "article", "header", "footer"})
_HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
_PARAGRAPH_CLASSES = {"note": "Note", "subtitle": "Subtitle", "marking": "Banner"}
# A workspace's reference.docx may lack a style; each falls back to the next nearest.
_FALLBACK = {
    "Brief Table": "Table Grid", "If Asked": "Quote", "TOC Heading": "Normal",
    "Heading 3": "Heading 2", "Heading 2": "Heading 1", "List Bullet 3": "List Bullet 2",
    "List Bullet 2": "List Bullet", "List Number 3": "List Number 2",
    "List Number 2": "List Number", "List Continue 3": "List Continue 2",
    "List Continue 2": "List Continue", "toc 2": "toc 1", "toc 1": "Normal",
}  # fmt: skip
_NO_STYLE = frozenset({"Normal", "Table Grid", "Hyperlink"})  # without these, Word's defaults
_CONTENTS_LEVELS = {"Heading 1": 1, "Heading 2": 2}  # the headings the contents list


def render_docx(
    html: str,
    target: Path,
    *,
    reference: Path,
    meta: DocxMeta,
    pages: Callable[[], Sequence[Bookmark]] = tuple,
) -> None:
    """Write the brief's rendered HTML to `target` as a Word document styled by `reference`.

    `pages` gives the PDF's bookmarks of the same HTML (level, label, page), whose page
    numbers the table of contents shows; it is called only once the body is written, and
    only if the document has contents. Raises `TemplateProblem` for an element outside
    the writer's set, naming it and where it is, and for a reference that is not a Word
    document.
    """
    try:
        body = lxml.html.document_fromstring(html).body
    except (etree.ParserError, ValueError) as exc:
        raise TemplateProblem(f"the DOCX writer cannot read the rendered HTML: {exc}") from exc
    if body is None:
        raise TemplateProblem("the rendered HTML has no <body> for the DOCX writer")
    document = open_reference(reference)
    set_properties(document, meta)
    set_custom_properties(document, meta)
    set_furniture(document, meta)
    writer = _BodyWriter(document, meta)
    writer.flow(body, "Normal")
    writer.contents(pages)
    number_pictures(document, meta)
    document.save(str(target))


class _BodyWriter:
    """Writes the body's elements in order into the document."""

    def __init__(self, document: Document, meta: DocxMeta) -> None:
        self.document = document
        self.meta = meta
        # python-docx finds a style by name with a scan of all styles; a brief asks hundreds
        # of times, so the writer sets style ids found once.
        self.ids = {style.name: style.style_id for style in document.styles}
        self.contents_after: Paragraph | None = None  # the contents' heading, once written

    def style(self, name: str) -> str | None:
        """The id of style `name`, or of the nearest style the reference document has."""
        wanted: str | None = name
        while wanted is not None and wanted not in self.ids:
            wanted = None if wanted in _NO_STYLE else _FALLBACK.get(wanted, "Normal")
        return None if wanted is None else self.ids[wanted]

    def add(self, style: str, *, keep: bool = False) -> Paragraph:
        """A new paragraph of `style`, kept on the page of the next one if `keep`."""
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.style(style)
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def flow(self, parent: Element, style: str) -> None:
        """A container's children in order; loose text becomes a paragraph of `style`."""
        self.mixed(parent, lambda: self.add(style), lambda child: self.block(child, style))

    def mixed(
        self,
        parent: Element,
        paragraph: Callable[[], Paragraph],
        block: Block,
        look: Look = PLAIN,
    ) -> None:
        """Inline content into new paragraphs from `paragraph`; other children to `block`."""
        line = Line()
        line.text(parent.text, look)
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in INLINE:
                self.write(line, paragraph)
                block(child)
                line = Line()
            elif isinstance(child.tag, str):
                line.element(child, look)
            line.text(child.tail, look)
        self.write(line, paragraph)

    def write(self, line: Line, paragraph: Callable[[], Paragraph]) -> None:
        pieces = line.finished()
        if pieces:  # an empty element prints nothing in HTML either
            write_runs(paragraph(), pieces, self.style("Hyperlink"))

    def logo(self, el: Element) -> None:
        """The workspace's logo, as the template placed it (a data: URL in an <img>)."""
        images = [child for child in el if child.tag == "img"]
        if len(images) != 1 or len(el) != 1:
            raise TemplateProblem(f"a logo paragraph holds one <img> (in {where(el)})")
        picture = (
            self.add("Normal")
            .add_run()
            .add_picture(BytesIO(image_bytes(images[0].get("src", ""))), height=Cm(1.6))
        )
        describe(picture._inline, images[0].get("alt", ""))

    def block(self, el: Element, style: str) -> None:
        """One block element inside a container whose loose paragraphs use `style`."""
        tag, names = el.tag, classes(el)
        if (
            tag in ("header", "footer", "div") and names & {"banner", "running", "running-logo"}
        ) or tag == "style":
            return  # page furniture comes from meta; CSS is for the PDF
        if tag == "p" and "logo" in names:
            self.logo(el)
            return
        if tag == "nav" and "contents" in names:
            self.contents_heading()  # where the template puts it: a short brief has none
        elif tag in _CONTAINERS:
            self.flow(el, "If Asked" if tag == "aside" and "if-asked" in names else style)
        elif tag in _HEADINGS or tag == "p":
            name = _HEADINGS.get(tag) or next(
                (_PARAGRAPH_CLASSES[c] for c in sorted(names) if c in _PARAGRAPH_CLASSES), style
            )
            # an "if asked" question stays on the page of its answer, a caption on its chart's
            look, keep = Look(bold="question" in names), "question" in names or chart_follows(el)
            self.mixed(el, lambda: self.add(name, keep=keep), self.reject, look)
        elif tag in ("ul", "ol"):
            self.listing(el, 1)
        elif tag == "table":
            self.table(el)
        elif tag == "dl":
            self.facts(el)
        elif tag == "figure":
            self.figure(el)
        else:
            raise unknown(el)

    def reject(self, el: Element) -> None:
        raise unknown(el)

    def contents_heading(self) -> None:
        """The contents' heading, at the template's `<nav class="contents">`; its entries
        follow once all is written.

        No page break follows: the contents fill the rest of the cover's page, where a
        break would leave most of it blank.
        """
        if self.contents_after is None:
            self.contents_after = self.add("TOC Heading", keep=True)
            self.contents_after.add_run(self.meta.toc_title)

    def contents(self, pages: Callable[[], Sequence[Bookmark]]) -> None:
        """The table of contents of the headings written, with the PDF's page numbers."""
        if self.contents_after is None:
            return  # the template asked for no contents
        levels = {self.style(name): level for name, level in reversed(_CONTENTS_LEVELS.items())}
        headings = [
            (levels[p._p.style], p)
            for p in self.document.paragraphs
            if p._p.style in levels and p.text.strip()
        ]
        write_contents(
            self.document,
            self.contents_after,
            headings,
            pages() if headings else (),
            styles={name: self.style(name) for name in ("toc 1", "toc 2")},
            width=self.text_width(),
            placeholder=catalog(self.meta).gettext("Right-click to update the table of contents."),
        )

    def listing(self, el: Element, level: int) -> None:
        """A <ul> or <ol>; each <ol> numbers from its own start, not on from the last one."""
        kind = "List Number" if el.tag == "ol" else "List Bullet"
        style = kind if level == 1 else f"{kind} {min(level, 3)}"
        numbering = self.restart(style) if el.tag == "ol" else None
        for item in _children(el, {"li"}):
            self.item(item, style, level, numbering)

    def item(self, li: Element, style: str, level: int, numbering: tuple[int, int] | None) -> None:
        """A list item: its first paragraph numbered, text after a nested list continued."""
        made: list[Paragraph] = []

        def paragraph() -> Paragraph:
            continued = f"List Continue {level}" if level > 1 else "List Continue"
            made.append(self.add(continued if made else style))
            if numbering and len(made) == 1:
                num_pr = made[0]._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = numbering[0]
                num_pr.get_or_add_numId().val = numbering[1]
            return made[-1]

        self.mixed(li, paragraph, lambda child: self.nested(child, level))

    def nested(self, el: Element, level: int) -> None:
        if el.tag not in ("ul", "ol"):
            raise unknown(el)
        self.listing(el, level + 1)

    def restart(self, style: str) -> tuple[int, int] | None:
        """A new numbering instance of `style`'s list, so that this list counts from 1."""
        style_id = self.style(style)
        found = self.document.styles.element.get_by_id(style_id) if style_id else None
        ppr = found.pPr if found is not None else None
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None  # the style numbers nothing: the list prints unnumbered
        numbering = self.document.part.numbering_part.element
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        fresh = numbering.add_num(abstract)
        fresh.add_lvlOverride(level).add_startOverride(1)
        return level, fresh.numId

    def table(self, el: Element) -> None:
        """An editable table; rows of <thead> repeat at the top of each page."""
        rows: list[tuple[Element, bool]] = []
        for child in _children(el, {"caption", "thead", "tbody", "tfoot", "tr"}):
            if child.tag == "caption":
                self.mixed(child, lambda: self.add("Caption", keep=True), self.reject)
            elif child.tag == "tr":
                rows.append((child, False))
            else:
                rows += [(tr, child.tag == "thead") for tr in _children(child, {"tr"})]
        cells = [[single_cell(c) for c in _children(tr, {"th", "td"})] for tr, _ in rows]
        width = max(map(len, cells), default=0)
        if not width:
            return
        table = self.document.add_table(rows=len(rows), cols=width)
        table._tbl.tblStyle_val = self.style("Brief Table")
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:  # style the first row as a header only when there is one
            look.attrib.pop(qn("w:val"), None)
            look.set(qn("w:firstRow"), "1" if any(head for _, head in rows) else "0")
            look.set(qn("w:firstColumn"), "0")
        set_widths(table, column_widths(cells, width, self.text_width()))
        keep = chart_follows(el)  # every row kept with the next: the table with its chart
        for (_, head), row, cells_of_row in zip(rows, table.rows, cells, strict=True):
            properties = row._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))  # a row is read whole, on one page
            if head:
                properties.append(OxmlElement("w:tblHeader"))
            for target, cell in zip(row.cells, cells_of_row, strict=False):
                self.fill(target, [cell], Look(bold=cell.tag == "th"))
                for paragraph in target.paragraphs:
                    if "num" in classes(cell):
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    if keep:
                        paragraph.paragraph_format.keep_with_next = True

    def fill(self, cell: _Cell, elements: list[Element], look: Look) -> None:
        """Inline content of `elements` into a table cell, a paragraph each."""
        made: list[Paragraph] = []

        def paragraph() -> Paragraph:
            made.append(cell.paragraphs[0] if not made else cell.add_paragraph())
            return made[-1]

        for el in elements:
            self.mixed(el, paragraph, self.reject, look)

    def facts(self, el: Element) -> None:
        """A <dl> (the cover's facts) as a borderless two-column table."""
        pairs: list[tuple[Element, list[Element]]] = []
        for child in _children(el, {"dt", "dd"}):
            if child.tag == "dt":
                pairs.append((child, []))
            elif not pairs:
                raise TemplateProblem(f"<dd> before any <dt> (in {where(child)})")
            else:
                pairs[-1][1].append(child)
        if not pairs:
            return
        table = self.document.add_table(rows=len(pairs), cols=2)
        set_widths(table, [Cm(5), Length(self.text_width() - Cm(5))])
        for row, (term, definitions) in zip(table.rows, pairs, strict=True):
            self.fill(row.cells[0], [term], Look(bold=True))
            self.fill(row.cells[1], definitions, Look())

    def figure(self, el: Element) -> None:
        """A chart: its SVG drawn to PNG, with the SVG's <title> as alt text; its caption."""
        for child in _children(el, {"svg", "figcaption"}):
            if child.tag == "figcaption":
                self.mixed(child, lambda: self.add("Caption"), self.reject)
                continue
            title = child.find("title")
            alt = SPACES.sub(" ", title.text_content() if title is not None else "")
            if not alt.strip():
                raise TemplateProblem(f"a chart's <svg> has no <title> (in {where(child)})")
            paragraph = self.add("Normal")
            paragraph.paragraph_format.keep_with_next = True  # the caption follows
            width = min(Cm(15), self.text_width())
            picture = paragraph.add_run().add_picture(BytesIO(chart_png(child)), width=width)
            describe(picture._inline, alt.strip())
            picture._inline.docPr.set("title", alt.strip())

    def text_width(self) -> Length:
        section = self.document.sections[-1]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        if page is None or left is None or right is None:
            return Cm(17)
        return Length(page - left - right)


def _children(parent: Element, allowed: set[str]) -> Iterator[Element]:
    """The element children of a structural element, which may hold no loose text."""
    texts = [parent.text] + [child.tail for child in parent]
    if any(text and text.strip() for text in texts):
        raise TemplateProblem(f"text directly inside <{parent.tag}> (in {where(parent)})")
    for child in parent:
        if isinstance(child.tag, str):
            if child.tag not in allowed:
                raise unknown(child)
            yield child
