"""The YAML loader: values, positions, and located refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import InvalidInput
from briefing.load import MAX_BYTES, load_document


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "f.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(InvalidInput) as info:
        load_document(path, "f.yaml")
    return str(info.value)


def test_values_and_positions(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a: 4.2e9\nb:\n  - 2012-08-15\n  - {c: no, d: '7'}\n"))
    assert doc.data == {"a": 4.2e9, "b": ["2012-08-15", {"c": "no", "d": "7"}]}
    assert doc.locate(("a",)) == (1, 4)
    assert doc.locate(("b", 1, "d")) == (4, 16)
    assert doc.locate(("b", 1, "d"), key=True) == (4, 13)
    assert doc.locate(("b", 7, "zzz")) == (3, 3)  # falls back to the nearest ancestor


def test_numbers_in_yaml12_form_are_numbers_but_quoted_ones_stay_text(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a: 522e6\nb: '522e6'\nc: 1_000\nd: 2012\n"))
    assert doc.data == {"a": 522e6, "b": "522e6", "c": 1000, "d": 2012}


def test_bom_is_accepted(tmp_path: Path) -> None:
    assert load_document(write(tmp_path, b"\xef\xbb\xbfa: 1\n")).data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", "f.yaml:2:1: a: duplicate key 'a' (first given at line 1)"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: a tab character cannot indent YAML"),
        ("a: 'open\n", "f.yaml:1:4: not valid YAML: this quote is never closed"),
        ("a: 1\n b: 2\n", "f.yaml:2:3: not valid YAML"),
        ("a: !!python/object/apply:os.system [ls]\n", "f.yaml:1:4: a: tag"),
        ("a: !custom x\n", "f.yaml:1:4: a: tag !custom is not allowed"),
        ("", "f.yaml:1:1: file is empty"),
        ("# only a comment\n", "f.yaml:1:1: file is empty"),
    ],
)
def test_refusals_are_located(tmp_path: Path, text: str, expected: str) -> None:
    assert refusal(write(tmp_path, text)).startswith(expected)


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    assert (
        refusal(write(tmp_path, b"a: 1\nb: caf\xe9\n"))
        == "f.yaml:2:7: byte 0xe9 is not UTF-8 (save the file as UTF-8)"
    )


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    assert "more than 100,000 values once aliases are expanded" in refusal(
        write(tmp_path, "\n".join(lines) + "\n")
    )


def test_huge_file_and_directory_are_refused(tmp_path: Path) -> None:
    big = write(tmp_path, "a: " + "x" * (MAX_BYTES + 1) + "\n")
    assert "bytes (expected at most" in refusal(big)
    folder = tmp_path / "d.yaml"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="is a directory"):
        load_document(folder)


def test_yaml_1_1_oddities_are_text_or_numbers(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a: =\nb: <<\nc: 12:30\nd: 190:20:30.15\ne: .inf\n"))
    assert doc.data == {"a": "=", "b": "<<", "c": "12:30", "d": "190:20:30.15", "e": float("inf")}


def test_aliases_are_copies_and_counted(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a: &x {k: [1]}\nb: *x\n"))
    assert doc.data == {"a": {"k": [1]}, "b": {"k": [1]}}
    assert doc.data["a"] is not doc.data["b"]
    assert doc.locate(("b", "k")) == (2, 4)  # inside an alias: where the alias is
