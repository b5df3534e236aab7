"""How the DOCX lays out tables: column widths by content, and what keeps with what."""

from __future__ import annotations

from docx.shared import Length
from docx.table import Table

from briefing.errors import TemplateProblem

from .docx_inline import Element, classes, where


def chart_follows(el: Element) -> bool:
    """Whether a chart comes next after `el`, with at most notes between them."""
    for sibling in el.itersiblings():
        if not isinstance(sibling.tag, str) or (sibling.tag == "p" and "note" in classes(sibling)):
            continue
        return bool(sibling.tag == "figure")
    return False


def single_cell(cell: Element) -> Element:
    """A table cell, which must span one row and one column (as the templates' do)."""
    for span in ("colspan", "rowspan"):
        if cell.get(span, "1") != "1":
            raise TemplateProblem(f"the DOCX writer does not know {span} (in {where(cell)})")
    return cell


def column_widths(rows: list[list[Element]], columns: int, total: Length) -> list[Length]:
    """Column widths by content: no word is broken, and long text gets room to wrap."""
    weights = [6] * columns  # the narrowest column still fits a year
    for row in rows:
        for i, cell in enumerate(row):
            text = cell.text_content().strip()
            longest = max((len(word) for word in text.split()), default=0)  # NBSP joins words
            # Two characters more than the longest word: the cell's margins, and headers
            # in bold ("Année" broke as "Anné / e" with one).
            weights[i] = max(weights[i], longest + 2, min(len(text), 60) // 2)
    return [Length(total * weight // sum(weights)) for weight in weights]


def set_widths(table: Table, widths: list[Length]) -> None:
    """Give the columns of `table` these widths, in its grid and in every cell."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # LibreOffice lays out by the grid, Word by the cells
        for cell in column.cells:
            cell.width = width
