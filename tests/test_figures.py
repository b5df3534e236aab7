"""Figures say what their sources say, in every language and format: trade series by
dimension, bounds and ranges, durations, stated changes, ranks, counts, inferred
currencies and incomplete figures; what cannot be stored faithfully is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from briefing.build import BuildOptions, build_brief
from briefing.check import check
from briefing.errors import Severity
from briefing.formatting import Formatter
from briefing.trade import trade_series, trade_table
from briefing.workspace import Workspace
from readers import pdf_text

TODAY = date(2026, 11, 23)
NBSP, NNBSP = "\u00a0", "\u202f"
FORMATTERS = {
    "en": Formatter("en", "en_CA"),
    "fr": Formatter("fr", "fr_CA"),
    "es": Formatter("es", "es_ES"),
}
HEAD = """home: canada
partner: peru
language: en
as_of: 2012-08
classification: UNCLASSIFIED
sources:
  - id: gac-2012
    title: Canada–Peru Relations
    publisher: Government of Canada
"""


def said(lang: str, figure: dict[str, Any]) -> str:
    """A figure as the brief of `lang` states it, its spaces all plain no-break spaces."""
    return str(FORMATTERS[lang].figure(figure)).replace(NNBSP, NBSP)


def read_pdf(path: Path) -> str:
    """A PDF's text with its lines joined, as a reader reads a phrase the page wrapped."""
    return pdf_text(path).replace("\n", " ").replace(NNBSP, NBSP)


def relationship(ws: Workspace, body: str) -> Path:
    """The Canada–Peru relationship of the workspace replaced by `body` under `HEAD`."""
    path = ws.relationship_path("canada", "peru")
    path.write_text(HEAD + body, encoding="utf-8")
    return path


# --- the words for what a source says of a number, in three languages ---------------------

SAID = [
    (
        {"value": 45, "unit": "minutes", "qualifier": "nearly"},
        ("nearly 45 minutes", f"près de 45{NBSP}minutes", "casi 45 minutos"),
    ),
    (
        {"value": 30e6, "currency": "CAD", "qualifier": "up_to"},
        (f"up to $30{NBSP}million", f"jusqu’à 30{NBSP}millions{NBSP}$", "hasta 30"),
    ),
    (
        {"between": [2e6, 3e6], "unit": "people"},
        (
            f"between 2 and 3{NBSP}million people",
            f"entre 2 et 3{NBSP}millions d’habitants",
            f"entre 2 y 3{NBSP}millones de habitantes",
        ),
    ),
    (
        {"between": [2e6, 3e6], "currency": "CAD"},
        (
            f"between $2 and $3{NBSP}million",
            f"entre 2 et 3{NBSP}millions{NBSP}$",
            f"entre 2 y 3{NBSP}millones",
        ),
    ),
    (
        {"value": 30e6, "currency": "CAD", "duration": "5 years"},
        (
            f"$30{NBSP}million over 5{NBSP}years",
            f"30{NBSP}millions{NBSP}$ sur 5{NBSP}ans",
            f"CAD en 5{NBSP}años",
        ),
    ),
    (
        {"value": 5e9, "currency": "CAD", "change": {"percent": 15, "since": "2023"}},
        (
            f"$5{NBSP}billion, up 15% on 2023",
            f"5{NBSP}milliards{NBSP}$, en hausse de 15{NBSP}% par rapport à 2023",
            f", un aumento del 15{NBSP}% respecto de 2023",
        ),
    ),
    (
        {"value": 5e9, "currency": "CAD", "change": {"percent": -3}},
        (
            "down 3% on the year before",
            f"en baisse de 3{NBSP}% par rapport à l’année précédente",
            f"una disminución del 3{NBSP}% respecto del año anterior",
        ),
    ),
    (
        {"value": 5e9, "currency": "CAD", "change": {"factor": 2, "qualifier": "over"}},
        (
            "over 2 times the figure of the year before",
            "plus de 2 fois le chiffre de l’année précédente",
            "más de 2 veces la cifra del año anterior",
        ),
    ),
    (
        {"value": 30e6, "currency": "CAD", "currency_inferred": True},
        (
            f"$30{NBSP}million (currency not stated: taken as CAD)",
            "(devise non précisée, considérée comme CAD)",
            "(moneda no indicada; se supone CAD)",
        ),
    ),
    (
        {"incomplete": True, "as_printed": "US$ 30 mill", "value": 30e6, "currency": "USD"},
        (
            "“US$ 30 mill” (incomplete figure, as printed)",
            f"«{NBSP}US$ 30 mill{NBSP}» (chiffre incomplet, tel que publié)",
            "«US$ 30 mill» (cifra incompleta, tal como se publicó)",
        ),
    ),
    (
        {"value": 27, "unit": "member_states"},
        ("27 member states", "27 États membres", "27 Estados miembros"),
    ),
    (
        {"between": [5, 10], "unit": "percent"},
        ("between 5% and 10%", f"entre 5{NBSP}% et 10{NBSP}%", f"entre 5{NBSP}% y 10{NBSP}%"),
    ),
]


