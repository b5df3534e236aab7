"""The table of contents: a Word TOC field whose result is already written.

Word and LibreOffice show a TOC field's last result until someone updates it, so a field
written empty reads "Right-click to update" in every copy that is only opened, printed or
exported. The writer therefore writes the result itself, as Word would: one TOC 1 or TOC 2
paragraph per heading of level 1 or 2, each a link to a bookmark on its heading, with the
page the heading is on in the PDF laid out from the same HTML. It also asks Word to
refresh the fields on opening (`w:updateFields`), since Word's pages are not WeasyPrint's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph
from lxml import etree

from .docx_inline import SPACES
from .docx_page import add_field, add_field_char
from .pdf import Bookmark

INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
_TOC_STYLES = {1: "toc 1", 2: "toc 2"}  # Word's names of its built-in styles
# Children of w:settings that the schema puts after w:updateFields (CT_Settings order).
_AFTER_UPDATE_FIELDS = frozenset(
    {
        "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
        "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
        "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    }
)  # fmt: skip


def write_contents(
    document: Document,
    after: Paragraph,
    headings: Sequence[tuple[int, Paragraph]],
    pages: Sequence[Bookmark],
    *,
    styles: dict[str, str | None],
    width: Length,
    placeholder: str,
) -> None:
    """The contents of `headings` (level, paragraph), written after paragraph `after`.

    `styles` gives the style ids of "toc 1" and "toc 2"; `width` is where the page numbers
    align. Without headings, the field shows `placeholder` until Word updates it.
    """
    _ask_to_refresh(document)
    if not headings:
        add_field(_insert_after(document, after, None), INSTRUCTION, placeholder)
        return
    numbers = page_numbers([paragraph.text for _, paragraph in headings], pages)
    previous = after
    for index, ((level, heading), page) in enumerate(zip(headings, numbers, strict=True)):
        name = f"_Toc{index + 1}"  # Word's prefix for the bookmarks its contents link to
        _bookmark(heading, index + 1, name)
        entry = _insert_after(document, previous, styles[_TOC_STYLES[level]])
        if index < len(headings) - 1:  # one block, on the page of its heading
            entry.paragraph_format.keep_with_next = True
        entry.paragraph_format.tab_stops.add_tab_stop(
            width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        if index == 0:
            add_field_char(entry, "begin", INSTRUCTION)
            add_field_char(entry, "separate")
        link = OxmlElement("w:hyperlink", {qn("w:anchor"): name, qn("w:history"): "1"})
        shown = [heading.text] if page is None else [heading.text, "\t", str(page)]
        for text in shown:
            link.append(entry.add_run(text)._r)
        entry._p.append(link)
        if index == len(headings) - 1:
            add_field_char(entry, "end")
        previous = entry


def page_numbers(labels: Sequence[str], pages: Sequence[Bookmark]) -> list[int | None]:
    """The PDF page of each heading, matched in order by its text; None if the PDF has none.

    Matching goes forward only, so two headings of the same text ("If asked") get the
    pages of their own bookmarks, not both the first one's.
    """
    found: list[int | None] = []
    start = 0
    for label in labels:
        wanted = _plain(label)
        match = next((i for i in range(start, len(pages)) if _plain(pages[i][1]) == wanted), None)
        found.append(None if match is None else pages[match][2])
        start = start if match is None else match + 1
    return found


def _plain(text: str) -> str:
    return SPACES.sub(" ", text.replace("\u2060", "")).strip()


def _insert_after(document: Document, previous: Paragraph, style: str | None) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph._p.style = style
    previous._p.addnext(paragraph._p)
    return paragraph


def _bookmark(paragraph: Paragraph, number: int, name: str) -> None:
    """A bookmark around the heading's text, for its contents entry to link to."""
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(number), qn("w:name"): name})
    p = paragraph._p
    p.insert(1 if p.pPr is not None else 0, start)
    p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(number)}))


def _ask_to_refresh(document: Document) -> None:
    """`w:updateFields` in the settings, in its place in the schema's order."""
    settings: Any = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    refresh = OxmlElement("w:updateFields", {qn("w:val"): "true"})
    later = (
        c
        for c in settings
        if isinstance(c.tag, str) and etree.QName(c).localname in _AFTER_UPDATE_FIELDS
    )
    first = next(later, None)
    if first is not None:
        first.addprevious(refresh)
    else:
        settings.append(refresh)
