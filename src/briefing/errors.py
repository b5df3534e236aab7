"""Every failure a user can meet, as a class, and the located problem they report.

A `Problem` is one line for the user: ``path:line:col: field.path: what (expected)``.
Errors carry problems; the command line prints them and exits without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


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
        return f"{where}:{tag}{field} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user should read it: relative to the workspace when inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


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