@pytest.mark.parametrize(("figure", "words"), SAID, ids=[str(f) for f, _ in SAID])
def test_what_a_source_says_of_a_number_reads_right_in_each_language(
    figure: dict[str, Any], words: tuple[str, str, str]
) -> None:
    for lang, expected in zip(FORMATTERS, words, strict=True):
        assert expected in said(lang, figure), (lang, said(lang, figure))


@pytest.mark.parametrize(
    ("lang", "label", "ranks"),
    [
        (
            "en",
            "largest economy",
            {1: "1st", 2: "2nd", 3: "3rd", 11: "11th", 21: "21st", 23: "23rd"},
        ),
        ("fr", "économie", {2: "2e économie", 12: "12e économie", 1: f"économie n°{NBSP}1"}),
        ("es", "economía", {1: "economía n.º 1", 12: "economía n.º 12"}),
    ],
)
def test_ranks_follow_the_ordinal_categories_of_the_language(
    lang: str, label: str, ranks: dict[int, str]
) -> None:
    """Babel gives the category (en: one, two, few, other; fr: one, other); the catalog
    the form: 11th, not 11st. French and Spanish avoid a gendered 1re/1er, 12.º/12.ª."""
    for n, expected in ranks.items():
        assert str(FORMATTERS[lang].rank(n, label)).startswith(expected), n


def test_a_count_of_anything_names_what_is_counted() -> None:
    assert said("en", {"value": 12, "unit": "count", "counted": "vessels"}) == "12 vessels"
    trees = {"value": 3e6, "unit": "count", "counted": "arbres"}
    assert said("fr", trees) == f"3{NBSP}millions d’arbres"  # elided before a vowel
    assert said("fr", trees | {"counted": "navires"}) == f"3{NBSP}millions de navires"


def test_text_from_the_data_is_escaped_in_a_figure() -> None:
    printed = said("en", {"incomplete": True, "as_printed": "<b>4,4</b>"})
    assert "<b>" not in printed and "&lt;b&gt;" in printed


# --- derived values: only within one series, keeping bounds and ranges ---------------------


def flow(name: str, year: str, **given: Any) -> dict[str, Any]:
    return {"flow": name, "year": year, "currency": "CAD", "dimension": "goods"} | given


def test_a_total_of_a_range_and_a_number_is_a_range() -> None:
    (row,) = trade_table(
        [flow("exports", "2011", between=[1e8, 2e8]), flow("imports", "2011", value=5e8)]
    )
    assert row["total"]["between"] == [6e8, 7e8] and row["total"]["value"] is None
    assert row["balance"]["between"] == [-4e8, -3e8]
    assert said("en", row["balance"]) == f"deficit of between $300 and $400{NBSP}million"


@pytest.mark.parametrize(
    ("exports", "total"),
    [("nearly", "about"), ("at_least", "at_least"), ("up_to", "at_most"), ("over", "over")],
)
def test_new_qualifiers_carry_into_a_total(exports: str, total: str) -> None:
    figures = [
        flow("exports", "2011", value=1e8, qualifier=exports),
        flow("imports", "2011", value=5e8),
    ]
    assert trade_table(figures)[0]["total"]["qualifier"] == total


def test_an_incomplete_figure_is_shown_but_never_computed_with_nor_charted() -> None:
    figures = [
        flow("total", "2010", value=4.2e9),
        flow("exports", "2011", value=5.22e8),
        flow("imports", "2011", incomplete=True, as_printed="4,4 mil", value=None),
        flow("total", "2012", value=5e9),
    ]
    (series,) = trade_series(figures)
    rows = {row["year"]: row for row in series["rows"]}
    assert rows["2011"]["imports"]["incomplete"]
    assert "total" not in rows["2011"] and "balance" not in rows["2011"]
    drawn = [(row["year"], sorted(row["bars"])) for row in series["chart"]["rows"]]
    assert drawn == [("2010", ["total"]), ("2011", ["exports"]), ("2012", ["total"])]


