"""JSON Schemas of the data files, for editors with yaml-language-server.

Each schema is generated from the model that `brief check` validates with, so that an
editor refuses, as the user types, what check refuses for a type, an enum or a pattern, and
accepts what check accepts. Levels are the workspace scheme's and languages those it has
catalogs of, so the schemas belong to a workspace: `brief schema --write` refreshes its
`schema/`. A home with a scheme of its own gets its kinds of file in that scheme too,
`schema/relationship.SCHEME.json`, which its files name; shared files (profiles, regions)
are always in the workspace's. Only keywords that draft-07 validators (yaml-language-server)
read as draft 2020-12 does are used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .classification import SCHEMES, Scheme
from .meeting_model import Meeting
from .model import Relationship
from .note_model import Note
from .outputs import write_files
from .pack_model import Pack
from .profile_model import Profile, Regions
from .values import Classification, Language
from .workspace import ClassificationSettings, HomeClassification, Settings, Workspace

SCHEMAS: dict[str, type[BaseModel]] = {
    "relationship": Relationship,
    "profile": Profile,
    "regions": Regions,
    "meeting": Meeting,
    "pack": Pack,
    "note": Note,
    "settings": Settings,
}


def json_schema(kind: str, scheme: Scheme, languages: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of what a file of `kind` may hold, as written, with `scheme`'s levels
    and the workspace's `languages`."""
    schema = SCHEMAS[kind].model_json_schema(mode="validation")
    language = schema.get("$defs", {}).get(Language.__name__)
    if language is not None:  # the languages the model's validator was given
        language["enum"] = list(languages)
    level = schema.get("$defs", {}).get(Classification.__name__)
    if level is not None:  # the same list the model's validator checks against
        level["enum"] = scheme.names()
        level["description"] = f"a level of the {scheme.name} classification scheme, lowest first"
    if kind == "settings":
        for settings in (ClassificationSettings, HomeClassification):
            _default_level_in_scheme(schema["$defs"][settings.__name__])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _default_level_in_scheme(settings: dict[str, Any]) -> None:
    """The settings' default level is one of the levels of the scheme they choose."""
    unnamed = ClassificationSettings.model_fields["scheme"].default
    settings["allOf"] = [
        {
            "if": {
                "properties": {"scheme": {"const": name}},
                # with no scheme: given, the default scheme's levels apply
                **({} if name == unnamed else {"required": ["scheme"]}),
            },
            "then": {"properties": {"default": {"enum": scheme.names()}}},
        }
        for name, scheme in SCHEMES.items()
    ]


def schema_text(kind: str, scheme: Scheme, languages: tuple[str, ...]) -> str:
    """The schema of `kind` as `schema/KIND.json` holds it."""
    return json.dumps(json_schema(kind, scheme, languages), indent=2, ensure_ascii=False) + "\n"


HOME_KINDS = ("relationship", "meeting", "note", "pack")
"""The kinds of file that belong to a home, and are marked in its scheme."""


def schema_name(ws: Workspace, kind: str, home: str | None = None) -> str:
    """The file in `schema/` that a file of `kind` of `home` names in its first line."""
    scheme = ws.scheme_of(home) if kind in HOME_KINDS else ws.scheme
    return f"{kind}.json" if scheme == ws.scheme else f"{kind}.{scheme.name}.json"


def schema_files(ws: Workspace) -> dict[Path, bytes]:
    """Every schema as `schema/` holds it: each kind with the workspace's levels, and the
    kinds of a home's files with the levels of each other scheme a home uses."""
    files = {
        ws.root / "schema" / f"{kind}.json": schema_text(kind, ws.scheme, ws.languages).encode()
        for kind in SCHEMAS
    }
    for home in sorted(ws.settings.homes):
        for kind in HOME_KINDS:
            path = ws.root / "schema" / schema_name(ws, kind, home)
            files.setdefault(path, schema_text(kind, ws.scheme_of(home), ws.languages).encode())
    return files


def write_schemas(ws: Workspace) -> list[Path]:
    """Write every schema to `schema/KIND.json`: all of them, or none and a clear error."""
    return write_files(schema_files(ws))
