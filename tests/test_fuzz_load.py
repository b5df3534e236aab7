"""Fuzzing the loader: any bytes give data or located problems, never another exception.

Hypothesis feeds `read_data` (load, validate and the file's own checks, as `brief check`
and every build do) with arbitrary bytes, arbitrary text, YAML-ish token soup, random
structures dumped as YAML, and the sample relationship with random damage. Each either
passes or raises `InvalidInput` whose problems are one printable line each, located inside
the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.check import read_data
from briefing.errors import InvalidInput
from briefing.workspace import Workspace, open_workspace

REPOSITORY = Path(__file__).resolve().parents[1]
SAMPLE = (REPOSITORY / "data/canada/peru.yaml").read_text(encoding="utf-8")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A scratch copy of the sample data, whose canada/peru each example overwrites."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copy(REPOSITORY / "brief.yaml", root)
    shutil.copytree(REPOSITORY / "data", root / "data")
    return open_workspace(root)


def read(ws: Workspace, content: bytes) -> None:
    """Read `content` as canada/peru: a result, or located problems and nothing else."""
    target = ws.relationship_path("canada", "peru")
    target.write_bytes(content)
    lines = len(content.decode("utf-8", "replace").splitlines()) + 1
    try:
        read_data(ws, target)
    except InvalidInput as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "data/canada/peru.yaml"
            assert 1 <= problem.line <= lines and problem.column >= 1, problem
            assert len(str(problem).splitlines()) == 1, str(problem)


TOKENS = [
    "home: ", "partner: ", "summary: ", "text: ", "sources: ", "classification: ",
    "visits:", "talking_points:", "figures:", "value: ", "currency: ", "- ", "  ", "    ",
    "\n", "\t", ":", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "!!python/object ",
    "!x ", "? ", "<<: ", "|", ">", "#", "---", "...", "%YAML 1.1", "\\x07", "\\", "\ufeff",
    "4.2 billion", "4.2e9", ".inf", ".nan", "1e400", "2012-02-30", "FY2011", "12:30",
    "yes", "~", "null", "PROTECTED D", "SECRET", "<script>", "{{ 7*7 }}", "é", "\x85",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(TOKENS),
)
FIELDS = [
    "home", "partner", "language", "as_of", "classification", "sources", "summary", "text",
    "trade", "figures", "value", "currency", "visits", "people", "id", "en", "fr",
    "talking_points", "if_asked", "question", "answer", "source", "year", "flow",
]  # fmt: skip
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=8))
edit = st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, 40), st.sampled_from(TOKENS))
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=30,
)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(ws: Workspace, content: bytes) -> None:
    read(ws, content)


@FUZZ
@given(st.text(max_size=500))
def test_arbitrary_text(ws: Workspace, text: str) -> None:
    read(ws, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_yaml_token_soup(ws: Workspace, tokens: list[str]) -> None:
    read(ws, "".join(tokens).encode("utf-8"))


@FUZZ
@given(structures)
def test_random_structures(ws: Workspace, data: Any) -> None:
    read(ws, yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(edit, min_size=1, max_size=4))
def test_damaged_sample(ws: Workspace, edits: list[tuple[int, int, str]]) -> None:
    text = SAMPLE
    for at, cut, token in edits:
        at = min(at, len(text))
        text = text[:at] + token + text[at + cut :]
    read(ws, text.encode("utf-8"))
