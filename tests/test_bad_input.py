"""The corpus of bad inputs: one located line each, exit 1, no traceback, outputs untouched.

Each file in `corpus/` is a data file a user might write by mistake. Its first line says
the one line `brief` must print (`# expect: path:line:col: field: message`); an optional
`# file:` line says where it goes in the workspace (default `data/canada/peru.yaml`), and
`# build:` what a build prints when it differs from `check`. Inputs that cannot be a text
file in the repository (50 MB, bytes that are not UTF-8, a folder, a link) are made by
`GENERATED` below. Every case runs `brief check` and the build that reads the file (the
meeting's brief for a meeting, the Pacific Alliance's pack for `data/regions.yaml`, else the
Canada–Peru brief) in a scratch copy of the sample workspace whose brief was built first,
and the built files must not change.

The corpus is written as an outside tester would: a mistake of each kind in each kind of
file (settings, regions, profiles, relationships, meetings), in every family of value
(dates, numbers, currencies, levels, identifiers, references, prose, names) and in the YAML
itself. `test_odd_but_valid_input_is_read_as_written` holds the odd inputs that are right.
"""

from __future__ import annotations

import codecs
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from briefing.check import check, read_data
from briefing.cli import main
from briefing.model import Relationship
from briefing.workspace import open_workspace

REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "corpus"
RELATIONSHIP = "data/canada/peru.yaml"
REGIONS = "data/regions.yaml"
LOCATED = re.compile(r"\S+:\d+:\d+: (?!warning:)")
BUILD = ("--lang", "en", "--format", "pdf,docx,html")
BASE = """home: canada
partner: peru
language: en
as_of: 2012-08
classification: UNCLASSIFIED
sources:
  - id: gac-2012
    title: Canada–Peru Relations
    publisher: Government of Canada
"""


@dataclass(frozen=True)
class Case:
    """A bad input: where it goes, and the line `check` and a build must print."""

    name: str
    place: str
    content: bytes | None  # None: the test's `setup` makes it
    expect: str
    setup: Callable[[Path], None] | None = None
    build: str | None = None  # what the build prints, when not `expect`


def corpus_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        raw = path.read_bytes()
        header = dict(re.findall(r"^# (expect|file|build): (.+)$", raw.decode("utf-8"), re.M))
        cases.append(
            Case(
                path.stem,
                header.get("file", RELATIONSHIP),
                raw,
                header["expect"],
                build=header.get("build"),
            )
        )
    return cases


def _directory(root: Path) -> None:
    (root / RELATIONSHIP).unlink()
    (root / RELATIONSHIP).mkdir()


def _link_out(root: Path) -> None:
    (root / RELATIONSHIP).unlink()
    (root / RELATIONSHIP).symlink_to("/etc/passwd")


