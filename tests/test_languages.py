"""Languages are data: a catalog and a locale make a language, with no change to the code.

A third language added to a scratch workspace by a catalog in its `locale/` and a few lines
of `brief.yaml` is validated, checked, scaffolded and built with its own labels. The Spanish
brief of the sample's Peru–Brazil relationship holds no English or French label, in the
HTML, the PDF or the DOCX, and no prose marked as untranslated: the relationship and both
profiles are written in Spanish too. A source written in another language (the French
slides) keeps its own title, marked with its language.
Each document's language tag (HTML lang, PDF /Lang, Word's proofing language) follows its
home's locale.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import Result
from lxml import etree
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.workspace import Workspace, open_workspace
from readers import W, docx_text, pdf_text

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src/briefing/locale"
TODAY = date(2026, 11, 23)
NBSP = "\u00a0"
Brief = Callable[..., Result]

# A few labels of a Portuguese catalog, as a ministry would add it to its own workspace.
PORTUGUESE = {
    ("Summary", None): "Resumo",
    ("Sources", None): "Fontes",
    ("Contents", None): "Sumário",
    ("Page {page} of {pages}", None): "Página {page} de {pages}",
    ("{partner}: country brief", None): "{partner}: nota informativa",
    ("UNCLASSIFIED", "classification"): "NÃO CLASSIFICADO",
    ("PROTECTED A", "classification"): "PROTEGIDO A",
    (
        "TODO two or three sentences on the state of the relationship.",
        None,
    ): "TODO duas ou três frases sobre o estado da relação.",
}


def portuguese_workspace(workspace: Workspace) -> Workspace:
    """The sample workspace with a Portuguese catalog of its own, and Canada's briefs in
    English and Portuguese (pt_BR): nothing else changes, and nothing in the package."""
    with (LOCALE / "brief.pot").open("rb") as handle:
        catalog = read_po(handle, locale="pt")
    for message in catalog:
        message.string = PORTUGUESE.get((message.id, message.context), "")
    po = workspace.root / "locale/pt/LC_MESSAGES/brief.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    settings = workspace.root / "brief.yaml"
    text = settings.read_text(encoding="utf-8").replace(
        "    fiscal_year_start: 4     # its languages and locales are the workspace's\n",
        "    fiscal_year_start: 4\n    languages: [en, pt]\n    locales: {pt: pt_BR}\n",
    )
    settings.write_text(text, encoding="utf-8")
    return open_workspace(workspace.root)


def test_a_catalog_in_the_workspace_adds_a_language(workspace: Workspace, brief: Brief) -> None:
    ws = portuguese_workspace(workspace)
    assert ws.languages == ("en", "es", "fr", "pt")
    assert ws.home_languages("canada") == ("en", "pt")
    assert ws.formatter("canada", "pt").when("2025-08-08") == "8 de agosto de 2025"
    (pdf, docx_path) = build_brief(ws, "canada/peru", BuildOptions(langs=("pt",), today=TODAY))
    text = pdf_text(pdf)
    for label in ("Resumo", "Fontes", "NÃO CLASSIFICADO", "Página 2 de"):
        assert label in text, label
    assert "[EN] Peru" in text  # the profile has no Portuguese name: marked, not hidden
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "pt-BR"
    assert proofing_languages(docx_path) == {"pt-BR"}
    assert "Sumário" in docx_text(docx_path)
    schema = brief("schema", "relationship", "--workspace", ws.root).stdout
    assert '"pt"' in schema


def test_the_new_language_keys_prose_and_check_asks_for_it(
    workspace: Workspace, brief: Brief
) -> None:
    peru = workspace.relationship_path("canada", "peru")
    text = peru.read_text(encoding="utf-8")
    assert "{en: cereals, fr: céréales}" in text
    peru.write_text(text.replace("{en: cereals, fr: céréales}", "{en: cereals, pt: cereais}"))
    refused = brief("check", peru, "--workspace", workspace.root)
    assert refused.exit_code == 1
    line = next(n for n, row in enumerate(peru.read_text().splitlines(), 1) if "pt: ce" in row)
    expected = (
        f"data/canada/peru.yaml:{line}:"
        r"\d+: trade\.main_exports\[0\]\.pt: 'pt' is not a language here \(expected one of: "
        r"en, es, fr; a language is a catalog locale/LANG/LC_MESSAGES/brief\.po\)"
    )
    assert re.search(expected, refused.stderr), refused.stderr
    assert (
        brief("build", "canada/peru", "--lang", "pt", "--workspace", workspace.root).exit_code == 2
    )
    portuguese_workspace(workspace)
    checked = brief("check", "--workspace", workspace.root)
    assert checked.exit_code == 0, checked.stderr
    assert "trade.main_exports[0]: no fr text" not in checked.stderr  # Canada builds en, pt
    assert "trade.main_exports[1]: no pt text" in checked.stderr
    assert "data/france/peru.yaml" not in "".join(
        line for line in checked.stderr.splitlines() if "no pt text" in line
    )


def test_new_writes_its_todos_in_the_homes_languages(workspace: Workspace, brief: Brief) -> None:
    portuguese_workspace(workspace)
    assert brief("new", "canada/uruguay", "--workspace", workspace.root).exit_code == 0
    written = (workspace.data / "canada/uruguay.yaml").read_text(encoding="utf-8")
    assert (
        '{en: "TODO two or three sentences on the state of the relationship.", '
        'pt: "TODO duas ou três frases sobre o estado da relação."}'
    ) in written
    profile = (workspace.data / "countries/uruguay.yaml").read_text(encoding="utf-8")
    # no Portuguese for this TODO in the catalog: the English msgid stands
    assert 'names: {en: "Uruguay", pt: "TODO the name of Uruguay in this language"}' in profile
    assert brief("new", "peru/chile", "--workspace", workspace.root).exit_code == 0
    chile = (workspace.data / "peru/chile.yaml").read_text(encoding="utf-8")
    assert '{es: "TODO dos o tres oraciones sobre el estado de la relación.", en: ' in chile


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "    languages: [es, pt]\n",
            r"peru\.languages\[1\]: 'pt' is not a language here \(expected one of: en, es, fr;",
        ),
        (
            "    locales: {es: en_US}\n",
            r"peru\.locales\.es: 'en_US' is a locale of en, not es \(expected a locale such "
            r"as es_ES\)",
        ),
        (
            "    locales: {pt: pt_BR}\n",
            r"peru\.locales\.pt: 'pt' is not a language here \(expected one of: en, es, fr;",
        ),
    ],
)
def test_a_homes_languages_and_locales_are_checked(
    workspace: Workspace, brief: Brief, settings: str, expected: str
) -> None:
    path = workspace.root / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [row for row in text.splitlines(keepends=True) if row.startswith("    languages: [es")]
    assert len(lines) == 1
    text = text.replace("    languages: [es, en]\n    locales: {es: es_PE, en: en_US}\n", settings)
    path.write_text(text, encoding="utf-8")
    result = brief("check", "--workspace", workspace.root)
    assert result.exit_code == 1
    line = text.splitlines().index(settings.rstrip("\n")) + 1
    assert re.match(rf"brief\.yaml:{line}:\d+: homes\.{expected}", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_each_home_has_its_locales(workspace: Workspace) -> None:
    day = "2025-08-08"
    assert workspace.formatter("canada", "en").when(day) == "August 8, 2025"
    assert workspace.formatter("japan", "en").when(day) == "August 8, 2025"
    assert workspace.formatter("france", "en").when(day) == "8 August 2025"
    assert workspace.formatter("france", "fr").tag() == "fr-FR"
    assert workspace.formatter("peru", "es").when(day) == "8 de agosto de 2025"
    assert workspace.formatter("peru", "es").when("2012-08") == "agosto de 2012"
    assert workspace.formatter("peru", "es").gettext("Page {page} of {pages}") == (
        "Página {page} de {pages}"
    )
    assert workspace.home_languages("peru") == ("es", "en")
    assert workspace.home_languages("france") == ("en", "fr")  # the workspace's


@pytest.mark.parametrize(
    ("target", "lang", "tag"), [("france/peru", "fr", "fr-FR"), ("peru/brazil", "es", "es-PE")]
)
def test_the_documents_language_is_the_homes_locale(
    workspace: Workspace, target: str, lang: str, tag: str
) -> None:
    options = BuildOptions(langs=(lang,), formats=("pdf", "docx", "html"), today=TODAY)
    pdf, docx_path, page = build_brief(workspace, target, options)
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == tag
    assert proofing_languages(docx_path) == {tag}
    assert f'<html lang="{tag}">' in page.read_text(encoding="utf-8")


# --- The Spanish brief holds no English or French label ---------------------------------


def _catalog(lang: str) -> dict[tuple[str, str | None], str]:
    with (LOCALE / lang / "LC_MESSAGES/brief.po").open("rb") as handle:
        return {(m.id, m.context): m.string for m in read_po(handle) if m.id}


def _fragments(message: str) -> list[str]:
    """The words of a label around its placeholders: "Page {page} of {pages}" has "Page"
    and "of"; punctuation and spaces at the edges are not part of them."""
    parts = re.split(r"\{\w*\}", message)
    return [p.strip(" :.,()*–\u00a0") for p in parts if re.search(r"\w", p)]


def foreign_labels() -> set[str]:
    """The English msgids and French translations, in fragments of three letters or more,
    but for those the Spanish translation of the same message has too (Total, Capital)."""
    french, spanish = _catalog("fr"), _catalog("es")
    return {
        fragment
        for key, fr in french.items()
        for fragment in _fragments(key[0]) + _fragments(fr)
        if len(re.sub(r"\W", "", fragment)) >= 3 and not re.search(_whole(fragment), spanish[key])
    }


def _whole(label: str) -> str:
    return rf"(?<!\w){re.escape(label)}(?!\w)"


def counts(text: str, labels: set[str]) -> Counter[str]:
    """How many times each label stands as whole words in `text` (spaces made plain)."""
    plain = " ".join(text.replace(NBSP, " ").split())
    plain = re.sub(r"https?://\S+", " ", plain)  # the sources' own addresses
    return Counter({label: len(re.findall(_whole(label), plain)) for label in labels})


UNTRANSLATED = re.compile(r'<span class="untranslated" lang="(\w+)">(.*?)</span>', re.S)


def html_text(markup: str) -> str:
    body = markup.split("<body", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.fixture(scope="module")
def spanish_brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from conftest import copy_workspace

    ws = copy_workspace(tmp_path_factory.mktemp("es"))
    options = BuildOptions(langs=("es",), formats=("html", "pdf", "docx"), today=TODAY)
    return {path.suffix[1:]: path for path in build_brief(ws, "peru/brazil", options)}


def test_foreign_labels_are_derived_from_the_catalogs() -> None:
    labels = foreign_labels()
    assert {"Summary", "Résumé", "Talking points", "Messages clés", "Page"} <= labels
    assert {"UNCLASSIFIED", "NON CLASSIFIÉ", "PROTECTED A", "Contents"} <= labels
    assert not {"Total", "Capital", "de km²", "CUI", "de", "of"} & labels


def test_the_spanish_html_has_no_foreign_label_and_no_untranslated_prose(
    spanish_brief: dict[str, Path],
) -> None:
    markup = spanish_brief["html"].read_text(encoding="utf-8")
    assert UNTRANSLATED.findall(markup) == []
    assert not re.search(r"\[(?:EN|FR)\]", html_text(markup))
    own = OWN_LANGUAGE.findall(markup)
    # French text, set in French: the typography pass reads its lang
    assert own == [("fr", f"La coopération transfrontalière au Pérou{NBSP}: une approche générale")]
    found = +counts(html_text(OWN_LANGUAGE.sub(" ", markup)), foreign_labels())
    assert found == Counter(), found
    for label in ("Resumen", "Fuentes", "NO CLASIFICADO", "ayuda memoria", "PBI", "Brasil"):
        assert label in html_text(markup), label


OWN_LANGUAGE = re.compile(r'<em lang="(\w+)">(.*?)</em>', re.S)  # a source's own title


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_spanish_pdf_and_docx_add_no_foreign_label(
    spanish_brief: dict[str, Path], fmt: str
) -> None:
    """What the PDF and the DOCX print beyond the HTML (banners, page numbers, contents,
    properties) is Spanish: no label appears but in the French source's own title."""
    markup = spanish_brief["html"].read_text(encoding="utf-8")
    labels = foreign_labels()
    allowed = counts(" ".join(html.unescape(t) for _, t in OWN_LANGUAGE.findall(markup)), labels)
    path = spanish_brief[fmt]
    text = pdf_text(path) if fmt == "pdf" else docx_text(path)
    assert not re.search(r"\[(?:EN|FR)\]", text)
    extra = counts(text, labels) - allowed
    assert extra == Counter(), extra
    furniture = (
        ("NO CLASIFICADO", "Página 2 de") if fmt == "pdf" else ("Índice", "NO CLASIFICADO")
    )  # Peru sets no emblem
    for label in furniture:
        assert label in text, label


