"""Every failure a user can meet, as a class, and the located problem they report.

A `Problem` is one line for the user: ``path:line:col: field.path: what (expected)``.
Errors carry problems; the command line prints them and exits without a traceback.
"""

from __future__ import annotations

import os
import signal
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

_EXPECTED = " (expected "


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding about the user's input."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        tag = " warning:" if self.severity is Severity.WARNING else ""
        return one_line(f"{where}:{tag}{field} {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_json(self) -> dict[str, str | int]:
        """The problem as a JSON object, its trailing "(expected ...)" given as `expected`."""
        record: dict[str, str | int] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }
        # the last " (expected " of a message ending in ")": found without a regular
        # expression, whose backtracking took minutes over a long value that held many
        message, found, expected = self.message[:-1].rpartition(_EXPECTED)
        if found and self.message.endswith(")"):
            record["message"], record["expected"] = message, expected
        return record

    @classmethod
    def from_json(cls, record: Any) -> Problem:
        """The problem whose `as_json` is `record`; `ValueError` for anything else."""
        try:
            expected = f" (expected {record['expected']})" if "expected" in record else ""
            problem = cls(
                record["path"],
                record["line"],
                record["column"],
                record["field"],
                record["message"] + expected,
                Severity(record["severity"]),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a problem: {exc}") from None
        if problem.as_json() != record:  # a wrong type anywhere, or a key too many
            raise ValueError("not a problem")
        return problem


def one_line(text: str) -> str:
    """`text` safe to print as one line: line breaks and control characters escaped.

    A problem echoes what the user wrote (a value, a key, a file name); whatever that holds,
    the report stays one line per problem and sends nothing a terminal would act on.
    """
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else ascii(ch)[1:-1]
        for ch in text
    )


def shown(value: Any, limit: int = 60) -> str:
    """A value the user wrote, quoted and cut short, for a message: `'4.2 billion'`."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return {list: "a list", dict: "a mapping", type(None): "nothing"}.get(type(value), "a value")


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user should read it: relative to the workspace when inside it."""
    if root is not None:
        # as written first: a link inside the workspace is shown where it is, not its target
        for candidate in (Path(os.path.normpath(path.absolute())), path.resolve()):
            try:
                return str(candidate.relative_to(root.resolve()))
            except ValueError:
                pass
    return str(path)


def shown_path(path: Path | str, limit: int = 160) -> str:
    """A path for a message, its middle cut out if longer than `limit` characters.

    A name the file system refuses as too long (thousands of characters) still fits in a
    line that names where it starts and how it ends.
    """
    text = one_line(str(path))
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def os_reason(exc: OSError) -> str:
    """What the operating system said, as `strerror` words it: "Read-only file system"."""
    return exc.strerror or str(exc)


class BriefError(Exception):
    """Base class of every error `brief` reports to a user."""


class InvalidInput(BriefError):
    """Data files are invalid; `problems` lists every located problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class WorkspaceNotFound(BriefError):
    """No `brief.yaml` in the current directory or any parent, and no `--workspace`."""


class UnknownTarget(BriefError):
    """A HOME/PARTNER, region or meeting named on the command line does not exist."""


class TemplateProblem(BriefError):
    """A template has a syntax error, an undefined variable or an element no writer knows."""


class BuildFailed(BriefError):
    """A writer could not produce its output; earlier outputs are left intact."""


class CannotWrite(BuildFailed):
    """A file could not be written: a folder read-only, full or in the way, a name too long.

    Nothing was moved into place: the files written before are left as they were.
    """


class Stopped(BaseException):
    """SIGTERM or SIGINT stopped the command; earlier outputs are left as they were.

    Not an `Exception`: code that carries on past one brief's error must not carry on
    past this.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 plus the signal's number (130 SIGINT, 143 SIGTERM)."""
        return 128 + self.signum

    def __str__(self) -> str:
        return f"stopped by {signal.Signals(self.signum).name}; earlier outputs are intact"
