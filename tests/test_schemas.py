"""The JSON Schemas agree with `brief check`, as an independent validator reads them.

Files are read as an editor's YAML language server reads them (YAML 1.2: 4.2e9 is a number,
2012-08-15 is text) and validated with `jsonschema`, by draft 2020-12 (what the schemas
declare) and by draft 7 (what yaml-language-server implements). Every shipped file and every
skeleton passes; every mutation that check refuses for a type, an enum or a pattern, the
schema refuses too, at the same place.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema.exceptions import best_match
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from briefing.check import check, model_for
from briefing.classification import SCHEMES, Scheme
from briefing.errors import InvalidInput
from briefing.load import Loc, dotted
from briefing.periods import DateText
from briefing.schema import HOME_KINDS, SCHEMAS, json_schema, schema_name
from briefing.workspace import SETTINGS_FILE, SchemeName, Workspace, open_workspace

ROOT = Path(__file__).resolve().parents[1]
Brief = Callable[..., Result]
VALIDATORS = (jsonschema.Draft202012Validator, jsonschema.Draft7Validator)
KINDS = {model: kind for kind, model in SCHEMAS.items()}
DATA_KINDS = ("relationship", "profile", "regions", "meeting", "note")


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 values, with dates kept as the text written (no timestamp type in 1.2)."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


def editor_yaml(text: str) -> Any:
    """The values of a YAML file as yaml-language-server sees them."""
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = _EditorConstructor
    return reader.load(text)


def kind_of(ws: Workspace, path: Path) -> str:
    """The schema a file is checked against: where it is, as `brief check` decides."""
    if path == ws.root / SETTINGS_FILE:
        return "settings"
    model = model_for(ws, path)
    assert model is not None, path
    return KINDS[model]


def scheme_of(ws: Workspace, path: Path) -> Scheme:
    """The scheme a file's levels are in: its home's for a home's file, else the workspace's."""
    if kind_of(ws, path) in HOME_KINDS:
        return ws.scheme_of(path.relative_to(ws.data).parts[0])
    return ws.scheme


def schema_errors(ws: Workspace, path: Path) -> dict[str, list[jsonschema.ValidationError]]:
    """Every error of `path` against the schema of its kind, by draft."""
    data = editor_yaml(path.read_text(encoding="utf-8"))
    schema = json_schema(kind_of(ws, path), scheme_of(ws, path), ws.languages)
    found = {}
    for validator in VALIDATORS:
        validator.check_schema(schema)
        checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
        found[validator.__name__] = list(checker.iter_errors(data))
    return found


def no_errors() -> dict[str, list[jsonschema.ValidationError]]:
    return {validator.__name__: [] for validator in VALIDATORS}


def shipped_files() -> list[Path]:
    ws = open_workspace(ROOT)
    return [ws.root / SETTINGS_FILE, *ws.data_files()]


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_passes_its_schema(path: Path) -> None:
    assert schema_errors(open_workspace(ROOT), path) == no_errors()


@pytest.mark.parametrize("path", shipped_files()[1:], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_names_the_schema_of_its_scheme(path: Path) -> None:
    ws = open_workspace(ROOT)
    home = path.relative_to(ws.data).parts[0]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    name = schema_name(ws, kind_of(ws, path), home)
    assert re.fullmatch(
        rf"# yaml-language-server: \$schema=(\.\./)+schema/{re.escape(name)}", first
    )
    assert (ROOT / "schema" / name).is_file()


def test_a_home_of_its_own_scheme_gets_its_levels(workspace: Workspace) -> None:
    france = workspace.root / "data/france/peru.yaml"
    for errors in schema_errors(workspace, france).values():
        assert errors == []
    levels = json_schema("relationship", workspace.scheme_of("france"), workspace.languages)[
        "$defs"
    ]["Classification"]
    assert levels["enum"] == ["NON PROTÉGÉ", "DIFFUSION RESTREINTE", "SECRET", "TRÈS SECRET"]
    # a Canadian level in a French file: check and the file's schema both refuse it
    path = mutated(workspace, "data/france/peru.yaml", ("classification",), "UNCLASSIFIED")
    assert [p.field for p in check(workspace, [path]).errors] == ["classification"]
    for errors in schema_errors(workspace, path).values():
        assert [list(e.absolute_path) for e in errors] == [["classification"]]


def test_what_new_and_init_write_passes_its_schema(
    brief: Brief, workspace: Workspace, tmp_path: Path
) -> None:
    new = brief("new", "canada/uruguay", "--workspace", workspace.root)
    init = brief("init", tmp_path / "fresh")
    assert new.exit_code == 0 and init.exit_code == 0, new.stderr + init.stderr
    written = [Path(line) for line in (new.stdout + init.stdout).split()]
    yaml_files = [p for p in written if p.suffix == ".yaml"]
    assert len(yaml_files) == 5  # relationship and profile, then settings and both again
    fresh = open_workspace(tmp_path / "fresh")
    for path in yaml_files:
        ws = fresh if path.is_relative_to(fresh.root) else workspace
        assert schema_errors(ws, path) == no_errors(), path


REMOVE = object()
"""A mutation that removes the key."""

RELATIONSHIP = "data/canada/peru.yaml"
PROFILE = "data/countries/peru.yaml"
REGIONS = "data/regions.yaml"
MEETING = "data/canada/meetings/2026-12-03-peru-fm.yaml"

# (file, where, new value): each is refused by check for a type, an enum or a pattern
REFUSED: dict[str, tuple[str, Loc, Any]] = {
    "unknown level": (RELATIONSHIP, ("classification",), "PROTECTED D"),
    "unknown item level": (RELATIONSHIP, ("talking_points", 0, "classification"), "RESTRICTED"),
    "unknown currency": (RELATIONSHIP, ("trade", "figures", 0, "currency"), "CAN"),
    "currency in lower case": (PROFILE, ("gdp", "currency"), "usd"),
    "amount in words": (RELATIONSHIP, ("trade", "figures", 1, "value"), "4.2 billion"),
    "amount as true": (PROFILE, ("population", "value"), True),
    "negative trade flow": (RELATIONSHIP, ("trade", "figures", 0, "value"), -5.0),
    "amount too large": (PROFILE, ("gdp", "value"), 1e30),
    "month 13": (RELATIONSHIP, ("as_of",), "2012-13"),
    "date as written in Canada": (RELATIONSHIP, ("visits", 0, "date"), "15/08/2012"),
    "range from a fiscal year to a year": (RELATIONSHIP, ("aid", "since"), "FY2011/2013"),
    "period open at its start": (RELATIONSHIP, ("aid", "since"), "../2013"),
    "set of months": (RELATIONSHIP, ("visits", 0, "date"), "[2015-05..2015-06]"),
    "set unquoted, read as a list": (
        RELATIONSHIP,
        ("visits", 0, "date"),
        ["2015-05-03..2015-05-04"],
    ),
    "fiscal year with a month": (PROFILE, ("as_of",), "FY2011-04"),
    "date in other digits": (MEETING, ("date",), "２０２６-１２-０３"),
    "year 0": (REGIONS, ("regions", 0, "as_of"), "0000"),
    "five-digit year": (RELATIONSHIP, ("as_of",), 20120),
    "slug with capitals": (RELATIONSHIP, ("sources", 0, "id"), "GAC-2012"),
    "slug with a space": (MEETING, ("topics", 0), "free trade"),
    "unknown language": (RELATIONSHIP, ("language",), "pt"),
    "prose in an unknown language": (RELATIONSHIP, ("summary", "text", 0, "de"), "Kanada"),
    "empty prose": (PROFILE, ("capital", "en"), " "),
    "unknown flow": (RELATIONSHIP, ("trade", "figures", 0, "flow"), "export"),
    "trade figure without a dimension": (
        RELATIONSHIP,
        ("trade", "figures", 0, "dimension"),
        REMOVE,
    ),
    "unknown dimension": (RELATIONSHIP, ("trade", "figures", 0, "dimension"), "merchandise"),
    "trade figure in percent": (RELATIONSHIP, ("trade", "figures", 0, "unit"), "percent"),
    "unknown qualifier": (RELATIONSHIP, ("trade", "figures", 0, "qualifier"), "almost"),
    "duration without a unit": (RELATIONSHIP, ("trade", "figures", 0, "duration"), "4"),
    "unknown direction": (RELATIONSHIP, ("visits", 0, "direction"), "inbound"),
    "unknown meeting format": (MEETING, ("format",), "lunch"),
    "unknown region kind": (REGIONS, ("regions", 0, "kind"), "bloc"),
    "iso2 in lower case": (PROFILE, ("iso2",), "pe"),
    "time without its zero": (MEETING, ("time",), "9:30"),
    "web address without a scheme": (PROFILE, ("sources", 0, "url"), "www.gob.pe"),
    "topics as one text": (RELATIONSHIP, ("talking_points", 0, "topics"), "trade"),
    "visits as a mapping": (RELATIONSHIP, ("visits",), {"date": "2012"}),
    "name as a number": (RELATIONSHIP, ("visits", 0, "who"), 42),
    "unknown key": (RELATIONSHIP, ("sumary",), "Warm ties."),
    "unknown key in a figure": (RELATIONSHIP, ("trade", "figures", 0, "curency"), "CAD"),
    "currency and unit": (PROFILE, ("gdp", "unit"), "people"),
    "participant with neither person nor role": (
        MEETING,
        ("participants", "ours", 0, "role"),
        REMOVE,
    ),
    "yes for true": (MEETING, ("example",), "yes"),
    "no sources": (RELATIONSHIP, ("sources",), []),
    "no objectives": (MEETING, ("objectives",), []),
    "partner missing": (RELATIONSHIP, ("partner",), REMOVE),
}

# Forms the models accept, written where the shipped files use others
ACCEPTED: dict[str, tuple[str, Loc, Any]] = {
    "year as a number": (RELATIONSHIP, ("as_of",), 2012),
    "fiscal year range": (RELATIONSHIP, ("aid", "since"), "FY2011/FY2012"),
    "day range": (RELATIONSHIP, ("visits", 0, "date"), "2024-02-28/2024-02-29"),
    "range of mixed precisions": (RELATIONSHIP, ("aid", "since"), "2010/2015-03-05"),
    "period still running": (RELATIONSHIP, ("aid", "since"), "2019-03/.."),
    "one day of several": (RELATIONSHIP, ("visits", 0, "date"), "[2015-05-03..2015-05-04]"),
    "summary as plain text": (RELATIONSHIP, ("summary",), "Warm ties."),
    "summary as prose": (RELATIONSHIP, ("summary",), {"en": "Warm ties.", "fr": "Liens."}),
    "summary as paragraphs": (
        RELATIONSHIP,
        ("summary",),
        ["One.", {"text": "Two.", "classification": "SECRET", "sources": ["gac-2012"]}],
    ),
    "summary text as plain text": (RELATIONSHIP, ("summary", "text"), "Warm ties."),
    "amount as a whole number": (RELATIONSHIP, ("trade", "figures", 0, "value"), 4453000000),
    "figure with a unit": (
        RELATIONSHIP,
        ("investment", "figures", 0),
        {"value": 5, "unit": "percent", "source": "gac-2012"},
    ),
    "every level": (RELATIONSHIP, ("talking_points", 0, "classification"), "TOP SECRET"),
    "trade figure as a range": (
        RELATIONSHIP,
        ("trade", "figures", 0),
        {"flow": "total", "dimension": "agrifood", "between": [2e6, 3e6], "currency": "CAD"}
        | {"duration": "4 years", "source": "gac-2012"},
    ),
    "incomplete figure": (
        RELATIONSHIP,
        ("investment", "figures", 0),
        {"incomplete": True, "as_printed": "US$ 30 mill", "source": "gac-2012"},
    ),
    "rank with a stated change": (
        RELATIONSHIP,
        ("investment", "figures", 0),
        {"value": 12, "unit": "rank", "label": "largest economy", "source": "gac-2012"}
        | {"change": {"factor": 2, "qualifier": "over", "since": 2010}},
    ),
    "participant by role": (MEETING, ("participants", "theirs", 0), {"role": "Minister"}),
}


def mutated(ws: Workspace, file: str, where: Loc, value: Any) -> Path:
    """`file` of the workspace with the value at `where` replaced, as a user would write it."""
    path = ws.root / file
    data = editor_yaml(path.read_text(encoding="utf-8"))
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    if value is REMOVE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = copy.deepcopy(value)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("file", "where", "value"), REFUSED.values(), ids=REFUSED.keys())
def test_what_check_refuses_the_schema_refuses(
    workspace: Workspace, file: str, where: Loc, value: Any
) -> None:
    path = mutated(workspace, file, where, value)
    problems = check(workspace, [path]).errors
    assert any(p.field and dotted(where).startswith(p.field) for p in problems), problems
    # the same place, or the mapping that holds it (an unknown or a missing key, two keys)
    for draft, errors in schema_errors(workspace, path).items():
        found = best_match(errors)
        assert found is not None, f"{draft} accepts it"
        assert tuple(found.absolute_path) in (where, where[:-1]), (draft, found)


@pytest.mark.parametrize(("file", "where", "value"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_what_check_accepts_the_schema_accepts(
    workspace: Workspace, file: str, where: Loc, value: Any
) -> None:
    path = mutated(workspace, file, where, value)
    assert check(workspace, [path]).errors == []
    assert schema_errors(workspace, path) == no_errors()


# brief.yaml is read when the workspace opens: a mistake there stops every command
SETTINGS_REFUSED: dict[str, tuple[Loc, Any]] = {
    "default level of another scheme": (("classification", "default"), "OFFICIAL"),
    "unknown scheme": (("classification", "scheme"), "nato"),
    "unknown format": (("formats", 1), "odt"),
    "threshold of 0 days": (("stale_after_days",), 0),
    "home that is not a slug": (("homes", "Canada"), {"author": "Global Affairs Canada"}),
    "fiscal year from month 13": (("homes", "canada", "fiscal_year_start"), 13),
    "no languages": (("languages",), []),
    "threshold as text": (("stale_after_days",), "365"),
    "threshold of a trillion days": (("stale_after_days",), 10**12),
    "a language twice": (("languages",), ["en", "fr", "en"]),
    "a format twice": (("formats",), ["pdf", "pdf"]),
    "portion marks as yes": (("classification", "portion_marks"), "yes"),
    "fiscal month as text": (("homes", "canada", "fiscal_year_start"), "4"),
}


def test_scheme_names_are_the_shipped_schemes() -> None:
    assert set(get_args(SchemeName)) == set(SCHEMES)


@pytest.mark.parametrize(("where", "value"), SETTINGS_REFUSED.values(), ids=SETTINGS_REFUSED.keys())
def test_settings_the_workspace_refuses_the_schema_refuses(
    workspace: Workspace, where: Loc, value: Any
) -> None:
    path = mutated(workspace, SETTINGS_FILE, where, value)
    with pytest.raises(InvalidInput) as refused:
        open_workspace(workspace.root)
    assert any(dotted(where).startswith(p.field) for p in refused.value.problems if p.field)
    for draft, errors in schema_errors(workspace, path).items():
        found = best_match(errors)
        assert found is not None, f"{draft} accepts it"
        assert tuple(found.absolute_path) in (where, where[:-1]), (draft, found)


def test_levels_are_those_of_the_workspace_scheme(brief: Brief, workspace: Workspace) -> None:
    mutated(workspace, SETTINGS_FILE, ("classification",), {"scheme": "uk", "default": "OFFICIAL"})
    ws = open_workspace(workspace.root)
    assert schema_errors(ws, ws.root / SETTINGS_FILE) == no_errors()
    printed = json.loads(brief("schema", "meeting", "--workspace", ws.root).stdout)
    levels = printed["$defs"]["Classification"]
    assert levels["enum"] == ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]
    meeting = ws.root / MEETING  # UNCLASSIFIED is a canada level, not a uk one
    assert [p.field for p in check(ws, [meeting]).errors] == ["classification"]
    for errors in schema_errors(ws, meeting).values():
        assert [list(e.absolute_path) for e in errors] == [["classification"]]


def test_schema_folder_is_what_brief_schema_writes(brief: Brief, workspace: Workspace) -> None:
    result = brief("schema", "--write", "--workspace", workspace.root)
    assert result.exit_code == 0, result.stderr
    written = {Path(line).name: Path(line) for line in result.stdout.split()}
    assert sorted(written) == sorted(p.name for p in (ROOT / "schema").iterdir())
    for name, path in written.items():
        shipped = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == shipped, (
            f"schema/{name} is stale: run brief schema --write"
        )
        if path.stem in SCHEMAS:  # a home's own scheme's: relationship.french.json
            printed = brief("schema", path.stem, "--workspace", workspace.root).stdout
            assert printed == shipped


def _date_schema() -> jsonschema.Draft202012Validator:
    ws = open_workspace(ROOT)
    schema = json_schema("relationship", ws.scheme, ws.languages)
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/DateText"})


DATE_SCHEMA = _date_schema()
# Dates built from the edges of each part, so that a pattern one digit off is caught
_YEARS = st.sampled_from(["0000", "0001", "0999", "1000", "2024", "9998", "9999", "999", "20120"])
_MONTHS = st.sampled_from(["00", "01", "02", "04", "12", "13", "1", "001"])
_DAYS = st.sampled_from(["00", "01", "28", "29", "30", "31", "32", "1"])
_POINTS = st.one_of(
    _YEARS,
    st.tuples(_YEARS, _MONTHS).map("-".join),
    st.tuples(_YEARS, _MONTHS, _DAYS).map("-".join),
    _YEARS.map("FY{}".format),
    st.tuples(_YEARS, _MONTHS).map(lambda parts: "FY" + "-".join(parts)),
)
_SPACE = st.sampled_from(["", " ", "\t", "\n"])
DATES = st.one_of(
    st.tuples(_SPACE, _POINTS, _SPACE).map("".join),
    st.tuples(_POINTS, _POINTS).map("/".join),
    st.tuples(_POINTS, st.sampled_from(["/..", "/.", "/...", "..", "/ .."])).map("".join),
    _POINTS.map("../{}".format),
    st.tuples(_POINTS, _POINTS).map("[{0[0]}..{0[1]}]".format),
    st.tuples(_POINTS, _POINTS).map("[{0[0]},{0[1]}]".format),
    st.text(max_size=12),
    st.integers(-10, 99999),
)
# What a pattern cannot know: day 29 to 31 of a shorter month, a range that ends first or
# within its start, a set whose last day is not after its first
CALENDAR = re.compile(
    r"has day (29|30|31), but that month has|ends before it starts|lies within its start"
    r"|a last day after its first"
)
DATE = TypeAdapter(DateText)


@settings(max_examples=1000)
@given(DATES)
def test_the_date_schema_accepts_what_the_model_reads(value: str | int) -> None:
    try:
        DATE.validate_python(value)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"]
        assert not DATE_SCHEMA.is_valid(value) or CALENDAR.search(reason), (value, reason)
    else:
        assert DATE_SCHEMA.is_valid(value), value


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every property of the schema and of its definitions, as (`Owner.name`, its schema)."""
    owners = [("", schema), *schema.get("$defs", {}).items()]
    return [
        (f"{owner}.{name}", prop)
        for owner, node in owners
        for name, prop in node.get("properties", {}).items()
    ]


