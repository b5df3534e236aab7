"""Jinja2: the template set of a workspace over the packaged one, rendering to HTML.

A template in the workspace's `templates/` replaces the packaged one of the same name;
`default:NAME` always reaches the packaged one, so an override can extend it.
Autoescape and StrictUndefined are on: data is text, and a missing variable is an error.
Templates run in Jinja's immutable sandbox with only the globals and filters that
docs/templates.md lists: a workspace's templates are shared between missions and copied
from elsewhere, so they may format the context but not reach Python (`__globals__`,
`__class__`, `open`), and the loader reads no file whose real path leaves the workspace.
Compiled templates are kept between processes (Jinja's bytecode cache, keyed by each
template's path and checked against its source), so a `brief build` or a pack worker does
not compile the template set again (about 0.2 s) unless a template changed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import BriefError, TemplateProblem, display_path
from .typography import typeset
from .workspace import leads_out, within

PACKAGED = jinja2.PackageLoader("briefing", "templates")
PACKAGED_DIR = Path(str(files("briefing") / "templates"))
# Jinja's own globals that a template may use; lipsum, cycler and joiner are left out.
GLOBALS = ("range", "dict", "namespace")


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's per-user cache in the temporary directory; one that fails is only slower."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: compile as if it were not there
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):  # a read-only or full disk must not fail a build
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        # Jinja creates the directory 0700 and refuses one that another user owns. The
        # sandbox compiles calls to pass its own check, so code that an unsandboxed Jinja
        # compiled (earlier builds of brief, keyed "brief-%s") is kept apart.
        return _BytecodeCache(pattern="brief-sandboxed-%s.cache")
    except (OSError, RuntimeError):
        return None


class WorkspaceLoader(jinja2.FileSystemLoader):
    """The workspace's `templates/`, whose files are read only inside the workspace."""

    def __init__(self, templates: Path) -> None:
        super().__init__(templates)
        self.folder = templates
        self.root = templates.parent

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        shown = display_path(path, self.root)
        refused = leads_out(path, self.root) if path.is_file() else None
        if refused:
            raise TemplateProblem(f"{shown}: {refused} (expected the file itself)")
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except jinja2.TemplateNotFound:  # an OSError too: the next loader may have it
            raise
        except UnicodeDecodeError:
            raise TemplateProblem(f"{shown}: is not UTF-8 text (save it as UTF-8)") from None
        except OSError as exc:
            raise TemplateProblem(f"{shown}: cannot be read: {exc.strerror or exc}") from None
        # A file replaced by a link out since it was compiled is looked up (and refused) again.
        return source, filename, lambda: uptodate() and within(path, self.root) is not None


def sandbox(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """Jinja's immutable sandbox as every template renders in it, with only `GLOBALS`."""
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache() if loader else None,
    )
    env.globals = {name: env.globals[name] for name in GLOBALS}  # the sandbox's own range
    return env


@cache
def environment(templates: Path) -> jinja2.Environment:
    """The environment of a workspace's `templates/` over the packaged ones, compiled once."""
    workspace = WorkspaceLoader(templates)
    return sandbox(
        jinja2.ChoiceLoader(
            [
                jinja2.PrefixLoader({"default": PACKAGED, "workspace": workspace}, delimiter=":"),
                workspace,
                PACKAGED,
            ]
        )
    )


def render_html(templates: Path, names: list[str], context: dict[str, Any]) -> str:
    """Render the first template of `names` that exists, saying where any error is."""
    env = environment(templates)
    try:
        template = env.select_template(names)
    except jinja2.TemplatesNotFound as exc:
        raise TemplateProblem(f"no template among {', '.join(names)}: {exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax(exc, templates) from None
    try:
        html = template.render(context)
    except BriefError:
        raise
    except Exception as exc:
        raise _problem(exc, templates) from None
    fmt = context.get("fmt")
    return typeset(html, fmt.locale) if fmt is not None else html


def _syntax(exc: jinja2.TemplateSyntaxError, templates: Path) -> TemplateProblem:
    name = display_path(Path(exc.filename), templates.parent) if exc.filename else exc.name
    return TemplateProblem(f"{name}:{exc.lineno}: {exc.message}")


def _problem(exc: Exception, templates: Path) -> TemplateProblem:
    """What went wrong while rendering, at the template line where it did."""
    if isinstance(exc, jinja2.TemplateSyntaxError):  # in a template included or extended
        return _syntax(exc, templates)
    frames = _frames(exc, templates)
    if not frames:
        raise exc  # not the template's doing: a bug of ours, to be seen as such
    where = _shown(frames[-1], templates)
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateProblem(
            f"{where}: no template {exc.name!r} (expected a file in templates/ or a packaged "
            "template: brief templates list shows them)"
        )
    if isinstance(exc, RecursionError):
        return TemplateProblem(
            f"{_shown(_reentry(frames), templates)}: leads back into itself without end, "
            "through an include, an extends or a macro (expected templates that end)"
        )
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateProblem(
            f"{where}: {exc} (templates run in a sandbox: only the documented variables, "
            "filters and methods, nothing of Python beyond them)"
        )
    if isinstance(exc, jinja2.TemplateError):
        return TemplateProblem(f"{where}: {exc.message}")
    return TemplateProblem(f"{where}: {type(exc).__name__}: {exc}")


Frame = tuple[Path, int, str]  # a template's file, line and function (its body or a block)


def _frames(exc: BaseException, templates: Path) -> list[Frame]:
    """The template frames of a traceback, outermost first: Jinja gives them template lines."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        path = Path(code.co_filename)
        if path.is_relative_to(templates) or path.is_relative_to(PACKAGED_DIR):
            frames.append((path, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return frames


def _reentry(frames: list[Frame]) -> Frame:
    """The frame that entered again a template already being rendered: the loop's culprit."""
    seen: set[Frame] = set()
    for previous, frame in itertools.pairwise(frames):
        seen.add(previous)
        if frame in seen:
            return previous
    return frames[-1]


def _shown(frame: Frame, templates: Path) -> str:
    """A template frame as `templates/NAME:LINE`, or `default:NAME:LINE` for the package's."""
    path, line, _ = frame
    if path.is_relative_to(PACKAGED_DIR):
        return f"default:{path.relative_to(PACKAGED_DIR).as_posix()}:{line}"
    return f"{display_path(path, templates.parent)}:{line}"
