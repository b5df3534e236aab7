"""`brief new` and `brief init`: files a user starts from, valid from the first minute."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template

import pycountry

from .errors import BriefError
from .workspace import SETTINGS_FILE, Workspace, split_target

SKELETONS = files("briefing") / "skeletons"


class AlreadyExists(BriefError):
    """`brief new` or `brief init` would overwrite a file the user has."""


def _country_names(partner: str) -> tuple[str, str]:
    """English name from pycountry when it knows the slug; French left for the user."""
    try:
        name = str(pycountry.countries.lookup(partner.replace("-", " ")).name)
    except LookupError:
        name = partner.replace("-", " ").title()
    return name, f"TODO nom de {name} en français"


def new_relationship(ws: Workspace, target: str) -> list[Path]:
    """Write a skeleton `data/HOME/PARTNER.yaml` (and a profile when none exists)."""
    home, partner = split_target(target)
    path = ws.relationship_path(home, partner)
    if path.exists():
        raise AlreadyExists(f"{ws.show(path)} already exists (edit it, or remove it first)")
    name_en, name_fr = _country_names(partner)
    values = {
        "home": home,
        "partner": partner,
        "today": date.today().isoformat(),
        "level": ws.scheme.levels[0].name,
        # pycountry's names hold commas ("Korea, Republic of") and the skeleton puts them
        # in { }: a JSON string is a double-quoted YAML string that every parser reads.
        "name_en": json.dumps(name_en, ensure_ascii=False),
        "name_fr": json.dumps(name_fr, ensure_ascii=False),
    }
    written = [_write(path, "relationship.yaml", values)]
    profile = ws.profile_path(partner)
    if not profile.exists():
        written.append(_write(profile, "profile.yaml", values))
    return written


def _write(path: Path, skeleton: str, values: dict[str, str]) -> Path:
    text = Template((SKELETONS / skeleton).read_text(encoding="utf-8")).substitute(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Packaged example files and where `brief init` puts them.
WORKSPACE_FILES = {
    "brief.yaml": "brief.yaml",
    "gitignore": ".gitignore",
    "briefs-README.md": "briefs/README.md",
    "templates-README.md": "templates/README.md",
}


def init_workspace(directory: Path) -> list[Path]:
    """Create a workspace with settings, an example relationship and the schemas."""
    from .schema import write_schemas
    from .workspace import open_workspace

    if (directory / SETTINGS_FILE).exists():
        raise AlreadyExists(f"{directory / SETTINGS_FILE} already exists")
    written = []
    for name, relative in WORKSPACE_FILES.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((SKELETONS / "workspace" / name).read_bytes())
        written.append(target)
    ws = open_workspace(directory)
    written += write_schemas(ws)
    written += new_relationship(ws, "canada/peru")
    return written
