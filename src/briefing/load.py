"""Read YAML safely and keep where every value came from.

PyYAML (its C parser when present) composes the node graph; we build plain Python values
ourselves so that each value's line and column is kept, duplicate keys are caught, tags
that would build objects are refused, and aliases cannot expand without bound. Dates stay
strings as written, because a brief prints them with the precision the author gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InvalidInput, Problem

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 100_000

Loc = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_NUMBER = re.compile(r"[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?")
_BOOLS = {"true": True, "false": False}


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


def dotted(loc: Loc) -> str:
    """`("trade", "figures", 2, "value")` as `trade.figures[2].value`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_document(path: Path, display: str | None = None) -> Document:
    """Parse one YAML file; raise `InvalidInput` with a located problem if it cannot be read."""
    shown = display or str(path)

    def fail(message: str, line: int = 1, col: int = 1) -> InvalidInput:
        return InvalidInput([Problem(shown, line, col, "", message)])

    if path.is_dir():
        raise fail("is a directory (expected a YAML file)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"file is {size:,} bytes (expected at most {MAX_BYTES:,})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (save the file as UTF-8)", line, col
        ) from None
    try:
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(_yaml_message(exc, text), line, col) from None
    except yaml.YAMLError as exc:
        raise fail(f"not valid YAML: {exc}") from None
    if node is None:
        raise fail("file is empty (expected a mapping of keys to values)")
    doc = Document(path=path, display=shown, data=None)
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise InvalidInput(builder.problems)
    return doc


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = (exc.problem or "").strip()
    mark = exc.problem_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "a tab character cannot indent YAML (use spaces)"
    context = (exc.context or "").strip()
    text = f"{context}: {problem}" if context and problem else problem or context
    return f"not valid YAML: {text}"


class _Builder:
    """Turns composed nodes into plain values, recording positions and problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.count = 0

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _problem(self, node: yaml.Node, loc: Loc, message: str) -> None:
        line, col = self._where(node)
        self.problems.append(Problem(self.doc.display, line, col, dotted(loc), message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self._problem(
                    node,
                    loc,
                    f"more than {MAX_NODES:,} values once aliases "
                    "are expanded (expected a brief-sized file without alias loops)",
                )
            return None
        self.doc.values.setdefault(loc, self._where(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self._problem(node, loc, f"tag {node.tag} is not allowed (expected a plain list)")
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self._problem(node, loc, f"tag {node.tag} is not allowed (expected a plain mapping)")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                self._problem(key_node, loc, "keys must be plain words (expected key: value)")
                continue
            key = str(key_node.value)
            here = (*loc, key)
            if key in out:
                first = self.doc.keys[here]
                self._problem(
                    key_node, here, f"duplicate key '{key}' (first given at line {first[0]})"
                )
                continue
            self.doc.keys[here] = self._where(key_node)
            out[key] = self.build(value_node, here)
        return out

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        tag, value = node.tag, node.value
        kind = tag[len(_TAG) :] if tag.startswith(_TAG) else None
        if kind == "null":
            return None
        if kind == "bool":
            # YAML 1.1 reads yes/no/on/off as booleans; a brief means the words.
            return _BOOLS.get(value.lower(), value)
        if kind == "int":
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if kind == "float":
            return float(value.replace("_", ""))
        if kind in ("str", "timestamp"):
            # PyYAML reads 4.2e9 as a string (YAML 1.1 wants 4.2e+9); YAML 1.2 reads a number.
            if (
                kind == "str"
                and not node.style
                and value
                and _NUMBER.fullmatch(value)
                and any(c.isdigit() for c in value)
            ):
                return float(value.replace("_", ""))
            return value
        self._problem(
            node,
            loc,
            f"tag {tag} is not allowed (expected plain text, numbers, lists and mappings)",
        )
        return None
