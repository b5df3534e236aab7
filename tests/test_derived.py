"""Derived trade values keep the bounds of their inputs, and the brief says so."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from briefing.build import BuildOptions, build_brief
from briefing.trade import trade_table
from briefing.workspace import Workspace

NBSP = "\u00a0"


def flow(flow: str, value: float, year: str, qualifier: str | None = None) -> dict[str, Any]:
    return {"flow": flow, "value": value, "currency": "CAD", "year": year, "qualifier": qualifier}


@pytest.mark.parametrize(
    ("exports", "imports", "total", "balance"),
    [
        (None, None, None, None),
        ("over", None, "over", "over"),
        (None, "over", "over", "under"),
        ("over", "over", "over", None),  # the balance could lie either way
        ("over", "under", None, "over"),  # the total could lie either way
        ("under", "under", "under", None),
        ("about", "over", "about", "about"),
    ],
)
def test_a_total_and_a_balance_keep_the_bounds_of_their_inputs(
    exports: str | None, imports: str | None, total: str | None, balance: str | None
) -> None:
    figures = [flow("exports", 5e8, "2011", exports), flow("imports", 4e9, "2011", imports)]
    row = trade_table(figures)
    computed = row[0]
    both = exports in ("over", "under") and imports == exports
    opposite = {exports, imports} == {"over", "under"}
    assert ("total" in computed) is not opposite
    assert ("balance" in computed) is not both
    if "total" in computed:
        assert computed["total"]["qualifier"] == total and computed["total"]["derived"]
    if "balance" in computed:
        assert computed["balance"]["qualifier"] == balance


@pytest.mark.parametrize(
    ("before", "now", "growth"),
    [
        (None, None, None),
        ("over", None, "under"),  # a larger base makes the growth smaller
        (None, "over", "over"),
        ("under", None, "over"),
        ("about", None, "about"),
    ],
)
def test_growth_from_a_bounded_value_is_that_bound(
    before: str | None, now: str | None, growth: str | None
) -> None:
    rows = trade_table([flow("total", 4.2e9, "2010", before), flow("total", 4.977e9, "2011", now)])
    assert rows[1]["growth"]["qualifier"] == growth
    assert rows[1]["growth"]["value"] == pytest.approx((4.977 / 4.2 - 1) * 100)  # in percent
    assert rows[1]["growth"]["base"] == "2010"


def test_growth_between_two_over_figures_is_not_computed() -> None:
    rows = trade_table([flow("total", 4.2e9, "2010", "over"), flow("total", 5e9, "2011", "over")])
    assert "growth" not in rows[1]


@pytest.mark.parametrize(
    ("lang", "growth", "total"),
    [
        ("en", "under 18.5%", f"$4.975{NBSP}billion"),
        ("fr", f"moins de 18,5{NBSP}%", f"4,975{NBSP}milliards{NBSP}$"),
    ],
)
def test_the_brief_states_growth_from_an_over_base_as_a_bound(
    workspace: Workspace, lang: str, growth: str, total: str
) -> None:
    """Canada–Peru's 2010 total is "over $4.2 billion": with exact 2011 flows, the growth
    is under 18.5 %, never "about" it; with the real "over" 2011 exports it is not given."""
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    exact = text.replace(
        "value: 522e6, currency: CAD, year: 2011, qualifier: over,",
        "value: 522e6, currency: CAD, year: 2011,",
    )
    assert exact != text
    options = BuildOptions(langs=(lang,), formats=("html",), today=date(2026, 12, 1))
    build_brief(workspace, "canada/peru", options)
    real = (workspace.root / f"briefs/canada/peru.{lang}.html").read_text(encoding="utf-8")
    trade = real[real.index('id="trade"') : real.index("</table>", real.index('id="trade"'))]
    assert "18,5" not in trade and "18.5" not in trade
    path.write_text(exact, encoding="utf-8")
    build_brief(workspace, "canada/peru", options)
    html = (workspace.root / f"briefs/canada/peru.{lang}.html").read_text(encoding="utf-8")
    trade = html[html.index('id="trade"') : html.index("</table>", html.index('id="trade"'))]
    assert f">{growth}<sup>*</sup>" in trade
    assert f">{total}<sup>*</sup>" in trade  # the exact sum of exact flows
