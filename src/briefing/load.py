"""Read YAML safely and keep where every value came from.

A file is read in full only when it is a regular file of at most `MAX_BYTES`, decoded as
UTF-8 (a UTF-8 byte-order mark is skipped, a UTF-16 or UTF-32 file is named as such), then
composed into plain values by `compose`: tags that build objects, unbounded aliases and
deep nesting are refused there. Dates stay strings as written, because a brief prints them
with the precision the author gave. Every refusal is a located `Problem`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compose import MAX_DEPTH, MAX_NODES, compose, dotted
from .errors import InvalidInput, Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Document", "Loc", "dotted", "load_document"]

MAX_BYTES = 4 * 1024 * 1024

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML file: its data and the position of every key and value in it."""

    path: Path
    display: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its deepest ancestor that exists."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False, **kw: Any) -> Problem:
        """A problem located at `loc` in this document."""
        line, col = self.locate(loc, key=key)
        return Problem(self.display, line, col, dotted(loc), message, **kw)


def load_document(path: Path, display: str | None = None) -> Document:
    """Parse one YAML file; raise `InvalidInput` with a located problem if it cannot be read."""
    shown_path = display or str(path)

    def fail(message: str, line: int = 1, col: int = 1) -> InvalidInput:
        return InvalidInput([Problem(shown_path, line, col, "", message)])

    text = _decode(_read(path, fail), fail)
    doc = Document(path=path, display=shown_path, data=None)
    problems = compose(text, doc)
    if problems:
        raise InvalidInput(problems)
    if doc.data is None:
        raise fail("file is empty (expected a mapping of keys to values)")
    return doc


def _read(path: Path, fail: Any) -> bytes:
    """The file's bytes, at most `MAX_BYTES` of them, from a regular file only."""
    try:
        if path.is_dir():
            raise fail("is a directory (expected a YAML file)")
        if not path.exists():
            raise fail("no such file")
        if not path.is_file():  # a pipe or a device would never end, or block
            raise fail("is not a regular file (expected a YAML file)")
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                stream.seek(0, 2)
                size = stream.tell()
                raise fail(f"file is {size:,} bytes (expected at most {MAX_BYTES:,})")
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    return raw


def _decode(raw: bytes, fail: Any) -> str:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom) and not raw.startswith(codecs.BOM_UTF8):
            raise fail(f"the file is {name} (save it as UTF-8)")
    try:
        return raw.decode("utf-8-sig")  # a UTF-8 byte-order mark is harmless: skip it
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[start : exc.start].decode("utf-8-sig")) + 1
        raise fail(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (save the file as UTF-8)", line, col
        ) from None
