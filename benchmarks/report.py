"""The report: a rich table on the terminal, the same as Markdown, and the JSON file."""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from .stats import Figure

COLUMNS = ("Figure", "Median", "Range (min–max)", "Target", "Met", "Note")


def amount(value: float, unit: str) -> str:
    """A value without its unit, with as many digits as its size and unit deserve."""
    if unit in ("×", ""):  # ratios and efficiencies
        return f"{value:.2f}"
    return f"{value:.{0 if abs(value) >= 100 else 1}f}"


def number(value: float, unit: str) -> str:
    """A value with its unit: 1.07×, 873 ms, 9.0 %."""
    return amount(value, unit) + ("" if unit in ("×", "") else " ") + unit


def cells(figure: Figure) -> tuple[str, str, str, str, str, str]:
    """One figure as the text of the table's columns."""
    if figure.sample is None:
        median, spread = figure.text, ""
    else:
        sample, unit = figure.sample, figure.unit
        median = number(sample.median, unit)
        spread = f"{amount(sample.low, unit)}–{number(sample.high, unit)}"
    met = {True: "yes", False: "NO", None: ""}[figure.met]
    return figure.name, median, spread, figure.target_text, met, figure.note


def table(figures: Sequence[Figure], title: str) -> Table:
    """The figures as a rich table, grouped by figure number."""
    out = Table(title=title, show_lines=False)
    for column in COLUMNS:
        out.add_column(column, overflow="fold", justify="right" if column == "Median" else "left")
    group = None
    for figure in figures:
        if figure.group != group:
            group = figure.group
            out.add_section()
            out.add_row(f"[bold]{group}[/bold]")
        row = list(cells(figure))
        row[4] = {"yes": "[green]yes[/green]", "NO": "[bold red]NO[/bold red]"}.get(row[4], "")
        out.add_row(*row)
    return out


def print_table(figures: Sequence[Figure], title: str, console: Console | None = None) -> None:
    (console or Console()).print(table(figures, title))


def markdown(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table, for the README."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    group = None
    for figure in figures:
        if figure.group != group:
            group = figure.group
            lines.append(f"| **{group}** |" + " |" * (len(COLUMNS) - 1))
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(figure)) + " |")
    return "\n".join(lines) + "\n"


def machine() -> dict[str, Any]:
    """What the figures were measured on and with."""
    import os

    versions: dict[str, str | None] = {}
    for package in ("briefing", "weasyprint", "python-docx", "Jinja2", "pydantic", "PyYAML"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "versions": versions,
    }


def document(figures: Sequence[Figure], run: dict[str, Any]) -> dict[str, Any]:
    """The JSON document: how the run was made, on what, and every figure with its runs."""
    met = [f.met for f in figures if f.met is not None]
    return {
        "run": run,
        "machine": machine(),
        "summary": {"targets": len(met), "met": sum(met), "not_met": len(met) - sum(met)},
        "figures": [figure.as_dict() for figure in figures],
    }


def write_json(path: Path, content: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", "utf-8")
