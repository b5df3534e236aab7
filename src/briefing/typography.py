"""French typography, applied to a rendered document's text: the rules of the locale.

Templates and data are written with plain spaces and straight apostrophes; a French page
needs a no-break space before a colon and inside « », typographic apostrophes, and in
France (fr_FR) a narrow no-break space before ; ! and ?. Applying the rules once, to the
text of the finished HTML, covers the data's prose and the templates' words alike, and
both writers (PDF and DOCX read the same HTML). Text in another language (an element with
its own `lang`, such as a Spanish source title), URLs, times and the contents of <style>
are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from babel.dates import get_month_names
from lxml.etree import _Element
from markupsafe import Markup, escape

NBSP, NNBSP = "\u00a0", "\u202f"
_SPACES = " \t\n" + NBSP + NNBSP
_UNTOUCHED = {"style", "script"}
_METADATA = {"author", "description", "keywords"}  # the PDF and DOCX properties
_OPENING = "(«["  # a mark right after these takes no space
_URL = re.compile(r"(?:https?://|www\.)\S+")
_BEFORE_COLON = re.compile(rf"[{_SPACES}]*:")
_OPEN_QUOTE = re.compile(rf"«[{_SPACES}]*")
_CLOSE_QUOTE = re.compile(rf"[{_SPACES}]*»")
_BEFORE_MARK = re.compile(rf"[{_SPACES}]*([;!?])")
_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?!\d)")
"""Digits grouped by spaces in French prose (« 250 000 »): one number, never split."""
_COMPOUND = re.compile(r"\w+(?:[-\u2010\u2013]\w+)+")
"""A hyphenated compound (« Sud-Est », "Canada–Peru"), which a title keeps on one line."""
_TAG = re.compile(r"(<[^>]*>)")


@dataclass
class _Segment:
    """A run of text in the tree: an element's `text` or `tail`, in its language."""

    owner: _Element
    attr: str
    lang: str

    @property
    def value(self) -> str:
        return getattr(self.owner, self.attr) or ""

    @value.setter
    def value(self, text: str) -> None:
        setattr(self.owner, self.attr, text)


def typeset(html: str, locale: str) -> str:
    """`html` with the typography of `locale` (such as fr_CA) applied to its French text.

    A document with no French in it is returned unchanged.
    """
    if not locale.startswith("fr") and 'lang="fr' not in html:
        return html
    root = lxml.html.document_fromstring(html)
    language = root.get("lang") or locale.replace("_", "-")
    previous: _Segment | None = None
    for segment in _segments(root, language):
        if segment.lang.lower().startswith("fr") and segment.value:
            _french(segment, previous, fine=_is_france(segment.lang, locale))
        if segment.value:
            previous = segment
    if language.lower().startswith("fr"):
        for meta in root.iter("meta"):
            if meta.get("content") and meta.get("name") in _METADATA:
                meta.set("content", _rules(meta.get("content", ""), _is_france(language, locale)))
    doctype = root.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    return str(lxml.html.tostring(root, doctype=doctype, encoding="unicode"))


def typeset_text(text: str, locale: str) -> str:
    """A plain text outside the page (a DOCX property) with the typography of `locale`."""
    return _rules(text, _is_france("", locale)) if locale.startswith("fr") else text


def unbroken(text: str) -> Markup:
    """`text` (plain, or HTML such as a title with a mark) with its hyphenated compounds in
    `<span class="compound">`, which the style sheet keeps from breaking at the hyphen."""
    parts = _TAG.split(escape(text))  # odd parts are tags, left as they are
    return Markup(
        "".join(
            part if i % 2 else _COMPOUND.sub(r'<span class="compound">\g<0></span>', part)
            for i, part in enumerate(parts)
        )
    )


def _is_france(lang: str, locale: str) -> bool:
    """France's rules for text in `lang`: its own region when it says one, else the locale's."""
    region = lang.replace("_", "-").partition("-")[2] or locale.partition("_")[2]
    return region.upper() == "FR"


def _segments(el: _Element, inherited: str) -> Iterator[_Segment]:
    """Every run of text under `el`, in reading order, with the language it is in."""
    lang = el.get("lang") or inherited
    if el.tag not in _UNTOUCHED:
        yield _Segment(el, "text", lang)
        for child in el:
            if isinstance(child.tag, str):  # comments and processing instructions hold no text
                yield from _segments(child, lang)
            yield _Segment(child, "tail", lang)


def _french(segment: _Segment, previous: _Segment | None, *, fine: bool) -> None:
    """Apply the rules to one run; a mark at its start takes its space from the run before."""
    text = segment.value
    leading = len(text) - len(text.lstrip(_SPACES))
    first = text[leading : leading + 1]
    if previous is not None and first in ({":", "»"} | ({";", "!", "?"} if fine else set())):
        previous.value = previous.value.rstrip(_SPACES)
        text = text[leading:]
        after = previous.value[-1:]
        if after and after not in _OPENING:
            text = (NBSP if first in ":»" else NNBSP) + text
    parts = _URL.split(text)
    urls = _URL.findall(text)
    out = [_rules(part, fine) for part in parts]
    segment.value = "".join(p + u for p, u in zip(out, [*urls, ""], strict=True))


_DAY_MONTH = re.compile(
    rf"\b(1er|[0-9]{{1,2}}) (?=(?:{'|'.join(get_month_names('wide', locale='fr').values())})\b)"
)
"""A day and its month stay on one line: « 4 janvier », never « 4 / janvier »."""

_HOUR = re.compile(r"\b([0-9]{1,2}) h(?: ([0-9]{2})\b)?(?=\W|$)")
"""A time keeps its parts together: « 11 h 45 », never « 11 / h 45 »."""


def _rules(text: str, fine: bool) -> str:
    text = text.replace("'", "’")
    group = NNBSP if fine else NBSP  # as Babel groups digits in fr_FR and in fr_CA
    text = _GROUPS.sub(lambda m: m.group().replace(" ", group), text)
    text = _DAY_MONTH.sub(lambda m: m.group(1) + NBSP, text)
    text = _HOUR.sub(
        lambda m: m.group(1) + NBSP + "h" + (NBSP + m.group(2) if m.group(2) else ""), text
    )
    text = _BEFORE_COLON.sub(_colon, text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    if fine:
        text = _BEFORE_MARK.sub(_mark, text)
    return text


def _colon(match: re.Match[str]) -> str:
    """A colon after a word takes a no-break space; one between digits (11:45) is a time."""
    text, start = match.string, match.start()
    before, after = text[start - 1 : start], text[match.end() : match.end() + 1]
    if (
        not before
        or before in _OPENING
        or (before.isdigit() and after.isdigit() and match.group() == ":")
    ):
        return match.group()
    return NBSP + ":"


def _mark(match: re.Match[str]) -> str:
    """In France, ; ! and ? take a narrow no-break space after a word."""
    start = match.start()
    before = match.string[start - 1 : start]
    if not before or before in _OPENING:
        return match.group()
    return NNBSP + match.group(1)
