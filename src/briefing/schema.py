"""JSON Schemas of the data files, for editors with yaml-language-server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import Meeting, Profile, Regions, Relationship
from .workspace import Settings

SCHEMAS: dict[str, type[BaseModel]] = {
    "relationship": Relationship,
    "profile": Profile,
    "regions": Regions,
    "meeting": Meeting,
    "settings": Settings,
}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of what a file of `model` may hold, as written (before validation)."""
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def write_schemas(root: Path) -> list[Path]:
    """Write every schema to `root/schema/KIND.json`; return the paths written."""
    folder = root / "schema"
    folder.mkdir(exist_ok=True)
    written = []
    for kind, model in SCHEMAS.items():
        path = folder / f"{kind}.json"
        path.write_text(
            json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written
