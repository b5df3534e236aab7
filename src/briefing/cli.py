"""The `brief` command: parses arguments, calls the library, prints results and problems.

No logic lives here. Results (paths written) go to stdout, problems to stderr; exit 0 when
all went well, 1 for invalid input or a failed build, 2 for a usage error, 130 or 143 when
stopped by SIGINT or SIGTERM (128 plus the signal's number, as shells report it). Heavy
modules (WeasyPrint, python-docx) are imported only by the commands that render.
"""

from __future__ import annotations

import errno
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from functools import partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .completion import (
    complete_home,
    complete_languages,
    complete_meeting,
    complete_note,
    complete_region,
    complete_target,
)
from .errors import BriefError, InvalidInput, Problem, Stopped, os_reason, shown_path
from .signals import stop_on_signals

if TYPE_CHECKING:
    from .build import BuildOptions
    from .workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


def _report(problems: list[Problem], quiet: bool = False) -> None:
    for problem in problems:
        if problem.is_error or not quiet:
            click.echo(str(problem), err=True)


def open_workspace(root: Path | None) -> Workspace:
    """The workspace; imported here so that `brief --help` does not load the data model."""
    from .workspace import open_workspace as open_root

    return open_root(root)


def handled(func: F) -> F:
    """Turn every `BriefError` into its lines on stderr and exit 1, never a traceback.

    An error of the file system that no check words (a folder unreadable, a name too long)
    is one line too, and SIGTERM or SIGINT stop the command as `Stopped` says.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with stop_on_signals():
                return func(*args, **kwargs)
        except InvalidInput as exc:
            _report(exc.problems)
            n = len(exc.problems)
            click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
            sys.exit(1)
        except BriefError as exc:
            click.echo(f"brief: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # stdout closed by a pager: click's to handle
                raise
            where = f"{shown_path(exc.filename)}: " if exc.filename is not None else ""
            click.echo(f"brief: {where}{os_reason(exc)}", err=True)
            sys.exit(1)
        except Stopped as exc:
            click.echo(f"brief: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


workspace_option = click.option(
    "--workspace",
    "workspace_dir",
    type=click.Path(path_type=Path),
    help="The workspace root (default: the nearest directory with brief.yaml).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing", prog_name="brief")
def main() -> None:
    """Briefing notes for diplomats: country, meeting and region briefs from YAML."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@workspace_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one located line per problem on stderr; json: one document on stdout.",
)
@handled
def check_command(
    paths: tuple[Path, ...], workspace_dir: Path | None, strict: bool, quiet: bool, output: str
) -> None:
    """Validate the workspace's data, or only the files given."""
    from .check import check
    from .workspace import within

    ws = open_workspace(workspace_dir)
    folders = [p for p in paths if p.is_dir() and p.suffix != ".yaml"]  # peru.yaml/ is bad data
    for folder in folders:  # a file outside is one located problem; a folder is not searched
        if within(folder, ws.root) is None:
            raise click.BadParameter(
                f"{folder} is outside the workspace {ws.root} (expected a folder inside it)"
            )
    files = [f for p in paths for f in (sorted(p.rglob("*.yaml")) if p in folders else [p])]
    if paths and not files:
        raise click.BadParameter(f"no YAML files in {', '.join(map(str, paths))}")
    report = check(ws, files or None)
    if output == "json":
        click.echo(json.dumps(report.as_json(quiet), indent=2, ensure_ascii=False))
    else:
        _report(report.problems, quiet)
        if not quiet:
            click.echo(report.summary(), err=True)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    sys.exit(1 if failed else 0)


@main.command("schema")
@click.argument(
    "kind",
    required=False,
    type=click.Choice(
        ["relationship", "profile", "regions", "meeting", "pack", "note", "settings"]
    ),
)
@click.option("--write", is_flag=True, help="Write every schema to the workspace's schema/.")
@workspace_option
@handled
def schema_command(kind: str | None, write: bool, workspace_dir: Path | None) -> None:
    """Print the JSON Schema of a data file, for editors that check YAML as you type."""
    from .schema import schema_text, write_schemas

    ws = open_workspace(workspace_dir)
    if write:
        for path in write_schemas(ws):
            click.echo(path)
        return
    click.echo(schema_text(kind or "relationship", ws.scheme, ws.languages), nl=False)


@main.command("new")
@click.argument("target")
@workspace_option
@handled
def new_command(target: str, workspace_dir: Path | None) -> None:
    """Start a relationship file HOME/PARTNER from a commented skeleton."""
    from .scaffold import new_relationship

    for path in new_relationship(open_workspace(workspace_dir), target):
        click.echo(path)


@main.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@handled
def init_command(directory: Path) -> None:
    """Create a new workspace in DIRECTORY with a small example.

    DIRECTORY may exist and hold files of its own: init writes over none of them. If a
    file it would write is there already (brief.yaml, briefs/README.md,
    templates/README.md, schema/*.json, data/canada/peru.yaml), it names them all and
    writes nothing. An existing .gitignore is kept, with the lines brief needs appended,
    and so is an existing data/countries/peru.yaml.
    """
    from .scaffold import init_workspace

    for path in init_workspace(directory):
        click.echo(path)