def _branches(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """`node` and what it stands for: its definition, and the non-null choices of anyOf."""
    if "$ref" in node:
        node = {**schema["$defs"][node["$ref"].rsplit("/", 1)[1]], **node}
    choices = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
    return [node] + [d for b in choices for d in _branches(schema, b)]


@pytest.mark.parametrize("kind", DATA_KINDS)
def test_every_property_is_described_and_text_has_examples(kind: str) -> None:
    ws = open_workspace(ROOT)
    schema = json_schema(kind, ws.scheme, ws.languages)
    properties = _properties(schema)
    assert [name for name, prop in properties if "description" not in prop] == []
    # text and numbers (not choices from a list) show an example of what to write
    free = [
        (name, prop)
        for name, prop in properties
        if any(
            b.get("type") in ("string", "number", "integer") and "enum" not in b
            for b in _branches(schema, prop)
        )
    ]
    assert [
        n for n, prop in free if not any("examples" in b for b in _branches(schema, prop))
    ] == []
    for name, prop in properties:  # and every example is one the schema accepts
        for branch in _branches(schema, prop):
            alone = {"$defs": schema["$defs"], **{k: v for k, v in branch.items() if k != "$ref"}}
            for example in branch.get("examples", []):
                assert jsonschema.Draft202012Validator(alone).is_valid(example), (name, example)
