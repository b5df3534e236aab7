"""`brief build`: the country brief, as the pipeline reads top to bottom.

load → validate (read_data) → resolve (context) → render (HTML) → writers (HTML, PDF, DOCX).
Every output of a build is first written beside its target under a temporary name, and
only renamed into place when all of them succeeded, so a failed or stopped build leaves the
previous brief intact (outputs.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.resources import as_file
from pathlib import Path
from typing import Any

from .assets import reference_docx
from .check import read_data
from .errors import BriefError, BuildFailed, InvalidInput, Problem, UnknownTarget
from .levels import plain
from .model import Relationship
from .outputs import write_all
from .profile_model import Profile
from .render import render_html
from .resolve import country_context
from .workspace import Workspace, split_target

FORMATS = ("pdf", "docx", "html")


class UnknownLevel(BriefError):
    """`--classification` names a level the workspace's scheme does not have."""


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked of a build; None means the workspace's default."""

    langs: tuple[str, ...] | None = None
    formats: tuple[str, ...] | None = None
    level: str | None = None
    out: Path | None = None
    strict: bool = False
    today: date | None = None
    as_of: date | None = None  # the day the brief stands on, if not today (or a meeting's eve)
    report: Callable[[Problem], None] | None = None


def build_brief(ws: Workspace, target: str, options: BuildOptions = BuildOptions()) -> list[Path]:
    """Build the country brief HOME/PARTNER; return the paths written."""
    home, partner = split_target(target)
    out = (options.out or ws.root / "briefs") / home
    outputs = {
        out / f"{partner}.{lang}.{fmt}": (html, context)
        for lang, html, context in render_brief(ws, home, partner, options)
        for fmt in options.formats or tuple(ws.settings.formats)
    }
    return write_outputs(ws, outputs)


def render_brief(
    ws: Workspace, home: str, partner: str, options: BuildOptions
) -> list[tuple[str, str, dict[str, Any]]]:
    """The country brief's HTML and context in each language: (lang, html, context)."""
    rel = read_input(ws, ws.relationship_path(home, partner), Relationship, options)
    profile = read_profile(ws, partner, options)
    level = build_level(ws, home, options, {f"data/{home}/{partner}.yaml": rel.classification})
    today = options.today or date.today()
    rendered = []
    for lang in options.langs or ws.home_languages(home):
        context = country_context(ws, rel, profile, lang, level, today, options.as_of)
        rendered.append(
            (
                lang,
                render_html(ws.root / "templates", brief_templates(home, partner), context),
                context,
            )
        )
    return rendered


def brief_templates(home: str, partner: str) -> list[str]:
    """Template names from the most specific: a mission's own, a home's, the default."""
    return [f"brief-{home}-{partner}.html", f"brief-{home}.html", "brief.html"]


def read_input(ws: Workspace, path: Path, model: type[Any], options: BuildOptions) -> Any:
    """A data file a build needs, validated; its warnings reported, fatal under --strict."""
    if not path.exists() and not path.is_symlink():  # read_data words the other cases
        raise UnknownTarget(f"{ws.show(path)} does not exist (brief new HOME/PARTNER starts one)")
    _, item, problems = read_data(ws, path)
    report(options, problems)
    if not isinstance(item, model):
        raise UnknownTarget(f"{ws.show(path)} is not a {model.__name__.lower()} file")
    return item


def read_profile(ws: Workspace, partner: str, options: BuildOptions) -> Profile | None:
    path = ws.profile_path(partner)
    return read_input(ws, path, Profile, options) if path.is_file() else None


def report(options: BuildOptions, problems: list[Problem]) -> None:
    """Errors stop the build; warnings go to the caller's reporter, and stop it under --strict."""
    errors = [p for p in problems if p.is_error]
    if errors or (options.strict and problems):
        raise InvalidInput(errors or problems)
    if options.report is not None:
        for problem in problems:
            options.report(problem)


def build_level(ws: Workspace, home: str, options: BuildOptions, files: dict[str, str]) -> str:
    """The level of a build of `home`, in its scheme; every file of the home read (shown
    path: classification) must be within it."""
    settings = ws.classification(home)
    scheme = ws.scheme_of(home)
    level = options.level or settings.default
    if level not in scheme.names():
        raise UnknownLevel(
            f"--classification '{level}' is not a level of the {scheme.name} scheme, which "
            f"{home}'s briefs use (expected one of: {', '.join(scheme.names())})"
        )
    for shown, marked in files.items():
        if not scheme.allows(marked, level):
            raise BuildFailed(
                f"{shown} is {marked}; a build at {level} cannot include it (give --classification)"
            )
    return level


def write_outputs(ws: Workspace, outputs: dict[Path, tuple[str, dict[str, Any]]]) -> list[Path]:
    """Render every output to a temporary file, then move them all into place.

    Any failure, or an interruption, before the moves leaves every previous output as it
    was and no temporary file behind (outputs.py).
    """

    laid_out: dict[str, Any] = {}  # the HTML last laid out, for its PDF and its DOCX's contents

    def layout(html: str) -> Any:
        from .writers.pdf import tagged_layout

        if html not in laid_out:
            laid_out.clear()  # the formats of one HTML come together: one layout kept at once
            laid_out[html] = tagged_layout(html, base=ws.root)
        return laid_out[html]

    def render(target: Path, temporary: Path) -> None:
        html, context = outputs[target]
        _write(ws, target.suffix[1:], html, context, temporary, layout)

    return write_all(outputs, render)


def _write(
    ws: Workspace,
    fmt: str,
    html: str,
    context: dict[str, Any],
    path: Path,
    layout: Callable[[str], Any],
) -> None:
    if fmt == "html":
        path.write_text(html, encoding="utf-8")
    elif fmt == "pdf":
        from .writers.pdf import render_pdf

        render_pdf(html, path, base=ws.root, layout=layout(html))
    elif fmt == "docx":
        from .typography import typeset_text
        from .writers.docx import DocxMeta, render_docx
        from .writers.pdf import outline
        from .writers.svg import image_bytes

        locale = context["fmt"].locale
        meta = DocxMeta(  # the properties read as the page does: in its typography
            title=typeset_text(plain(context["title"]), locale),
            author=typeset_text(plain(context["author"]), locale),
            subject=typeset_text(plain(context["subject"]), locale),
            language=context["fmt"].tag(),
            workspace=ws.root,
            keywords=context["marking"],
            category=context["marking"],
            marking=context["marking"],
            page_label=context["page_label"],
            toc_title=context["toc_title"],
            level=context["marking_level"],
            logo=image_bytes(context["logo"]) if context["logo"] else None,
            example=context.get("example", False),
        )
        # The contents show the pages of the PDF (Word, asked to, refreshes them on opening);
        # laid out only if the DOCX writer accepted the HTML and has contents to write.
        with as_file(reference_docx(ws)) as reference:
            render_docx(
                html, path, reference=reference, meta=meta, pages=lambda: outline(layout(html))
            )
    else:  # pragma: no cover - the CLI offers only FORMATS
        raise BuildFailed(f"unknown format {fmt}")
