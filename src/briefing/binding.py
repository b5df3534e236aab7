"""Bind a region pack with pikepdf: front matter, the partners' chapters, bookmarks, furniture.

Every part is a tagged PDF (PDF/UA-1) that WeasyPrint wrote: the front matter (cover,
contents, members without a brief) from `pack.html`, and each partner's chapter, which a
worker rendered without page furniture. The pack starts as the front matter, whose catalog,
structure tree, metadata and language it keeps; each chapter is appended to it with its
structure under the pack's own (structure.py), its links and its bookmarks (pikepdf's
`add_pages_from`), and its bookmarks are then gathered under one bookmark named after the
partner.

The furniture (the pack's marking at the top and bottom of every page, and "Page X of Y"
running through the whole pack) is one rendering of `pack_furniture.html` with as many
empty pages as the pack, each page drawn on its pack page as a form XObject inside a
pagination artifact: assistive technology skips it, as it skips a brief's running banners.
The front matter and the furniture are cached by the HTML they come from, so binding again
after one brief changed lays nothing out. When they must be laid out, a worker does it
while this process joins the chapters, which are then appended to the front matter.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem, Pdf

from . import __version__
from .build import BuildOptions, build_level
from .errors import BuildFailed
from .levels import plain
from .model import in_language
from .outputs import write_atomically
from .pack_file import Event, Meetings, event_context
from .packs import Part, sort_key, worker_pool
from .profile_model import Region
from .render import render_html
from .resolve import logo_url, place_name, slug_name
from .structure import append_tagged
from .subsets import unique_subsets
from .typography import typeset_text
from .workspace import Workspace
from .writers.pdf import layout_pdf, tagged_pdf
from .writers.tagged import finish

_FURNITURE = b"/Artifact <</Type /Pagination>> BDC q /%s Do Q EMC\n"


@dataclass(frozen=True)
class _Chapter:
    """One partner's chapter: the name it is listed under, and its tagged PDF."""

    name: str
    pdf: Pdf


def bind_pack(
    ws: Workspace,
    region: Region,
    home: str,
    lang: str,
    parts: list[Part],
    missing: list[str],
    options: BuildOptions,
    event: Event | None = None,
    meetings: Meetings | None = None,
) -> Path:
    """Write `briefs/HOME/packs/REGION.LANG.pdf` (or `EVENT.LANG.pdf`, after its pack file)
    from the parts, behind the event's front matter if any; return its path."""
    organisation = [p for p in parts if p.partner == region.id]
    members = sorted(
        (p for p in parts if p.partner != region.id), key=lambda p: sort_key(p.names[lang])
    )
    locale = ws.locale(home, lang)
    chapters = [  # named as the contents page prints them: l’Asie, not l'Asie
        _Chapter(typeset_text(p.names[lang], locale), _open(Path(p.chapters[lang])))
        for p in (*organisation, *members)
    ]
    markings = [p.markings[lang] for p in parts]
    context = _front_context(ws, region, home, lang, markings, missing, options, event, meetings)
    packs = (options.out or ws.root / "briefs") / home / "packs"
    name = event.path.stem if event else region.id
    cache = _Cache(ws, packs / ".cache", f"{name}.{lang}")
    sizes = [(chapter.name, len(chapter.pdf.pages)) for chapter in chapters]
    try:
        try:
            front, furniture = _layout(ws, context, sizes, replace(cache, render=False))
            pack = front  # laid out before: the chapters join it directly
            _join(pack, chapters, _top_element(pack))
        except _NotCached:
            pack = pikepdf.new()  # the chapters, joined while a worker lays the rest out
            pack.Root.StructTreeRoot = pack.make_indirect(
                Dictionary(Type=Name.StructTreeRoot, K=Array(), ParentTree=Dictionary(Nums=[]))
            )
            with worker_pool(1) as pool:
                laid_out = pool.submit(_lay_out, ws, context, sizes, cache)
                _join(pack, chapters, pack.Root.StructTreeRoot)
                laid_out.result()
            body, (pack, furniture) = pack, _layout(ws, context, sizes, cache)
            append_tagged(pack, body, _top_element(pack))
            body.close()
        _stamp(pack, furniture)
        _relative_links(pack, packs)
        pack.Root.Lang = pikepdf.String(context["fmt"].tag())  # as the chapters name it: es-PE
        pack.Root.PageMode = Name.UseOutlines
        finish(pack)
        unique_subsets(pack)
        out = BytesIO()
        pack.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    finally:
        pack.close()
        for chapter in chapters:
            chapter.pdf.close()
    target = packs / f"{name}.{lang}.pdf"
    write_atomically(target, out.getvalue())
    cache.prune()
    return target


