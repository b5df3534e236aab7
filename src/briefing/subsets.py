"""Font subset tags kept unique in a PDF bound from several.

A subset font is named with a six-letter tag, `ABCDEF+Liberation Sans`, and ISO 32000
(9.6.4) asks that different subsets in one document have different tags. WeasyPrint
derives the tag from the font, not from the glyphs a document uses, so the chapters of a
pack, each with its own subset of the same font, arrive under the same tag. Every subset
after the first that shares a tag is renamed, in its font dictionary, its descendant font
and their font descriptors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from string import ascii_uppercase

from pikepdf import Array, Dictionary, Name, Pdf, Stream


def unique_subsets(pdf: Pdf) -> None:
    """Give every font subset of `pdf` a tag that no other subset has."""
    owners: dict[str, tuple[int, int]] = {}
    for font in _fonts(pdf):
        tag, plus, family = str(font.get("/BaseFont", "")).removeprefix("/").partition("+")
        if not plus or len(tag) != 6:
            continue  # not a subset
        if owners.setdefault(tag, font.objgen) == font.objgen:
            continue
        fresh = _fresh(f"{tag}{family}{len(owners)}", owners)
        owners[fresh] = font.objgen
        _rename(font, f"{fresh}+{family}")


def _fonts(pdf: Pdf) -> Iterator[Dictionary]:
    """Each font dictionary the pages use, directly or through form XObjects, once."""
    seen: set[tuple[int, int]] = set()
    pending = [page.obj.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, Dictionary) or _visited(resources, seen):
            continue
        for font in dict(resources.get("/Font", Dictionary())).values():
            if isinstance(font, Dictionary) and not _visited(font, seen):
                yield font
        for xobject in dict(resources.get("/XObject", Dictionary())).values():
            if isinstance(xobject, Stream) and xobject.get("/Subtype") == Name.Form:
                pending.append(xobject.get("/Resources"))


def _visited(obj: Dictionary, seen: set[tuple[int, int]]) -> bool:
    if not obj.is_indirect:
        return False
    if obj.objgen in seen:
        return True
    seen.add(obj.objgen)
    return False


def _fresh(seed: str, taken: dict[str, tuple[int, int]]) -> str:
    """A six-letter tag made from `seed` (the same pack gets the same tags), not taken."""
    for attempt in range(1000):
        digest = hashlib.sha256(f"{seed}|{attempt}".encode()).digest()
        tag = "".join(ascii_uppercase[b % 26] for b in digest[:6])
        if tag not in taken:
            return tag
    raise AssertionError("no free subset tag")  # 26**6 tags: never in practice


def _rename(font: Dictionary, name: str) -> None:
    font.BaseFont = Name("/" + name)
    descendants = font.get("/DescendantFonts")
    for part in [font, *(descendants if isinstance(descendants, Array) else [])]:
        if part is not font:
            part.BaseFont = Name("/" + name)
        descriptor = part.get("/FontDescriptor")
        if isinstance(descriptor, Dictionary):
            descriptor.FontName = Name("/" + name)
