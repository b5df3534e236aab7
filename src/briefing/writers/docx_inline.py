"""Inline HTML (text, emphasis, superscripts, links) as the runs of one Word paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from briefing.errors import TemplateProblem

Element = Any  # an lxml.html element; lxml ships no type information

SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's collapsible white space: not U+00A0, U+202F
INLINE = frozenset({"strong", "b", "em", "i", "span", "sup", "small", "br", "abbr", "time", "a"})
# Word may break a line after U+2212 MINUS SIGN, leaving "−" at a line's end and its
# number on the next; U+2060 WORD JOINER forbids that break and prints nothing.
_MINUS = "\u2212"
_JOINED_MINUS = "\u2212\u2060"
# The PDF separates adjacent citations with a comma drawn by CSS (`sup.cite + sup.cite`);
# Word has no such rule, so the writer puts the comma in, or "¹,⁶" would read "¹⁶".
CITATION_SEPARATOR = ","
_JOINS = " \t\n\r\f\u2060"


@dataclass(frozen=True)
class Look:
    """How a stretch of inline text looks, from its enclosing inline elements."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    small: bool = False
    href: str | None = None


PLAIN = Look()


class Line:
    """Inline content collected for one paragraph, its white space collapsed as HTML does."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, Look]] = []

    def text(self, text: str | None, look: Look) -> None:
        """Loose text, its white space collapsed; a leading space after a space dropped."""
        if not text:
            return
        text = SPACES.sub(" ", text).replace(_MINUS, _JOINED_MINUS)
        if not self.pieces or self.pieces[-1][0].endswith((" ", "\n")):
            text = text.lstrip(" ")
        if text:
            self.pieces.append((text, look))

    def element(self, el: Element, look: Look) -> None:
        """An inline element and its content (not its tail)."""
        if el.tag not in INLINE:
            raise unknown(el)
        if el.tag == "br":
            self.pieces.append(("\n", look))  # python-docx writes "\n" as a <w:br/>
            return
        look = restyle(look, el)
        if _follows_citation(el):
            self.pieces.append((CITATION_SEPARATOR, replace(look, href=None)))
        self.text(el.text, look)
        for child in el:
            if isinstance(child.tag, str):  # not a comment
                self.element(child, look)
            self.text(child.tail, look)

    def finished(self) -> list[tuple[str, Look]]:
        """The pieces without the spaces a browser drops at line ends."""
        pieces = self.pieces
        for i, (text, look) in enumerate(pieces):
            if i + 1 == len(pieces) or pieces[i + 1][0] == "\n":
                pieces[i] = (text.rstrip(" ") if text != "\n" else text, look)
        return [piece for piece in pieces if piece[0]]


def _follows_citation(el: Element) -> bool:
    """Whether `el` is a citation mark right after another one, nothing between them but
    white space and the word joiner that keeps a mark on its word's line."""
    if not _is_citation(el):
        return False
    before = el.getprevious()
    return before is not None and _is_citation(before) and not (before.tail or "").strip(_JOINS)


def _is_citation(el: Element) -> bool:
    return bool(el.tag == "sup" and "cite" in classes(el))


def restyle(look: Look, el: Element) -> Look:
    """The look inside inline element `el`."""
    tag, names = el.tag, classes(el)
    if tag in ("strong", "b"):
        return replace(look, bold=True)
    if tag in ("em", "i") or (tag == "span" and "untranslated" in names):
        return replace(look, italic=True)
    if tag == "sup":
        return replace(look, superscript=True)
    if tag == "small":
        return replace(look, small=True)
    href = el.get("href", "").strip()
    if tag == "a" and urlsplit(href).scheme in ("http", "https", "mailto"):
        return replace(look, href=href)
    return look  # span, abbr, time, and links within the document (#id) are plain text


def write_runs(target: Paragraph, pieces: list[tuple[str, Look]], link_style: str | None) -> None:
    """The pieces of a line as runs of `target`; external links as hyperlinks."""
    href: str | None = None
    link: Any = None
    for text, look in pieces:
        run = target.add_run(text)
        if look.bold:  # only when set: assigning None writes an empty <w:rPr>
            run.bold = True
        if look.italic:
            run.italic = True
        if look.superscript:
            run.font.superscript = True
        if look.small:
            run.font.size = Pt(8.5)
        if look.href is not None:
            if look.href != href:  # adjacent runs of one link share one <w:hyperlink>
                relation = target.part.relate_to(look.href, RELATIONSHIP_TYPE.HYPERLINK, True)
                link = OxmlElement("w:hyperlink", {qn("r:id"): relation})
                target._p.append(link)
            link.append(run._r)
            run._r.style = link_style
        href = look.href


def classes(el: Element) -> set[str]:
    """The names in an element's class attribute."""
    return set(el.get("class", "").split())


def unknown(el: Element) -> TemplateProblem:
    """The problem of an element the writer does not know, naming where it is."""
    return TemplateProblem(f"the DOCX writer does not know <{el.tag}> (in {where(el)})")


def where(el: Element) -> str:
    """Where an element is, for messages: its parents up to the nearest one with an id."""
    parts: list[str] = []
    for ancestor in el.iterancestors():
        ident = ancestor.get("id")
        parts.append(f"{ancestor.tag}#{ident}" if ident else ancestor.tag)
        if ident or ancestor.tag == "body":
            break
    return " in ".join(parts) or "the document"