def _join(pack: Pdf, chapters: list[_Chapter], parent: Dictionary) -> None:
    """Append the chapters to `pack`, their structure under `parent`, their bookmarks
    each under the partner's name."""
    starts = []
    for chapter in chapters:
        starts.append(len(pack.pages))
        append_tagged(pack, chapter.pdf, parent)  # its bookmarks, at the end
    _gather_bookmarks(pack, chapters, starts)


def _layout(
    ws: Workspace, context: dict[str, Any], sizes: list[tuple[str, int]], cache: _Cache
) -> tuple[Pdf, Pdf]:
    """The front matter, and the furniture of every page of the pack."""
    front = _front_matter(ws, context, sizes, cache)
    total = len(front.pages) + sum(pages for _, pages in sizes)
    furniture = dict(context, pages=total, marking=context["banner"])
    html = render_html(ws.root / "templates", ["pack_furniture.html"], furniture)
    try:
        return front, _open_bytes(cache.pdf("furniture", html, tagged=False))
    except BaseException:
        front.close()
        raise


def _lay_out(
    ws: Workspace, context: dict[str, Any], sizes: list[tuple[str, int]], cache: _Cache
) -> None:
    """In a worker: lay out what binding needs and the cache lacks, into the cache."""
    for pdf in _layout(ws, context, sizes, cache):
        pdf.close()


def _gather_bookmarks(pack: Pdf, chapters: list[_Chapter], starts: list[int]) -> None:
    """Put each chapter's bookmarks, appended after the front matter's, under one bookmark
    named after its partner (closed), leading to the chapter's first page.

    The outline is read and written once: pikepdf rewrites every bookmark it holds.
    """
    counts = [_top_bookmarks(chapter.pdf) for chapter in chapters]
    with pack.open_outline() as outline:
        front = len(outline.root) - sum(counts)
        items = outline.root[front:]
        del outline.root[front:]
        for chapter, start, count in zip(chapters, starts, counts, strict=True):
            item = OutlineItem(chapter.name, start)
            item.children.extend(items[:count])
            item.is_closed = True
            outline.root.append(item)
            del items[:count]


def _top_bookmarks(pdf: Pdf) -> int:
    """How many bookmarks the outline of `pdf` has at its top level."""
    count, item = 0, pdf.Root.get("/Outlines", Dictionary()).get("/First")
    while isinstance(item, Dictionary):
        count, item = count + 1, item.get("/Next")
    return count


def _front_context(
    ws: Workspace,
    region: Region,
    home: str,
    lang: str,
    markings: list[str],
    missing: list[str],
    options: BuildOptions,
    event: Event | None = None,
    meetings: Meetings | None = None,
) -> dict[str, Any]:
    """The cover, the event (of a pack file) and the contents: names through the level
    filter (`build_pack` refuses a region above the level; the filter still holds if it is
    called otherwise); marked with the highest of the chapters', the meeting briefs' and
    their own levels."""
    resolver = ws.resolver(home, build_level(ws, home, options, {}), lang)
    fmt = ws.formatter(home, lang)
    entry = resolver.file(region)
    region_name = resolver.fact(entry, "names") if entry else slug_name(region.id)
    resolver.include(entry["members"] if entry else [])  # each is in the pack: its level counts
    home_name = place_name(ws, home, resolver)
    home_settings = ws.settings.homes.get(home)
    author = in_language(home_settings.author, lang) if home_settings else home
    names = [place_name(ws, m, resolver) for m in missing]
    shown = event_context(resolver, event) if event else None
    sources = resolver.sources()  # cited by the event: a region's pack cites none
    listed = meetings.levels if meetings and shown else []
    marking = resolver.scheme.highest([*markings, *listed, resolver.marking()])
    label = resolver.scheme.level(marking).label(fmt)
    title = fmt.gettext("{region}: region pack").format(region=plain(region_name))
    subject = fmt.gettext("Briefs for {home}").format(home=plain(home_name))
    return {
        "lang": lang,
        "fmt": fmt,
        "_": fmt.gettext,
        "pack_part": False,
        "title": plain(shown["event"]) if shown else title,  # a pack file's, after its event
        "subject": f"{title}. {subject}" if shown else subject,
        "author": author,
        "today": (options.today or date.today()).isoformat(),
        "as_of_option": options.as_of.isoformat() if options.as_of else None,
        "marking_level": marking,
        "marking": label,
        "banner": fmt.gettext("{level} (pack)").format(level=label),  # on every page
        "example": bool(shown and shown["example"]),
        "portion_marks": ws.classification(home).portion_marks,
        "scheme": resolver.scheme,
        "event": shown,
        "meetings": meetings.rows.get(lang, []) if meetings and shown else [],
        "sources": sources,
        "source_numbers": {s["id"]: n for n, s in enumerate(sources, 1)},
        "region_name": region_name,
        "home_name": home_name,
        "missing": sorted(names, key=sort_key),
        "page_label": fmt.gettext("Page {page} of {pages}"),
        "logo": logo_url(ws, home),
    }


