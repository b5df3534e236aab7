"""A pack file's pack: the event's cover and front matter, its meetings, markings, leaks.

Two packs of the sample Pacific Alliance pack file are built once for the module, in a
scratch workspace where Colombia has no relationship file (a member without data) and a
PROTECTED A meeting with Chile falls within the event's window: one at UNCLASSIFIED,
which must not show that meeting anywhere, and one at PROTECTED A, which lists it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result
from pdfua import validate
from pypdf import PdfReader

from briefing.build import BuildOptions
from briefing.check import check
from briefing.errors import BuildFailed
from briefing.packs import build_event_pack
from briefing.workspace import Workspace
from conftest import copy_workspace
from readers import banners, outline_titles, pdf_text

PACK = Path("data/canada/packs/pacific-alliance-2026.yaml")
PERU = "2026-12-03-peru-fm"
CHILE = "2026-12-03-chile-fm"
SECRET_PLACE = "Quinta Vergara Pavilion"  # the PROTECTED A meeting's: a marker, no fact
SECRET_MESSAGE = "Kestrel line on the observers"  # a PROTECTED A message of the pack file
CHILE_MEETING = f"""\
home: canada
partner: chile
language: en
classification: PROTECTED A
example: true
date: 2026-12-03
place: {{en: {SECRET_PLACE}, fr: {SECRET_PLACE}}}
format: bilateral
participants:
  theirs:
    - role:
        en: Minister of Foreign Affairs of Chile
        fr: ministre des Affaires étrangères du Chili
objectives:
  - {{en: Take stock of the relationship., fr: Faire le point sur la relation.}}
"""
OPTIONS = BuildOptions(formats=("pdf",), langs=("en", "fr"), today=date(2026, 11, 23))


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = copy_workspace(tmp_path_factory.mktemp("pack-file"))
    (workspace.data / "canada" / "colombia.yaml").unlink()
    (workspace.data / "canada" / "meetings" / f"{CHILE}.yaml").write_text(CHILE_MEETING)
    path = workspace.root / PACK
    message = f"  - text: {{en: {SECRET_MESSAGE}, fr: {SECRET_MESSAGE}}}\n"
    message += "    classification: PROTECTED A\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("messages:\n", "messages:\n" + message, 1), encoding="utf-8")
    return workspace


def built(ws: Workspace, level: str) -> dict[str, Path]:
    out = ws.root / "out" / level.replace(" ", "-")
    options = replace(OPTIONS, level=level, out=out)
    paths = build_event_pack(ws, ws.root / PACK, options, jobs=2)
    return {f"{p.parent.name}/{p.name}": p for p in paths}


@pytest.fixture(scope="module")
def unclassified(ws: Workspace) -> dict[str, Path]:
    return built(ws, "UNCLASSIFIED")


@pytest.fixture(scope="module")
def protected(ws: Workspace) -> dict[str, Path]:
    return built(ws, "PROTECTED A")


def flat(text: str) -> str:
    """Text on one line, its no-break spaces as spaces: what a reader sees."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def front_text(path: Path) -> str:
    """The text of the front matter, flat: the pages before the first chapter's cover."""
    text = []
    for page in PdfReader(path).pages:
        page_text = flat(page.extract_text())
        if "This brief:" in page_text or "Cette note :" in page_text:
            break
        text.append(page_text)
    return " ".join(text)