# --- Reading a DOCX as Word shows it -----------------------------------------------------


def proofing_languages(path: Path) -> set[str]:
    """Every language a DOCX names: its styles' proofing language and its core property."""
    with zipfile.ZipFile(path) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        core = archive.read("docProps/core.xml").decode()
    named = {el.get(f"{W}val") for el in styles.iter(f"{W}lang")}
    return named | set(re.findall(r"<dc:language>([^<]*)</dc:language>", core))


# --- A source in a language of its own keeps its title ----------------------------------

CRONISTA = "El Congreso de Perú eligió a José María Balcázar como nuevo presidente"


def test_a_source_in_spanish_keeps_its_title_in_the_french_brief(workspace: Workspace) -> None:
    """The Peru profile's El Cronista article (`language: es`) is cited by its own title,
    marked as Spanish, so that the French typography pass leaves its colon alone."""
    options = BuildOptions(langs=("fr", "en"), formats=("html",), today=TODAY)
    french, english = build_brief(workspace, "canada/peru", options)
    for page in (french, english):
        markup = page.read_text(encoding="utf-8")
        title = f'<em lang="es">{CRONISTA}: es el octavo en diez años</em>'
        assert title in markup, page.name  # its colon as Spanish writes it, no NBSP before
    assert "[article en espagnol]" not in french.read_text(encoding="utf-8")