@functools.cache
def _versions() -> str:
    from importlib.metadata import version

    return f"{__version__}|{version('weasyprint')}|{version('pikepdf')}"


class _NotCached(Exception):
    """What binding needs is not in the cache, and this cache may not render it."""


@dataclass
class _Cache:
    """PDFs WeasyPrint rendered for one pack and language, by the HTML they came from."""

    ws: Workspace
    folder: Path
    pack: str
    render: bool = True  # whether a PDF the cache lacks is rendered, or _NotCached raised
    used: set[Path] = field(default_factory=set)

    def pdf(self, kind: str, html: str, *, tagged: bool) -> bytes:
        key = hashlib.sha256(f"{_versions()}|{tagged}|{html}".encode()).hexdigest()
        path = self.folder / f"{self.pack}.{kind}.{key[:32]}.pdf"
        self.used.add(path)
        if path.is_file():
            return path.read_bytes()
        if not self.render:
            raise _NotCached(path)
        if tagged:
            pdf = tagged_pdf(html, base=self.ws.root)
        else:
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


def _front_matter(
    ws: Workspace, context: dict[str, Any], sizes: list[tuple[str, int]], cache: _Cache
) -> Pdf:
    """The cover and contents, laid out until the page numbers they print are right.

    The guess is the last binding's length, so a pack that did not grow lays out once (or
    not at all, when the cache has it).
    """
    guess = cache.note("front") or ([3, 3] if context["missing"] else [2, None])
    for _ in range(4):
        front_pages, missing_page = guess
        page = front_pages + 1
        rows = []
        for name, pages in sizes:
            rows.append({"name": name, "page": page})
            page += pages
        context.update(chapters=rows, missing_page=missing_page)
        html = render_html(ws.root / "templates", ["pack.html"], context)
        front = _open_bytes(cache.pdf("front", html, tagged=True))
        found = _anchor(front, "missing")
        actual = [len(front.pages), None if found is None else found + 1]
        if actual == guess:
            break
        front.close()
        guess = actual
    cache.note("front", guess)
    return front


def _anchor(pdf: Pdf, name: str) -> int | None:
    """The index of the page that the named destination `name` of `pdf` is on, if any."""
    dests = pdf.Root.get("/Names", Dictionary()).get("/Dests")
    if dests is None or name not in (tree := NameTree(dests)):
        return None
    target = tree[name]
    target = target.D if isinstance(target, Dictionary) else target
    return next(i for i, page in enumerate(pdf.pages) if page.obj.objgen == target[0].objgen)


def _top_element(pack: Pdf) -> Dictionary:
    """The front matter's top structure element, which the chapters are appended under."""
    kids = pack.Root.StructTreeRoot.K
    top = kids[0] if isinstance(kids, pikepdf.Array) else kids
    assert isinstance(top, Dictionary)
    return top


def _stamp(pack: Pdf, furniture: Pdf) -> None:
    """Draw each furniture page on its pack page, as a pagination artifact over the page."""
    for page, drawn in zip(pack.pages, furniture.pages, strict=True):
        name = page.add_resource(
            pack.copy_foreign(drawn.as_form_xobject()), Name.XObject, prefix="Furniture"
        )
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\n" + _FURNITURE % str(name)[1:].encode(), prepend=False)


def _relative_links(pack: Pdf, folder: Path) -> None:
    """Links to files the pack was built beside (the meeting briefs) as links relative to
    `folder`, where the pack is: they keep working when the briefs folder is moved."""
    for page in pack.pages:
        for annot in page.get("/Annots", Array()):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, Dictionary) else ""
            if not uri.startswith("file:"):
                continue
            relative = os.path.relpath(url2pathname(urlsplit(uri).path), folder)
            annot.A = Dictionary(
                S=Name.GoToR, F=pikepdf.String(Path(relative).as_posix()), D=Array([0, Name.Fit])
            )


def _open(path: Path) -> Pdf:
    try:
        return Pdf.open(path)
    except (OSError, pikepdf.PdfError) as exc:
        raise BuildFailed(
            f"cannot read the chapter {path}: {exc} (rebuild the pack with --force)"
        ) from None


def _open_bytes(data: bytes) -> Pdf:
    return Pdf.open(BytesIO(data))
