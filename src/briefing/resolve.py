"""Resolve: from validated models to the context a template renders.

Here, and only here, items above the build's classification are dropped, prose is put in
the brief's language (falling back visibly), sources are numbered, and derived values are
computed (trade balance and growth, newest visits first). Writers decide no content.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from . import assets
from .classification import Scheme
from .formatting import Formatter
from .model import LANGUAGES, Profile, Relationship, Source, in_language, when
from .workspace import Workspace

SECTIONS = (
    "summary",
    "key_figures",
    "background",
    "political",
    "multilateral",
    "trade",
    "investment",
    "aid",
    "visits",
    "agreements",
    "people",
    "talking_points",
)


@dataclass
class Resolver:
    """Filters and localises one document's data for one language and level."""

    scheme: Scheme
    level: str
    lang: str
    levels: set[str] = field(default_factory=set)
    cited: list[str] = field(default_factory=list)

    def dump(self, model: BaseModel | None) -> Any:
        """The model as plain values: allowed items only, prose in the brief's language."""
        return None if model is None else self.plain(model.model_dump())

    def plain(self, value: Any) -> Any:
        if isinstance(value, dict):
            if value and set(value) <= set(LANGUAGES):
                return self.text(value)
            marked = value.get("classification")
            if marked is not None:
                self.levels.add(marked)
            for key in ("sources", "source"):
                ids = value.get(key)
                for sid in [ids] if isinstance(ids, str) else ids or []:
                    if isinstance(sid, str) and sid not in self.cited:
                        self.cited.append(sid)
            return {k: self.plain(v) if self.allowed(v) else None for k, v in value.items()}
        if isinstance(value, list):
            return [self.plain(v) for v in value if self.allowed(v)]
        return value

    def allowed(self, value: Any) -> bool:
        marked = value.get("classification") if isinstance(value, dict) else None
        return self.scheme.allows(marked, self.level)

    def text(self, prose: Mapping[Any, str]) -> str | Markup:
        """Prose in the brief's language, or the other language marked as untranslated."""
        if self.lang in prose:
            return prose[self.lang]
        other, text = next(iter(prose.items()))
        return Markup('<span class="untranslated" lang="{}">[{}] {}</span>').format(
            other, other.upper(), escape(text)
        )


