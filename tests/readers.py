"""Open what a build produced and read it as a person would: text, banners, outline."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def banners(page: Any) -> tuple[str, str]:
    """The text printed in the top and bottom margins of a PDF page."""
    height = float(page.mediabox.height)
    top: list[str] = []
    bottom: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip():
            (top if y > height - 50 else bottom if y < 50 else []).append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(top), " ".join(bottom)


def outline_titles(path: Path) -> list[str]:
    def walk(items: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for item in items:
            out += walk(item) if isinstance(item, list) else [item.title]
        return out

    return walk(PdfReader(path).outline)


def docx_parts(path: Path) -> str:
    """Every XML part of a DOCX (body, headers, footers, properties), as one text."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def docx_text(path: Path) -> str:
    """The text of a DOCX as a reader sees it: its paragraphs, then its tables' cells."""
    import docx  # python-docx, as the writer uses it

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)
