"""Plain Python values from PyYAML's events, with positions, limits and located problems.

PyYAML's C parser (or its pure-Python one, which must give the same) turns the text into
events; building the values here, on an explicit stack rather than by recursion, keeps each
value's line and column, catches duplicate keys, refuses tags that would build objects,
bounds what aliases expand to and how deep nesting goes (so that no input exhausts memory,
a stack or time), and words the parser's complaints for the people who edit the files
(`syntax`).
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from .errors import Problem, shown
from .syntax import syntax_problem

if TYPE_CHECKING:
    from .load import Document, Loc

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]
from yaml import SafeLoader as PureSafeLoader

MAX_NODES = 100_000
MAX_DEPTH = 50

_TAG = "tag:yaml.org,2002:"
# A number as YAML 1.2 (and so an editor) reads it: 4.2e9, 1_000.5, .5. ASCII digits only (\d
# would take ٤٢), a digit before any exponent (e5 is a word), and possessive quantifiers with
# no two parts able to take the same character, so a long run of digits fails in linear time.
_NUMBER = re.compile(r"[-+]?+(?:[0-9][0-9_]*+(?:\.[0-9]*+)?+|\.[0-9]++)(?:[eE][-+]?+[0-9]++)?+")
_BOOLS = {"true": True, "false": False}
_TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep (expected a brief's few levels of lists "
    "and mappings)"
)
_COLON = re.compile(r"[ \t\r\n]*+:")  # what may stand between a key and its ':'
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
# What YAML allows in a file, and what a value may hold once escapes ("\x07") are read:
# documents are XML inside (DOCX, tagged PDF), which has no place for control characters.
# NEL, LS and PS (U+0085, U+2028, U+2029) break lines in YAML 1.1 but not in 1.2 nor in
# editors, so parsers would disagree on the lines of a file that holds one: refused too.
_NOT_YAML = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def dotted(loc: Loc) -> str:
    """`("trade", "figures", 2, "value")` as `trade.figures[2].value`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def compose(text: str, doc: Document, *, loader: type[Any] = SafeLoader) -> list[Problem]:
    """Set `doc.data` (None for an empty file) and its positions from `text`.

    Returns every problem found; a text the parser cannot read gives one. `loader` is the
    PyYAML loader whose parser gives the events: libyaml's where it is installed, or
    `PureSafeLoader`, which gives the same values, positions and problems.
    """
    bad = _NOT_YAML.search(text)
    if bad:
        message = f"character {_codepoint(bad[0])} is not allowed in YAML (remove it)"
        return [Problem(doc.display, *_position(text, bad.start()), "", message)]
    if "\ufeff" in text:  # invisible, and it breaks the line it is on
        message = (
            "a byte-order mark (U+FEFF) inside the file (remove it: it comes from "
            "joining files; only the very start may have one)"
        )
        return [Problem(doc.display, *_position(text, text.index("\ufeff")), "", message)]
    builder = _Builder(doc, loader)
    try:
        doc.data = builder.read(text)
    except _ParserLimit:
        # libyaml's own limits (nesting depth, since 0.2.6) vary by release; the
        # pure-Python parser has none, so this module's limits word the problem, the same
        # whichever libyaml is installed.
        doc.values.clear()
        doc.keys.clear()
        builder = _Builder(doc, PureSafeLoader)
        doc.data = builder.read(text)
    return builder.problems


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Stop(Exception):
    """The document goes past `MAX_NODES` or `MAX_DEPTH`, as reported: read no further."""


class _ParserLimit(Exception):
    """The parser stopped at a limit of its own rather than at a syntax error."""


@dataclass
class _Open:
    """A list or mapping being built, on the builder's stack."""

    loc: Loc
    value: list[Any] | dict[str, Any]
    anchor: str | None
    opened_at: int  # the node count when it opened, to count its nodes for aliases
    key: str | None = None  # a mapping's key, waiting for its value
    key_end: int = 0  # where in the text that key ended
    drop_value: bool = False  # the key was refused: read its value and drop it

    def child(self) -> Loc:
        if isinstance(self.value, list):
            return (*self.loc, len(self.value))
        assert self.key is not None
        return (*self.loc, self.key)

    def add(self, value: Any) -> None:
        if isinstance(self.value, list):
            self.value.append(value)
        else:
            assert self.key is not None
            self.value[self.key] = value
            self.key = None

    @property
    def wants_key(self) -> bool:
        return isinstance(self.value, dict) and self.key is None and not self.drop_value


