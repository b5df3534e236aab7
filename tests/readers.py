"""Open what a build produced and read it as a person would: text, banners, outline."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ContentStream

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def banners(page: Any) -> tuple[str, str]:
    """The text printed in the top and bottom margins of a PDF page."""
    height = float(page.mediabox.height)
    top: list[str] = []
    bottom: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if list(cm) == [1, 0, 0, 1, 0, 0]:
            return  # a chart's text: pypdf gives it in its form XObject's own coordinates
        y = tm[5] * cm[3] + cm[5]
        if text.strip():
            (top if y > height - 50 else bottom if y < 50 else []).append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(top), " ".join(bottom)


def artifact_text(page: Any) -> list[str]:
    """The text a pypdf page draws inside pagination artifacts, what a screen reader skips."""
    opened: list[bool] = []  # per open marked-content sequence: whether within an artifact
    found: list[str] = []

    def before(operator: bytes, operands: Any, cm: Any, tm: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if len(operands) > 1 else {}
            pagination = operands[0] == "/Artifact" and properties.get("/Type") == "/Pagination"
            opened.append(pagination or any(opened))
        elif operator == b"EMC" and opened:
            opened.pop()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() and opened and opened[-1]:
            found.append(text.strip())

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return found


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The structure elements a screen reader reaches: the tree under /StructTreeRoot /K."""

    def walk(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
        kids = node.get("/K")
        found: list[pikepdf.Dictionary] = []
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found += [kid, *walk(kid)]
        return found

    return walk(pdf.Root.StructTreeRoot)


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


PAINTING = {b"Do", b"sh", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s"}


def figures(page: Any) -> int:
    """How many figures (images, drawings) a page of a tagged PDF draws, margins included.

    Counted by their marked content: a /Figure, as a screen reader finds it, and a
    pagination artifact that paints rather than writes (the running header's emblem, which
    a screen reader rightly passes over). An SVG emblem is drawn as paths, not as an image
    object, but it is marked all the same.
    """
    count = depth = 0
    artifact: int | None = None  # the depth of the open pagination artifact
    painted = False
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator in (b"BDC", b"BMC"):
            depth += 1
            tag = operands[0] if operator == b"BDC" else None  # a BMC has no properties
            if tag == "/Figure":
                count += 1
            elif artifact is None and tag == "/Artifact":
                artifact = depth if operands[1].get("/Type") == "/Pagination" else None
                painted = False
        elif operator == b"EMC":
            if depth == artifact:
                count, artifact = count + painted, None
            depth -= 1
        elif artifact is not None and operator in PAINTING:
            painted = True
    return count


def docx_text(path: Path) -> str:
    """What Word shows of a DOCX: the text of its body, headers and footers, its pictures'
    names and alt texts, and its core properties; not field codes or style names."""
    out: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not re.fullmatch(
                r"word/(document|header\d*|footer\d*)\.xml|docProps/core\.xml", name
            ):
                continue
            for el in etree.fromstring(archive.read(name)).iter():
                if isinstance(el.tag, str) and el.tag != f"{W}instrText":
                    out += [el.text or ""] + [el.get(a, "") for a in ("name", "descr", "title")]
    return "\n".join(out)
