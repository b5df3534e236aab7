"""Jinja2: the template set of a workspace over the packaged one, rendering to HTML.

A template in the workspace's `templates/` replaces the packaged one of the same name;
`default:NAME` always reaches the packaged one, so an override can extend it.
Autoescape and StrictUndefined are on: data is text, and a missing variable is an error.
Compiled templates are kept between processes (Jinja's bytecode cache, keyed by each
template's path and checked against its source), so a `brief build` or a pack worker does
not compile the template set again (about 0.2 s) unless a template changed.
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .errors import TemplateProblem

PACKAGED = jinja2.PackageLoader("briefing", "templates")


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
        # Jinja creates the directory 0700 and refuses one that another user owns.
        return _BytecodeCache(pattern="brief-%s.cache")
    except (OSError, RuntimeError):
        return None


@cache
def environment(templates: Path) -> jinja2.Environment:
    """The Jinja environment of a workspace's `templates/` folder, compiled once."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader(
                {"default": PACKAGED, "workspace": jinja2.FileSystemLoader(templates)},
                delimiter=":",
            ),
            jinja2.FileSystemLoader(templates),
            PACKAGED,
        ]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )


def render_html(templates: Path, names: list[str], context: dict[str, Any]) -> str:
    """Render the first template of `names` that exists, saying where any error is."""
    env = environment(templates)
    try:
        template = env.select_template(names)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(f"{_where(exc)}: {exc.message}") from None
    except jinja2.TemplatesNotFound as exc:
        raise TemplateProblem(f"no template among {', '.join(names)}: {exc}") from None


def _where(exc: BaseException) -> str:
    """The template file and line of the innermost template frame of a traceback."""
    tb = exc.__traceback__
    where = "template"
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".html", ".css", ".svg")) or code.co_filename.startswith(
            "<template>"
        ):
            where = f"{code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
