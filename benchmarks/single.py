"""Figures 1 and 2: one country brief, whole and by stage, against the layout floor.

The floor of a PDF is WeasyPrint rendering the very HTML the build rendered, with the
arguments `render_pdf` gives it (the same URL fetcher and the same reused font
configuration), recorded from a real call and replayed. The floor of a DOCX is python-docx
saving the DOCX the build produced, loaded beforehand: whatever a python-docx writer does,
it ends by serialising a package of that size, so this is the least any such writer costs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

from briefing.build import BuildOptions, brief_templates, build_brief, write_outputs
from briefing.check import read_data
from briefing.load import load_document
from briefing.model import Relationship
from briefing.profile_model import Profile
from briefing.render import render_html
from briefing.resolve import country_context
from briefing.workspace import Workspace, split_target

from .stats import Figure, Sample, Target, interleave, milliseconds, ratios, timed

TARGET = "canada/peru"
LANG = "en"
TODAY = date(2024, 1, 15)  # fixed, so every run renders the same brief
RATIO_LIMIT = 1.25
BRIEF = "1 country brief"
STAGES = "2 stages"


def options(out: Path, formats: tuple[str, ...], lang: str = LANG) -> BuildOptions:
    """What the benchmarks ask of `build_brief`: one language, a fixed date, `out`."""
    return BuildOptions(langs=(lang,), formats=formats, out=out, today=TODAY)


@dataclass(frozen=True)
class WeasyPrintCall:
    """The arguments `render_pdf` gives WeasyPrint, recorded from a real call.

    Replaying them makes the floor WeasyPrint alone with exactly the writer's options
    (URL fetcher, font configuration, PDF variant), whatever the writer's code becomes.
    """

    html_args: tuple[Any, ...]
    html_kwargs: dict[str, Any]
    render_kwargs: dict[str, Any]
    write_kwargs: dict[str, Any]

    @classmethod
    def record(cls, html: str, base: Path, target: Path) -> WeasyPrintCall:
        import weasyprint
        from weasyprint.document import Document

        from briefing.writers.pdf import render_pdf

        seen: dict[str, Any] = {}
        init, render, write = weasyprint.HTML.__init__, weasyprint.HTML.render, Document.write_pdf

        def spy_init(self: Any, *args: Any, **kwargs: Any) -> None:
            seen["html"] = (args, kwargs)
            init(self, *args, **kwargs)

        def spy_render(self: Any, *args: Any, **kwargs: Any) -> Any:
            seen["render"] = (args, kwargs)
            return render(self, *args, **kwargs)

        def spy_write(self: Any, *args: Any, **kwargs: Any) -> Any:
            seen["write"] = (args, kwargs)
            return write(self, *args, **kwargs)

        with (
            patch.object(weasyprint.HTML, "__init__", spy_init),
            patch.object(weasyprint.HTML, "render", spy_render),
            patch.object(Document, "write_pdf", spy_write),
        ):
            render_pdf(html, target, base=base)
        (html_args, html_kwargs), (render_args, render_kwargs) = seen["html"], seen["render"]
        write_args, write_kwargs = seen["write"]
        if render_args or write_args or "target" in write_kwargs:
            raise RuntimeError("render_pdf lays out or writes in a way the floor cannot replay")
        return cls(html_args, html_kwargs, render_kwargs, write_kwargs)

    def replay(self, target: Path) -> None:
        """WeasyPrint alone: the recorded call, writing to `target`."""
        import weasyprint

        document = weasyprint.HTML(*self.html_args, **self.html_kwargs).render(**self.render_kwargs)
        document.write_pdf(target, **self.write_kwargs)


def docx_save(produced: Path, target: Path) -> Callable[[], object]:
    """The DOCX floor: saving the produced document, loaded once outside the timing."""
    import docx

    document = docx.Document(str(produced))
    return lambda: document.save(str(target))


def reference_outputs(ws: Workspace, scratch: Path) -> tuple[str, Path]:
    """The HTML and DOCX a build produces, built once (this also warms every cache)."""
    home, partner = split_target(TARGET)
    out = scratch / "reference"
    build_brief(ws, TARGET, options(out, ("html", "docx", "pdf")))
    folder = out / home
    return (folder / f"{partner}.{LANG}.html").read_text("utf-8"), folder / f"{partner}.{LANG}.docx"


def country_brief(ws: Workspace, repeats: int, scratch: Path) -> list[Figure]:
    """Figure 1: the whole build in-process, PDF and PDF+DOCX, against the floor."""
    html, produced = reference_outputs(ws, scratch)
    weasyprint_alone = WeasyPrintCall.record(html, ws.root, scratch / "recorded.pdf")
    save = docx_save(produced, scratch / "floor.docx")
    times = interleave(
        {
            "pdf": lambda: build_brief(ws, TARGET, options(scratch / "pdf", ("pdf",))),
            "both": lambda: build_brief(ws, TARGET, options(scratch / "both", ("pdf", "docx"))),
            "weasyprint": lambda: weasyprint_alone.replay(scratch / "floor.pdf"),
            "docx": save,
        },
        repeats,
    )
    floor_both = [w + d for w, d in zip(times["weasyprint"], times["docx"], strict=True)]
    what = f"{TARGET}, {LANG}"
    return [
        Figure(BRIEF, f"build PDF ({what})", "ms", milliseconds(times["pdf"])),
        Figure(
            BRIEF, "floor: WeasyPrint alone, same HTML", "ms", milliseconds(times["weasyprint"])
        ),
        Figure(
            BRIEF,
            "build PDF / floor",
            "×",
            ratios(times["pdf"], times["weasyprint"]),
            Target(RATIO_LIMIT),
            note="per-repeat ratio, subject and floor interleaved",
        ),
        Figure(BRIEF, f"build PDF+DOCX ({what})", "ms", milliseconds(times["both"])),
        Figure(
            BRIEF, "floor: python-docx save of the same DOCX", "ms", milliseconds(times["docx"])
        ),
        Figure(
            BRIEF,
            "build PDF+DOCX / floor",
            "×",
            ratios(times["both"], floor_both),
            Target(RATIO_LIMIT),
            note="floor = WeasyPrint alone + python-docx save, same repeat",
        ),
    ]


def stages(ws: Workspace, repeats: int, scratch: Path) -> list[Figure]:
    """Figure 2: the time of each stage, calling the library's function for each."""
    pipeline = Pipeline(ws, scratch)
    runs: dict[str, list[float]] = {}
    for repeat in range(repeats + 1):  # the first repeat warms up and is dropped
        for name, step in pipeline.steps():
            if repeat:
                runs.setdefault(name, []).append(timed(step))
            else:
                step()
    medians = {name: Sample.of(seconds).median for name, seconds in runs.items()}
    load, *counted = medians  # the load is timed again within validate: not added twice
    total = sum(medians[name] for name in counted)
    return [
        Figure(
            STAGES,
            name,
            "ms",
            milliseconds(seconds),
            note="part of validate" if name == load else f"{medians[name] / total:.0%} of stages",
        )
        for name, seconds in runs.items()
    ]