def test_a_chart_draws_each_bound_as_the_span_it_allows_on_a_round_axis() -> None:
    figures = [
        flow("exports", "2011", value=5.22e8, qualifier="over"),
        flow("imports", "2011", value=4.453e9),
        flow("exports", "2012", value=6e8, qualifier="under"),
        flow("imports", "2012", between=[1e9, 1.5e9]),
    ]
    chart = trade_series(figures)[0]["chart"]
    spans = [(f, b["low"], b["high"]) for r in chart["rows"] for f, b in r["bars"].items()]
    assert spans == [
        ("exports", 5.22e8, None),  # over: open-ended
        ("imports", 4.453e9, 4.453e9),
        ("total", 4.975e9, None),  # over, as its input is
        ("exports", 0.0, 6e8),  # under: anywhere from 0
        ("imports", 1e9, 1.5e9),
        ("total", 0.0, 2.1e9),  # under $2.1 billion: a range plus a bound "under"
    ]
    assert chart["ticks"] == [0, 1e9, 2e9, 3e9, 4e9, 5e9] and chart["max"] == 5e9
    locales = (("en", "en_CA"), ("fr", "fr_CA"))
    marks = [Formatter(lang, locale).axis_number(t) for lang, locale in locales for t in (0, 1.5e9)]
    assert marks == ["0", "1.5B", "0", f"1,5{NBSP}G"]


def test_series_of_other_dimensions_and_currencies_are_never_added_up() -> None:
    figures = [
        flow("exports", "2011", value=5.22e8),
        flow("imports", "2011", value=4.453e9, currency="USD"),
        flow("imports", "2011", value=1e8, dimension="agrifood"),
    ]
    series = trade_series(figures)
    assert [(s["dimension"], s["currency"], s["shared"]) for s in series] == [
        ("goods", "CAD", True),
        ("goods", "USD", True),
        ("agrifood", "CAD", False),
    ]
    assert not any("total" in row or "balance" in row for s in series for row in s["rows"])


# --- trade series in the brief, PDF and DOCX ------------------------------------------------

AGRIFOOD = (
    "    - {flow: exports, dimension: agrifood, value: 180e6, currency: CAD, year: 2011, "
    "source: gac-2012}\n"
)


def test_a_goods_and_an_agrifood_figure_of_one_year_both_appear(workspace: Workspace) -> None:
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    anchor = "  main_exports:\n"
    path.write_text(text.replace(anchor, AGRIFOOD + anchor, 1), encoding="utf-8")
    assert check(workspace, [path]).errors == []
    build_brief(workspace, "canada/peru", BuildOptions(formats=("pdf", "docx"), today=TODAY))
    expected = {
        "en": (
            "Trade in goods, in Canadian dollars",
            "Agri-food trade, in Canadian dollars",
            f"over $522{NBSP}million",
            f"$180{NBSP}million",
        ),
        "fr": (
            "Commerce de marchandises, en dollars canadiens",
            "Commerce agroalimentaire, en dollars canadiens",
            f"plus de 522{NBSP}millions{NBSP}$",
            f"180{NBSP}millions{NBSP}$",
        ),
    }
    for lang, facts in expected.items():
        pdf = read_pdf(workspace.root / f"briefs/canada/peru.{lang}.pdf")
        document = docx.Document(str(workspace.root / f"briefs/canada/peru.{lang}.docx"))
        captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
        cells = " ".join(c.text for t in document.tables for c in t._cells).replace(NNBSP, NBSP)
        assert captions.count(facts[0]) == 2 and captions.count(facts[1]) == 1  # table, chart
        assert facts[2] in cells and facts[3] in cells
        for fact in facts:
            assert fact in pdf, (lang, fact)
        assert "Merchandise trade" not in pdf and "Commerce de marchandises par année" not in pdf


# --- what check refuses, and warns of ------------------------------------------------------


def test_a_second_figure_of_one_series_flow_and_year_is_a_located_error(
    workspace: Workspace,
) -> None:
    path = relationship(
        workspace,
        """trade:
  figures:
    - {flow: total, dimension: goods, value: 4.2e9, currency: CAD, year: 2010, source: gac-2012}
    - {flow: total, dimension: agrifood, value: 9e8, currency: CAD, year: 2010, source: gac-2012}
    - {flow: total, dimension: goods, value: 4.3e9, currency: CAD, year: 2010, source: gac-2012}
""",
    )
    assert [str(p) for p in check(workspace, [path]).errors] == [
        "data/canada/peru.yaml:14:7: trade.figures[2]: a second total figure of goods for 2010 "
        "(expected one figure per series, flow and year: the first is trade.figures[0])"
    ]


