"""Each country is named one way in each language (issue 16).

A native reader found « Birmanie » in one place and « Myanmar » in another, "Vietnam" and
"Viet Nam" in the same brief, pycountry's inverted « Lao, République démocratique
populaire » and « Timor Leste » without its hyphen. Every sample brief and meeting brief,
and the front pages of the ASEAN pack (its page of members without data), are built in
English and in French; across all of them, each country has one name per language. The
sources' titles and publishers are the documents' own names ("Viet Nam News") and are
left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.check import read_data
from briefing.meetings import build_meeting
from briefing.packs import build_pack
from briefing.profile_model import Regions
from briefing.resolve import place_name
from briefing.workspace import Workspace
from conftest import ROOT, copy_workspace

TODAY = date(2026, 12, 1)
LANGS = ("en", "fr")
BRIEFS = sorted(
    f"{path.parent.name}/{path.stem}"
    for path in (ROOT / "data").glob("*/*.yaml")
    if path.parent.name != "countries"
)
MEETINGS = sorted(p.relative_to(ROOT) for p in (ROOT / "data").glob("*/meetings/*.yaml"))
# The forms a country goes by, in English and French: a brief may use only one of them.
FORMS = {
    "Vietnam": ("Vietnam", "Viet Nam", "Viêt Nam", "Viêt-nam"),
    "Myanmar": ("Myanmar", "Birmanie", "Burma"),
    "Laos": (
        "Laos",
        "Lao PDR",
        "RDP lao",
        "Lao People's Democratic Republic",
        "République démocratique populaire lao",
        "Lao, République démocratique populaire",
    ),
    "Timor-Leste": ("Timor-Leste", "Timor Leste", "East Timor", "Timor oriental"),
    "Brunei": ("Brunei Darussalam", "Brunéi Darussalam", "Brunei", "Brunéi"),
}


def forms_named(text: str) -> dict[str, set[str]]:
    """The forms of each country in `text`, a longer form read before a shorter one."""
    text = " ".join(text.replace("\u2019", "'").split())
    found: dict[str, set[str]] = defaultdict(set)
    for country, forms in FORMS.items():
        ordered = sorted(forms, key=len, reverse=True)
        pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)"
        found[country] |= set(re.findall(pattern, text))
    return found


def page_text(path: Path) -> str:
    """A page's body text, without its list of sources (the documents' own names)."""
    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    for sources in root.xpath("//ol[@class='sources']"):
        sources.drop_tree()
    body = root.find("body")
    assert body is not None
    return str(body.text_content())


def front_pages(pack: Path) -> str:
    """The pack's pages before its first chapter: cover, contents, members without data."""
    reader = PdfReader(pack)
    chapters = [
        reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)  # a chapter's own sections
    ]
    first = chapters[2]  # after the contents and the members without a brief
    return "\n".join(page.extract_text() for page in reader.pages[:first])


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Every English and French output's text, by language, then by file name."""
    ws = copy_workspace(tmp_path_factory.mktemp("names"))
    html = BuildOptions(langs=LANGS, formats=("html",), today=TODAY)
    pages = [p for target in BRIEFS for p in build_brief(ws, target, html)]
    pages += [p for meeting in MEETINGS for p in build_meeting(ws, ws.root / meeting, html)]
    out: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for page in pages:
        out[page.suffixes[-2][1:]][page.relative_to(ws.root).as_posix()] = page_text(page)
    pdf = BuildOptions(langs=LANGS, formats=("pdf",), today=TODAY)
    for pack in build_pack(ws, "asean", "canada", pdf, jobs=2):
        if "/packs/" in pack.as_posix():
            out[pack.suffixes[-2][1:]][f"pack {pack.name}"] = front_pages(pack)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_each_country_has_one_name_in_each_language(
    texts: dict[str, dict[str, str]], lang: str
) -> None:
    assert len(texts[lang]) == len(BRIEFS) + len(MEETINGS) + 1
    named: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, text in texts[lang].items():
        for country, forms in forms_named(text).items():
            for form in forms:
                named[country][form].append(name)
    several = {country: dict(forms) for country, forms in named.items() if len(forms) > 1}
    assert several == {}
    assert set(named) == set(FORMS)  # every one of them is named somewhere


def test_the_members_without_data_are_named_as_the_data_names_them(
    texts: dict[str, dict[str, str]],
) -> None:
    fr = texts["fr"]["pack asean.fr.pdf"]
    for name in ("Myanmar", "République démocratique populaire lao", "Timor-Leste"):
        assert name in fr, name
    assert "Lao PDR" in texts["en"]["pack asean.en.pdf"]


def test_every_member_of_every_region_is_named_by_the_data(workspace: Workspace) -> None:
    """A member with no profile is named from data/regions.yaml in every language, never
    by pycountry's catalogue forms ("Bolivie, État plurinational de")."""
    _, regions, _ = read_data(workspace, workspace.regions_path)
    assert isinstance(regions, Regions)
    listed = {entry.id: entry.names for entry in regions.names}
    for member in {m for region in regions.regions for m in region.member_ids}:
        if workspace.profile_path(member).is_file():
            assert member not in listed, f"{member} is named by its profile"
            continue
        for lang in workspace.languages:
            resolver = workspace.resolver("canada", "UNCLASSIFIED", lang)
            assert place_name(workspace, member, resolver) == listed[member][lang]
