"""Our YAML reads the same with every common parser, and `brief` reads it the same either way.

Editors, CI and a ministry's own scripts read our files with PyYAML (libyaml's C parser or
PyYAML's own pure-Python one) or ruamel.yaml. Every file we ship, and every file `brief init`
and `brief new` write, must give them all the same values. YAML 1.1 (PyYAML) and 1.2
(ruamel) differ on a few plain words and numbers; such a difference is accepted only where
`brief` itself reads the value as ruamel does (`4.2e9` is a number, not text).

`brief` builds its values from the C parser's events, or from the pure-Python parser's when
libyaml is missing or stops at a limit of its own: both must give the same values, positions
and problem lines, for good files and for the corpus of bad ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from ruamel.yaml import YAML

from briefing.cli import main
from briefing.compose import PureSafeLoader, SafeLoader, compose
from briefing.load import Document
from test_bad_input import GENERATED, corpus_cases

REPOSITORY = Path(__file__).resolve().parents[1]
SHIPPED = [REPOSITORY / "brief.yaml", *sorted((REPOSITORY / "data").rglob("*.yaml"))]
# Partners whose names (from pycountry, put inside { } by the skeleton) hold a comma or an
# apostrophe: "Bolivia, Plurinational State of", "Lao People's Democratic Republic".
NEW = ("canada/bolivia", "japan/laos", "france/venezuela")


def shown(path: Path) -> str:
    return str(path.relative_to(REPOSITORY))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new workspace: what `brief init` writes, then `brief new` for each of `NEW`."""
    root = tmp_path_factory.mktemp("init") / "ws"
    for args in [("init", root), *(("new", target, "--workspace", root) for target in NEW)]:
        result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    return root


def tool_value(text: str) -> Any:
    doc = Document(Path("f.yaml"), "f.yaml", None)
    assert compose(text, doc) == []
    return doc.data


def differences(pyyaml: Any, ruamel: Any, tool: Any, where: str = "") -> list[str]:
    """Where PyYAML's and ruamel's values differ, but for what `brief` reads as ruamel does."""
    if isinstance(pyyaml, dict) and isinstance(ruamel, dict) and isinstance(tool, dict):
        if pyyaml.keys() != ruamel.keys():
            return [f"{where or 'top'}: keys {sorted(pyyaml)} != {sorted(ruamel)}"]
        return [
            line
            for key in pyyaml
            for line in differences(pyyaml[key], ruamel[key], tool.get(key), f"{where}.{key}")
        ]
    if isinstance(pyyaml, list) and isinstance(ruamel, list) and isinstance(tool, list):
        if len(pyyaml) != len(ruamel):
            return [f"{where}: {len(pyyaml)} items != {len(ruamel)}"]
        return [
            line
            for i, (a, b, c) in enumerate(zip(pyyaml, ruamel, tool, strict=True))
            for line in differences(a, b, c, f"{where}[{i}]")
        ]
    if type(pyyaml) is type(ruamel) and pyyaml == ruamel:
        return []
    if type(tool) is type(ruamel) and tool == ruamel:  # YAML 1.1 and 1.2 differ; brief is 1.2
        return []
    return [f"{where}: PyYAML {pyyaml!r}, ruamel.yaml {ruamel!r}, brief {tool!r}"]


def assert_parsers_agree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    c_value = yaml.load(text, Loader=yaml.CSafeLoader)
    assert yaml.load(text, Loader=yaml.SafeLoader) == c_value
    ruamel_value = YAML(typ="safe", pure=True).load(text)
    assert differences(c_value, ruamel_value, tool_value(text)) == [], path


@pytest.mark.parametrize("path", SHIPPED, ids=shown)
def test_shipped_files_read_the_same_with_every_parser(path: Path) -> None:
    assert_parsers_agree(path)


def test_files_that_init_and_new_write_read_the_same_with_every_parser(written: Path) -> None:
    files = sorted(written.rglob("*.yaml"))
    assert len(files) == 3 + 2 * len(NEW)  # settings, canada/peru and its profile, then NEW
    for path in files:
        assert_parsers_agree(path)
    bolivia = YAML(typ="safe", pure=True).load(written / "data/countries/bolivia.yaml")
    assert bolivia["names"] == {
        "en": "Bolivia, Plurinational State of",
        "fr": "TODO nom de Bolivia, Plurinational State of en français",
    }