def _fifty_megabytes(root: Path) -> None:
    with (root / RELATIONSHIP).open("wb") as stream:
        stream.write(BASE.encode())
        stream.write(b"# padding\n" * (50 * 1024 * 1024 // 10))


def _deep(depth: int) -> bytes:
    return (BASE + "summary: " + "[" * depth + "x" + "]" * depth + "\n").encode()


SIZE = len(BASE.encode()) + 50 * 1024 * 1024 // 10 * 10
GENERATED = [
    Case(
        "file-of-50-megabytes",
        RELATIONSHIP,
        None,
        f"{RELATIONSHIP}:1:1: file is {SIZE:,} bytes (expected at most 4,194,304)",
        setup=_fifty_megabytes,
    ),
    Case(
        "empty-file",
        RELATIONSHIP,
        b"",
        f"{RELATIONSHIP}:1:1: file is empty (expected a mapping of keys to values)",
    ),
    Case(
        "directory-where-the-file-should-be",
        RELATIONSHIP,
        None,
        f"{RELATIONSHIP}:1:1: is a directory (expected a YAML file)",
        setup=_directory,
    ),
    Case(
        "link-to-a-file-outside",
        RELATIONSHIP,
        None,
        f"{RELATIONSHIP}:1:1: is a link to /etc/passwd, outside the workspace's data "
        "(expected the file itself)",
        setup=_link_out,
    ),
    Case(
        "latin-1-byte",
        RELATIONSHIP,
        BASE.replace("Canada–Peru", "Canadá-Peru").encode("latin-1"),
        f"{RELATIONSHIP}:8:17: byte 0xe1 is not UTF-8 (save the file as UTF-8)",
    ),
    Case(
        "utf-16-with-byte-order-mark",
        RELATIONSHIP,
        codecs.BOM_UTF16_LE + BASE.encode("utf-16-le"),
        f"{RELATIONSHIP}:1:1: the file is UTF-16 (save it as UTF-8)",
    ),
    Case(
        "utf-8-byte-order-mark-is-not-a-column",
        RELATIONSHIP,
        codecs.BOM_UTF8 + BASE.replace("home: canada", "home: [canada]").encode(),
        f"{RELATIONSHIP}:1:7: home: expected text (got a list)",
    ),
    Case(
        "byte-order-mark-inside",
        RELATIONSHIP,
        (BASE + "\ufeffsummary: Canada and Peru.\n").encode(),
        f"{RELATIONSHIP}:10:1: a byte-order mark (U+FEFF) inside the file (remove it: it "
        "comes from joining files; only the very start may have one)",
    ),
    Case(
        "raw-control-character",
        RELATIONSHIP,
        (BASE + "summary: Canada \x1b[31mand Peru.\n").encode(),
        f"{RELATIONSHIP}:10:17: character U+001B is not allowed in YAML (remove it)",
    ),
    Case(
        "nesting-ten-thousand-deep",
        RELATIONSHIP,
        _deep(10_000),
        f"{RELATIONSHIP}:10:59: nested more than 50 levels deep (expected a brief's few "
        "levels of lists and mappings)",
    ),
    Case(
        "date-of-a-hundred-thousand-characters",
        RELATIONSHIP,
        BASE.replace("as_of: 2012-08", "as_of: " + "2012" * 25_000).encode(),
        f"{RELATIONSHIP}:4:8: as_of: '{'2012' * 9}201…' is not a date (expected a date such "
        "as 2012, 2012-08, 2012-08-15, FY2011, a range 2010/2015-03-05, a period still running "
        "2019-03/.. or one day of several [2015-05-03..2015-05-04])",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose Canada–Peru brief was built once, in every format."""
    root = tmp_path_factory.mktemp("built") / "ws"
    root.mkdir()
    shutil.copy(REPOSITORY / "brief.yaml", root)
    for name in ("data", "templates"):
        shutil.copytree(REPOSITORY / name, root / name)
    result = run("build", "canada/peru", *BUILD, "--workspace", root)
    assert result.exit_code == 0, result.stderr
    return root


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def outputs(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in (root / "briefs").rglob("*")
        if p.is_file()
    }


def problem_lines(result: Result) -> list[str]:
    """The lines that report a problem: located ones, or `brief: ...` for the command."""
    return [
        line
        for line in result.stderr.splitlines()
        if LOCATED.match(line) or line.startswith("brief: ")
    ]


def refuses(result: Result, expected: str) -> None:
    """Exit 1, exactly the expected problem line, no traceback and nothing on stdout."""
    assert "Traceback" not in result.stdout + result.stderr
    assert problem_lines(result) == [expected], result.stderr
    assert result.exit_code == 1
    assert result.stdout == ""


@pytest.mark.parametrize("case", corpus_cases() + GENERATED, ids=lambda case: case.name)
def test_bad_input_gets_one_located_line(case: Case, built: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(built, root, symlinks=True)
    before = outputs(root)
    target = root / case.place
    if case.content is not None:
        target.write_bytes(case.content)
    if case.setup is not None:
        case.setup(root)
    check = ("check", "--workspace", root) if case.place == "brief.yaml" else ("check", target)
    refuses(run(*check, "--workspace", root), case.expect)
    if "/meetings/" in case.place:
        build = run("meeting", target, *BUILD, "--workspace", root)
    elif case.place == REGIONS:
        build = run("pack", "pacific-alliance", "--home", "canada", *BUILD, "--workspace", root)
    else:
        build = run("build", "canada/peru", *BUILD, "--workspace", root)
    refuses(build, case.build or case.expect)
    assert outputs(root) == before


def test_the_corpus_covers_every_kind_of_mistake() -> None:
    cases = corpus_cases() + GENERATED
    names = [case.name for case in cases]
    assert len(names) >= 150
    for kind in ("syntax-", "tag-", "alias-", "type-", "key-", "date-", "money-", "level-"):
        assert any(name.startswith(kind) for name in names), kind
    for kind in ("ref-", "slug-", "url-", "meeting-", "profile-", "settings-", "region-"):
        assert any(name.startswith(kind) for name in names), kind
    for kind in ("prose-", "name-"):
        assert any(name.startswith(kind) for name in names), kind
    # every kind of file has its cases
    places = {case.place.split("/")[1] if "/" in case.place else case.place for case in cases}
    assert places >= {"brief.yaml", "regions.yaml", "countries", "canada"}
    assert any("/meetings/" in case.place for case in cases)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("build", "../peru"), "brief: '../peru' is not HOME/PARTNER"),
        (("build", "canada/../../etc"), "brief: 'canada/../../etc' is not HOME/PARTNER"),
        (("check", "/etc/passwd"), "/etc/passwd:1:1: not where data files go"),
        (("meeting", "/etc/passwd"), "/etc/passwd:1:1: not where data files go"),
    ],
)
def test_names_outside_the_workspace_are_refused(
    args: tuple[str, ...], expected: str, built: Path, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(built, root)
    before = outputs(root)
    result = run(*args, "--workspace", root)
    [line] = problem_lines(result)
    assert line.startswith(expected) and "(expected" in line
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert outputs(root) == before


def _figure(value: str) -> str:
    return f"key_figures:\n  - {{value: {value}, currency: CAD, source: gac-2012}}\n"


# Odd input a tester tries that is right: (the file, what the brief reads from it)
ODD_BUT_VALID: dict[str, tuple[str, Callable[[Relationship], Any], Any]] = {
    "Windows line endings": (
        (BASE + "summary: Close partners.\n").replace("\n", "\r\n"),
        lambda r: r.summary.text[0].text,
        {"en": "Close partners."},
    ),
    "a lone carriage return breaks the line, as in YAML and editors": (
        BASE + "summary: Close partners.\rbackground: A long history.\n",
        lambda r: r.background.text[0].text,
        {"en": "A long history."},
    ),
    "an alias of prose is a copy of it": (
        BASE + "summary: &ties {en: Close partners., fr: Proches.}\nbackground: *ties\n",
        lambda r: r.background.text[0].text,
        {"en": "Close partners.", "fr": "Proches."},
    ),
    "a key written as ? key": (
        BASE + "? summary\n: Close partners.\n",
        lambda r: r.summary.text[0].text,
        {"en": "Close partners."},
    ),
    "a date in quotes with spaces around it": (
        BASE.replace("as_of: 2012-08", "as_of: ' 2012-08 '"),
        lambda r: r.as_of,
        "2012-08",
    ),
    "a year with a plus sign, which YAML reads as the number": (
        BASE.replace("as_of: 2012-08", "as_of: +2012"),
        lambda r: r.as_of,
        "2012",
    ),
    "thousands joined by underscores, as YAML reads them": (
        BASE + _figure("1_000"),
        lambda r: r.key_figures[0].value,
        1000,
    ),
    "a hexadecimal number, as both YAML versions read it": (
        BASE + _figure("0x10"),
        lambda r: r.key_figures[0].value,
        16,
    ),
    "an exponent in capitals": (BASE + _figure("4.2E9"), lambda r: r.key_figures[0].value, 4.2e9),
    "minus zero is zero, never printed -$0": (
        BASE + _figure("-0.0"),
        lambda r: str(r.key_figures[0].value),
        "0.0",
    ),
}


@pytest.mark.parametrize(
    ("text", "read", "expected"), ODD_BUT_VALID.values(), ids=ODD_BUT_VALID.keys()
)
def test_odd_but_valid_input_is_read_as_written(
    text: str, read: Callable[[Relationship], Any], expected: Any, tmp_path: Path
) -> None:
    shutil.copy(REPOSITORY / "brief.yaml", tmp_path)
    shutil.copytree(REPOSITORY / "data", tmp_path / "data")
    ws = open_workspace(tmp_path)
    path = ws.relationship_path("canada", "peru")
    path.write_bytes(text.encode())
    _, relationship, problems = read_data(ws, path)
    assert [p for p in problems if p.is_error] == []
    assert isinstance(relationship, Relationship)
    assert read(relationship) == expected


def test_a_member_without_a_profile_is_a_warning_not_an_error(tmp_path: Path) -> None:
    shutil.copy(REPOSITORY / "brief.yaml", tmp_path)
    shutil.copytree(REPOSITORY / "data", tmp_path / "data")
    ws = open_workspace(tmp_path)
    text = ws.regions_path.read_text(encoding="utf-8")
    ws.regions_path.write_text(text.replace("mexico, peru]", "mexico, peru, narnia]"), "utf-8")
    report = check(ws, [ws.regions_path], cache=False)
    assert report.errors == []
    assert "regions[1].members[4]: no partner profile for 'narnia'" in "\n".join(
        str(p) for p in report.warnings
    )
