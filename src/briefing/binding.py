"""Bind a region pack: front matter, the partners' chapters, bookmarks and furniture.

Chapters are the PDFs the pack's workers wrote without page furniture; pypdf joins them
behind the front matter, copies each chapter's bookmarks under the partner's name, and
stamps the pack's marking and running page numbers on every page.
"""

from __future__ import annotations

import os
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from .build import BuildOptions
from .formatting import Formatter
from .model import Region, in_language
from .packs import Part, sort_key
from .render import render_html
from .resolve import logo_url, place_name
from .workspace import Workspace
from .writers.pdf import layout_pdf


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
    chapters = [(p, PdfReader(p.chapters[lang])) for p in [*organisation, *members]]
    marking = ws.scheme.highest([p.markings[lang] for p in parts] or [ws.scheme.names()[0]])
    context = _front_context(ws, region, home, lang, marking, missing, options)
    front = _front_matter(ws, context, [(p.names[lang], len(r.pages)) for p, r in chapters])
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(front)), import_outline=False)
    writer.add_outline_item(title=context["_"]("Contents"), page_number=1)
    if context["missing_page"]:
        writer.add_outline_item(
            title=context["_"]("Members without a brief"), page_number=context["missing_page"] - 1
        )
    for part, reader in chapters:
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=part.names[lang], page_number=start)
        _copy_outline(writer, reader, reader.outline, parent, start)
    _stamp(ws, writer, context)
    writer.add_metadata(
        {
            "/Title": context["title"],
            "/Author": context["author"],
            "/Subject": context["subject"],
            "/Keywords": context["marking"],
            "/Creator": "brief",
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    target = (options.out or ws.root / "briefs") / home / "packs" / f"{region.id}.{lang}.pdf"
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            writer.write(handle)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _front_context(
    ws: Workspace,
    region: Region,
    home: str,
    lang: str,
    marking: str,
    missing: list[str],
    options: BuildOptions,
) -> dict[str, Any]:
    fmt = Formatter(lang, ws.settings.locales.get(lang, lang), ws.fiscal_start(home))
    region_name = in_language(region.names, lang)
    home_settings = ws.settings.homes.get(home)
    author = in_language(home_settings.author, lang) if home_settings else home
    names = [place_name(ws, m, lang) for m in missing]
    return {
        "lang": lang,
        "fmt": fmt,
        "_": fmt.gettext,
        "pack_part": False,
        "title": fmt.gettext("{region}: region pack").format(region=region_name),
        "subject": fmt.gettext("Briefs for {home}").format(home=place_name(ws, home, lang)),
        "author": author,
        "today": (options.today or date.today()).isoformat(),
        "marking": ws.scheme.level(marking).label(lang),
        "region_name": region_name,
        "home_name": place_name(ws, home, lang),
        "missing": sorted(names, key=sort_key),
        "page_label": fmt.gettext("Page {page} of {pages}"),
        "logo": logo_url(ws),
    }


def _front_matter(ws: Workspace, context: dict[str, Any], chapters: list[tuple[str, int]]) -> bytes:
    """The cover and contents; laid out again until the page numbers settle."""
    front_pages = 2
    for _ in range(3):
        page = front_pages + 1
        rows = []
        for name, count in chapters:
            rows.append({"name": name, "page": page})
            page += count
        context.update(chapters=rows, missing_page=None)
        document = layout_pdf(
            render_html(ws.root / "templates", ["pack.html"], context), base=ws.root
        )
        missing = [i + 1 for i, p in enumerate(document.pages) if "missing" in p.anchors]
        if len(document.pages) == front_pages and (missing or not context["missing"]):
            context.update(missing_page=missing[0] if missing else None)
            document = layout_pdf(
                render_html(ws.root / "templates", ["pack.html"], context), base=ws.root
            )
            return bytes(document.write_pdf())
        front_pages = len(document.pages)
    return bytes(document.write_pdf())


def _copy_outline(
    writer: PdfWriter, reader: PdfReader, items: list[Any], parent: Any, start: int
) -> None:
    previous = parent
    for item in items:
        if isinstance(item, list):
            _copy_outline(writer, reader, item, previous, start)
        else:
            page = reader.get_destination_page_number(item) or 0
            previous = writer.add_outline_item(
                title=item.title, page_number=start + page, parent=parent
            )


def _stamp(ws: Workspace, writer: PdfWriter, context: dict[str, Any]) -> None:
    """The pack's marking and running page numbers on every page."""
    html = render_html(
        ws.root / "templates",
        ["pack_furniture.html"],
        dict(context, marking=context["marking"], pages=len(writer.pages)),
    )
    furniture = PdfReader(BytesIO(bytes(layout_pdf(html, base=ws.root).write_pdf())))
    for page, overlay in zip(writer.pages, furniture.pages, strict=True):
        page.merge_page(overlay)
