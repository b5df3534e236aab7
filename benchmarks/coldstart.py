"""Figure 3: cold starts, each a fresh process, against the imports they should cost.

`brief --help` should cost about as much as importing Jinja2 and PyYAML, and `brief check`
at most half of importing WeasyPrint; neither may import WeasyPrint at all, which is
verified from `python -X importtime`. `brief check` is timed as a user meets it again and
again, with its cache of unchanged files (briefing.check_cache), and, for reference, with
that cache removed before each run, as on a fresh clone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from briefing.check_cache import cache_path

from .single import LANG, TARGET
from .stats import Figure, Target, interleave, milliseconds, ratios

GROUP = "3 cold start"
HELP_LIMIT = 1.5
CHECK_LIMIT = 0.5
_IMPORT_LINE = re.compile(r"^import time:\s*(\d+)\s*\|\s*(\d+)\s*\|(\s*)(\S+)")


def brief_command() -> list[str]:
    """How to start `brief`: this interpreter's installed script, else `python -m briefing`."""
    script = Path(sys.executable).with_name("brief")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "briefing"]


def run(command: list[str], cwd: Path, *, ok: tuple[int, ...] = (0,)) -> subprocess.Popen[bytes]:
    """Run `command` to its end, output discarded; refuse an exit code outside `ok`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if process.wait() not in ok:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return process


def imported(command: list[str], cwd: Path) -> dict[str, float]:
    """Every module a command imports, with its cumulative import time in milliseconds."""
    if command[0] != sys.executable:
        command = [sys.executable, *command]  # the script, run by this interpreter
    command = [command[0], "-X", "importtime", *command[1:]]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return parse_importtime(result.stderr)


def parse_importtime(stderr: str) -> dict[str, float]:
    """`-X importtime` lines as {module: cumulative milliseconds}."""
    modules: dict[str, float] = {}
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            modules[match.group(4)] = int(match.group(2)) / 1000
    return modules


def imports_weasyprint(modules: dict[str, float]) -> bool:
    return any(name == "weasyprint" or name.startswith("weasyprint.") for name in modules)


def heaviest(modules: dict[str, float], prefix: str = "briefing", count: int = 3) -> str:
    """The slowest imports of our own modules, as '<name> <ms> ms' (slowest first)."""
    ours = sorted(
        ((ms, name) for name, ms in modules.items() if name.split(".")[0] == prefix),
        reverse=True,
    )
    return ", ".join(f"{name} {ms:.0f} ms" for ms, name in ours[:count])


def cold_start(root: Path, repeats: int, scratch: Path, *, builds: bool = True) -> list[Figure]:
    """Figure 3: `brief --help` and `brief check` as fresh processes, with their floors.

    A whole `brief build` as a fresh process is timed too, for what a user waits for at
    the command line (no target: figure 1 holds the build's own target).
    """
    brief = brief_command()
    python = sys.executable
    build = [*brief, "build", TARGET, "--lang", LANG, "--out", str(scratch), "--format"]
    commands = {
        "help": [*brief, "--help"],
        "jinja2, yaml": [python, "-c", "import jinja2, yaml"],
        "check": [*brief, "check"],
        "weasyprint": [python, "-c", "import weasyprint"],
    }
    if builds:
        commands |= {"html": [*build, "html"], "pdf": [*build, "pdf"]}
    runners = {name: _runner(command, root) for name, command in commands.items()}
    runners["check, no cache"] = _runner(commands["check"], root, fresh=True)
    for runner in runners.values():  # warm the file cache, and fail early if one is broken
        runner()
    times = interleave(runners, repeats)
    help_imports = imported(commands["help"], root)
    check_imports = imported(commands["check"], root)
    figures = [
        Figure(GROUP, "brief --help", "ms", milliseconds(times["help"])),
        Figure(GROUP, 'python -c "import jinja2, yaml"', "ms", milliseconds(times["jinja2, yaml"])),
        Figure(
            GROUP,
            "brief --help / import jinja2, yaml",
            "×",
            ratios(times["help"], times["jinja2, yaml"]),
            Target(HELP_LIMIT),
            note=f"slowest imports: {heaviest(help_imports)}",
        ),
        Figure(GROUP, "brief check (sample workspace)", "ms", milliseconds(times["check"])),
        Figure(
            GROUP,
            "brief check, its cache removed first",
            "ms",
            milliseconds(times["check, no cache"]),
            note="for reference: a fresh clone",
        ),
        Figure(GROUP, 'python -c "import weasyprint"', "ms", milliseconds(times["weasyprint"])),
        Figure(
            GROUP,
            "brief check / import weasyprint",
            "×",
            ratios(times["check"], times["weasyprint"]),
            Target(CHECK_LIMIT),
            note=f"slowest imports: {heaviest(check_imports)}",
        ),
        _no_weasyprint("brief --help", help_imports),
        _no_weasyprint("brief check", check_imports),
    ]
    for fmt in ("html", "pdf") if builds else ():
        name = f"brief build {TARGET} --lang {LANG} --format {fmt}"
        figures.append(Figure(GROUP, name, "ms", milliseconds(times[fmt]), note="for reference"))
    return figures


def _runner(command: list[str], root: Path, *, fresh: bool = False) -> Callable[[], object]:
    """Run `command`; with `fresh`, remove the check cache first."""
    ok = (0, 1) if "check" in command else (0,)  # the data's own problems are not ours

    def go() -> object:
        if fresh:
            cache_path(root).unlink(missing_ok=True)
        return run(command, root, ok=ok)

    return go


def _no_weasyprint(command: str, modules: dict[str, float]) -> Figure:
    found = imports_weasyprint(modules)
    return Figure(
        GROUP,
        f"{command} imports WeasyPrint",
        text="yes" if found else "no",
        check=not found,
        expected="no",
        note=f"-X importtime: {len(modules)} modules",
        extra={"imports_weasyprint": found},
    )