def grid_links(path: Path) -> list[tuple[str, list[float], int]]:
    """Every link to another file: its target, its box and the page it is on."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            for annot in page.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and action.get("/S") == "/GoToR":
                    found.append((str(action.F), [float(v) for v in annot.Rect], number))
    return found


def test_the_outputs_are_the_packs_and_the_meeting_briefs_they_link_to(
    unclassified: dict[str, Path],
) -> None:
    assert sorted(unclassified) == [
        f"meetings/{PERU}.en.pdf",
        f"meetings/{PERU}.fr.pdf",
        "packs/pacific-alliance-2026.en.pdf",
        "packs/pacific-alliance-2026.fr.pdf",
    ]


def test_the_cover_gives_the_event_its_programme_messages_and_meetings(
    unclassified: dict[str, Path],
) -> None:
    text = front_text(unclassified["packs/pacific-alliance-2026.en.pdf"])
    for expected in (
        "Canada–Pacific Alliance ministerial dialogue",
        "Pacific Alliance: region pack",
        "Venue Ottawa",
        "Dates December 2–4, 2026",
        "of which Canada is an observer",
        "Our delegation",
        "Minister of Foreign Affairs of Canada",
        "Programme",
        "9:00 a.m. Opening session of the ministerial dialogue",
        "Closing session",
        "Overarching messages",
        "candidate to become an associated state",
        "Bilateral meetings",
        "December 3, 2026",
        "Minister of Foreign Affairs of Peru Ottawa Bilateral meeting",
        "Classification of this pack UNCLASSIFIED",
    ):
        assert expected in text, expected
    order = [
        "Our delegation",
        "Programme",
        "Overarching messages",
        "Bilateral meetings",
        "Contents",
    ]
    at = 0
    for heading in order:  # each after the one before
        at = text.index(heading, at)
    french = front_text(unclassified["packs/pacific-alliance-2026.fr.pdf"])
    for expected in (
        "Dialogue ministériel Canada-",  # the title may wrap after its hyphen
        "Lieu Ottawa",
        "Rencontres bilatérales",
        "Messages d’ensemble",
        "Classification du dossier NON CLASSIFIÉ",
    ):
        assert expected in french, expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_grid_links_each_meeting_to_its_brief_beside_the_pack(
    unclassified: dict[str, Path], lang: str
) -> None:
    pack = unclassified[f"packs/pacific-alliance-2026.{lang}.pdf"]
    [(target, box, number)] = grid_links(pack)
    assert target == f"../meetings/{PERU}.{lang}.pdf"  # relative: the folder may move
    brief = (pack.parent / target).resolve()
    assert brief == unclassified[f"meetings/{PERU}.{lang}.pdf"].resolve()
    assert ("Peru" if lang == "en" else "Pérou") in PdfReader(brief).pages[0].extract_text()
    # The box covers the meeting's date, on the page of the grid.
    left, right = sorted(box[::2])
    bottom, top = sorted(box[1::2])
    page = PdfReader(pack).pages[number]
    under: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if left - 1 <= x <= right and bottom - 1 <= y <= top:
            under.append(text)

    page.extract_text(visitor_text=visit)
    assert "3" in "".join(under) and "2026" in "".join(under), under


def test_a_protected_meeting_is_nowhere_in_an_unclassified_pack(
    ws: Workspace, unclassified: dict[str, Path]
) -> None:
    out = ws.root / "out" / "UNCLASSIFIED" / "canada"
    assert not list(out.glob(f"meetings/{CHILE}.*"))  # its brief is not built either
    for lang in ("en", "fr"):
        pack = unclassified[f"packs/pacific-alliance-2026.{lang}.pdf"]
        reader = PdfReader(pack)
        assert SECRET_PLACE not in pdf_text(pack) and SECRET_MESSAGE not in pdf_text(pack)
        assert not any(SECRET_PLACE in title for title in outline_titles(pack))
        assert [target for target, _, _ in grid_links(pack)] == [f"../meetings/{PERU}.{lang}.pdf"]
        assert reader.metadata is not None and reader.metadata["/Keywords"] == (
            "UNCLASSIFIED" if lang == "en" else "NON CLASSIFIÉ"
        )
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert "Kestrel" not in str(reader.metadata) + xmp and SECRET_PLACE not in xmp
    # nor in what binding keeps: the cache of laid-out front matter, the stamps
    kept = [p for folder in ("packs/.cache", ".stamps") for p in (out / folder).rglob("*")]
    assert kept
    for path in kept:
        text = pdf_text(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
        assert SECRET_PLACE not in text and CHILE not in text, path.name
        assert SECRET_MESSAGE not in text, path.name


def test_a_pack_at_its_level_lists_the_protected_meeting(
    protected: dict[str, Path],
) -> None:
    pack = protected["packs/pacific-alliance-2026.en.pdf"]
    assert f"meetings/{CHILE}.en.pdf" in protected
    text = front_text(pack)
    assert "Chile Minister of Foreign Affairs of Chile" in text and SECRET_PLACE in text
    assert SECRET_MESSAGE in text
    assert sorted(t for t, _, _ in grid_links(pack)) == [
        f"../meetings/{CHILE}.en.pdf",
        f"../meetings/{PERU}.en.pdf",
    ]


@pytest.mark.parametrize(
    ("level", "lang", "banner", "chapter"),
    [
        ("UNCLASSIFIED", "en", "UNCLASSIFIED (pack)", "This brief: UNCLASSIFIED"),
        ("PROTECTED A", "en", "PROTECTED A (pack)", "This brief: UNCLASSIFIED"),
        ("PROTECTED A", "fr", "PROTÉGÉ A (dossier)", "Cette note : NON CLASSIFIÉ"),
    ],
)
def test_banners_give_the_packs_level_and_chapter_covers_their_own(
    unclassified: dict[str, Path],
    protected: dict[str, Path],
    level: str,
    lang: str,
    banner: str,
    chapter: str,
) -> None:
    packs = unclassified if level == "UNCLASSIFIED" else protected
    pages = PdfReader(packs[f"packs/pacific-alliance-2026.{lang}.pdf"]).pages
    for page in pages:
        top, bottom = banners(page)
        assert banner in flat(top) and banner in flat(bottom), (top, bottom)
    covers = [flat(page.extract_text()) for page in pages]
    assert sum(chapter in text for text in covers) == 3  # Chile, Mexico, Peru: each cover


@pytest.mark.parametrize(
    ("lang", "words", "name"),
    [
        (
            "en",
            "The pack includes no brief on the following members, as we hold no "
            "information on them:",
            "Colombia",
        ),
        (
            "fr",
            "Le dossier ne comprend aucune note sur les membres suivants, faute "
            "d’information à leur sujet :",
            "Colombie",
        ),
    ],
)
def test_members_without_data_are_listed_in_plain_words(
    unclassified: dict[str, Path], lang: str, words: str, name: str
) -> None:
    text = front_text(unclassified[f"packs/pacific-alliance-2026.{lang}.pdf"])
    assert words in text
    assert text.split(words)[1].split()[0] == name
    assert "relationship file" not in text and "fichier de relation" not in text


def test_every_page_of_an_example_pack_says_example(unclassified: dict[str, Path]) -> None:
    for lang, word in (("en", "Example"), ("fr", "Exemple")):
        pages = PdfReader(unclassified[f"packs/pacific-alliance-2026.{lang}.pdf"]).pages
        assert all(word in page.extract_text() for page in pages)


def test_the_event_pack_is_still_pdf_ua(unclassified: dict[str, Path]) -> None:
    # its links to other files too: tagged, with alternative text, as PDF/UA-1 asks
    for lang in ("en", "fr"):
        report = validate(str(unclassified[f"packs/pacific-alliance-2026.{lang}.pdf"]))
        assert [(f.rule_id, f.message) for f in report.findings] == []


def test_an_unchanged_pack_is_not_bound_again_but_a_lost_meeting_brief_is_rebuilt(
    ws: Workspace, unclassified: dict[str, Path]
) -> None:
    pack = unclassified["packs/pacific-alliance-2026.en.pdf"]
    brief = unclassified[f"meetings/{PERU}.en.pdf"]
    before = pack.stat().st_mtime_ns
    assert built(ws, "UNCLASSIFIED") == unclassified
    assert pack.stat().st_mtime_ns == before
    brief.unlink()
    built(ws, "UNCLASSIFIED")
    assert brief.is_file()


BAD = {  # good text of the sample: (bad text, what the one error says)
    "dates: 2026-12-02/2026-12-04": (
        "dates: 2026-12-02/..",
        "dates: '2026-12-02/..' is open-ended",
    ),
    "region: pacific-alliance": ("region: pacific", "region: no region 'pacific' in data/regions"),
    "  - date: 2026-12-02\n": (
        "  - date: 2026-12-09\n",
        "programme[0].date: 2026-12-09 is outside",
    ),
    "  - role: {en: Minister": (
        "  - name: A Name\n    role: {en: Minister",
        "delegation[0]: name: given without sources",
    ),
}


@pytest.mark.parametrize("good", list(BAD))
def test_check_locates_what_is_wrong_in_a_pack_file(workspace: Workspace, good: str) -> None:
    path = workspace.root / PACK
    bad, message = BAD[good]
    text = path.read_text(encoding="utf-8")
    assert good in text
    path.write_text(text.replace(good, bad, 1), encoding="utf-8")
    report = check(workspace, [path], cache=False)
    lines = [str(p) for p in report.errors]
    assert len(lines) == 1 and lines[0].startswith(f"{PACK}:") and message in lines[0], lines
    written = path.read_text(encoding="utf-8").splitlines()
    located = written[int(lines[0].split(":")[1]) - 1]
    assert bad.split("\n")[0].strip().lstrip("- ") in located, (located, bad)


def test_a_pack_file_above_the_level_is_refused(workspace: Workspace) -> None:
    path = workspace.root / PACK
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("classification: UNCLASSIFIED", "classification: PROTECTED B"))
    with pytest.raises(BuildFailed, match="is PROTECTED B; a build at PROTECTED A cannot"):
        build_event_pack(workspace, path, replace(OPTIONS, level="PROTECTED A"))
    assert not (workspace.root / "briefs" / "canada").exists()


def test_check_validates_the_sample_pack_file(workspace: Workspace) -> None:
    report = check(workspace, [workspace.root / PACK], cache=False)
    assert report.files == 1 and report.problems == []


def test_the_command_refuses_home_with_a_pack_file_and_a_bad_file_in_one_line(
    workspace: Workspace, brief: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.root)
    refused = brief("pack", PACK, "--home", "canada")
    assert refused.exit_code == 2 and "--home" in refused.stderr
    path = workspace.root / PACK
    path.write_text(path.read_text(encoding="utf-8").replace("venue:", "venu:"), encoding="utf-8")
    failed = brief("pack", PACK, "-q")
    assert failed.exit_code == 1 and "Traceback" not in failed.stderr
    assert f"{PACK}:" in failed.stderr and "unknown key 'venu'" in failed.stderr
    assert not (workspace.root / "briefs" / "canada" / "packs").exists()
