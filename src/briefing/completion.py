"""Shell completion of what `brief` commands name: HOME/PARTNER, regions, homes, meeting and
note files and languages, through click's own completion (`_BRIEF_COMPLETE=bash_source brief`).

A completion runs at every Tab, so it reads the workspace lightly: folder listings, and
`brief.yaml` and `data/regions.yaml` with PyYAML alone (no data model, no validation). It
never raises: what it cannot read, it does not offer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from .languages import available_languages

Complete = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _quietly(func: Complete) -> Complete:
    """`func`, offering nothing instead of raising: a Tab must never print a traceback."""

    @wraps(func)
    def wrapper(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        try:
            return func(ctx, param, incomplete)
        except Exception:  # a half-written workspace: complete nothing
            return []

    return wrapper


def workspace_root(ctx: click.Context) -> Path | None:
    """The root `--workspace` names, else the nearest one above the current directory."""
    given = ctx.params.get("workspace_dir")
    start = Path(given) if given else Path.cwd()
    # workspace.find_root's search, which cannot be imported without the data model
    for candidate in (start,) if given else (start, *start.parents):
        if (candidate / "brief.yaml").is_file():
            return candidate
    return None


def _yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _homes(root: Path) -> list[str]:
    data = root / "data"
    return sorted(
        p.name
        for p in data.iterdir()
        if p.is_dir() and p.name != "countries" and not p.name.startswith(".")
    )


def _languages(root: Path) -> list[str]:
    settings = _yaml(root / "brief.yaml")
    listed = settings.get("languages") if isinstance(settings, dict) else None
    return [lang for lang in listed if isinstance(lang, str)] if isinstance(listed, list) else []


@_quietly
def complete_target(
    ctx: click.Context, _: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """HOME/PARTNER of every relationship file, data/HOME/PARTNER.yaml."""
    root = workspace_root(ctx)
    if root is None:
        return []
    targets = (
        f"{home}/{path.stem}"
        for home in _homes(root)
        for path in sorted((root / "data" / home).glob("*.yaml"))
        if path.is_file()
    )
    return [CompletionItem(t) for t in targets if t.startswith(incomplete)]


@_quietly
def complete_home(ctx: click.Context, _: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Every home: a folder of data/ other than countries/."""
    root = workspace_root(ctx)
    homes = _homes(root) if root else []
    return [CompletionItem(h) for h in homes if h.startswith(incomplete)]


@_quietly
def complete_region(
    ctx: click.Context, _: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The id of every region in data/regions.yaml, with its name as help."""
    root = workspace_root(ctx)
    if root is None:
        return []
    regions = _yaml(root / "data" / "regions.yaml").get("regions") or []
    language = next(iter(_languages(root)), "en")
    out = []
    for region in regions:
        if isinstance(region, dict) and str(region.get("id", "")).startswith(incomplete):
            names = region.get("names")
            name = names.get(language) if isinstance(names, dict) else None
            out.append(
                CompletionItem(str(region["id"]), help=name if isinstance(name, str) else None)
            )
    return out


@_quietly
def complete_meeting(
    ctx: click.Context, _: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Every data/HOME/meetings/*.yaml, as a path from the current directory; any file
    when none matches, so that a meeting file kept elsewhere still completes."""
    return _data_files(ctx, "meetings", incomplete)


@_quietly
def complete_note(ctx: click.Context, _: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Every data/HOME/notes/*.yaml, as complete_meeting offers meeting files."""
    return _data_files(ctx, "notes", incomplete)


def _data_files(ctx: click.Context, folder: str, incomplete: str) -> list[CompletionItem]:
    root = workspace_root(ctx)
    found = sorted(root.glob(f"data/*/{folder}/*.yaml")) if root else []
    shown = (str(p) if os.path.isabs(incomplete) else os.path.relpath(p) for p in found)
    matches = [CompletionItem(s) for s in shown if s.startswith(incomplete)]
    return matches or [CompletionItem(incomplete, type="file")]


@_quietly
def complete_languages(
    ctx: click.Context, _: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The languages --lang takes (English and each with a catalog, in the package or the
    workspace), one more for each comma: `en,` offers `en,es` and `en,fr`."""
    root = workspace_root(ctx)
    given, _comma, last = incomplete.rpartition(",")
    chosen = given.split(",") if given else []
    prefix = f"{given}," if given else ""
    languages = available_languages(root) if root else ()
    return [
        CompletionItem(prefix + lang)
        for lang in languages
        if lang.startswith(last) and lang not in chosen
    ]
