"""The sample data says what its public sources say.

The seed texts (French public pages the sample files were written from) live in the
project's shared folder, beside this repository. Each test reads a sample file the way a
build does (`briefing.check.read_data`) and checks chosen figures, dates and names against
the numbers as the seed prints them, in French notation: "4,453 milliards" is 4.453e9,
"3,8 billions" is 3.8e12, "75 000" is 75000.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from briefing.check import read_data
from briefing.model import Figure, Person, Relationship
from briefing.periods import ended_before, when
from briefing.profile_model import Leader, Profile
from briefing.workspace import Workspace, open_workspace

ROOT = Path(__file__).resolve().parents[1]
# Beside the main checkout; BRIEF_SEEDS points elsewhere (a git worktree, say).
SEEDS = Path(os.environ.get("BRIEF_SEEDS", ROOT.parent / "shared" / "seeds"))

if not SEEDS.is_dir():
    pytest.skip(f"no seed texts at {SEEDS}", allow_module_level=True)

SCALES = {
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e12,
    "billions": 1e12,
}
SPACES = "\u0020\u00a0\u202f"
# "4,453 milliards", "522 millions", "75 000", "3,8 billions": French digits, then a scale.
AMOUNT = re.compile(
    rf"(?<![\d,])(\d{{1,3}}(?:[{SPACES}]\d{{3}})*|\d+)(?:,(\d+))?"
    rf"(?:[{SPACES}]+(millions?|milliards?|billions?)\b)?"
)
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        start=1,
    )
}
DATE = re.compile(rf"\b(\d{{1,2}})(?:er)?[{SPACES}]+({'|'.join(MONTHS)})[{SPACES}]+(\d{{4}})\b")


@cache
def seed(number: int) -> str:
    """The text of seed NNN (files are named NNN_<hash>.txt), with no-break spaces as spaces."""
    found = sorted(SEEDS.glob(f"{number:03d}_*.txt"))
    if not found:
        pytest.skip(f"seed {number:03d} is missing from {SEEDS}")
    return re.sub(f"[{SPACES[1:]}]", " ", found[0].read_text(encoding="utf-8"))


def amounts(text: str) -> list[float]:
    """Every number the text prints, in base units."""
    out = []
    for whole, decimals, scale in AMOUNT.findall(text):
        value = float(re.sub(f"[{SPACES}]", "", whole) + ("." + decimals if decimals else ""))
        out.append(value * SCALES.get(scale, 1.0))
    return out


def dates(text: str) -> set[date]:
    return {date(int(y), MONTHS[m], int(d)) for d, m, y in DATE.findall(text)}


def printed(value: float, text: str) -> bool:
    return any(math.isclose(value, a, rel_tol=1e-9) for a in amounts(text))


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return open_workspace(ROOT)


def relationship(ws: Workspace, home: str, partner: str) -> Relationship:
    _, item, _ = read_data(ws, ws.relationship_path(home, partner))
    assert isinstance(item, Relationship)
    return item


def profile(ws: Workspace, partner: str) -> Profile:
    _, item, _ = read_data(ws, ws.profile_path(partner))
    assert isinstance(item, Profile)
    return item


def label(figure: Figure) -> str:
    assert figure.label is not None
    return figure.label["en"]


def text_of(*paragraph_lists: object) -> str:
    """All English and French text of some sections, to look for words in."""
    out = []
    for section in paragraph_lists:
        for paragraph in getattr(section, "text", []) or []:
            out += paragraph.text.values()
    return "\n".join(out)


def test_the_parser_reads_french_notation() -> None:
    assert amounts("4,453 milliards de dollars") == [4.453e9]
    assert amounts("3,8 billions de dollars américains") == [3.8e12]
    assert amounts("plus de 75 000 titulaires") == [75000]
    assert amounts("522 millions") == [522e6]
    assert dates("Le 08 août 2025 à 11h45") == {date(2025, 8, 8)}
    assert dates("du 1er septembre au 16 octobre 2018") == {date(2018, 10, 16)}


# --- seed 000: Canada–Peru, Government of Canada, August 2012 -------------------------------


def test_canada_peru_trade_figures_match_the_page(ws: Workspace) -> None:
    peru = relationship(ws, "canada", "peru")
    assert peru.trade is not None
    flows = {f.flow: f for f in peru.trade.figures}
    page = seed(0)
    assert flows["imports"].value == 4.453e9 and printed(4.453e9, page)
    assert flows["exports"].value == 522e6 and printed(522e6, page)
    assert flows["exports"].qualifier == "over"  # "légèrement supérieures à"
    assert flows["total"].value == 4.2e9 and printed(4.2e9, page)
    assert flows["total"].qualifier == "over"  # "dépassait les"
    assert "4,453 milliards" in page and "522 millions" in page
    # « échanges bilatéraux de marchandises », « exportations ... de marchandises »
    assert {f.dimension for f in peru.trade.figures} == {"goods"}
    assert "importations canadiennes de marchandises" in page


def test_canada_peru_aid_dates_match_the_page(ws: Workspace) -> None:
    peru = relationship(ws, "canada", "peru")
    assert peru.aid is not None
    assert peru.aid.since == "1968" and "Depuis 1968" in seed(0)
    assert {m.date for m in peru.aid.milestones} >= {"1968", "2009"}
    assert "En 2009, il a été convenu que le Pérou ferait partie des 20 pays" in seed(0)


# --- seed 001: Japan–Peru summit, 8 August 2025 ---------------------------------------------


def test_japan_peru_summit_date_and_agreements(ws: Workspace) -> None:
    rel = relationship(ws, "japan", "peru")
    summit = date(2025, 8, 8)
    assert summit in dates(seed(1))
    # The summit's outcomes are dated on its day; the file is verified to a later one.
    assert when(rel.as_of).first_day() > summit
    assert any(v.date == "2025-08-08" and v.direction == "incoming" for v in rel.visits)
    signed = {a.signed for a in rel.agreements}
    assert "2025-08-08" in signed
    assert "mémorandum de coopération (MoC) sur le tourisme" in seed(1)


def test_japan_peru_nikkei_and_anniversary(ws: Workspace) -> None:
    rel = relationship(ws, "japan", "peru")
    words = text_of(rel.summary, rel.background)
    assert printed(250_000, seed(1)) and "250 000" in words and "250,000" in words
    assert "plus de 150 ans" in seed(1) and "150 years" in words


# --- seed 002: Canada–ASEAN, Global Affairs Canada, 2025 ------------------------------------


def test_canada_asean_trade_matches_the_page(ws: Workspace) -> None:
    asean = relationship(ws, "canada", "asean")
    assert asean.trade is not None
    (total,) = asean.trade.figures
    assert (total.flow, total.value, total.year) == ("total", 42.3e9, "2024")
    assert printed(42.3e9, seed(2)) and "42,3 milliards" in seed(2)
    assert total.dimension == "goods" and "le commerce de marchandises" in seed(2)


def test_canada_asean_aid_figures_match_the_page(ws: Workspace) -> None:
    asean = relationship(ws, "canada", "asean")
    assert asean.aid is not None
    page = seed(2)
    for figure in asean.aid.figures:
        assert printed(figure.value, page), label(figure)
    by_value = {f.value: f for f in asean.aid.figures}
    assert by_value[4.4e9].currency == "CAD"
    # Both security-assistance figures are on the page, each with its own wording.
    assert "50 millions de dollars sur cinq ans" in page
    assert "47 millions de dollars canadiens au cours des cinq prochaines années" in page
    assert {50e6, 47e6} <= set(by_value)
    assert by_value[75000].qualifier == "over" and "plus de 75 000" in page


def test_canada_asean_programme_amounts_match_the_page(ws: Workspace) -> None:
    asean = relationship(ws, "canada", "asean")
    assert asean.aid is not None
    page = seed(2)
    amounts_ = {p.name["en"]: p.amount.value for p in asean.aid.programmes if p.amount}
    assert sorted(amounts_.values()) == [2e6, 7e6, 8.5e6, 11.7e6, 14e6, 36e6]
    for name, value in amounts_.items():
        assert printed(value, page), name
    assert "36 millions de dollars canadiens" in page
    assert "816 étudiants" in page


def test_asean_profile_uses_french_billions_correctly(ws: Workspace) -> None:
    asean = profile(ws, "asean")
    assert asean.kind == "organisation"
    assert asean.population is not None and asean.gdp is not None
    page = seed(2)
    assert asean.population.value == 679e6 and "679 millions" in page
    # "3,8 billions" is 3.8 × 10^12 in French, not 3.8 × 10^9.
    assert asean.gdp.value == 3.8e12 and printed(3.8e12, page)
    assert asean.gdp.qualifier == "about" and "environ 3,8 billions" in page


def test_canada_asean_dates_match_the_page(ws: Workspace) -> None:
    asean = relationship(ws, "canada", "asean")
    page_dates = dates(seed(2))
    assert date(2022, 11, 27) in page_dates  # Indo-Pacific Strategy
    assert date(2021, 11, 16) in page_dates  # FTA negotiations
    assert date(2024, 1, 15) in page_dates  # CABC accreditation
    words = text_of(asean.background, asean.trade, asean.investment)
    for needle in (
        "27 November 2022",
        "16 November 2021",
        "15 January 2024",
        "1 September to 16 October 2018",
    ):
        assert needle in words, needle
    assert any(v.date == "2023-09-06" for v in asean.visits)
    assert "Le 6 septembre" in seed(2)


# --- seed 003: France–Peru, call of Alain Juppé ---------------------------------------------


def test_france_peru_names_and_years_match_the_call(ws: Workspace) -> None:
    rel = relationship(ws, "france", "peru")
    call = seed(3)
    words = text_of(rel.investment)
    for firm in ("Alstom", "Veolia", "Vinci"):
        assert firm in call and firm in words
    assert "Thalès" in call and "Thales" in words
    (fta,) = rel.agreements
    assert fta.text is not None and "2010" in fta.text["fr"]
    assert "en 2010" in call
    assert [p.name for p in rel.people] == ["Alain Juppé"] and "Alain Juppé" in call


# --- seed 004: Peru's cross-border cooperation ------------------------------------------------


def test_peru_brazil_border_figures_match_the_slides(ws: Workspace) -> None:
    rel = relationship(ws, "peru", "brazil")
    slides = seed(4)
    values = [(f.value, f.unit) for f in rel.key_figures]
    assert values == [(9, "count"), (59, "percent"), (109, "count"), (40, "percent")]
    assert "9 régions frontalières soit 59%" in slides
    assert "109 municipalités soit 40%" in slides


def test_peru_brazil_cites_the_andean_decisions(ws: Workspace) -> None:
    rel = relationship(ws, "peru", "brazil")
    assert "décisions 459 et 501" in seed(4).lower()
    words = text_of(rel.multilateral)
    assert "décisions 459 et 501" in words and "Decisions 459 and 501" in words
    assert "Art 44" in seed(4) and "article 44" in text_of(rel.political)


# --- terms of office --------------------------------------------------------------------------

BUILT_ON = date(2026, 12, 1)  # the day the issue reads the sample briefs on


def people_and_leaders(ws: Workspace) -> list[tuple[str, Person | Leader]]:
    """Every person of every relationship and every leader of every profile, with its file."""
    out: list[tuple[str, Person | Leader]] = []
    for path in sorted(ws.data.glob("*/*.yaml")):  # profiles and relationships
        _, item, _ = read_data(ws, path)
        found = item.leaders if isinstance(item, Profile) else getattr(item, "people", [])
        out += [(f"{path.parent.name}/{path.stem}", holder) for holder in found]
    return out


def person(ws: Workspace, home: str, partner: str, pid: str) -> Person:
    return next(p for p in relationship(ws, home, partner).people if p.id == pid)


def in_office(holder: Person | Leader, day: date) -> bool:
    assert holder.since is not None
    return when(holder.since).first_day() <= day and not ended_before(holder.until, day)


def test_every_person_and_leader_has_a_start(ws: Workspace) -> None:
    missing = [f"{where}: {h.name}" for where, h in people_and_leaders(ws) if h.since is None]
    assert missing == []


def test_one_office_passes_from_holder_to_holder(ws: Workspace) -> None:
    """Holders of one office (its English name, less any parenthesis) follow one another: each
    but the last has an until, on or before the next one's since."""
    offices: dict[str, list[Person | Leader]] = {}
    for _, holder in people_and_leaders(ws):
        office = re.sub(r"\s*\(.*\)", "", holder.role["en"]).strip()
        offices.setdefault(office, []).append(holder)
    for office, holders in offices.items():
        ordered = sorted(holders, key=lambda h: when(h.since or "0001").first_day())
        for earlier, later in itertools.pairwise(ordered):
            if earlier.name == later.name:
                continue  # one person in two files
            assert earlier.until is not None, f"{office}: {earlier.name} has no until"
            assert later.since is not None
            assert when(earlier.until).first_day() <= when(later.since).first_day(), office


