"""`brief new` and `brief init`: files a user starts from, valid from the first minute.

Neither writes over a file of the user's, and each writes all its files or none. `new`
refuses a relationship that exists and keeps a partner's existing profile. `init` first
looks at every file it would write: if any is already there it names them all and writes
nothing, except a `.gitignore`, to which it appends the lines it needs that are missing.
"""

from __future__ import annotations

import json
import os
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from string import Template

import pycountry

from .errors import BriefError, UnknownTarget, shown_path
from .formatting import N_
from .languages import SOURCE, translations
from .load import load_document
from .organisations import member_text, regions_file
from .outputs import write_files
from .profile_model import Region
from .validate import validate
from .workspace import SETTINGS_FILE, Settings, Workspace, split_target

SKELETONS = files("briefing") / "skeletons"


class AlreadyExists(BriefError):
    """`brief new` or `brief init` would overwrite a file the user has."""


# What a skeleton asks for, in each of its languages (a msgid, translated by the catalogs).
SUMMARY = N_("TODO two or three sentences on the state of the relationship.")
POINT = N_("TODO the first point to make.")
NAME = N_("TODO the name of {name} in this language")


def _country_name(partner: str) -> str:
    """The English name from pycountry when it knows the slug."""
    try:
        return str(pycountry.countries.lookup(partner.replace("-", " ")).name)
    except LookupError:
        return partner.replace("-", " ").title()


def _prose(languages: tuple[str, ...], texts: dict[str, str]) -> str:
    """Text in each language as a YAML flow mapping, `{en: "...", fr: "..."}`: each a JSON
    string, which is a double-quoted YAML string every parser reads (pycountry's names
    hold commas, as in "Korea, Republic of")."""
    pairs = (f"{lang}: {json.dumps(texts[lang], ensure_ascii=False)}" for lang in languages)
    return "{" + ", ".join(pairs) + "}"


def _todo(ws: Workspace, languages: tuple[str, ...], message: str, **values: str) -> dict[str, str]:
    """A TODO of the skeleton in each of `languages`, from their catalogs."""
    return {
        lang: translations(lang, ws.root).gettext(message).format(**values) for lang in languages
    }


def new_relationship(ws: Workspace, target: str) -> list[Path]:
    """Write a skeleton `data/HOME/PARTNER.yaml` (and a profile when none exists)."""
    home, partner = split_target(target)
    path = ws.relationship_path(home, partner)
    if _taken(path):
        raise AlreadyExists(f"{ws.show(path)} already exists (edit it, or remove it first)")
    return write_files(_relationship_files(ws, home, partner))


def _relationship_files(ws: Workspace, home: str, partner: str) -> dict[Path, bytes]:
    """The skeleton relationship of HOME and PARTNER, and the partner's profile if it has none."""
    from .schema import schema_name

    region = _organisation(ws, partner)
    name = (region.names.get(SOURCE) if region else None) or _country_name(partner)
    # in the languages of the home's briefs: a new profile has no other reader yet
    languages = ws.home_languages(home)
    names = _todo(ws, languages, NAME, name=name) | {SOURCE: name}
    values = {
        "home": home,
        "partner": partner,
        "today": date.today().isoformat(),
        "level": ws.scheme_of(home).levels[0].name,
        "schema": schema_name(ws, "relationship", home),
        "summary": _prose(languages, _todo(ws, languages, SUMMARY)),
        "point": _prose(languages, _todo(ws, languages, POINT)),
        "names": _prose(languages, names),
    }
    written = {ws.relationship_path(home, partner): _filled("relationship.yaml", values)}
    profile = ws.profile_path(partner)
    if not _taken(profile) and region:
        written[profile] = _filled("organisation.yaml", values | _as_listed(ws, region, names))
    elif not _taken(profile):
        written[profile] = _filled("profile.yaml", values)
    return written


def _organisation(ws: Workspace, partner: str) -> Region | None:
    """The partner's entry in data/regions.yaml if it is an organisation there; a region
    is refused, since it is no partner (a profile of its id would be an error)."""
    regions = regions_file(ws)
    region = next((r for r in regions.regions if r.id == partner), None) if regions else None
    if region and region.kind == "region":
        raise UnknownTarget(
            f"'{partner}' is a region in data/regions.yaml, not a partner (expected a country "
            f"or an organisation: brief pack {partner} builds the briefs of its members)"
        )
    return region


def _as_listed(ws: Workspace, region: Region, todo: dict[str, str]) -> dict[str, str]:
    """What an organisation's profile takes from its entry in data/regions.yaml: its names
    in every language given there (TODOs in the home's others), members, level, date."""
    languages = (*region.names, *(lang for lang in todo if lang not in region.names))
    return {
        "names": _prose(languages, todo | region.names),
        "members": "[" + ", ".join(member_text(m) for m in region.members) + "]",
        "level": region.classification or ws.scheme.levels[0].name,
        "today": str(region.as_of),
    }


def _filled(skeleton: str, values: dict[str, str]) -> bytes:
    text = (SKELETONS / skeleton).read_text(encoding="utf-8")
    return Template(text).substitute(values).encode()


def _taken(path: Path) -> bool:
    """Whether anything, even a broken link, is at `path`."""
    return os.path.lexists(path)


# Packaged example files and where `brief init` puts them.
WORKSPACE_FILES = {
    "brief.yaml": SETTINGS_FILE,
    "gitignore": ".gitignore",
    "briefs-README.md": "briefs/README.md",
    "templates-README.md": "templates/README.md",
}


def init_workspace(directory: Path) -> list[Path]:
    """Create a workspace with settings, an example relationship and the schemas.

    Nothing of the user's is written over: see the module's docstring.
    """
    from .schema import schema_files

    ws = Workspace(directory.absolute(), _skeleton_settings())
    planned = {
        ws.root / relative: (SKELETONS / "workspace" / name).read_bytes()
        for name, relative in WORKSPACE_FILES.items()
    }
    planned |= schema_files(ws)
    planned |= _relationship_files(ws, "canada", "peru")
    gitignore, merged = ws.root / ".gitignore", None
    if gitignore.is_file() and not gitignore.is_symlink():  # the user's, with our lines
        merged = _merged(gitignore.read_bytes(), planned.pop(gitignore))
        if merged is not None:
            planned[gitignore] = merged
    taken = [ws.show(p) for p in planned if _taken(p) and not (p == gitignore and merged)]
    if taken:
        raise AlreadyExists(
            f"{shown_path(directory)} already has {', '.join(taken)} (init writes over no "
            "file it did not create: move them away, or give another folder)"
        )
    return write_files(planned)


def _skeleton_settings() -> Settings:
    """The settings `brief init` writes, read as a workspace opened on them reads them."""
    with as_file(SKELETONS / "workspace" / "brief.yaml") as path:
        return validate(load_document(path, SETTINGS_FILE), Settings, {})


def _merged(theirs: bytes, ours: bytes) -> bytes | None:
    """A `.gitignore` of the user's with our lines it lacks appended; None if it has them."""
    have = {line.strip() for line in theirs.splitlines()}
    missing = [line for line in ours.splitlines() if line.strip() and line.strip() not in have]
    if not missing:
        return None
    end = b"" if theirs.endswith(b"\n") or not theirs else b"\n"
    return theirs + end + b"\n".join(missing) + b"\n"
