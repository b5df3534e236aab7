"""`brief pack`: a region's briefs built at once, incrementally, and bound in one PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing.build import BuildOptions
from briefing.packs import PackFailed, Part, build_pack, region_of, sort_key
from briefing.workspace import Workspace
from readers import banners

TODAY = date(2026, 11, 23)
OPTIONS = BuildOptions(formats=("pdf",), today=TODAY)


def members_with_data(ws: Workspace, region: str) -> list[str]:
    found = region_of(ws, region)
    return [m for m in (found.id, *found.members) if ws.relationship_path("canada", m).is_file()]


def top_outline(path: Path) -> list[tuple[str, int]]:
    reader = PdfReader(path)
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


@pytest.mark.parametrize("region", ["asean", "pacific-alliance"])
def test_bound_pack_has_cover_contents_bookmarks_and_every_member(
    workspace: Workspace, region: str
) -> None:
    parts: list[Part] = []
    written = build_pack(
        workspace,
        region,
        "canada",
        OPTIONS,
        jobs=2,
        progress=lambda part, done, total: parts.append(part),
    )
    out = workspace.root / "briefs" / "canada"
    assert written == [out / "packs" / f"{region}.en.pdf", out / "packs" / f"{region}.fr.pdf"]
    partners = members_with_data(workspace, region)
    assert sorted(p.partner for p in parts) == sorted(partners)
    assert all(p.status == "built" for p in parts)
    for path, lang in zip(written, ("en", "fr"), strict=True):
        reader = PdfReader(path)
        names = {p.partner: p.names[lang] for p in parts}
        chapters = [PdfReader(out / "packs" / ".chapters" / f"{p}.{lang}.pdf") for p in partners]
        front = len(reader.pages) - sum(len(c.pages) for c in chapters)
        assert front >= 2  # cover and contents
        # The organisation's own brief first, then members in alphabetical order.
        expected = [names[p] for p in partners if p == region]
        expected += sorted((names[p] for p in partners if p != region), key=sort_key)
        outline = top_outline(path)
        chapter_items = [(t, n) for t, n in outline if t in names.values()]
        assert [t for t, _ in chapter_items] == expected
        # Bookmarks point at the chapters, which follow each other without gaps.
        sizes = {names[p]: len(c.pages) for p, c in zip(partners, chapters, strict=True)}
        page = front
        for title, number in chapter_items:
            assert number == page, title
            page += sizes[title]
        # The contents page lists each chapter with its printed page number.
        contents = reader.pages[1].extract_text()
        for title, number in chapter_items:
            assert f"{title} {number + 1}" in " ".join(contents.split()), title
        # Each member's own sections are bookmarked under it.
        nested = reader.outline[
            [i for i, o in enumerate(reader.outline) if not isinstance(o, list)].index(
                outline.index(chapter_items[0])
            )
            + 1
        ]
        assert isinstance(nested, list) and len(nested) >= 3
        # One marking and running page numbers on every page.
        markings = {banners(p)[0] for p in reader.pages}
        assert len(markings) == 1
        last = banners(reader.pages[-1])[1]
        assert last.endswith(
            f"{len(reader.pages)} {'of' if lang == 'en' else 'de'} {len(reader.pages)}"
        )
        # Every member's own files are written as brief build writes them.
        for partner in partners:
            assert (out / f"{partner}.{lang}.pdf").is_file()


def test_members_without_data_are_listed_and_fail_only_under_strict(workspace: Workspace) -> None:
    region = region_of(workspace, "asean")
    missing = [m for m in region.members if not workspace.relationship_path("canada", m).is_file()]
    assert "myanmar" in missing  # the sample has no Canada–Myanmar relationship file
    [en, fr] = build_pack(workspace, "asean", "canada", OPTIONS, jobs=2)
    front = " ".join(" ".join(PdfReader(en).pages[i].extract_text().split()) for i in (1, 2))
    assert "Members without a brief" in front and "Myanmar" in front
    assert "Membres sans note d’information" in " ".join(
        PdfReader(fr).pages[1].extract_text().split()
    )
    with pytest.raises(PackFailed, match=r"myanmar.*fail the pack under --strict"):
        build_pack(
            workspace,
            "asean",
            "canada",
            BuildOptions(formats=("pdf",), strict=True, today=TODAY),
            jobs=1,
        )


@pytest.fixture
def pair(workspace: Workspace) -> Workspace:
    """The sample workspace with a region of two members, for quick packs."""
    regions = workspace.regions_path
    text = regions.read_text(encoding="utf-8")
    regions.write_text(
        text.replace(
            "\nregions:\n",
            """
regions:
  - id: pair
    kind: region
    names: {en: Test pair, fr: Paire d'essai}
    members: [peru, chile]
    as_of: 2026-11
    sources: [un-m49]
""",
            1,
        ),
        encoding="utf-8",
    )
    return workspace


PAIR = ("pack", "pair", "--home", "canada", "--format", "pdf", "--lang", "en")


def test_second_run_does_no_work_and_one_change_rebuilds_one_brief(pair: Workspace) -> None:
    statuses: dict[str, str] = {}

    def record(part: Part, done: int, total: int) -> None:
        statuses[part.partner] = part.status

    options = BuildOptions(langs=("en",), formats=("pdf",), today=TODAY)
    build_pack(pair, "pair", "canada", options, jobs=1)
    pack = pair.root / "briefs/canada/packs/pair.en.pdf"
    before = pack.stat().st_mtime_ns
    build_pack(pair, "pair", "canada", options, jobs=1, progress=record)
    assert statuses == {"peru": "unchanged", "chile": "unchanged"}
    assert pack.stat().st_mtime_ns == before  # not even rebound
    path = pair.relationship_path("canada", "peru")
    path.write_text(path.read_text().replace("4.453e9", "4.454e9"))
    build_pack(pair, "pair", "canada", options, jobs=1, progress=record)
    assert statuses == {"peru": "built", "chile": "unchanged"}
    assert pack.stat().st_mtime_ns != before
    build_pack(pair, "pair", "canada", options, jobs=1, force=True, progress=record)
    assert statuses == {"peru": "built", "chile": "built"}


def test_a_failed_partner_does_not_stop_the_others(
    brief: Callable[..., Result], pair: Workspace
) -> None:
    assert brief(*PAIR, "--workspace", pair.root, "--quiet").exit_code == 0
    pack = pair.root / "briefs/canada/packs/pair.en.pdf"
    before = pack.read_bytes()
    path = pair.relationship_path("canada", "peru")
    path.write_text(path.read_text().replace("value: 522e6", "value: 522 million"))
    result = brief(*PAIR, "--workspace", pair.root, "--force")
    assert result.exit_code == 1
    assert "canada/peru: data/canada/peru.yaml:" in result.stderr
    assert "is words, not an amount" in result.stderr
    assert "chile: built" in result.stderr and "Traceback" not in result.stderr
    assert pack.read_bytes() == before  # the previous pack is intact


def test_unknown_region_is_a_clear_error(
    brief: Callable[..., Result], workspace: Workspace
) -> None:
    result = brief("pack", "mercosur", "--home", "canada", "--workspace", workspace.root)
    assert result.exit_code == 1
    assert "no region 'mercosur' in data/regions.yaml (expected one of: asean" in result.stderr