# Terms over by the day the briefs are read: each has until, and how it ended.
ENDED = {
    ("canada", "peru"): {"humala", "harper", "ablonczy", "fast"},
    ("japan", "peru"): {"ishiba", "hayashi", "boluarte", "gervasi"},
    ("france", "peru"): {"juppe"},
    ("canada", "asean"): {"trudeau"},
}


@pytest.mark.parametrize(("home", "partner"), ENDED.keys())
def test_past_office_holders_are_over_by_the_build_day(
    ws: Workspace, home: str, partner: str
) -> None:
    over = {
        p.id
        for p in relationship(ws, home, partner).people
        if ended_before(p.until, BUILT_ON) and p.ended is not None
    }
    assert over >= ENDED[(home, partner)]


def test_peru_profile_names_no_president_after_balcazar(ws: Workspace) -> None:
    leaders = profile(ws, "peru").leaders
    assert [leader.name for leader in leaders][-1] == "José María Balcázar"
    assert leaders[-1].until == "2026-07-28" and leaders[-1].ended is None
    assert not any(in_office(leader, BUILT_ON) for leader in leaders)


def test_seed_terms_canada_peru(ws: Workspace) -> None:
    page = seed(0)
    assert "investiture du président Ollanta Humala en juillet 2011" in page
    assert person(ws, "canada", "peru", "humala").since == "2011-07-28"
    # Harper, Ablonczy and Fast held their offices when the page (August 2012) names them.
    assert "premier ministre Harper" in page and "Mme Diane Ablonczy" in page
    assert "Commerce international Ed Fast" in page
    for pid in ("harper", "ablonczy", "fast"):
        assert in_office(person(ws, "canada", "peru", pid), date(2012, 8, 1)), pid


