"""`brief pack`: a region's briefs built at once, incrementally, and bound in one PDF."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing import binding
from briefing.build import BuildOptions, build_brief
from briefing.packs import PackFailed, Part, build_pack, region_of, sort_key
from briefing.typography import typeset_text
from briefing.workspace import Workspace
from conftest import PAIR_REGION
from readers import banners

TODAY = date(2026, 11, 23)
OPTIONS = BuildOptions(formats=("pdf",), today=TODAY)


def members_with_data(ws: Workspace, region: str) -> list[str]:
    found = region_of(ws, region)
    return [m for m in (found.id, *found.member_ids) if ws.relationship_path("canada", m).is_file()]


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
        # Named in the typography of the language, as on the page: l’Asie in French, and a
        # no-break space before the colon of "ANASE : note sur l’organisation".
        locale = workspace.locale("canada", lang)
        names = {p.partner: typeset_text(p.names[lang], locale) for p in parts}
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
            printed = " ".join(f"{title} {number + 1}".split())  # as its spaces are read
            assert printed in " ".join(contents.split()), title
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
        # Links inside a chapter (citations to its sources) lead to a page of that chapter.
        starts = [n for _, n in chapter_items] + [len(reader.pages)]
        pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
        links = 0
        for index, page in enumerate(reader.pages):
            for annotation in page.get("/Annots", []):
                dest = annotation.get_object().get("/Dest")
                if dest is None:
                    continue
                links += 1
                if isinstance(dest, str):  # a name, made unique across the chapters
                    target = reader.get_destination_page_number(reader.named_destinations[dest])
                else:
                    target = pages[dest[0].idnum]
                chapter = max(i for i, start in enumerate(starts) if start <= index)
                assert starts[chapter] <= target < starts[chapter + 1]
        assert links


def test_members_without_data_are_listed_and_fail_only_under_strict(workspace: Workspace) -> None:
    region = region_of(workspace, "asean")
    ids = region.member_ids
    missing = [m for m in ids if not workspace.relationship_path("canada", m).is_file()]
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
    regions.write_text(text.replace("\nregions:\n", PAIR_REGION, 1), encoding="utf-8")
    return workspace


PAIR = ("pack", "pair", "--home", "canada", "--format", "pdf", "--lang", "en")


def pair_statuses(ws: Workspace, options: BuildOptions, force: bool = False) -> dict[str, str]:
    """Build the pair's pack; what became of each partner: built or unchanged."""
    statuses: dict[str, str] = {}

    def record(part: Part, done: int, total: int) -> None:
        statuses[part.partner] = part.status

    build_pack(ws, "pair", "canada", options, jobs=1, force=force, progress=record)
    return statuses


def test_second_run_does_no_work_and_one_change_rebuilds_one_brief(pair: Workspace) -> None:
    options = BuildOptions(langs=("en",), formats=("pdf",), today=TODAY)
    build_pack(pair, "pair", "canada", options, jobs=1)
    pack = pair.root / "briefs/canada/packs/pair.en.pdf"
    before = pack.stat().st_mtime_ns
    assert pair_statuses(pair, options) == {"peru": "unchanged", "chile": "unchanged"}
    assert pack.stat().st_mtime_ns == before  # not even rebound
    path = pair.relationship_path("canada", "peru")
    path.write_text(path.read_text().replace("4.453e9", "4.454e9"))
    assert pair_statuses(pair, options) == {"peru": "built", "chile": "unchanged"}
    assert pack.stat().st_mtime_ns != before
    assert pair_statuses(pair, options, force=True) == {"peru": "built", "chile": "built"}


def test_a_member_rebuilt_at_another_level_is_rebuilt_by_the_next_pack(pair: Workspace) -> None:
    path = pair.relationship_path("canada", "peru")
    point = "  - {text: {en: Fallback SHRIKE-3.}, classification: SECRET}\n"
    path.write_text(path.read_text().replace("talking_points:\n", "talking_points:\n" + point))
    options = BuildOptions(langs=("en",), formats=("html",), level="UNCLASSIFIED", today=TODAY)
    build_pack(pair, "pair", "canada", options, jobs=1)
    member = pair.root / "briefs/canada/peru.en.html"
    build_brief(pair, "canada/peru", replace(options, level="SECRET"))
    assert "SHRIKE-3" in member.read_text()  # what the stamp did not write
    assert pair_statuses(pair, options) == {"peru": "built", "chile": "unchanged"}
    assert "SHRIKE-3" not in member.read_text()
    stamp = json.loads((pair.root / "briefs/canada/.stamps/peru.json").read_text())
    assert stamp["level"] == "UNCLASSIFIED" and str(member) in stamp["outputs"]