def test_check_asks_no_translation_of_a_title_in_its_own_language(
    workspace: Workspace, brief: Brief
) -> None:
    checked = brief("check", "--workspace", workspace.root)
    assert checked.exit_code == 0, checked.stderr
    files = ("data/peru/brazil.yaml", "data/countries/peru.yaml", "data/countries/brazil.yaml")
    untranslated = [line for line in checked.stderr.splitlines() if " text (a build" in line]
    assert [line for line in untranslated if line.startswith((*files, "data/regions"))] == []
    # the same title without its language is prose to translate: check asks for it
    profile = workspace.profile_path("peru")
    text = profile.read_text(encoding="utf-8")
    assert text.count("    language: es\n") == 3
    profile.write_text(text.replace("    language: es\n", "", 1), encoding="utf-8")
    asked = brief("check", profile, "--workspace", workspace.root).stderr
    assert re.search(r"peru\.yaml:\d+:\d+: warning: sources\[2\]\.title: no en or fr text", asked)


def test_a_sources_language_must_be_one_its_title_is_in(workspace: Workspace, brief: Brief) -> None:
    profile = workspace.profile_path("peru")
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("    language: es\n", "    language: fr\n", 1))
    refused = brief("check", profile, "--workspace", workspace.root)
    assert refused.exit_code == 1
    assert re.search(
        r"data/countries/peru\.yaml:\d+:\d+: sources\[2\]: language: fr but the title has no "
        r"fr text \(expected the title as the document gives it, under fr:\)",
        refused.stderr,
    ), refused.stderr