def test_a_yaml_1_1_difference_passes_only_where_brief_reads_as_yaml_1_2() -> None:
    text = "a: 4.2e9\nb: '4.2e9'\n"
    pyyaml, ruamel = yaml.safe_load(text), YAML(typ="safe", pure=True).load(text)
    assert (pyyaml["a"], ruamel["a"]) == ("4.2e9", 4.2e9)
    assert differences(pyyaml, ruamel, tool_value(text)) == []
    assert differences(pyyaml, {**ruamel, "b": 4.2e9}, tool_value(text)) == [
        ".b: PyYAML '4.2e9', ruamel.yaml 4200000000.0, brief '4.2e9'"
    ]


def composed(text: str, loader: type[Any]) -> Any:
    """What `compose` makes of `text`: its problem lines, or its values and positions."""
    doc = Document(Path("f.yaml"), "f.yaml", None)
    problems = compose(text, doc, loader=loader)
    if problems:  # a refused file's values are never used
        return [str(problem) for problem in problems]
    return doc.data, doc.values, doc.keys


def inputs() -> list[Any]:
    """The shipped files, the corpus of bad inputs and the generated ones that reach a parser."""
    cases = [pytest.param(path.read_text(encoding="utf-8"), id=shown(path)) for path in SHIPPED]
    for case in corpus_cases() + GENERATED:
        try:
            text = case.content.decode("utf-8-sig") if case.content is not None else None
        except UnicodeDecodeError:
            text = None  # refused before any parser sees it
        if text is not None:
            cases.append(pytest.param(text, id=case.name))
    return cases


@pytest.mark.parametrize("text", inputs())
def test_the_fallback_parser_gives_the_same_values_positions_and_problems(text: str) -> None:
    assert composed(text, PureSafeLoader) == composed(text, SafeLoader)