def test_a_damaged_chapter_is_built_again_before_it_is_bound(pair: Workspace) -> None:
    options = BuildOptions(langs=("en",), formats=("pdf",), today=TODAY)
    [pack] = build_pack(pair, "pair", "canada", options, jobs=1)
    pages = len(PdfReader(pack).pages)
    chapter = pair.root / "briefs/canada/packs/.chapters/peru.en.pdf"
    chapter.write_bytes(b"%PDF-1.7\n% cut short by a full disk")
    assert pair_statuses(pair, options) == {"peru": "built", "chile": "unchanged"}
    assert len(PdfReader(chapter).pages) > 1 and len(PdfReader(pack).pages) == pages


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


def _run_isolated(
    code: str, *args: str | Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh Python, killed with all its workers if it outlives `timeout`."""
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the pool's workers go with it
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"still running after {timeout} s: the pack hangs")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_a_pack_of_more_briefs_than_the_workers_last_for_finishes(workspace: Workspace) -> None:
    # Each worker builds two briefs (TASKS_PER_WORKER = 2) and 2 jobs share 5 briefs: with
    # ProcessPoolExecutor(max_tasks_per_child=2) this hangs once both workers have retired
    # (CPython gh-115634; with 1, Python's pool happens to replace its workers).
    result = _run_isolated(
        """
        import sys
        from datetime import date
        from pathlib import Path
        import briefing.packs as packs
        from briefing.build import BuildOptions
        from briefing.workspace import open_workspace

        packs.TASKS_PER_WORKER = 2
        options = BuildOptions(langs=("en",), formats=("pdf",), today=date(2026, 11, 23))
        statuses = []
        packs.build_pack(
            open_workspace(Path(sys.argv[1])), "asean", "canada", options, jobs=2,
            progress=lambda part, done, total: statuses.append((done, total, part.status)),
        )
        print(statuses)
        """,
        workspace.root,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([(n, 5, "built") for n in range(1, 6)])
    assert (workspace.root / "briefs/canada/packs/asean.en.pdf").is_file()


def test_a_crashed_worker_fails_its_brief_and_the_others_go_on(
    workspace: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "crashing.py").write_text(
        textwrap.dedent(
            """
            import os
            from briefing.packs import build_part as build

            def build_part(job):
                if job.partner == "chile":
                    os._exit(3)  # as a segfault or the out-of-memory killer would end it
                return build(job)
            """
        )
    )
    result = _run_isolated(
        """
        import sys
        from datetime import date
        from pathlib import Path
        sys.path.insert(0, sys.argv[2])
        import crashing
        import briefing.packs as packs
        from briefing.build import BuildOptions
        from briefing.workspace import open_workspace

        packs.TASKS_PER_WORKER = 1
        packs.build_part = crashing.build_part
        options = BuildOptions(langs=("en",), formats=("pdf",), today=date(2026, 11, 23))
        statuses = {}
        try:
            packs.build_pack(
                open_workspace(Path(sys.argv[1])), "pacific-alliance", "canada", options, jobs=2,
                progress=lambda part, done, total: statuses.update({part.partner: part.status}),
            )
        except packs.PackFailed as exc:
            print(exc, file=sys.stderr)
        print(statuses)
        """,
        workspace.root,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    statuses = eval(result.stdout)  # a dict's repr, printed by the run above
    assert statuses["chile"] == "failed"
    assert statuses["mexico"] == statuses["peru"] == "built"  # a later wave, a fresh pool
    assert "canada/chile: the worker process building it stopped abruptly" in result.stderr
    assert "the pack was not bound" in result.stderr


def test_a_workspace_page_css_numbering_its_own_way_numbers_the_whole_pack(
    pair: Workspace,
) -> None:
    page_css = Path(binding.__file__).parent / "templates" / "page.css"
    custom = re.sub(
        r"@bottom-right \{ content: .*? \}",
        '@bottom-right { content: counter(page) " / " counter(pages); }',
        page_css.read_text(encoding="utf-8"),
    )
    assert "counter(pages)" in custom
    (pair.root / "templates" / "page.css").write_text(custom, encoding="utf-8")
    options = BuildOptions(langs=("en",), formats=("pdf",), today=TODAY)
    [pack] = build_pack(pair, "pair", "canada", options, jobs=1)
    reader = PdfReader(pack)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages[1:], 2):
        assert banners(page)[1].endswith(f"{number} / {total}")
