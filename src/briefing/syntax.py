"""The YAML parsers' complaints in a desk officer's words, the same from either parser.

libyaml's C parser and PyYAML's own pure-Python parser (the fallback) word the same
mistake differently ("did not find expected key", "expected <block end>, but found
'<scalar>'"). Each `_Rule` below recognises both wordings of one mistake and gives the
tool's message for it, so a file gets the same located line whichever parser read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import yaml

from .errors import Problem


class _Where(Enum):
    """Which place a message points at."""

    PROBLEM = "problem"  # where the parser stopped
    OPENING = "opening"  # where the quote, list or key it was reading began
    BACKSLASH = "backslash"  # the backslash of an unknown escape


@dataclass(frozen=True)
class _Rule:
    """One mistake: both parsers' wordings of it, and what the tool says."""

    wording: re.Pattern[str]  # searched in "context: problem"
    message: str  # may name {at} (the character there), {sign} and {line} (where it opened)
    where: _Where = _Where.PROBLEM
    stopped_at: str = ""  # when given, the parser must have stopped at one of these

    def matches(self, wording: str, at: str) -> bool:
        return bool(self.wording.search(wording)) and (not self.stopped_at or at in self.stopped_at)


def _rule(
    wording: str, message: str, where: _Where = _Where.PROBLEM, stopped_at: str = ""
) -> _Rule:
    return _Rule(re.compile(wording), "not valid YAML: " + message, where, stopped_at)


_TAB = "a tab character cannot indent YAML (use spaces)"
# libyaml reads `a: b<TAB>c` and `[a,<TAB>b]`; PyYAML's own parser refuses every such tab.
_TAB_INSIDE = (
    "not valid YAML: a tab character outside quotes, which some YAML parsers refuse (use a "
    "space, or put the text in quotes)"
)
_ESCAPE = (
    "a backslash in double quotes starts an escape such as \\n (write \\\\ for a backslash, "
    "or use single quotes)"
)
_RULES = [
    _rule(
        "quoted scalar: found unexpected end of stream",
        "this quote is never closed (expected a closing quote)",
        _Where.OPENING,
    ),
    _rule(
        "quoted scalar: found unexpected document (indicator|separator)",
        "this quote runs into a line of --- or ... (expected a closing quote before it)",
        _Where.OPENING,
    ),
    # libyaml reads `{en: Why?}` and refuses `{en: a:}`; PyYAML's parser refuses both.
    _rule(
        r"plain scalar: found unexpected ':'"
        r"|flow (sequence|mapping): expected ',' or '[]}]', but got '\?'",
        "'{at}' inside text in [ ] or {{ }} (put the text in quotes)",
        stopped_at="?:",
    ),
    _rule(
        "flow sequence: (did not find )?expected ',' or ']'",
        "the list [ opened at line {line} is not closed (expected ',' or ']')",
    ),
    _rule(
        "flow mapping: (did not find )?expected ',' or '}'",
        "the mapping {{ opened at line {line} is not closed (expected ',' or '}}')",
    ),
    _rule(
        "mapping values are not allowed",
        "':' where a value was expected (check the indentation, or put text that holds "
        "': ' in quotes)",
    ),
    _rule(
        "block mapping: (did not find expected key|expected <block end>)",
        "this line does not fit the mapping above it (check its indentation; expected key: value)",
    ),
    _rule(
        "block collection: (did not find expected '-' indicator|expected <block end>)",
        "this line does not fit the list above it (check its indentation; expected '- ' items)",
    ),
    _rule(
        "sequence entries are not allowed",
        "'- ' where a value was expected (start the list on the next line, or put text "
        "that starts with '- ' in quotes)",
    ),
    _rule(
        "mapping keys are not allowed",
        "'? ' where a value was expected (put text that starts with '?' in quotes)",
    ),
    _rule(
        "(did not find expected|expected the) node content",
        "a value was expected here (check for a stray ',', ']' or '}}', or put the text in quotes)",
    ),
    _rule(
        "simple key: could not find expected ':'",
        "a line without ':' (expected key: value)",
        _Where.OPENING,
    ),
    _rule("unknown escape", _ESCAPE, _Where.BACKSLASH),
    _rule("hexa?decimal", _ESCAPE),  # both point at the first character that is not hex
    _rule(
        "cannot start any token",
        "'{at}' cannot start a value (put the text in quotes)",
    ),
    _rule(
        "block scalar: ",
        "'{sign}' starts a block of text on the next lines, and only a comment may follow "
        "it (put text that starts with '{sign}' in quotes)",
    ),
    _rule(
        "scanning an? (anchor|alias): ",
        "'{sign}' starts an anchor or alias, and a name must follow it (put text that "
        "starts with '{sign}' in quotes)",
    ),
    _rule(
        "tag: |undefined tag handle",
        "'!' starts a tag here (put text that starts with '!' in quotes)",
    ),
    _rule(
        "document start",
        "expected --- before this line (after a line of ... or a % directive)",
    ),
    _rule(
        "directive|YAML document|duplicate tag handle",
        "this % line is not a directive the parser accepts (remove it: data files need none)",
    ),
]


def syntax_problem(display: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """The parser's complaint about `text` in a desk officer's words, where the fix is."""
    problem, context = (exc.problem or "").strip(), (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or mark
    if mark is None or opened is None:  # every syntax error of both parsers has a mark
        return Problem(display, 1, 1, "", f"not valid YAML: {problem}")
    at = text[mark.index : mark.index + 1]
    if at == "\t" or "tab character" in problem:
        indents = not text[text.rfind("\n", 0, mark.index) + 1 : mark.index].strip(" \t")
        return Problem(
            display, mark.line + 1, mark.column + 1, "", _TAB if indents else _TAB_INSIDE
        )
    wording = f"{context}: {problem}"
    rule = next((rule for rule in _RULES if rule.matches(wording, at)), None)
    if rule is None:
        message = f"not valid YAML: {wording}" if context else f"not valid YAML: {problem}"
        return Problem(display, mark.line + 1, mark.column + 1, "", message)
    sign = text[opened.index : opened.index + 1]
    message = rule.message.format(at=at, sign=sign, line=opened.line + 1)
    point = opened if rule.where is _Where.OPENING else mark
    column = point.column + 1
    if rule.where is _Where.BACKSLASH and at != "\\":  # libyaml points at it, PyYAML after
        column -= 1
    return Problem(display, point.line + 1, column, "", message)