def test_the_fallback_parser_reads_what_init_and_new_write_the_same(written: Path) -> None:
    for path in sorted(written.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert composed(text, PureSafeLoader) == composed(text, SafeLoader), path


# One mistake for each way the two parsers word a refusal differently.
MISTAKES = [
    ("a: 'open\n", "1:4: not valid YAML: this quote is never closed (expected a closing quote)"),
    (
        "a: 'open\n---\nb'\n",
        "1:4: not valid YAML: this quote runs into a line of --- or ... (expected a closing "
        "quote before it)",
    ),
    (
        "a: [1, 2\nb: 3\n",
        "2:2: not valid YAML: the list [ opened at line 1 is not closed (expected ',' or ']')",
    ),
    (
        "a: {x: 1\nb: 3\n",
        "2:2: not valid YAML: the mapping { opened at line 1 is not closed (expected ',' or '}')",
    ),
    (
        "a: b: c\n",
        "1:5: not valid YAML: ':' where a value was expected (check the indentation, or put "
        "text that holds ': ' in quotes)",
    ),
    (
        "a:\n    b: 1\n  c: 2\n",
        "3:3: not valid YAML: this line does not fit the mapping above it (check its "
        "indentation; expected key: value)",
    ),
    (
        "a:\n  - b\n  c: d\n",
        "3:3: not valid YAML: this line does not fit the list above it (check its indentation; "
        "expected '- ' items)",
    ),
    (
        "a: - b\n",
        "1:4: not valid YAML: '- ' where a value was expected (start the list on the next "
        "line, or put text that starts with '- ' in quotes)",
    ),
    (
        "a: ? b\n",
        "1:4: not valid YAML: '? ' where a value was expected (put text that starts with '?' "
        "in quotes)",
    ),
    (
        "a: [1, }]\n",
        "1:8: not valid YAML: a value was expected here (check for a stray ',', ']' or '}', or "
        "put the text in quotes)",
    ),
    ("a: 1\nb\nc: 2\n", "2:1: not valid YAML: a line without ':' (expected key: value)"),
    (
        'a: "C:\\qa"\n',
        "1:7: not valid YAML: a backslash in double quotes starts an escape such as \\n (write "
        "\\\\ for a backslash, or use single quotes)",
    ),
    (
        'a: "\\x4"\n',
        "1:7: not valid YAML: a backslash in double quotes starts an escape such as \\n (write "
        "\\\\ for a backslash, or use single quotes)",
    ),
    ("a: @b\n", "1:4: not valid YAML: '@' cannot start a value (put the text in quotes)"),
    (
        "a: >x\n  b\n",
        "1:5: not valid YAML: '>' starts a block of text on the next lines, and only a comment "
        "may follow it (put text that starts with '>' in quotes)",
    ),
    (
        "a: & b\n",
        "1:5: not valid YAML: '&' starts an anchor or alias, and a name must follow it (put "
        "text that starts with '&' in quotes)",
    ),
    (
        "a: !x!y b\n",
        "1:4: not valid YAML: '!' starts a tag here (put text that starts with '!' in quotes)",
    ),
    (
        "%YAML 1.1\na: 1\n",
        "2:1: not valid YAML: expected --- before this line (after a line of ... or a % directive)",
    ),
    (
        "%YAML 2.0\n---\na: 1\n",
        "1:1: not valid YAML: this % line is not a directive the parser accepts (remove it: "
        "data files need none)",
    ),
    ("a:\n\tb: 1\n", "2:1: a tab character cannot indent YAML (use spaces)"),
]


@pytest.mark.parametrize(("text", "expected"), MISTAKES)
def test_both_parsers_refusals_read_the_same(text: str, expected: str) -> None:
    assert composed(text, SafeLoader) == [f"f.yaml:{expected}"]
    assert composed(text, PureSafeLoader) == [f"f.yaml:{expected}"]


# Text the two parsers disagree about, which no wording can reconcile: one reads it, the
# other refuses it with a located line. Nothing we ship or write holds any of it.
DIFFERENT = [
    # PyYAML's own parser ends plain text at '?' inside [ ] or { }, as YAML 1.1 does.
    (
        "a: {en: Why?}\n",
        {"a": {"en": "Why?"}},
        ["f.yaml:1:12: not valid YAML: '?' inside text in [ ] or { } (put the text in quotes)"],
    ),
    # It refuses a tab outside quotes anywhere; libyaml refuses only one that indents.
    (
        "a: [b,\tc]\n",
        {"a": ["b", "c"]},
        [
            "f.yaml:1:7: not valid YAML: a tab character outside quotes, which some YAML "
            "parsers refuse (use a space, or put the text in quotes)"
        ],
    ),
    # libyaml refuses text that ends in ':' before '}'; PyYAML's parser reads a key 'b:c'.
    (
        "a: {b:c:}\n",
        ["f.yaml:1:8: not valid YAML: ':' inside text in [ ] or { } (put the text in quotes)"],
        {"a": {"b:c": None}},
    ),
    # libyaml takes a '#' right after '>' for a comment.
    (
        "a: >#\n  b\n",
        {"a": "b\n"},
        [
            "f.yaml:1:5: not valid YAML: '>' starts a block of text on the next lines, and only "
            "a comment may follow it (put text that starts with '>' in quotes)"
        ],
    ),
]


def read_by(text: str, loader: type[Any]) -> Any:
    """The values `compose` reads from `text`, or its problem lines."""
    got = composed(text, loader)
    return got if isinstance(got, list) else got[0]


@pytest.mark.parametrize(("text", "c_parser", "fallback"), DIFFERENT)
def test_what_the_parsers_read_differently_is_read_or_refused_on_one_line(
    text: str, c_parser: Any, fallback: Any
) -> None:
    assert read_by(text, SafeLoader) == c_parser
    assert read_by(text, PureSafeLoader) == fallback


def test_a_deep_value_stops_both_parsers_where_it_goes_too_deep() -> None:
    deep = "[" * 10_000 + "x" + "]" * 10_000
    expected = [
        "f.yaml:2:1: a: duplicate key 'a' (first given at line 1)",
        "f.yaml:2:53: nested more than 50 levels deep (expected a brief's few levels of lists "
        "and mappings)",
    ]
    for loader in (SafeLoader, PureSafeLoader):
        assert composed(f"a: 1\na: {deep}\n", loader) == expected  # a dropped value, too


def test_an_empty_value_in_braces_is_just_after_its_colon_for_both_parsers() -> None:
    text = "title: {en: , fr: Relations}\nnames: {en:\n  }\n"
    for loader in (SafeLoader, PureSafeLoader):
        data, values, _ = composed(text, loader)
        assert data == {"title": {"en": None, "fr": "Relations"}, "names": {"en": None}}
        assert (values["title", "en"], values["names", "en"]) == ((1, 12), (2, 12))
