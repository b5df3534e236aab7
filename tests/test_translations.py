"""The translation workflow: the README's pybabel commands keep every translation of every
catalog, each catalog is complete, and a French Word brief holds no English word of the DOCX
writer's own."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from lxml import etree

from briefing.build import BuildOptions, build_brief
from briefing.languages import packaged_languages, translations
from briefing.workspace import Workspace

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src/briefing/locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/brief.po"))
LANGUAGES = [path.parts[-3] for path in CATALOGS]
# What gettext's Plural-Forms says of each shipped language (brief uses no plural forms yet,
# but a catalog that says something wrong would mislead the first that does).
PLURALS = {"fr": "nplurals=2; plural=(n > 1);", "es": "nplurals=2; plural=(n != 1);"}
# Labels the DOCX writer prints that its caller translates: the footer and contents heading.
PRINTED_FROM_META = ("Page {page} of {pages}", "Contents")
Key = tuple[str, str | None]  # (msgid, msgctxt)


def readme_commands() -> dict[str, list[str]]:
    """The pybabel commands of the README's Translations section, by subcommand."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Translations", 1)[1].split("\n## ", 1)[0]
    commands = {}
    for line in section.splitlines():
        if line.startswith((".venv/bin/pybabel ", "pybabel ")):
            words = shlex.split(line)
            commands[words[1]] = words[1:]
    return commands


def pybabel(args: list[str], replace: dict[str, str]) -> None:
    """Run pybabel from the repository root, with some arguments swapped for scratch paths."""
    argv = [sys.executable, "-m", "babel.messages.frontend", *(replace.get(a, a) for a in args)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def translated(catalog: Catalog) -> dict[Key, str]:
    return {(m.id, m.context): m.string for m in catalog if m.id and m.string}


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fresh template and a copy of the catalogs updated from it, as the README says."""
    scratch = tmp_path_factory.mktemp("locale")
    shutil.copytree(LOCALE, scratch / "locale")
    pot = scratch / "brief.pot"
    commands = readme_commands()
    assert set(commands) >= {"extract", "update", "init"}
    paths = {
        "src/briefing/locale/brief.pot": str(pot),
        "src/briefing/locale": str(scratch / "locale"),
    }
    pybabel(commands["extract"], paths)
    pybabel(commands["update"], paths)
    return pot, scratch / "locale"


def test_every_catalog_is_a_language_of_the_tool() -> None:
    assert LANGUAGES == ["es", "fr"]
    assert packaged_languages() == ("en", "es", "fr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_extract_and_update_keep_every_translation(updated: tuple[Path, Path], lang: str) -> None:
    relative = f"{lang}/LC_MESSAGES/brief.po"
    before, after = read(LOCALE / relative), read(updated[1] / relative)
    assert translated(after) == translated(before)
    assert {("{n} people", "in words"), ("{n} km²", "in words")} <= set(translated(after))
    assert ("UNCLASSIFIED", "classification") in translated(after)
    assert list(after.obsolete) == []
    assert [m.id for m in after if m.id and m.fuzzy] == []
    assert [m.id for m in after if m.id and not m.string] == []
    assert [(m.id, m.context) for m in after] == [(m.id, m.context) for m in read(updated[0])]


def test_the_committed_template_is_current(updated: tuple[Path, Path]) -> None:
    fresh, committed = read(updated[0]), read(LOCALE / "brief.pot")
    stale = "src/briefing/locale/brief.pot is stale: run the README's pybabel extract"
    assert [(m.id, m.context) for m in committed] == [(m.id, m.context) for m in fresh], stale


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_is_filled_in(lang: str) -> None:
    header = dict(read(LOCALE / f"{lang}/LC_MESSAGES/brief.po").mime_headers)
    assert header["Project-Id-Version"].startswith("brief ")
    assert header["Language"] == lang
    assert header["Plural-Forms"] == PLURALS[lang]
    assert header["Content-Type"] == "text/plain; charset=utf-8"
    placeholders = ("EMAIL@ADDRESS", "FULL NAME", "LANGUAGE", "YEAR-MO-DA", "PROJECT")
    assert [v for v in header.values() if any(p in v for p in placeholders)] == []


def test_a_new_language_starts_from_the_template(
    updated: tuple[Path, Path], tmp_path: Path
) -> None:
    pot = updated[0]
    paths = {"src/briefing/locale/brief.pot": str(pot), "src/briefing/locale": str(tmp_path)}
    pybabel(readme_commands()["init"], paths)
    new = read(tmp_path / "pt/LC_MESSAGES/brief.po")
    assert str(new.locale) == "pt"
    assert [(m.id, m.context) for m in new] == [(m.id, m.context) for m in read(pot)]
    assert [m.id for m in new if m.id and m.string] == []


def words(text: str) -> set[str]:
    """The words of a text or a msgid (without its {placeholders}), in lower case."""
    return set(re.findall(r"[^\W\d_]+", re.sub(r"\{\w*\}", " ", text).casefold()))


def writer_english_words() -> set[str]:
    """Words of the writer's labels that their French translations do not also use."""
    messages = list(PRINTED_FROM_META)
    for module in sorted((ROOT / "src/briefing/writers").glob("docx*.py")):
        messages += [message for _, message, _, _ in extract_from_file("python", module)]
    french = translations("fr")
    return set().union(*(words(m) - words(french.gettext(m)) for m in messages))


def shown_text(package: Path) -> str:
    """What Word shows of every XML part: text, picture names and alt texts; not field codes."""
    out: list[str] = []
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            for el in etree.fromstring(archive.read(name)).iter():
                if not isinstance(el.tag, str) or el.tag.endswith("}instrText"):
                    continue
                if el.tag.endswith("}p"):  # a paragraph's runs read as one line, as Word shows it
                    out.append("".join(t.text or "" for t in el.iter(f"{{{W}}}t")))
                elif not el.tag.endswith("}t"):
                    out.append(el.text or "")
                out += [el.get(a, "") for a in ("name", "descr", "title")]
    return "\n".join(out)


def test_the_french_docx_has_no_english_word_from_the_writer(workspace: Workspace) -> None:
    options = BuildOptions(langs=("fr",), formats=("docx",), today=date(2026, 11, 23))
    (path,) = build_brief(workspace, "canada/peru", options)
    english = writer_english_words()
    assert english >= {"right", "click", "contents", "generated", "picture", "of"}
    text = shown_text(path)
    data_urls = re.compile(r"https?://\S+")  # the sources' addresses, as their sites wrote them
    assert sorted(english & words(data_urls.sub(" ", text))) == []
    for french in (
        "Table des matières",
        "Produit par brief",
        "Image 1",
    ):
        assert french in text
