"""The French of every sample brief, read as a French reader would (issue 16, "Must show").

Every sample country brief, both sample meetings and the ASEAN pack are built in French;
their text (the HTML of all, the PDF and DOCX of some) must hold none of the faults that a
native reader found in the words the templates add: « 1 » for the first of a month, a colon
without a no-break space, « à jour au » before a month or a year, 11:45 for a time,
« signé » after a feminine or plural name, straight and typographic apostrophes mixed,
English month names or labels. Text marked as in another language (a Spanish source
title) keeps its own rules and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import lxml.html
import pytest
from babel.messages.pofile import read_po

from briefing.build import BuildOptions, build_brief
from briefing.meetings import build_meeting
from briefing.packs import build_pack
from conftest import ROOT, copy_workspace
from readers import docx_text, pdf_text

TODAY = date(2026, 12, 1)  # the first of a month: the cover's date is « 1er décembre 2026 »
HTML = BuildOptions(langs=("fr",), formats=("html",), today=TODAY)
PRINTED = BuildOptions(langs=("fr",), formats=("pdf", "docx"), today=TODAY)
PACK = BuildOptions(langs=("fr",), formats=("pdf",), today=TODAY)
MEETING = "data/japan/meetings/2025-08-08-peru-president.yaml"  # the one with a time
BRIEFS = sorted(
    f"{path.parent.name}/{path.stem}"
    for path in (ROOT / "data").glob("*/*.yaml")
    if path.parent.name != "countries"
)
MEETINGS = sorted(p.relative_to(ROOT) for p in (ROOT / "data").glob("*/meetings/*.yaml"))
PRINTED_BRIEFS = ("canada/peru", "france/peru")  # and the Japan meeting and the pack, below

SPACES = " \u00a0\u202f"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
EN_MONTHS = "January|February|March|April|June|July|August|September|October|November|December"
# an address, also as a PDF breaks it across lines, anywhere in it ("htt ps:// www")
URL = re.compile(r"(?:h\s?t\s?t\s?p\s?(?:s\s?)?:\s*//\s*|www\.)\S+")
BLOCKS = ("p", "li", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "caption", "div")
FEMININE = {"Déclaration", "Convention", "Entente", "Charte", "Feuille", "Lettre", "Note"}


def _html_text(html: str) -> tuple[str, list[str]]:
    """The French text of a page's body, and the texts marked as in another language."""
    root = lxml.html.document_fromstring(html)
    for el in root.iter(*BLOCKS):
        el.tail = "\n" + (el.tail or "")
    for cite in root.xpath("//sup[@class='cite']"):
        cite.drop_tree()  # citation numbers: "…l’ANASE.1" is no « 1 octobre »
    foreign = []
    # text marked as in another language, and the names of cited works and of their
    # publishers ("Vietnam Investment Review"), which keep their own
    for source in root.xpath("//ol[@class='sources']/li"):
        foreign.append(_spaced(source.text or ""))
        source.text = ""
    others = "//body//*[@lang and not(starts-with(@lang, 'fr'))] | //ol[@class='sources']//em"
    for el in root.xpath(others):
        foreign.append(_spaced(el.text_content()))
        el.drop_tree()
    body = root.find("body")
    assert body is not None
    return body.text_content(), foreign


def _spaced(text: str) -> str:
    """Line breaks and runs of ordinary spaces as one space, no-break spaces kept, and
    nothing after a hyphen or a slash, where a PDF breaks a line inside a word or a URL."""
    return re.sub(r"(?<=[-/])\s+", "", re.sub(r"[ \t\n]+", " ", text)).strip()


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each French output's text, by file name, without the text in other languages."""
    ws = copy_workspace(tmp_path_factory.mktemp("french"))
    pages = [p for target in BRIEFS for p in build_brief(ws, target, HTML)]
    pages += [p for meeting in MEETINGS for p in build_meeting(ws, ws.root / meeting, HTML)]
    foreign: list[str] = []
    out = {}
    for page in pages:
        name = page.relative_to(ws.root / "briefs").as_posix()
        out[name], marked = _html_text(page.read_text(encoding="utf-8"))
        foreign += marked
    printed = [p for target in PRINTED_BRIEFS for p in build_brief(ws, target, PRINTED)]
    printed += build_meeting(ws, ws.root / MEETING, PRINTED)
    printed += build_pack(ws, "asean", "canada", PACK, jobs=2)
    for path in printed:
        text = _spaced(pdf_text(path) if path.suffix == ".pdf" else docx_text(path))
        for other in sorted(set(foreign) - {""}, key=len, reverse=True):
            text = text.replace(other, " ")
        out[path.relative_to(ws.root / "briefs").as_posix()] = text
    return out


