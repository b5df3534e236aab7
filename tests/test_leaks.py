"""No item above the build's level reaches any part of any document (property-based).

Hypothesis places items of random levels wherever a classification is allowed in a copy
of data/canada/peru.yaml (paragraphs, whole sections, talking points and their if-asked
lines, figures, visits, people, agreements, programmes, milestones), each carrying a marker
word of its own, and builds the brief at a random level. Every marker of an item above
the level must be absent from the PDF (text, outline, metadata), from every XML part of
the DOCX and from the HTML; every other marker must be present; and the banner must be the
highest level actually included.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.classification import SCHEMES
from briefing.load import load_document
from briefing.workspace import open_workspace
from readers import docx_parts, outline_titles

REPOSITORY = Path(__file__).resolve().parents[1]
SCHEME = SCHEMES["canada"]
LEVELS = SCHEME.names()
TODAY = date(2026, 11, 23)
SECTIONS = ["political", "multilateral"]  # replaced whole, with a level of their own


@dataclass
class Planted:
    """The relationship's data with marked items added, and each marker's levels."""

    data: dict[str, Any]
    markers: dict[str, list[str]] = field(default_factory=dict)  # marker: levels to pass
    sections: list[str] = field(default_factory=lambda: list(SECTIONS))

    def mark(self, marker: str, *levels: str | None) -> None:
        self.markers[marker] = [level for level in levels if level]


def prose(text: str) -> dict[str, str]:
    return {"en": text, "fr": text}


def marked(level: str | None, **item: Any) -> dict[str, Any]:
    return {**item, **({"classification": level} if level else {})}


def _paragraph(p: Planted, m: str, level: str | None, _: str | None) -> None:
    p.data["background"]["text"].append(marked(level, text=prose(f"Paragraph {m}.")))
    p.mark(m, level)


def _section(p: Planted, m: str, level: str | None, second: str | None) -> None:
    if not p.sections:
        return _paragraph(p, m, level, second)
    p.data[p.sections.pop(0)] = marked(level, text=[prose(f"Section {m}.")])
    p.mark(m, level)


def _talking_point(p: Planted, m: str, level: str | None, _: str | None) -> None:
    p.data["talking_points"].append(marked(level, text=prose(f"Point {m}."), topics=["trade"]))
    p.mark(m, level)


def _if_asked(p: Planted, m: str, level: str | None, second: str | None) -> None:
    asked = marked(second, question=prose(f"Question {m}Q?"), answer=prose("An answer."))
    p.data["talking_points"].append(
        marked(level, text=prose(f"Point {m}P."), topics=["trade"], if_asked=[asked])
    )
    p.mark(f"{m}P", level)
    p.mark(f"{m}Q", level, second)


def _figure(where: Callable[[dict[str, Any]], list[Any]]) -> Any:
    def plant(p: Planted, m: str, level: str | None, _: str | None) -> None:
        where(p.data).append(
            marked(level, label=prose(f"Figure {m}"), value=1234, unit="count", source="gac-2012")
        )
        p.mark(m, level)

    return plant


def _item(where: Callable[[dict[str, Any]], list[Any]], make: Callable[[str], Any]) -> Any:
    def plant(p: Planted, m: str, level: str | None, _: str | None) -> None:
        where(p.data).append(marked(level, **make(m)))
        p.mark(m, level)

    return plant


PLACES = {
    "paragraph": _paragraph,
    "section": _section,
    "talking_point": _talking_point,
    "if_asked": _if_asked,
    "key_figure": _figure(lambda d: d.setdefault("key_figures", [])),
    "aid_figure": _figure(lambda d: d["aid"].setdefault("figures", [])),
    "visit": _item(
        lambda d: d["visits"],
        lambda m: {
            "date": "2012-05",
            "who": f"Envoy {m}",
            "role": prose("Envoy"),
            "direction": "incoming",
            "place": prose("Lima"),
        },
    ),
    "person": _item(
        lambda d: d["people"],
        lambda m: {
            "id": m.lower(),
            "name": f"Person {m}",
            "role": prose("Adviser"),
            "side": "theirs",
        },
    ),
    "agreement": _item(
        lambda d: d["agreements"], lambda m: {"name": prose(f"Agreement {m}"), "signed": 2010}
    ),
    "programme": _item(
        lambda d: d["aid"]["programmes"], lambda m: {"name": prose(f"Programme {m}")}
    ),
    "milestone": _item(
        lambda d: d["aid"]["milestones"], lambda m: {"date": 2010, "text": prose(f"Milestone {m}.")}
    ),
}

level_or_none = st.sampled_from([None, *LEVELS])
plants = st.lists(
    st.tuples(st.sampled_from(sorted(PLACES)), level_or_none, level_or_none), min_size=1, max_size=8
)


def base() -> dict[str, Any]:
    """Canada–Peru cut to one paragraph a section: fewer pages, the same kinds of item."""
    data: dict[str, Any] = load_document(REPOSITORY / "data/canada/peru.yaml").data
    for name in ("summary", "background", "political", "multilateral", "investment", "aid"):
        data[name]["text"] = data[name]["text"][:1]
    for name in ("main_exports", "main_imports", "sectors"):
        data["trade"].pop(name, None)
    return data


def plant(items: list[tuple[str, str | None, str | None]]) -> Planted:
    planted = Planted(base())
    for i, (kind, level, second) in enumerate(items):
        PLACES[kind](planted, f"XQ{i:02d}MARK", level, second)
    return planted


def build(root: Path, planted: Planted, level: str) -> list[Path]:
    path = root / "data/canada/peru.yaml"
    path.write_text(yaml.safe_dump(planted.data, allow_unicode=True), encoding="utf-8")
    options = BuildOptions(langs=("en",), formats=("pdf", "docx", "html"), level=level, today=TODAY)
    return build_brief(open_workspace(root), "canada/peru", options)


def parts(path: Path) -> tuple[str, set[str]]:
    """Everything a reader or a program could find in the document, and its top banners."""
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        pages = [read_page(page) for page in reader.pages]
        texts = [text for text, _ in pages]
        return "\n".join([*texts, *outline_titles(path), str(reader.metadata)]), {
            top for _, top in pages
        }
    if path.suffix == ".docx":
        return docx_parts(path), set()
    return path.read_text(encoding="utf-8"), set()


def read_page(page: Any) -> tuple[str, str]:
    """A PDF page's text and its top banner, from one extraction (it is the slow part)."""
    height = float(page.mediabox.height)
    top: list[str] = []

    def visit(text: str, cm: Any, tm: Any, *_: Any) -> None:
        if text.strip() and tm[5] * cm[3] + cm[5] > height - 50:
            top.append(text.strip())

    return page.extract_text(visitor_text=visit), " ".join(top)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(items=plants, level=st.sampled_from(LEVELS))
def test_nothing_above_the_level_appears_anywhere(
    items: list[tuple[str, str | None, str | None]], level: str
) -> None:
    planted = plant(items)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copy(REPOSITORY / "brief.yaml", root)
        for name in ("data", "templates"):
            shutil.copytree(REPOSITORY / name, root / name)
        written = build(root, planted, level)
        allowed = {
            marker: all(SCHEME.allows(lv, level) for lv in levels)
            for marker, levels in planted.markers.items()
        }
        included = [lv for m, levels in planted.markers.items() if allowed[m] for lv in levels]
        banner = SCHEME.highest(["UNCLASSIFIED", *included])
        for path in written:
            text, tops = parts(path)
            for marker, shown in allowed.items():
                assert (marker in text) == shown, (path.name, marker, planted.markers[marker])
            if path.suffix == ".pdf":
                assert tops == {banner}
            if path.suffix == ".docx":
                assert f">{banner}<" in text