def test_seed_terms_japan_peru(ws: Workspace) -> None:
    account = seed(1)
    assert "le Premier ministre Shigeru ISHIBA" in account
    assert "Dina Ercilia BOLUARTE ZEGARRA, Présidente de la République du Pérou" in account
    for pid in ("ishiba", "boluarte"):
        assert in_office(person(ws, "japan", "peru", pid), date(2025, 8, 8)), pid


def test_seed_terms_canada_asean(ws: Workspace) -> None:
    page = seed(2)
    # The 2025 page calls Trudeau "l'ancien premier ministre": his term was over in 2025.
    assert "l’ancien premier ministre Trudeau" in page
    trudeau = person(ws, "canada", "asean", "trudeau")
    assert trudeau.until is not None and when(trudeau.until).first_day().year == 2025
    assert "Paul Thoppil au poste de premier représentant" in page and "septembre 2023" in page
    assert person(ws, "canada", "asean", "thoppil").since == "2023-09"


def test_seed_terms_france_peru(ws: Workspace) -> None:
    call = seed(3)
    assert "Alain Juppé s'est entretenu ce matin" in call and "en mai dernier" in call
    # The call follows the G8 meeting of 10 May 2011, within Juppé's term.
    assert in_office(person(ws, "france", "peru", "juppe"), date(2011, 5, 10))


def test_asean_programmes_say_what_the_seed_says(ws: Workspace) -> None:
    asean = relationship(ws, "canada", "asean")
    assert asean.aid is not None
    page = seed(2)
    texts = {p.name["en"]: (p.text or {}).get("en", "") for p in asean.aid.programmes}
    fund = texts["ASEAN-Canada Plan of Action Trust Fund"]
    assert "11,7 millions de dollars" in page and "top-up" not in fund
    women = next(t for n, t in texts.items() if n.startswith("Empowering women"))
    assert "lancé en mars 2024" in page and "2021" in women and "March 2024" in women
    (declaration,) = [a for a in asean.agreements if a.signed == "2009"]
    assert declaration.text is not None and "ambassador" not in declaration.text["en"]
    assert "En 2016, le Canada a ouvert une mission" in page