def _found(texts: dict[str, str], find: Callable[[str], list[re.Match[str]]]) -> list[str]:
    """Every finding as `file: …excerpt…`, to read in a failure."""
    found = []
    for name, text in texts.items():
        text = URL.sub(" ", text)
        found += [f"{name}: …{text[max(0, m.start() - 40) : m.end() + 20]}…" for m in find(text)]
    return found


def _all(pattern: str) -> Callable[[str], list[re.Match[str]]]:
    return lambda text: list(re.finditer(pattern, text))


def test_the_briefs_are_all_built(texts: dict[str, str]) -> None:
    assert len(BRIEFS) >= 12 and len(MEETINGS) == 2
    assert len(texts) == len(BRIEFS) + len(MEETINGS) + 2 * len(PRINTED_BRIEFS) + 2 + 1
    assert all("Date" in text for text in texts.values())


def test_the_first_of_a_month_is_1er(texts: dict[str, str]) -> None:
    assert _found(texts, _all(rf"(?<![\d,.])\b1[{SPACES}]+(?:{MONTHS})\b")) == []
    covers = [text for name, text in texts.items() if "/meetings/" not in name]
    assert all(
        "1er\u00a0décembre 2026" in text for text in covers
    )  # on one line  # the date they are built on


def test_a_colon_has_a_no_break_space_before_it(texts: dict[str, str]) -> None:
    """Times (11:45, which another test refuses) and addresses aside."""
    assert _found(texts, _all(r"(?<![\u00a0\u202f\d]):|(?<=\d):(?!\d)")) == []


def test_a_jour_au_only_before_a_day(texts: dict[str, str]) -> None:
    assert _found(texts, _all(rf"à jour au[{SPACES}]+(?:(?:{MONTHS})\b|\d{{4}})")) == []


def test_no_time_is_written_with_a_colon(texts: dict[str, str]) -> None:
    assert _found(texts, _all(r"(?<![\d:/.])\b\d{1,2}:\d{2}\b(?!:)")) == []
    meeting = texts["japan/meetings/2025-08-08-peru-president.fr.html"]
    assert "8\u00a0août 2025" in meeting and "11\u00a0h\u00a045, heure locale" in meeting


def _signed_after_feminine_or_plural(text: str) -> list[re.Match[str]]:
    """« Name : signé », where the name's first word is feminine or plural."""
    found = []
    for m in re.finditer(r"(?m)(?:^|[.;:]\s)([^.;:\n]+?)[\s\u00a0]*:\s*signé\b", text):
        head = m.group(1).split()[0]
        if head in FEMININE or head.endswith(("s", "x")):
            found.append(m)
    feminine = "|".join(FEMININE)
    return found + list(re.finditer(rf"\b(?:{feminine})\b[^.;:\n]{{0,120}}\bsigné\b", text))


def test_signe_agrees_with_its_name(texts: dict[str, str]) -> None:
    assert _found(texts, _signed_after_feminine_or_plural) == []
    # the check reads the fault the templates used to make
    fault = "Déclaration commune sur le partenariat : signé en 2009."
    assert _signed_after_feminine_or_plural(fault)


def test_apostrophes_are_all_typographic(texts: dict[str, str]) -> None:
    mixed = [name for name, text in texts.items() if "'" in text and "’" in text]
    assert mixed == []
    assert all("’" in text for text in texts.values())


def test_no_english_month_names(texts: dict[str, str]) -> None:
    assert _found(texts, _all(rf"\b(?:{EN_MONTHS})\b")) == []


def _english_labels() -> list[str]:
    """The words of each catalog msgid whose French differs, between its placeholders."""
    po = ROOT / "src/briefing/locale/fr/LC_MESSAGES/brief.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    labels = set()
    for message in catalog:
        if message.id and message.string and message.id != message.string:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            for chunk in re.split(r"\{[^}]*\}", msgid):
                words = chunk.strip(" :.,;()*–-")
                french = words.lower() in message.string.lower()  # "Page", "relations"
                if len(words) >= 4 and re.search("[A-Za-z]", words) and not french:
                    labels.add(words)
    return sorted(labels)


def test_no_english_labels(texts: dict[str, str]) -> None:
    labels = _english_labels()
    assert {"Balance", "Press line", "meeting brief", "Their side"} <= set(labels)
    pattern = "|".join(re.escape(label) for label in labels)
    assert _found(texts, _all(rf"(?<!\w)(?:{pattern})(?!\w)")) == []
