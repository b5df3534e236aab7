"""What `brief check` found in each data file, kept so that an unchanged file is not read
again: checking an unchanged workspace costs hashing it.

An entry is reused only while everything its findings depend on is as it was: the file's
bytes and place, `brief.yaml`, the languages that have catalogs (a key of prose is one
of them), the tool's own code, the day (staleness counts days), and
the other files its cross-file checks read (`check.depends_on`). It holds the problems
`check` would print and nothing else from the data. A cache that cannot be read, or an
entry that does not make sense, is ignored; one that cannot be written only makes the
next check slower.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from .errors import CannotWrite, Problem
from .outputs import write_atomically
from .workspace import SETTINGS_FILE, Workspace

FORMAT = 1  # the form of an entry: a change makes every old entry a miss
UNREADABLE = "unreadable"  # what stands for a file that cannot be read


def cache_path(root: Path) -> Path:
    """Where a workspace keeps its check cache (git-ignored with the rest of `.brief-cache/`)."""
    return root / ".brief-cache" / "check.json"


def _code() -> str:
    """The tool's modules by size and modification time: a new release, or an edit in a
    source tree (whose version does not change), gives new keys."""
    folder = Path(__file__).parent
    stats = sorted(
        (entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
        for entry in os.scandir(folder)
        if entry.name.endswith(".py")
    )
    return json.dumps(stats)


def _digest(path: Path) -> str:
    """A file's content hash; what stands in its place otherwise (nothing, a folder)."""
    try:
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()
        return "not a file" if path.exists() else "missing"
    except OSError:
        return UNREADABLE


class CheckCache:
    """The cached findings of a workspace's data files, for checks made on `today`."""

    def __init__(self, ws: Workspace, today: date) -> None:
        self.ws = ws
        self.path = cache_path(ws.root)
        settings = _digest(ws.root / SETTINGS_FILE)
        languages = ",".join(ws.languages)
        self._base = f"{FORMAT}|{_code()}|{settings}|{languages}|{today.isoformat()}"
        self._keys: dict[Path, str | None] = {}
        self._changed = False
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))["entries"]
            self._entries: dict[str, Any] = entries if isinstance(entries, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            self._entries = {}

    def _key(self, path: Path) -> str | None:
        """The key of `path` as it is now; None for what is not a regular file."""
        digest = _digest(path) if path.is_file() else UNREADABLE
        if digest == UNREADABLE:
            return None  # reported by read_data, never cached
        text = f"{self._base}|{self.ws.show(path)}|{path.resolve()}|{digest}"
        return hashlib.sha256(text.encode()).hexdigest()

    def lookup(self, path: Path) -> list[Problem] | None:
        """The findings cached for `path`, or None if they must be found again."""
        key = self._keys[path] = self._key(path)
        entry = self._entries.get(self.ws.show(path))
        if key is None or entry is None:
            return None
        try:
            if entry["key"] != key:
                return None
            if any(_digest(self.ws.root / dep) != was for dep, was in entry["depends"].items()):
                return None
            return [Problem.from_json(p) for p in entry["problems"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def remember(self, path: Path, problems: list[Problem], depends_on: list[Path]) -> None:
        """Keep the findings of `path`, which depend on the files `depends_on` as they are."""
        key = self._key(path)
        if key is None or key != self._keys.get(path):
            return  # the file changed while it was being checked: keep nothing
        self._entries[self.ws.show(path)] = {
            "key": key,
            "depends": {self.ws.show(dep): _digest(dep) for dep in depends_on},
            "problems": [p.as_json() for p in problems],
        }
        self._changed = True

    def save(self) -> None:
        """Write the cache if anything new was found, dropping entries of vanished files."""
        if not self._changed:
            return
        entries = {k: v for k, v in self._entries.items() if (self.ws.root / k).is_file()}
        data = json.dumps({"entries": entries}, ensure_ascii=False).encode()
        with suppress(CannotWrite):  # a cache that cannot be written only slows the next check
            write_atomically(self.path, data)