class _Builder:
    """Builds plain values from YAML events, recording positions and problems."""

    def __init__(self, doc: Document, loader_class: type[Any]) -> None:
        self.doc = doc
        self.loader_class = loader_class
        self.problems: list[Problem] = []
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.text = ""  # the text being read, for positions the events do not give

    def read(self, text: str) -> Any:
        """The document's value (None when it has none); problems are collected.

        Raises `_ParserLimit` when libyaml stops at a limit of its own.
        """
        self.text = text
        loader = self.loader_class(text)
        try:
            return self._stream(loader)
        except yaml.MarkedYAMLError as exc:
            if self.loader_class is not PureSafeLoader and _parser_limit(exc):
                raise _ParserLimit from exc
            self.problems.append(syntax_problem(self.doc.display, exc, text))
        except yaml.YAMLError as exc:
            self._problem(None, (), f"not valid YAML: {exc}")
        except _Stop:
            pass
        finally:
            loader.dispose()
        return None

    def _stream(self, loader: Any) -> Any:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # the document's start
        value = self._value(loader)
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            self._problem(
                loader.peek_event(),
                (),
                "a second document is not allowed (expected one document per file, "
                "without a second ---)",
            )
        return value

    def _problem(self, event: Any, loc: Loc, message: str) -> None:
        line, col = self._where(event) if event is not None else (1, 1)
        self.problems.append(Problem(self.doc.display, line, col, dotted(loc), message))

    @staticmethod
    def _where(event: Any) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

    def _value(self, loader: Any) -> Any:
        """The next node of the stream as plain values, built on a stack of open nodes."""
        stack: list[_Open] = []
        while True:
            event = loader.get_event()
            top = stack[-1] if stack else None
            if isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                done = stack.pop()
                if done.anchor is not None:
                    self.anchors[done.anchor] = (done.value, self.count - done.opened_at)
                value: Any = done.value
            elif top is not None and top.wants_key:
                self._key(loader, event, top)
                continue
            elif top is not None and top.drop_value:
                self._skip(loader, event, top)
                top.drop_value = False
                continue
            else:
                loc = top.child() if top is not None else ()
                if isinstance(event, yaml.AliasEvent):
                    value = self._alias(event, loc, stack)
                elif isinstance(event, yaml.ScalarEvent):
                    value = self._scalar(loader, event, loc, top)
                elif len(stack) >= MAX_DEPTH:
                    self._too_deep(event)
                else:
                    stack.append(self._open(event, loc))
                    continue
            if not stack:
                return value
            stack[-1].add(value)

    def _skip(self, loader: Any, event: Any, parent: _Open) -> None:
        """Read past the node that `event` starts inside `parent`, building nothing."""
        depth = 0
        while True:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if len(parent.loc) + 1 + depth > MAX_DEPTH:  # as deep as `_value` allows
                    self._too_deep(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if not depth:
                return
            event = loader.get_event()

    def _too_deep(self, event: Any) -> NoReturn:
        # Stop rather than read past the node: PyYAML's own parser slows down with every
        # level, so the rest of ten thousand levels would take seconds, and 4 MB of them hours.
        self._problem(event, (), _TOO_DEEP)  # its path would be as long
        raise _Stop

    def _count(self, event: Any, loc: Loc, nodes: int = 1) -> None:
        self.count += nodes
        if self.count > MAX_NODES:
            self._problem(
                event,
                loc,
                f"more than {MAX_NODES:,} values once aliases are expanded "
                "(expected a brief-sized file without alias loops)",
            )
            raise _Stop

    def _open(self, event: Any, loc: Loc) -> _Open:
        self._count(event, loc)
        self.doc.values.setdefault(loc, self._where(event))
        is_list = isinstance(event, yaml.SequenceStartEvent)
        if event.tag not in (None, "!", _TAG + ("seq" if is_list else "map")):
            self._refuse_tag(event, loc, event.tag)
        return _Open(loc, [] if is_list else {}, event.anchor, self.count - 1)

    def _refuse_tag(self, event: Any, loc: Loc, tag: str) -> None:
        self._problem(
            event,
            loc,
            f"tag {_tag_name(tag)} is not allowed (expected plain text, numbers, "
            "lists and mappings)",
        )

    def _key(self, loader: Any, event: Any, mapping: _Open) -> None:
        mapping.drop_value = True
        plain = isinstance(event, yaml.ScalarEvent) and event.tag in (None, "!")
        if not plain or _resolve(loader, event) == _TAG + "merge":
            self._problem(event, mapping.loc, "keys must be plain words (expected key: value)")
            self._skip(loader, event, mapping)
            return
        key = str(event.value)
        here = (*mapping.loc, key)
        if _NOT_TEXT.search(key):
            self._problem(event, mapping.loc, _control_message(key))
        elif key in mapping.value:
            first = self.doc.keys[here]
            self._problem(event, here, f"duplicate key '{key}' (first given at line {first[0]})")
        else:
            self.doc.keys[here] = self._where(event)
            mapping.key, mapping.drop_value = key, False
            mapping.key_end = event.end_mark.index

    def _alias(self, event: Any, loc: Loc, stack: list[_Open]) -> Any:
        name = event.anchor
        if name not in self.anchors:
            inside = any(node.anchor == name for node in stack)
            self._problem(
                event,
                loc,
                f"*{name} refers to the list or mapping it is in (expected no alias loops)"
                if inside
                else f"*{name} names no anchor (expected &{name} before it)",
            )
            return None
        value, nodes = self.anchors[name]
        self._count(event, loc, nodes)
        self.doc.values.setdefault(loc, self._where(event))
        return copy.deepcopy(value)  # each place gets its own copy, as if written out

    def _scalar(self, loader: Any, event: Any, loc: Loc, parent: _Open | None) -> Any:
        self._count(event, loc)
        self.doc.values.setdefault(loc, self._scalar_where(event, parent))
        value = self._scalar_value(loader, event, loc)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        return value

    def _scalar_where(self, event: Any, parent: _Open | None) -> tuple[int, int]:
        """Where a scalar is; for a value left empty after `key:`, just after the ':'.

        Both parsers put an empty value there in block mappings, but in `{en: , fr: x}`
        libyaml puts it at the next token and PyYAML's own parser after the ':'.
        """
        written = event.value or event.style or event.anchor or event.tag
        if written or parent is None or parent.key is None:
            return self._where(event)
        colon = _COLON.match(self.text, parent.key_end)
        return _position(self.text, colon.end()) if colon else self._where(event)

    def _scalar_value(self, loader: Any, event: Any, loc: Loc) -> Any:
        value: str = event.value
        tag = _resolve(loader, event)
        kind = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
        if kind == "null":
            return None
        if kind == "bool":
            # YAML 1.1 reads yes/no/on/off as booleans; a brief means the words.
            return _BOOLS.get(value.lower(), value)
        if kind == "int":
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:  # 1:30 (base 60 in YAML 1.1), 0777, or thousands of digits
                return value
        if kind == "float":
            return _float(value)
        if kind in ("str", "timestamp", "value", "merge"):  # "=" and "<<" as values are text
            if _NOT_TEXT.search(value):
                self._problem(event, loc, _control_message(value))
                return None
            # PyYAML reads 4.2e9 as a string (YAML 1.1 wants 4.2e+9); YAML 1.2 reads a number.
            if kind == "str" and not event.style and _is_number(value):
                return float(value.replace("_", ""))
            return value
        self._refuse_tag(event, loc, tag)
        return None


def _resolve(loader: Any, event: Any) -> str:
    """The tag of a scalar: the one written, or the one YAML infers from its text."""
    if event.tag in (None, "!"):
        return str(loader.resolve(yaml.ScalarNode, event.value, event.implicit))
    return str(event.tag)


def _is_number(value: str) -> bool:
    return bool(value and _NUMBER.fullmatch(value) and any(c.isdigit() for c in value))


def _float(value: str) -> float | str:
    try:
        return float(value.replace("_", ""))
    except ValueError:  # .inf and .nan are YAML's spellings; 1:30.5 is base 60 in YAML 1.1
        return _SPECIAL_FLOATS.get(value.lower(), value)


def _control_message(value: str) -> str:
    bad = _NOT_TEXT.search(value)
    assert bad is not None
    return (
        f"{shown(value, 30)} holds the control character {_codepoint(bad[0])} "
        "(expected printable text)"
    )


def _parser_limit(exc: yaml.MarkedYAMLError) -> bool:
    """Whether the parser stopped at a limit of its own rather than at a syntax error."""
    return "maximum" in (exc.problem or "") or "exceeded" in (exc.problem or "")
