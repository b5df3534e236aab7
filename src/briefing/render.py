"""Jinja2: the template set of a workspace over the packaged one, rendering to HTML.

A template in the workspace's `templates/` replaces the packaged one of the same name;
`default:NAME` always reaches the packaged one, so an override can extend it.
Autoescape and StrictUndefined are on: data is text, and a missing variable is an error.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .errors import TemplateProblem

PACKAGED = jinja2.PackageLoader("briefing", "templates")


@cache
def environment(templates: Path) -> jinja2.Environment:
    """The Jinja environment of a workspace's `templates/` folder, compiled once."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"default": PACKAGED}, delimiter=":"),
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
