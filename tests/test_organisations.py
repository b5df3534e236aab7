"""Organisations: `brief new` takes what data/regions.yaml knows of one, its brief is titled
as an organisation's and lists its member states, within the build's level, and `brief
check` warns where its profile and regions.yaml come to differ."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import Result
from pypdf import PdfReader

from briefing.build import BuildOptions, build_brief
from briefing.check import check
from briefing.packs import build_pack, sort_key
from briefing.workspace import Workspace, open_workspace
from conftest import PAIR_REGION
from readers import banners, pdf_text

Brief = Callable[..., Result]
TODAY = date(2026, 11, 23)
NBSP = "\u00a0"
TITLES = {  # the title as typeset: French puts a no-break space before its colon
    "en": "{name}: organisation brief",
    "fr": f"{{name}}{NBSP}: note sur l’organisation",
    "es": "{name}: ayuda memoria sobre la organización",
}
HEADINGS = {"en": "Member states", "fr": "États membres", "es": "Estados miembros"}
NEXT = {"en": "Key figures", "fr": "Chiffres clés"}  # the section after it in the brief
ASEAN = {
    "en": [
        "Brunei Darussalam",
        "Cambodia",
        "Indonesia",
        "Lao PDR",
        "Malaysia",
        "Myanmar",
        "Philippines",
        "Singapore",
        "Thailand",
        "Timor-Leste",
        "Vietnam",
    ],
    "fr": [
        "Brunéi Darussalam",
        "Cambodge",
        "Indonésie",
        "Malaisie",
        "Myanmar",
        "Philippines",
        "République démocratique populaire lao",
        "Singapour",
        "Thaïlande",
        "Timor-Leste",
        "Vietnam",
    ],
}
"""The members as data/regions.yaml and the profiles name them, in the order of a reader."""


def regions(ws: Workspace) -> Any:
    return yaml.safe_load(ws.regions_path.read_text(encoding="utf-8"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def flat(text: str) -> str:
    """Text with every run of white space as one space, and a word broken at its hyphen
    joined again: a title as it wraps on the cover ("Sud-" / "Est")."""
    return " ".join(text.replace("-\n", "-").split())


@pytest.mark.parametrize("partner", ["pacific-alliance", "asean"])
def test_new_takes_an_organisation_from_the_regions_file(
    brief: Brief, workspace: Workspace, partner: str
) -> None:
    for path in (workspace.relationship_path("canada", partner), workspace.profile_path(partner)):
        path.unlink(missing_ok=True)  # the sample has ASEAN's: start it anew
    result = brief("new", f"canada/{partner}", "--workspace", workspace.root)
    assert result.exit_code == 0, result.stderr
    written = [Path(line) for line in result.stdout.split()]
    assert written == [
        workspace.relationship_path("canada", partner),
        workspace.profile_path(partner),
    ]
    text = workspace.profile_path(partner).read_text(encoding="utf-8")
    profile = yaml.safe_load(text)
    [entry] = [r for r in regions(workspace)["regions"] if r["id"] == partner]
    assert profile["kind"] == "organisation"
    assert profile["names"] == entry["names"] and set(profile["names"]) == {"en", "fr", "es"}
    assert profile["members"] == entry["members"]
    assert "TODO nom" not in text and "TODO" not in str(profile["names"])
    report = check(open_workspace(workspace.root), written)
    assert report.errors == [], report.errors
    assert [
        p.field for p in report.warnings if p.field.startswith(("kind", "names", "members"))
    ] == []


def test_new_refuses_a_region_which_is_no_partner(brief: Brief, workspace: Workspace) -> None:
    result = brief("new", "canada/south-america", "--workspace", workspace.root)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "brief: 'south-america' is a region in data/regions.yaml, not a partner (expected a "
        "country or an organisation: brief pack south-america builds the briefs of its members)"
    )
    assert not workspace.profile_path("south-america").exists()
    assert not workspace.relationship_path("canada", "south-america").exists()


def test_the_asean_brief_is_an_organisation_brief_that_lists_its_members(
    workspace: Workspace,
) -> None:
    options = BuildOptions(langs=("en", "fr"), formats=("pdf", "docx", "html"), today=TODAY)
    build_brief(workspace, "canada/asean", options)
    out = workspace.root / "briefs" / "canada"
    names = regions(workspace)["regions"][0]["names"]
    for lang in ("en", "fr"):
        title = TITLES[lang].format(name=names[lang].replace("'", "’"))
        reader = PdfReader(out / f"asean.{lang}.pdf")
        assert reader.metadata is not None and reader.metadata.title == title
        text = pdf_text(out / f"asean.{lang}.pdf")
        assert flat(title) in flat(text) and "country brief" not in text
        assert "note d’information" not in text.split(HEADINGS[lang])[0]  # on the cover
        listed = flat(text.split(HEADINGS[lang], 1)[1].split(NEXT[lang])[0])  # in columns
        places = [listed.find(member) for member in ASEAN[lang]]
        assert -1 not in places and places == sorted(places), places
        document = docx.Document(str(out / f"asean.{lang}.docx"))
        assert document.core_properties.title == title
        paragraphs = [p.text for p in document.paragraphs]
        start = paragraphs.index(HEADINGS[lang]) + 2  # past the heading and the date
        assert paragraphs[start : start + len(ASEAN[lang])] == ASEAN[lang]
        html = (out / f"asean.{lang}.html").read_text(encoding="utf-8")
        assert f"<title>{title}</title>" in html
    assert ASEAN["fr"] == sorted(ASEAN["fr"], key=sort_key)  # as a reader looks them up


def test_the_spanish_title_and_heading(workspace: Workspace) -> None:
    options = BuildOptions(langs=("es",), formats=("html",), today=TODAY)
    [path] = build_brief(workspace, "canada/asean", options)
    html = path.read_text(encoding="utf-8")
    # the profile has no Spanish name: it falls back, marked, to the English one
    assert f"{TITLES['es'].format(name='')}</title>" in html
    assert f"<h2>{HEADINGS['es']}</h2>" in html and "<li>Camboya</li>" in html


SECRET_MEMBER = "{id: kestrel, classification: SECRET}"
KESTREL = "  - {id: kestrel, names: {en: Kestrel Isles, fr: Îles Kestrel}, sources: [vns-2025]}\n"


@pytest.fixture
def secret_member(workspace: Workspace) -> Workspace:
    """ASEAN with one more member, SECRET, named in regions.yaml."""
    edit(
        workspace.regions_path,
        "thailand, timor-leste, vietnam]",
        f"thailand, timor-leste, vietnam, {SECRET_MEMBER}]",
    )
    edit(workspace.regions_path, "\nnames:\n", f"\nnames:\n{KESTREL}")
    return open_workspace(workspace.root)


def test_a_secret_member_does_not_reach_an_unclassified_brief(secret_member: Workspace) -> None:
    for level, shown in (("UNCLASSIFIED", False), ("SECRET", True)):
        options = BuildOptions(langs=("en",), formats=("pdf",), level=level, today=TODAY)
        [path] = build_brief(secret_member, "canada/asean", options)
        text = pdf_text(path)
        assert ("Kestrel" in text) is shown, level
        assert {banners(page)[0] for page in PdfReader(path).pages} == {level}
        assert "Member states" in text and "Timor-Leste" in text


def test_a_secret_member_does_not_reach_an_unclassified_pack(workspace: Workspace) -> None:
    text = workspace.regions_path.read_text(encoding="utf-8")
    pair = PAIR_REGION.replace("[peru, chile]", f"[peru, chile, {SECRET_MEMBER}]")
    workspace.regions_path.write_text(
        text.replace("\nregions:\n", pair, 1).replace("\nnames:\n", f"\nnames:\n{KESTREL}", 1),
        encoding="utf-8",
    )
    for level, shown in (("UNCLASSIFIED", False), ("SECRET", True)):
        options = BuildOptions(langs=("en",), formats=("pdf",), level=level, today=TODAY)
        [path] = build_pack(open_workspace(workspace.root), "pair", "canada", options, jobs=1)
        reader = PdfReader(path)
        front = "\n".join(page.extract_text() for page in reader.pages[:3])
        assert ("Kestrel Isles" in front) is shown, level
        assert banners(reader.pages[0])[0] == f"{level} (pack)"  # the member's level counts


def test_an_organisation_listed_only_by_its_profile(workspace: Workspace) -> None:
    """Without an entry in regions.yaml, the brief lists the members its profile gives."""
    edit(workspace.regions_path, "  - id: asean\n", "  - id: asean-gone\n")
    profile = workspace.profile_path("asean")
    edit(
        profile,
        "\nleaders:",
        "\nmembers: [singapore, brunei, {id: kestrel, classification: SECRET}]\nleaders:",
    )
    options = BuildOptions(langs=("en",), formats=("html",), level="PROTECTED A", today=TODAY)
    [path] = build_brief(open_workspace(workspace.root), "canada/asean", options)
    html = path.read_text(encoding="utf-8")
    items = re.findall(r"<li>([^<]*)</li>", html.split('id="members"')[1].split("</ul>")[0])
    assert items == ["Brunei Darussalam", "Singapore"]


def test_check_warns_where_a_profile_and_the_regions_file_differ(workspace: Workspace) -> None:
    profile = workspace.profile_path("asean")
    edit(profile, "\nleaders:", "\nmembers: [brunei, cambodia, indonesia]\nleaders:")
    [warning] = [p for p in check(workspace, [profile]).warnings if p.field == "members"]
    assert str(warning).startswith(
        "data/countries/asean.yaml:13:10: warning: members: not as data/regions.yaml gives "
        "them, for laos, malaysia, "
    )
    assert "(expected the members and levels regions.yaml gives" in str(warning)
    edit(profile, "kind: organisation", "kind: country")  # as `brief new` used to write it
    assert [str(p) for p in check(workspace, [profile]).errors] == [
        "data/countries/asean.yaml:13:10: members: a country has no members (expected kind: "
        "organisation, or none)"
    ]
    edit(profile, "\nmembers: [brunei, cambodia, indonesia]", "")
    assert [str(p) for p in check(workspace, [profile]).problems if p.field == "kind"] == [
        "data/countries/asean.yaml:6:7: warning: kind: 'country' but data/regions.yaml lists "
        "'asean' as an organisation (expected kind: organisation)"
    ]
