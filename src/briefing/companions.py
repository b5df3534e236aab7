"""What the documents that accompany a relationship share: the meeting brief and the note.

Each is a file of its own under `data/HOME/<folder>/` that names its relationship: it is
read with the relationship and the partner's profile, checked with them, built at a level
every file of the home it reads allows, rendered once per language and written as
`briefs/HOME/<folder>/<file-stem>.<lang>.<ext>`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .build import BuildOptions, build_level, read_input, read_profile, report, write_outputs
from .errors import Problem
from .load import Document, load_document
from .model import Relationship, when
from .profile_model import Profile
from .render import render_html
from .trade import trade_series
from .workspace import Workspace

T = TypeVar("T", bound=Any)
Rendered = list[tuple[str, str, dict[str, Any]]]
"""A document in each language: (lang, html, context)."""


def build_companion(
    ws: Workspace, path: Path, folder: str, rendered: Rendered, options: BuildOptions
) -> list[Path]:
    """Write each rendered language of the file at `path` in every format asked for, all or
    none; return the paths written."""
    home = path.resolve().parent.parent.name
    out = (options.out or ws.root / "briefs") / home / folder
    outputs = {
        out / f"{path.stem}.{lang}.{fmt}": (html, context)
        for lang, html, context in rendered
        for fmt in options.formats or tuple(ws.settings.formats)
    }
    return write_outputs(ws, outputs)


def read_companion(
    ws: Workspace,
    path: Path,
    model: type[T],
    options: BuildOptions,
    problems: Callable[[Document, T, Document, Relationship], list[Problem]],
) -> tuple[T, Relationship, Profile | None, str]:
    """The file at `path`, its relationship and the partner's profile, and the build's level.

    `problems` gives the file's problems with its relationship: errors stop the build,
    warnings are reported. The relationship and the profile only contribute: above the
    level, they are left out (resolver.file), so only the file's own level bounds it.
    """
    item = read_input(ws, path, model, options)
    rel_path = ws.relationship_path(item.home, item.partner)
    rel: Relationship = read_input(ws, rel_path, Relationship, options)
    doc, rel_doc = load_document(path, ws.show(path)), load_document(rel_path, ws.show(rel_path))
    report(options, problems(doc, item, rel_doc, rel))
    profile = read_profile(ws, item.partner, options)
    level = build_level(ws, item.home, options, {ws.show(path): item.classification})
    return item, rel, profile, level


Context = Callable[[T, Relationship, Profile | None, str, str, date], dict[str, Any]]
"""A document's context from its file, relationship, profile, language, level and today."""


def render_companion(
    ws: Workspace,
    path: Path,
    model: type[T],
    options: BuildOptions,
    problems: Callable[[Document, T, Document, Relationship], list[Problem]],
    kind: str,
    context_of: Context[T],
) -> Rendered:
    """The file at `path` (read by `read_companion`) in each language asked for (else its
    home's), from the most specific template: `KIND-HOME-PARTNER.html`, `KIND-HOME.html`,
    `KIND.html`."""
    item, rel, profile, level = read_companion(ws, path, model, options, problems)
    today = options.today or date.today()
    names = [f"{kind}-{item.home}-{item.partner}.html", f"{kind}-{item.home}.html", f"{kind}.html"]
    rendered = []
    for lang in options.langs or ws.home_languages(item.home):
        context = context_of(item, rel, profile, lang, level, today)
        rendered.append((lang, render_html(ws.root / "templates", names, context), context))
    return rendered


def held_before(visits: list[dict[str, Any]], on: date) -> list[dict[str, Any]]:
    """The visits held before `on`, latest first."""
    held = (v for v in visits if v["status"] == "held" and when(v["date"]).last_day() < on)
    return sorted(held, key=lambda v: when(v["date"]).last_day(), reverse=True)


def latest_trade(trade: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The latest year of each trade series."""
    series = trade_series(trade["figures"]) if trade else []
    return [{"series": s, "row": s["rows"][-1]} for s in series if s["rows"]]
