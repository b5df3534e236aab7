"""What a pack's stamps record, and when an output they vouch for may be reused.

A stamp (`.stamps/PARTNER.json` beside a member's outputs, `.stamps/pack-REGION.json` for
the bound packs) records the hash of the inputs the outputs were built from, the level
they were built at and the content hash of every file written. An output is reused only
when all three still match: a `brief build` at another level rewrites a member's files
without touching its stamp, so that a file exists proves nothing.
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from . import __version__
from .build import BuildOptions
from .workspace import Workspace

BINDING = 2  # the form of the chapters workers leave for binding: a change rebuilds them


def inputs_hash(
    ws: Workspace, home: str, partner: str, options: BuildOptions, templates: str
) -> str:
    """What a partner's outputs depend on: its files, settings, templates, tool version, and
    the days it is built on and stands on (the build's date, --as-of)."""
    seed = (
        f"{__version__}|{BINDING}|{templates}|{options.langs}|{options.formats}|{options.level}"
        f"|{options.today}|{options.as_of}"
    )
    paths = [ws.root / "brief.yaml", ws.relationship_path(home, partner)]
    # the home's profile too: it names the home in the brief; and its emblem, wherever it is
    logo = ws.logo_path(home)
    profiles = [ws.profile_path(partner), ws.profile_path(home)]
    return _files_hash(seed, [*paths, *profiles, *([logo] if logo else [])])


def _files_hash(seed: str, paths: list[Path]) -> str:
    digest = hashlib.sha256(seed.encode())
    for path in paths:
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def digests(paths: list[Path]) -> dict[str, str]:
    """Each file's content hash, by path: what a stamp records of the outputs it vouches for."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def intact(saved: dict[str, Any], level: str) -> bool:
    """Whether a stamp's outputs were built at `level` and are still the files it wrote."""
    outputs = saved.get("outputs")
    if saved.get("level") != level or not isinstance(outputs, dict):
        return False
    try:
        return digests([Path(p) for p in outputs]) == outputs
    except OSError:
        return False


def templates_hash(ws: Workspace) -> str:
    """One hash of every packaged and workspace template and catalog (the labels)."""
    digest = hashlib.sha256()
    package = Path(str(files("briefing")))
    for root in (package, ws.root):
        for folder in (root / "templates", root / "locale"):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def pack_inputs(
    ws: Workspace,
    home: str,
    missing: list[str],
    templates: str,
    chapters: list[str],
    options: BuildOptions,
) -> str:
    """What the bound pack depends on beyond its chapters: the region entry (its names and
    level, in regions.yaml) and the profiles naming the home and the members without data."""
    seed = json.dumps([templates, chapters, missing, str(options.today), str(options.as_of)])
    profiles = [ws.profile_path(slug) for slug in (home, *missing)]
    return _files_hash(seed, [ws.regions_path, *profiles])


def bound(stamp: Path, inputs: str, level: str, targets: list[Path]) -> bool:
    """Whether a stamp vouches for `targets`, bound from `inputs` at `level` and untouched."""
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(saved, dict)
        and saved.get("inputs") == inputs
        and sorted(saved.get("outputs") or ()) == sorted(map(str, targets))
        and intact(saved, level)
    )
