"""Bind a region pack: front matter, the partners' chapters, bookmarks and furniture.

Binding is the serial part of a pack, so it parses as little as it can. Each worker leaves,
beside its chapter's PDF, the chapter as a *fragment* (`prepare_chapter`): its objects
serialized with numbers of their own, named destinations made explicit, its outline and
page count in a header, and each page ready for the pack's furniture (the page's content
wrapped in q/Q, then a form XObject drawn that binding supplies). Binding lays out the front
matter, renumbers each fragment's object references with a regular expression, and writes
the pack's catalog, page tree, outline and cross-reference table itself.

The furniture (the pack's marking at the top and bottom of every page, and "Page X of Y"
running through the whole pack) comes from WeasyPrint rendering `pack_furniture.html` once,
as a sample of five pages whose page numbers are chosen so that every page's furniture can
be made from the sample by putting in the glyphs of its page number (`_Sampled`). A sample
that does not allow it (a page number the workspace's `page.css` does not print through the
page label, say) is not guessed at: every page's furniture is then rendered (`_Rendered`).
The front matter and the furniture sample are cached by the HTML they come from, so binding
again after one brief changed lays nothing out.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from . import __version__
from .build import BuildOptions, build_level
from .errors import BuildFailed
from .levels import plain
from .model import in_language
from .outputs import write_atomically
from .packs import Part, sort_key
from .profile_model import Region
from .render import render_html
from .resolve import logo_url, place_name, slug_name
from .workspace import Workspace
from .writers.pdf import layout_pdf

MAGIC = b"%brief-fragment 1\n"
FURNITURE = NameObject("/BriefPackFurniture")  # the form each page draws its furniture from
# A fragment's local object 1 stands for the pack's page tree, 2 .. pages + 1 for each of its
# pages' furniture; its own objects are numbered from pages + 2 on.
_PAGE_TREE = 1
_REFERENCE = re.compile(rb"(?<=[ \[])(\d+) 0 R")  # fragments write strings in hex: no false hits
_DROPPED = frozenset({"/StructParent", "/StructParents"})  # chapters are bound untagged
# The furniture sample's page 2 shows every digit; pages 3, 4 and 5 follow (see _Sampled).
_LONG = 1023456789


@dataclass(frozen=True)
class _Local:
    """A reference to a fragment-local object number."""

    number: int


@dataclass
class Fragment:
    """A chapter (or the front matter) ready to bind."""

    pages: list[int]  # local numbers of its page objects, in order
    first: int  # local number of its first object
    objects: list[tuple[bytes, bytes | None]]  # dictionary (or object) and stream data
    outline: list[list[Any]] = field(default_factory=list)  # level, title, page, left, top

    def dump(self) -> bytes:
        header = {
            "pages": self.pages,
            "first": self.first,
            "outline": self.outline,
            "objects": [
                [len(head), -1 if data is None else len(data)] for head, data in self.objects
            ],
        }
        return b"".join(
            [
                MAGIC,
                json.dumps(header, ensure_ascii=False).encode(),
                b"\n",
                *(head + (data or b"") for head, data in self.objects),
            ]
        )

    @classmethod
    def load(cls, path: Path) -> Fragment:
        try:
            data = path.read_bytes()
            if not data.startswith(MAGIC):
                raise ValueError("not a chapter fragment")
            end = data.index(b"\n", len(MAGIC))
            header = json.loads(data[len(MAGIC) : end])
            position, objects = end + 1, []
            for head, size in header["objects"]:
                stream = None if size < 0 else data[position + head : position + head + size]
                objects.append((data[position : position + head], stream))
                position += head + max(size, 0)
            if position != len(data):
                raise ValueError("truncated or too long")
            return cls(header["pages"], header["first"], objects, header["outline"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BuildFailed(
                f"cannot read the chapter {path}: {exc} (rebuild the pack with --force)"
            ) from None


def prepare_chapter(pdf: bytes) -> tuple[bytes, int]:
    """A chapter's PDF as a fragment for binding, and its number of pages (in a worker)."""
    fragment = _fragment(PdfReader(BytesIO(pdf)))
    return fragment.dump(), len(fragment.pages)


def _fragment(reader: PdfReader) -> Fragment:
    pages = list(reader.pages)
    named = {str(name): dest.dest_array for name, dest in reader.named_destinations.items()}
    objects = _Objects(first=len(pages) + 2, named=named)
    numbers = [objects.new(None) for _ in pages]  # pages first: links and bookmarks point at them
    for number, page in zip(numbers, pages, strict=True):
        if page.indirect_reference is not None:
            objects.numbers[page.indirect_reference.idnum] = number
    start = _Local(objects.new(_stream(b"q\n")))
    end = _Local(objects.new(_stream(b"\nQ\n" + bytes(FURNITURE, "ascii") + b" Do\n")))
    for index, (number, page) in enumerate(zip(numbers, pages, strict=True)):
        objects.todo.append((number, _bindable(page, index, start, end)))
    bodies = objects.done()
    return Fragment(numbers, objects.first, bodies, _outline(reader))