class Pipeline:
    """The build's stages one at a time, each keeping what the next one needs."""

    def __init__(self, ws: Workspace, scratch: Path) -> None:
        home, self.partner = split_target(TARGET)
        self.ws, self.scratch = ws, scratch
        self.paths = [ws.relationship_path(home, self.partner), ws.profile_path(self.partner)]
        self.names = brief_templates(home, self.partner)
        self.level = ws.settings.classification.default
        self.rel: Relationship | None = None
        self.profile: Profile | None = None
        self.context: dict[str, Any] = {}
        self.html = ""

    def steps(self) -> list[tuple[str, Callable[[], object]]]:
        return [
            ("load (YAML with positions)", self.load),
            ("validate (read_data, incl. load)", self.validate),
            ("resolve (country_context)", self.resolve),
            ("HTML (render_html)", self.render),
            ("PDF (writer)", lambda: self.write("pdf")),
            ("DOCX (writer)", lambda: self.write("docx")),
        ]

    def load(self) -> None:
        for path in self.paths:
            load_document(path, self.ws.show(path))

    def validate(self) -> None:
        rel = read_data(self.ws, self.paths[0])[1]
        profile = read_data(self.ws, self.paths[1])[1] if self.paths[1].is_file() else None
        assert isinstance(rel, Relationship)
        assert profile is None or isinstance(profile, Profile)
        self.rel, self.profile = rel, profile

    def resolve(self) -> None:
        assert self.rel is not None
        self.context = country_context(self.ws, self.rel, self.profile, LANG, self.level, TODAY)

    def render(self) -> None:
        self.html = render_html(self.ws.root / "templates", self.names, self.context)

    def write(self, fmt: str) -> None:
        target = self.scratch / "stages" / f"{self.partner}.{LANG}.{fmt}"
        write_outputs(self.ws, {target: (self.html, self.context)})