def test_two_currencies_in_one_dimension_are_a_warning(workspace: Workspace) -> None:
    path = relationship(
        workspace,
        """trade:
  figures:
    - {flow: exports, dimension: goods, value: 5e8, currency: CAD, year: 2011, source: gac-2012}
    - {flow: imports, dimension: goods, value: 4e9, currency: USD, year: 2011, source: gac-2012}
    - {flow: exports, dimension: goods, value: 6e8, currency: USD, year: 2012, source: gac-2012}
""",
    )
    report = check(workspace, [path])
    mixed = [p for p in report.problems if p.field.startswith("trade")]
    assert report.errors == []
    assert [(p.severity, p.field, p.line) for p in mixed] == [
        (Severity.WARNING, "trade.figures[1].currency", 13)
    ]
    assert "USD in goods trade, which trade.figures[0] gives in CAD" in mixed[0].message


@pytest.mark.parametrize(
    ("figure", "field", "message"),
    [
        ("dimension: goods, value: 15, unit: percent", "unit", "is money, not percent"),
        ("value: 1e9, currency: CAD", "dimension", "one of: goods, services"),
        (
            "dimension: goods, between: [2e9, 3e9], qualifier: about, currency: CAD",
            "qualifier",
            "about with between",
        ),
        ("dimension: goods, between: [3e9, 2e9], currency: CAD", "between", "does not rise"),
        ("dimension: goods, incomplete: true, currency: CAD", "", "without as_printed"),
    ],
)
def test_what_a_trade_figure_cannot_be_is_refused(
    workspace: Workspace, figure: str, field: str, message: str
) -> None:
    given = f"{{flow: total, {figure}, year: 2011, source: gac-2012}}"
    path = relationship(workspace, f"trade:\n  figures:\n    - {given}\n")
    (error,) = check(workspace, [path]).errors
    assert error.field == "trade.figures[0]" + (f".{field}" if field else "")
    assert message in error.message, str(error)


# --- the partner's economy, and figures of every kind in the brief -------------------------

ECONOMY = """economy:
  as_of: 2012-08
  text: {en: Peru's economy grew quickly., fr: L'économie du Pérou a crû rapidement.}
  figures:
    - {value: 12, unit: rank, year: 2011, source: gac-2012,
       label: {en: largest economy in the region, fr: économie de la région}}
    - {between: [6, 7], unit: percent, label: {en: growth, fr: croissance}, year: 2011,
       source: gac-2012}
investment:
  figures:
    - {value: 30e6, currency: CAD, qualifier: up_to, duration: 4 years, currency_inferred: true,
       label: {en: a fund, fr: un fonds}, source: gac-2012}
    - {incomplete: true, as_printed: "US$ 2,5 mil", label: {en: a loan, fr: un prêt},
       source: gac-2012}
    - {value: 5e9, currency: CAD, change: {percent: 15, since: 2010},
       label: {en: the stock, fr: le stock}, source: gac-2012}
"""


def test_the_economy_and_every_kind_of_figure_reach_the_brief(workspace: Workspace) -> None:
    path = relationship(workspace, "key_figures:\n" + KEY + ECONOMY)
    assert check(workspace, [path]).errors == []
    build_brief(workspace, "canada/peru", BuildOptions(formats=("pdf", "html"), today=TODAY))
    expected = {
        "en": (
            "The partner's economy",
            "12th largest economy in the region (2011)",
            "between 6% and 7%",
            f"up to $30{NBSP}million over 4{NBSP}years (currency not stated: taken as CAD)",
            "“US$ 2,5 mil” (incomplete figure, as printed)",
            f"$5{NBSP}billion, up 15% on 2010",
            "nearly 45 minutes",
        ),
        "fr": (
            "Économie du partenaire",
            "12e économie de la région (2011)",
            f"entre 6{NBSP}% et 7{NBSP}%",
            f"jusqu’à 30{NBSP}millions{NBSP}$ sur 4{NBSP}ans (devise non précisée, considérée",
            f"«{NBSP}US$ 2,5 mil{NBSP}» (chiffre incomplet, tel que publié)",
            f"5{NBSP}milliards{NBSP}$, en hausse de 15{NBSP}% par rapport à 2010",
            f"près de 45{NBSP}minutes",
        ),
    }
    for lang, facts in expected.items():
        pdf = read_pdf(workspace.root / f"briefs/canada/peru.{lang}.pdf")
        for fact in facts:
            assert fact in pdf, (lang, fact)
        html = (workspace.root / f"briefs/canada/peru.{lang}.html").read_text(encoding="utf-8")
        order = [html.index(f'id="{s}"') for s in ("key_figures", "economy", "investment")]
        assert order == sorted(order)


KEY = """  - {value: 45, unit: minutes, qualifier: nearly, label: {en: the call, fr: l'appel},
     source: gac-2012}
"""