def _split(value: str | None, allowed: tuple[str, ...], option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise click.BadParameter(
            f"'{value}' (expected a comma-separated list of {', '.join(allowed)})",
            param_hint=option,
        )
    return items


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--as-of as a day; anything but YYYY-MM-DD (Python also reads 20250808) is refused."""
    if value is None:
        return None
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(f"'{value}' is not a day (expected YYYY-MM-DD, such as 2025-08-08)")


def build_options(func: F) -> F:
    """The options of every command that writes briefs."""
    options = [
        click.option(
            "--lang",
            shell_complete=complete_languages,
            help="Languages, such as en,fr (default: the workspace's).",
        ),
        click.option(
            "--format", "formats", help="Formats: pdf,docx,html (default: the workspace's)."
        ),
        click.option(
            "--classification", "level", help="Build at this level; higher items are left out."
        ),
        click.option(
            "-o",
            "--out",
            type=click.Path(path_type=Path),
            help="Output directory (default: the workspace's briefs/).",
        ),
        click.option(
            "--as-of",
            "as_of",
            callback=_as_of,
            help="The brief as it stood on this day, YYYY-MM-DD: nothing dated after it "
            "(default: today; for a meeting, the day before it; for a note, its date).",
        ),
        workspace_option,
        click.option("--strict", is_flag=True, help="Fail on warnings such as stale data."),
        click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _options(
    ws: Workspace,
    lang: str | None,
    formats: str | None,
    level: str | None,
    out: Path | None,
    strict: bool,
    quiet: bool,
    as_of: date | None,
) -> BuildOptions:
    from .build import FORMATS, BuildOptions

    return BuildOptions(
        langs=_split(lang, ws.languages, "--lang"),
        formats=_split(formats, FORMATS, "--format"),
        level=level,
        out=out,
        strict=strict,
        as_of=as_of,
        report=None if quiet else lambda problem: click.echo(str(problem), err=True),
    )


def _echo_paths(paths: list[Path], quiet: bool) -> None:
    if not quiet:
        for path in paths:
            click.echo(path)


@main.command("build")
@click.argument("target", shell_complete=complete_target)
@build_options
@handled
def build_command(target: str, **options: Any) -> None:
    """Build the country brief HOME/PARTNER, such as canada/peru."""
    from .build import build_brief

    workspace = open_workspace(options.pop("workspace_dir"))
    _echo_paths(build_brief(workspace, target, _options(workspace, **options)), options["quiet"])


@main.command("meeting")
@click.argument("file", type=click.Path(path_type=Path), shell_complete=complete_meeting)
@build_options
@handled
def meeting_command(file: Path, **options: Any) -> None:
    """Build the meeting brief of FILE, such as data/canada/meetings/2026-12-03-peru-fm.yaml."""
    from .meetings import build_meeting

    workspace = open_workspace(options.pop("workspace_dir"))
    _echo_paths(build_meeting(workspace, file, _options(workspace, **options)), options["quiet"])


@main.command("note")
@click.argument("file", type=click.Path(path_type=Path), shell_complete=complete_note)
@build_options
@handled
def note_command(file: Path, **options: Any) -> None:
    """Build the briefing note of FILE, such as data/canada/notes/2026-11-26-peru-fm.yaml."""
    from .notes import build_note

    workspace = open_workspace(options.pop("workspace_dir"))
    _echo_paths(build_note(workspace, file, _options(workspace, **options)), options["quiet"])


@main.command("pack")
@click.argument("region", shell_complete=complete_region)
@click.option(
    "--home",
    shell_complete=complete_home,
    help="The home country (default: the workspace's default home).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores)."
)
@click.option("--force", is_flag=True, help="Rebuild every brief, changed or not.")
@build_options
@handled
def pack_command(
    region: str, home: str | None, jobs: int | None, force: bool, **options: Any
) -> None:
    """Build every brief of REGION for HOME, and bind them in one PDF per language.

    REGION may be a pack file, such as data/canada/packs/pacific-alliance-2026.yaml: its
    region's pack, with the event's front matter and its meetings' briefs.
    """
    from .packs import build_event_pack, build_pack
    from .progress import pack_progress

    workspace = open_workspace(options.pop("workspace_dir"))
    built = _options(workspace, **options)
    if region.endswith((".yaml", ".yml")):
        if home is not None:
            raise click.UsageError("--home: a pack file names its home (give one or the other)")
        build = partial(build_event_pack, workspace, Path(region), built)
    else:
        home = home or workspace.settings.default_home
        build = partial(build_pack, workspace, region, home, built)
    with pack_progress(quiet=options["quiet"]) as display:
        paths = build(jobs=jobs, force=force, progress=display.finished, planned=display.planned)
    _echo_paths(paths, options["quiet"])


@main.group("templates")
def templates_group() -> None:
    """The template set: list, copy to override, and the reference for authors."""


@templates_group.command("list")
@workspace_option
@handled
def templates_list(workspace_dir: Path | None) -> None:
    """Every template, and whether the workspace or the package provides it."""
    from .template_set import list_templates

    for template in list_templates(open_workspace(workspace_dir)):
        click.echo(f"{template.name:32} {template.origin}")


@templates_group.command("copy")
@click.argument("name")
@workspace_option
@handled
def templates_copy(name: str, workspace_dir: Path | None) -> None:
    """Copy the packaged template NAME into templates/ to start an override."""
    from .template_set import copy_template

    click.echo(copy_template(open_workspace(workspace_dir), name))


@templates_group.command("docs")
def templates_docs() -> None:
    """Print the reference for template authors (Markdown): blocks, variables, filters."""
    from .template_set import reference

    click.echo(reference(), nl=False)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port (0: any free one).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@workspace_option
@handled
def serve_command(host: str, port: int, open_browser: bool, workspace_dir: Path | None) -> None:
    """Preview briefs in a browser; pages reload when data or templates change.

    Ctrl-C (or SIGTERM) stops it, with exit 0.
    """
    from .serve import address, listen, serve

    workspace = open_workspace(workspace_dir)
    sock = listen(host, port)
    click.echo(f"brief: serving {workspace.root} on {address(sock, host)}", err=True)
    serve(workspace, sock, host, open_browser)