def trade_table(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows by year: exports, imports, total (given or summed), balance and growth."""
    years: dict[str, dict[str, Any]] = {}
    for fig in figures:
        years.setdefault(fig["year"] or "", {"year": fig["year"]})[fig["flow"]] = fig
    rows = [years[y] for y in sorted(years)]
    for row in rows:
        exports, imports = row.get("exports"), row.get("imports")
        if exports and imports:
            row.setdefault("total", _derived(exports, imports, exports["value"] + imports["value"]))
            row["balance"] = _derived(exports, imports, exports["value"] - imports["value"])
    for previous, row in itertools.pairwise(rows):
        before, now = previous.get("total"), row.get("total")
        if before and now and before["value"] > 0 and _consecutive(previous["year"], row["year"]):
            row["growth"] = {
                "value": now["value"] / before["value"] - 1,
                "qualifier": _qualifier(before, now),
            }
    return rows


def _derived(a: dict[str, Any], b: dict[str, Any], value: float) -> dict[str, Any]:
    return {
        "value": value,
        "currency": a["currency"],
        "qualifier": _qualifier(a, b),
        "derived": True,
    }


def _qualifier(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """A value computed from an approximate one is approximate too."""
    return "about" if a.get("qualifier") or b.get("qualifier") else None


def _consecutive(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.isdigit() and b.isdigit() and int(b) == int(a) + 1)


def chart(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The trade series to draw, or None when there are fewer than two values."""
    flows = ("exports", "imports", "total")
    values = [row[f]["value"] for row in rows for f in flows if f in row]
    if len(values) < 2 or max(values) <= 0:
        return None
    return {"rows": rows, "flows": flows, "max": max(values)}


def stale(ws: Workspace, as_of: str | None, today: date) -> bool:
    return (
        as_of is not None and (today - when(as_of).last_day()).days > ws.settings.stale_after_days
    )


def country_context(
    ws: Workspace, rel: Relationship, profile: Profile | None, lang: str, level: str, today: date
) -> dict[str, Any]:
    """Everything `brief.html` renders, for one language at one classification level."""
    resolver = Resolver(ws.scheme, level, lang, levels={rel.classification})
    context = base_context(ws, rel, profile, resolver, today)
    partner = resolver.dump(profile)  # first: the cover cites its sources first
    dumped = resolver.dump(rel)
    data = {name: dumped[name] for name in SECTIONS}
    data["visits"].sort(key=lambda v: when(v["date"]).last_day(), reverse=True)
    data["agreements"].sort(
        key=lambda a: when(a.get("in_force") or a.get("signed") or "0001").first_day()
    )
    if data["trade"]:
        data["trade"]["table"] = trade_table(data["trade"]["figures"])
        data["trade"]["chart"] = chart(data["trade"]["table"])
    fmt: Formatter = context["fmt"]
    context.update(
        data,
        partner=partner,
        kind="country",
        as_of=rel.as_of,
        stale=stale(ws, rel.as_of, today),
        title=fmt.gettext("{partner}: country brief").format(partner=context["partner_name"]),
        subject=fmt.gettext("{home}–{partner} relations").format(
            home=context["home_name"], partner=context["partner_name"]
        ),
    )
    return finish_context(context, ws, resolver, [rel.sources, profile.sources if profile else []])


def base_context(
    ws: Workspace, rel: Relationship, profile: Profile | None, resolver: Resolver, today: date
) -> dict[str, Any]:
    """What every document about a relationship shares: names, author, labels, settings."""
    lang = resolver.lang
    fmt = Formatter(lang, ws.settings.locales.get(lang, lang), ws.fiscal_start(rel.home))
    home_settings = ws.settings.homes.get(rel.home)
    return {
        "lang": lang,
        "fmt": fmt,
        "_": fmt.gettext,
        "page_label": fmt.gettext("Page {page} of {pages}"),
        "toc_title": fmt.gettext("Contents"),
        "home": rel.home,
        "partner_id": rel.partner,
        "partner_name": resolver.text(profile.names) if profile else rel.partner,
        "home_name": place_name(ws, rel.home, lang),
        "author": resolver.text(home_settings.author) if home_settings else rel.home,
        "today": today.isoformat(),
        "file_level": rel.classification,
        "portion_marks": ws.settings.classification.portion_marks,
        "scheme": ws.scheme,
        "pack_part": False,  # a chapter of a region pack: the pack prints the page furniture
        "logo": logo_url(ws),
    }


def logo_url(ws: Workspace) -> str | None:
    """The workspace's `templates/logo.svg` or `logo.png` as a data: URL, or None."""
    return assets.logo_url(ws)


def finish_context(
    context: dict[str, Any], ws: Workspace, resolver: Resolver, source_lists: list[list[Source]]
) -> dict[str, Any]:
    """Add what is known only once everything is resolved: the marking and the sources."""
    # The first list that defines an id wins: a relationship's own sources over a profile's.
    known = {s.id: s for sources in reversed(source_lists) for s in sources}
    sources = [resolver.dump(known[sid]) for sid in resolver.cited if sid in known]
    marking = ws.scheme.highest(sorted(resolver.levels))
    context.update(
        marking=ws.scheme.level(marking).label(context["lang"]),
        marking_level=marking,
        sources=sources,
        source_numbers={s["id"]: n for n, s in enumerate(sources, 1)},
    )
    return context


def place_name(ws: Workspace, slug: str, lang: str) -> str:
    """A country's or organisation's name: from its profile when there is one, else pycountry."""
    path = ws.profile_path(slug)
    if path.is_file():
        from .check import read_data

        _, profile, _ = read_data(ws, path)
        if isinstance(profile, Profile):
            return in_language(profile.names, lang)
    return country_name(slug, lang)


def country_name(slug: str, lang: str) -> str:
    """A country's name in `lang` from pycountry's ISO 3166 names and their translations."""
    import gettext

    import pycountry

    try:
        name = str(pycountry.countries.lookup(slug.replace("-", " ")).name)
    except LookupError:
        return slug.replace("-", " ").title()
    if lang == "en":
        return name
    catalog = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    )
    return catalog.gettext(name)