def _bindable(page: DictionaryObject, index: int, start: _Local, end: _Local) -> DictionaryObject:
    """A page as the pack holds it: its content in q/Q, then its furniture drawn."""
    skipped = {"/Parent", "/Contents", "/Resources", *_DROPPED}
    contents = page.get("/Contents")  # as stored: a stream's reference, or an array
    resolved = None if contents is None else contents.get_object()
    if isinstance(resolved, ArrayObject):
        streams = list(resolved)
    else:
        streams = [] if contents is None else [contents]
    resources = _resolved(page, "/Resources")
    xobjects = _resolved(resources, "/XObject")
    # Built as dictionaries: pypdf's setters take PDF objects only, not _Local.
    return DictionaryObject(
        {
            **{k: v for k, v in page.items() if k not in skipped},
            NameObject("/Parent"): _Local(_PAGE_TREE),
            NameObject("/Contents"): ArrayObject([start, *streams, end]),
            NameObject("/Resources"): DictionaryObject(
                {
                    **resources,
                    NameObject("/XObject"): DictionaryObject(
                        {**xobjects, FURNITURE: _Local(_PAGE_TREE + 1 + index)}
                    ),
                }
            ),
        }
    )


def _resolved(dictionary: Any, key: str) -> DictionaryObject:
    """A dictionary's entry that is a dictionary (empty if there is none)."""
    value = dictionary.get(key)
    value = None if value is None else value.get_object()
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _outline(reader: PdfReader) -> list[list[Any]]:
    entries: list[list[Any]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            page = reader.get_destination_page_number(item)
            if page is not None and page >= 0:
                entries.append(
                    [level, str(item.title), page, _number(item.left), _number(item.top)]
                )

    walk(reader.outline, 0)
    return entries


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


class _Objects:
    """Objects of one PDF, serialized with local numbers from `first` on."""

    def __init__(self, first: int, named: dict[str, Any] | None = None) -> None:
        self.first = first
        self.named = named or {}
        self.numbers: dict[int, int] = {}  # source object number: local number
        self.bodies: list[tuple[bytes, bytes | None] | None] = []
        self.todo: list[tuple[int, Any]] = []

    def new(self, value: Any) -> int:
        """A local number for `value` (None: filled in by the caller through `todo`)."""
        self.bodies.append(None)
        number = self.first + len(self.bodies) - 1
        if value is not None:
            self.todo.append((number, value))
        return number

    def done(self) -> list[tuple[bytes, bytes | None]]:
        while self.todo:
            number, value = self.todo.pop()
            self.bodies[number - self.first] = self.body(value)
        assert all(body is not None for body in self.bodies)
        return [body for body in self.bodies if body is not None]

    def body(self, value: Any) -> tuple[bytes, bytes | None]:
        if isinstance(value, StreamObject):
            data = value._data  # as stored, filters and all
            head = DictionaryObject({k: v for k, v in value.items() if k != "/Length"})
            head[NameObject("/Length")] = NumberObject(len(data))
            return self.dump(head), data
        return self.dump(value), None

    def dump(self, value: Any) -> bytes:
        if isinstance(value, _Local):
            return b"%d 0 R" % value.number
        if isinstance(value, IndirectObject):
            number = self.numbers.get(value.idnum)
            if number is None:
                number = self.numbers[value.idnum] = self.new(value.get_object())
            return b"%d 0 R" % number
        if isinstance(value, NameObject):
            return _leaf(value)
        if isinstance(value, DictionaryObject):
            items = {k: v for k, v in value.items() if k not in _DROPPED}
            self._explicit(items, "/Dest")
            if items.get("/S") == "/GoTo":
                self._explicit(items, "/D")
            return (
                b"<<" + b"".join(_leaf(k) + b" " + self.dump(v) for k, v in items.items()) + b">>"
            )
        if isinstance(value, list):
            return b"[" + b" ".join(self.dump(v) for v in value) + b"]"
        if isinstance(value, TextStringObject | ByteStringObject):
            return b"<" + _raw(value).hex().encode() + b">"
        return _leaf(value)

    def _explicit(self, items: dict[Any, Any], key: str) -> None:
        """A link to a named destination made explicit: names do not survive binding."""
        name = items.get(key)
        if isinstance(name, str):  # a string, or a name
            target = self.named.get(name, self.named.get(name.lstrip("/")))
            if target is not None:
                items[key] = target


def _leaf(value: Any) -> bytes:
    buffer = BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()


def _raw(value: TextStringObject | ByteStringObject) -> bytes:
    return value.original_bytes if isinstance(value, TextStringObject) else bytes(value)


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _text(value: str) -> bytes:
    """A PDF text string, in hex UTF-16BE."""
    return b"<feff" + value.encode("utf-16-be").hex().encode() + b">"


def bind_pack(
    ws: Workspace,
    region: Region,
    home: str,
    lang: str,
    parts: list[Part],
    missing: list[str],
    options: BuildOptions,
) -> Path:
    """Write `briefs/HOME/packs/REGION.LANG.pdf` from the parts; return its path."""
    organisation = [p for p in parts if p.partner == region.id]
    members = sorted(
        (p for p in parts if p.partner != region.id), key=lambda p: sort_key(p.names[lang])
    )
    ordered = [*organisation, *members]
    chapters = [(p.names[lang], Fragment.load(Path(p.chapters[lang]))) for p in ordered]
    markings = [p.markings[lang] for p in parts]
    context = _front_context(ws, region, home, lang, markings, missing, options)
    packs = (options.out or ws.root / "briefs") / home / "packs"
    cache = _Cache(ws, packs / ".cache", f"{region.id}.{lang}")
    front, marks = _front_matter(ws, context, [(n, len(c.pages)) for n, c in chapters], cache)
    total = len(front.pages) + sum(len(c.pages) for _, c in chapters)
    furniture = _furniture(ws, context, total, cache)
    page = len(front.pages)
    for name, chapter in chapters:
        marks.append(_Mark(name, page, children=_nest(chapter.outline, page)))
        page += len(chapter.pages)
    info = {
        "/Title": context["title"],
        "/Author": context["author"],
        "/Subject": context["subject"],
        "/Keywords": context["marking"],
        "/Creator": "brief",
        "/Producer": f"brief {__version__}",
    }
    tag = context["fmt"].tag()  # the locale, as the chapters name it: es-PE
    pdf = _assemble([front, *(c for _, c in chapters)], furniture, marks, info, tag)
    target = packs / f"{region.id}.{lang}.pdf"
    write_atomically(target, pdf)
    cache.prune()
    return target


def _front_context(
    ws: Workspace,
    region: Region,
    home: str,
    lang: str,
    markings: list[str],
    missing: list[str],
    options: BuildOptions,
) -> dict[str, Any]:
    """The cover and contents: names through the level filter (`build_pack` refuses a
    region above the level; the filter still holds if it is called otherwise); marked with
    the highest of the chapters' and their own levels."""
    resolver = ws.resolver(home, build_level(ws, home, options, {}), lang)
    fmt = ws.formatter(home, lang)
    entry = resolver.file(region)
    region_name = resolver.fact(entry, "names") if entry else slug_name(region.id)
    home_name = place_name(ws, home, resolver)
    home_settings = ws.settings.homes.get(home)
    author = in_language(home_settings.author, lang) if home_settings else home
    names = [place_name(ws, m, resolver) for m in missing]
    marking = resolver.scheme.highest([*markings, resolver.marking()])
    return {
        "lang": lang,
        "fmt": fmt,
        "_": fmt.gettext,
        "pack_part": False,
        "title": fmt.gettext("{region}: region pack").format(region=plain(region_name)),
        "subject": fmt.gettext("Briefs for {home}").format(home=plain(home_name)),
        "author": author,
        "today": (options.today or date.today()).isoformat(),
        "as_of_option": options.as_of.isoformat() if options.as_of else None,
        "marking": resolver.scheme.level(marking).label(fmt),
        "region_name": region_name,
        "home_name": home_name,
        "missing": sorted(names, key=sort_key),
        "page_label": fmt.gettext("Page {page} of {pages}"),
        "logo": logo_url(ws, home),
    }


@functools.cache
def _versions() -> str:
    from importlib.metadata import version

    return f"{__version__}|{version('weasyprint')}|{version('pypdf')}"


class _Cache:
    """PDFs WeasyPrint rendered for one pack and language, by the HTML they came from."""

    def __init__(self, ws: Workspace, folder: Path, pack: str) -> None:
        self.ws, self.folder, self.pack = ws, folder, pack
        self.used: set[Path] = set()

    def pdf(self, kind: str, html: str) -> bytes:
        key = hashlib.sha256(f"{_versions()}|{html}".encode()).hexdigest()
        path = self.folder / f"{self.pack}.{kind}.{key[:32]}.pdf"
        self.used.add(path)
        if path.is_file():
            return path.read_bytes()
        pdf = bytes(layout_pdf(html, base=self.ws.root).write_pdf())
        write_atomically(path, pdf)
        return pdf

    def note(self, name: str, value: Any = None) -> Any:
        """A small fact kept from the last binding (such as how long the front matter was)."""
        path = self.folder / f"{self.pack}.json"
        try:
            notes = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            notes = {}
        if value is None:
            return notes.get(name) if isinstance(notes, dict) else None
        notes = dict(notes if isinstance(notes, dict) else {}, **{name: value})
        write_atomically(path, json.dumps(notes).encode())
        return value

    def prune(self) -> None:
        """Remove this pack's renders that the last binding did not use."""
        for path in self.folder.glob(f"{self.pack}.*.*.pdf"):
            if path not in self.used:
                path.unlink(missing_ok=True)


@dataclass
class _Mark:
    """One bookmark of the pack: a page index, a position on it if known, and children."""

    title: str
    page: int
    left: float | None = None
    top: float | None = None
    children: list[_Mark] = field(default_factory=list)


def _nest(entries: list[list[Any]], offset: int) -> list[_Mark]:
    """A chapter's flat outline (level, title, page, left, top) as a tree of bookmarks."""
    roots: list[_Mark] = []
    stack: list[tuple[int, _Mark]] = []
    for level, title, page, left, top in entries:
        mark = _Mark(title, offset + page, left, top)
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(mark)
        stack.append((level, mark))
    return roots


def _front_matter(
    ws: Workspace, context: dict[str, Any], chapters: list[tuple[str, int]], cache: _Cache
) -> tuple[Fragment, list[_Mark]]:
    """The cover and contents, laid out until the page numbers they print are right.

    The guess is the last binding's length, so a pack that did not grow lays out once (or
    not at all, when the cache has it).
    """
    guess = cache.note("front") or ([3, 3] if context["missing"] else [2, None])
    for _ in range(4):
        front_pages, missing_page = guess
        page = front_pages + 1
        rows = []
        for name, count in chapters:
            rows.append({"name": name, "page": page})
            page += count
        context.update(chapters=rows, missing_page=missing_page)
        html = render_html(ws.root / "templates", ["pack.html"], context)
        reader = PdfReader(BytesIO(cache.pdf("front", html)))
        anchors = {
            name: reader.get_destination_page_number(dest)
            for name, dest in reader.named_destinations.items()
            if name in ("contents", "missing")
        }
        found = anchors.get("missing")
        actual = [len(reader.pages), None if found is None else found + 1]
        if actual == guess:
            break
        guess = actual
    cache.note("front", guess)
    contents = anchors.get("contents")
    marks = [
        _Mark(
            context["_"]("Contents"),
            min(1, len(reader.pages) - 1) if contents is None else contents,
        )
    ]
    if found is not None:
        marks.append(_Mark(context["_"]("Members without a brief"), found))
    return _fragment(reader), marks


class _Unsuitable(Exception):
    """The furniture sample cannot be reused for other page numbers."""


class _Furniture:
    """Every page's furniture: its content and the resources it uses."""

    objects: list[tuple[bytes, bytes | None]]  # the resources' objects, numbered from 1
    box: bytes  # the furniture's page box

    def page(self, number: int) -> tuple[bytes, int]:
        """Page `number` (from 1)'s furniture content and the local number of its resources."""
        raise NotImplementedError


def _furniture(ws: Workspace, context: dict[str, Any], total: int, cache: _Cache) -> _Furniture:
    gettext: Callable[[str], str] = context["_"]
    # The short sample must not be mistaken for a part of the total.
    short = next(
        n for n in range(1, 99) if str(n) not in str(total) and str(n + 1) not in str(total)
    )
    numbers = [_LONG, _LONG + 1, short, short + 1, *_PAIRS]
    furniture = dict(
        context,
        _=lambda message: gettext(message).replace("{pages}", str(total)),
        resets=[(2, _LONG), (4, short), *enumerate(_PAIRS, 6)],
        pages=len(numbers) + 1,
    )
    sample = render_html(ws.root / "templates", ["pack_furniture.html"], furniture)
    try:
        if re.search(r"counters?\(\s*pages\b", sample):  # the sample's count, not the pack's
            raise _Unsuitable("the furniture prints counter(pages) itself")
        return _Sampled(PdfReader(BytesIO(cache.pdf("furniture", sample))), numbers)
    except _Unsuitable:
        furniture.update(resets=[], pages=total)
        every = render_html(ws.root / "templates", ["pack_furniture.html"], furniture)
        return _Rendered(PdfReader(BytesIO(cache.pdf("furniture-all", every))))


def _box(page: Any) -> bytes:
    return b" ".join(b"%.4f" % float(v) for v in page.mediabox)


def _resources(objects: _Objects, page: Any) -> int:
    return objects.new(DictionaryObject(_resolved(page, "/Resources")))


def _content(page: Any) -> bytes:
    contents = page.get_contents()
    return b"" if contents is None else bytes(contents.get_data())


class _Rendered(_Furniture):
    """Furniture rendered for every page of the pack."""

    def __init__(self, reader: PdfReader) -> None:
        objects = _Objects(first=1)
        self.pages = [(_content(page), _resources(objects, page)) for page in reader.pages]
        self.objects = objects.done()
        self.box = _box(reader.pages[0])

    def page(self, number: int) -> tuple[bytes, int]:
        return self.pages[number - 1]


class _Sampled(_Furniture):
    """Every page's furniture made from a sample of rendered pages.

    Page 1 is the pack's first page; pages 2 and 3 a left and a right page whose numbers
    show every digit; pages 4 and 5 the same with a short number; the pages after them
    show between them every pair of digits (`_PAIRS`), for the spacing the font puts
    between two digits (kerning, as "11" has in Arial). The label must be the same glyphs
    at the same place on pages 2 and 4 (3 and 5) but for the number's glyphs and the
    label's horizontal position, which moves by a share of the change in the number's
    width (1 when the label is aligned right, ½ centred, 0 left): the two show which.
    """

    def __init__(self, reader: PdfReader, numbers: list[int]) -> None:
        if len(reader.pages) != len(numbers) + 1:
            raise _Unsuitable("the sample has not the pages asked for")
        objects = _Objects(first=1)
        self.cover = (_content(reader.pages[0]), _resources(objects, reader.pages[0]))
        found = [_find(reader.pages[i], str(n)) for i, n in enumerate(numbers, 1)]
        if len({f.font for f in found}) != 1 or len({f.size for f in found}) != 1:
            raise _Unsuitable("the page numbers are not in one font")
        self.size = found[0].size
        self.digits = {d: g for f in found for d, g in f.digits.items()}
        self.pairs: dict[str, tuple[bytes, float]] = {}
        for f in found:
            for i in range(len(f.number) - 1):
                if self.pairs.setdefault(f.number[i : i + 2], f.run[i]) != f.run[i]:
                    raise _Unsuitable(f"the digits {f.number[i : i + 2]} are spaced two ways")
        self.last = found[0].run[-1]
        if any(f.run[-1] != self.last for f in found):
            raise _Unsuitable("the spacing after the number depends on its last digit")
        if len(self.digits) != 10 or len(self.pairs) != 100:
            raise _Unsuitable("the sample lacks a digit or a pair of digits")
        self.labels = [
            _label(found[0], found[2], _resources(objects, reader.pages[1])),
            _label(found[1], found[3], _resources(objects, reader.pages[2])),
        ]
        self.objects = objects.done()
        self.box = _box(reader.pages[0])

    def page(self, number: int) -> tuple[bytes, int]:
        if number == 1:
            return self.cover
        label = self.labels[number % 2]  # even numbers are left pages, as sample page 2
        digits = str(number)
        spacing = [self.pairs[digits[i : i + 2]] for i in range(len(digits) - 1)] + [self.last]
        glyphs = b"".join(
            b"<" + self.digits[d][0] + b">" + tail
            for d, (tail, _) in zip(digits, spacing, strict=True)
        )
        width = sum(
            self.digits[d][1] * self.size / 1000 + shift
            for d, (_, shift) in zip(digits, spacing, strict=True)
        )
        a, b, c, d, e, f = label.matrix
        move = label.share * (width - label.width)
        matrix = b" ".join(b"%.6f" % v for v in (a, b, c, d, e - move * a, f - move * b))
        return (
            b"".join(
                [
                    label.prefix,
                    matrix,
                    b" Tm\n",
                    label.middle,
                    b"[",
                    label.before,
                    glyphs,
                    label.after,
                    b"] TJ\n",
                    label.suffix,
                ]
            ),
            label.resources,
        )


def _pairs() -> list[int]:
    """Numbers that show between them every pair of digits, "00" to "99".

    A de Bruijn sequence (every pair once) cut into numbers of up to ten digits, each
    starting with the digit the one before ended with, and none with a 0.
    """
    text = "".join(f"{a}{b}" if a < b else f"{a}" for a in range(10) for b in range(a, 10))
    text += "0"  # now every pair once, cyclically (the lexicographic Lyndon construction)
    start = text.index("1")
    text = text[start:-1] + text[: start + 1]  # linear, from a 1
    numbers, start = [], 0
    while start < len(text) - 1:
        end = min(start + 9, len(text) - 1)
        while end < len(text) - 1 and text[end] == "0":
            end -= 1
        numbers.append(int(text[start : end + 1]))
        start = end
    return numbers


_PAIRS = _pairs()


@dataclass
class _Found:
    """The text showing a page number on a sample page, and what surrounds it."""

    number: str
    font: int
    size: float
    digits: dict[str, tuple[bytes, float]]  # digit: its glyph's code in hex, its width
    prefix: bytes  # content before the text matrix
    matrix: list[float]
    middle: bytes  # content between the matrix and the glyphs
    before: bytes  # glyphs (and spacing) before the number
    after: bytes  # glyphs after it
    suffix: bytes  # content after the glyphs
    run: list[tuple[bytes, float]]  # the spacing after each digit, and its text-space width
    width: float  # the number's text-space width, spacing included


@dataclass
class _Label:
    """How a sample page's label prints another page number."""

    prefix: bytes
    matrix: list[float]
    middle: bytes
    before: bytes
    after: bytes
    suffix: bytes
    width: float
    share: float  # how much of a change in the number's width the label moves left
    resources: int


def _label(long: _Found, short: _Found, resources: int) -> _Label:
    """The label of a page with a long number, checked against one with a short number."""
    same = ("prefix", "middle", "before", "after", "suffix")
    if any(getattr(long, name) != getattr(short, name) for name in same) or [
        long.matrix[i] for i in (0, 1, 2, 3, 5)
    ] != [short.matrix[i] for i in (0, 1, 2, 3, 5)]:
        raise _Unsuitable("the label differs on pages with shorter numbers")
    if not long.matrix[0] or long.width == short.width:
        raise _Unsuitable("the label's width cannot be measured")
    share = (short.matrix[4] - long.matrix[4]) / (long.matrix[0] * (long.width - short.width))
    aligned = min((0.0, 0.5, 1.0), key=lambda s: abs(s - share))
    if abs(aligned - share) > 0.01:
        raise _Unsuitable(f"the label moves by {share:.3f} of the number's width")
    return _Label(
        long.prefix,
        long.matrix,
        long.middle,
        long.before,
        long.after,
        long.suffix,
        long.width,
        aligned,
        resources,
    )


_Glyph = tuple[str, bytes, list[Any]]  # character, code, spacing after it


def _find(page: Any, number: str) -> _Found:
    """The one text on a sample `page` that shows `number`, as WeasyPrint draws text."""
    contents = page.get_contents()
    if contents is None:
        raise _Unsuitable("a sample page is empty")
    operations = contents.operations
    fonts = _resolved(_resolved(page, "/Resources"), "/Font")
    hits: list[tuple[int, int, Any, Any, list[Any], list[_Glyph]]] = []
    font_name: Any = None
    size, matrix_at = 0.0, -1
    for index, (operands, operator) in enumerate(operations):
        if operator in (b"Tc", b"Tz", b"INLINE IMAGE"):
            raise _Unsuitable(f"the sample uses {operator.decode()}")
        if operator == b"Tf":
            font_name, size = operands[0], float(operands[1])
        elif operator == b"Tm":
            matrix_at = index
        elif operator == b"BT":
            matrix_at = -1
        elif operator in (b"TJ", b"Tj", b"'", b'"') and font_name in fonts:
            font = fonts[font_name]
            items = operands[0] if operator == b"TJ" else operands[-1:]
            lead, glyphs = _glyphs(items, font)
            if number in "".join(char for char, _, _ in glyphs):
                hits.append((index, matrix_at, fonts.raw_get(font_name), font, lead, glyphs))
    if len(hits) != 1:
        raise _Unsuitable(f"the sample shows {number} {len(hits)} times")
    index, matrix_at, reference, font, lead, glyphs = hits[0]
    text = "".join(char for char, _, _ in glyphs)
    if text.count(number) != 1 or any(len(char) != 1 for char, _, _ in glyphs):
        raise _Unsuitable(f"the sample's label {text!r} cannot be split into its glyphs")
    if matrix_at < 0 or operations[index][1] != b"TJ" or not isinstance(reference, IndirectObject):
        raise _Unsuitable("the label is not placed as WeasyPrint places text")
    widths, default = _widths(font)
    at, end = text.index(number), text.index(number) + len(number)
    run = glyphs[at:end]

    def shift(tail: list[Any]) -> float:
        return -sum(float(v) for v in tail if isinstance(v, int | float)) * size / 1000

    return _Found(
        number=number,
        font=reference.idnum,
        size=size,
        digits={
            char: (code.hex().encode(), widths.get(code, default))
            for char, code, _ in glyphs
            if char.isdigit()
        },
        prefix=_operations(operations[:matrix_at]),
        matrix=[float(v) for v in operations[matrix_at][0]],
        middle=_operations(operations[matrix_at + 1 : index]),
        before=_items(lead) + b"".join(_glyph(g) for g in glyphs[:at]),
        after=b"".join(_glyph(g) for g in glyphs[end:]),
        suffix=_operations(operations[index + 1 :]),
        run=[(_items(tail), shift(tail)) for _, _, tail in run],
        width=sum(widths.get(code, default) * size / 1000 + shift(tail) for _, code, tail in run),
    )


def _glyphs(items: list[Any], font: Any) -> tuple[list[Any], list[_Glyph]]:
    """A text's glyphs (two-byte codes, as WeasyPrint's fonts have) and their spacing."""
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        raise _Unsuitable("the label's font is not a Type0 font with Identity-H encoding")
    chars = _unicode(font)
    lead: list[Any] = []
    glyphs: list[_Glyph] = []
    for item in items:
        if isinstance(item, TextStringObject | ByteStringObject) and _raw(item):
            raw = _raw(item)
            if len(raw) % 2:
                raise _Unsuitable("a text of odd length in a two-byte font")
            glyphs += [
                (chars.get(raw[i : i + 2], ""), raw[i : i + 2], []) for i in range(0, len(raw), 2)
            ]
        else:
            (glyphs[-1][2] if glyphs else lead).append(item)
    return lead, glyphs


def _unicode(font: Any) -> dict[bytes, str]:
    """The characters a font's glyph codes stand for, from its ToUnicode map."""
    if "/ToUnicode" not in font:
        raise _Unsuitable("the label's font has no ToUnicode map")
    cmap = font["/ToUnicode"].get_data().decode("latin-1")
    chars: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            chars[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                chars[code.to_bytes(len(low) // 2, "big")] = chr(first + offset)
    return chars


def _widths(font: Any) -> tuple[dict[bytes, float], float]:
    """A Type0 font's glyph widths (thousandths of its size) by code, and its default."""
    descendant = font["/DescendantFonts"][0].get_object()
    default = float(descendant.get("/DW", 1000))
    widths: dict[bytes, float] = {}
    entries = list(descendant.get("/W", []))
    position = 0
    while position < len(entries):
        first = int(entries[position])
        follow = entries[position + 1]
        if isinstance(follow, list):
            for offset, width in enumerate(follow):
                widths[(first + offset).to_bytes(2, "big")] = float(width)
            position += 2
        else:
            for code in range(first, int(follow) + 1):
                widths[code.to_bytes(2, "big")] = float(entries[position + 2])
            position += 3
    return widths, default


def _glyph(glyph: _Glyph) -> bytes:
    return b"<" + glyph[1].hex().encode() + b">" + _items(glyph[2])


def _items(items: list[Any]) -> bytes:
    return b"".join(b" " + _plain(item) + b" " for item in items)


def _plain(value: Any) -> bytes:
    """An operand in content-stream syntax (no indirect references there)."""
    return _Objects(first=1).dump(value)


def _operations(operations: list[tuple[Any, bytes]]) -> bytes:
    return b"".join(
        b" ".join([*(_plain(operand) for operand in operands), operator]) + b"\n"
        for operands, operator in operations
    )


class _Output:
    """A PDF written object by object, with its cross-reference table."""

    def __init__(self, size: int) -> None:
        self.chunks = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
        self.length = len(self.chunks[0])
        self.offsets = [0] * size

    def put(self, number: int, head: bytes, data: bytes | None = None) -> None:
        self.offsets[number] = self.length
        if data is None:
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, head)
        else:
            chunk = b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, head, data)
        self.chunks.append(chunk)
        self.length += len(chunk)

    def finish(self, root: int, info: int) -> bytes:
        assert all(self.offsets[1:]), "every object is written"
        digest = hashlib.sha256()
        for chunk in self.chunks:
            digest.update(chunk)
        identifier = digest.hexdigest()[:32].encode()
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        table += [b"%010d 00000 n \n" % offset for offset in self.offsets[1:]]
        trailer = b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\n" % (
            len(self.offsets),
            root,
            info,
            identifier,
            identifier,
        )
        return b"".join([*self.chunks, *table, trailer, b"startxref\n%d\n%%%%EOF\n" % self.length])


def _assemble(
    fragments: list[Fragment],
    furniture: _Furniture,
    marks: list[_Mark],
    info: dict[str, str],
    tag: str,  # the language tag of /Lang: es-PE
) -> bytes:
    """The pack's PDF: catalog, page tree, outline, fragments, furniture."""
    catalog, tree, outlines, information = 1, 2, 3, 4
    flat = list(_preorder(marks))
    numbers = {id(mark): 5 + i for i, mark in enumerate(flat)}
    following = 5 + len(flat)
    bases = []
    for fragment in fragments:
        bases.append(following)
        following += len(fragment.objects)
    shared = following  # the furniture's resources
    following += len(furniture.objects)
    total = sum(len(fragment.pages) for fragment in fragments)
    forms = list(range(following, following + total))
    out = _Output(following + total)

    kids: list[int] = []
    for fragment, base in zip(fragments, bases, strict=True):
        start = len(kids)
        kids += [base + number - fragment.first for number in fragment.pages]

        def renumber(
            match: re.Match[bytes],
            fragment: Fragment = fragment,
            base: int = base,
            start: int = start,
        ) -> bytes:
            number = int(match[1])
            if number >= fragment.first:
                return b"%d 0 R" % (base + number - fragment.first)
            if number == _PAGE_TREE:
                return b"%d 0 R" % tree
            return b"%d 0 R" % forms[start + number - _PAGE_TREE - 1]

        for offset, (head, data) in enumerate(fragment.objects):
            out.put(base + offset, _REFERENCE.sub(renumber, head), data)

    def resources(match: re.Match[bytes]) -> bytes:
        return b"%d 0 R" % (shared + int(match[1]) - 1)

    for offset, (head, data) in enumerate(furniture.objects):
        out.put(shared + offset, _REFERENCE.sub(resources, head), data)
    for index, number in enumerate(forms):
        content, local = furniture.page(index + 1)
        data = zlib.compress(content)
        out.put(
            number,
            b"<</Type /XObject /Subtype /Form /BBox [%s] /Resources %d 0 R /Filter /FlateDecode "
            b"/Length %d>>" % (furniture.box, shared + local - 1, len(data)),
            data,
        )

    def destination(mark: _Mark) -> bytes:
        page = kids[mark.page]
        if mark.top is None:
            return b"[%d 0 R /Fit]" % page
        left = b"null" if mark.left is None else b"%.4f" % mark.left
        return b"[%d 0 R /XYZ %s %.4f 0]" % (page, left, mark.top)

    def bookmarks(items: list[_Mark], parent: int) -> None:
        for i, mark in enumerate(items):
            fields = [b"/Title " + _text(mark.title), b"/Parent %d 0 R" % parent]
            fields.append(b"/Dest " + destination(mark))
            if i:
                fields.append(b"/Prev %d 0 R" % numbers[id(items[i - 1])])
            if i + 1 < len(items):
                fields.append(b"/Next %d 0 R" % numbers[id(items[i + 1])])
            if mark.children:
                fields.append(b"/First %d 0 R" % numbers[id(mark.children[0])])
                fields.append(b"/Last %d 0 R" % numbers[id(mark.children[-1])])
                fields.append(b"/Count %d" % -len(mark.children))  # closed
                bookmarks(mark.children, numbers[id(mark)])
            out.put(numbers[id(mark)], b"<<" + b" ".join(fields) + b">>")

    bookmarks(marks, outlines)
    root = [b"/Type /Outlines", b"/Count %d" % len(marks)]
    if marks:
        root += [b"/First %d 0 R" % numbers[id(marks[0])], b"/Last %d 0 R" % numbers[id(marks[-1])]]
    out.put(outlines, b"<<" + b" ".join(root) + b">>")
    out.put(
        catalog,
        b"<</Type /Catalog /Pages %d 0 R /Outlines %d 0 R /PageMode /UseOutlines /Lang %s "
        b"/ViewerPreferences <</DisplayDocTitle true>>>>" % (tree, outlines, _text(tag)),
    )
    out.put(
        tree,
        b"<</Type /Pages /Kids [%s] /Count %d>>"
        % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids)),
    )
    out.put(
        information,
        b"<<" + b" ".join(_leaf(NameObject(k)) + b" " + _text(v) for k, v in info.items()) + b">>",
    )
    return out.finish(catalog, information)


def _preorder(marks: list[_Mark]) -> list[_Mark]:
    found: list[_Mark] = []
    for mark in marks:
        found += [mark, *_preorder(mark.children)]
    return found
