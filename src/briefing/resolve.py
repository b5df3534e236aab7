"""Resolve: from validated models to the context a template renders.

Every file is read through the level filter (levels.py), which drops items above the
build's classification and puts prose in the brief's language (falling back visibly);
the contexts are built from what it returns, never from the models. Here sources are
numbered and derived values computed (trade series: trade.py; newest visits first).
Writers decide no content.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import assets, organisations
from .formatting import Formatter
from .levels import LEVEL, Resolver, plain
from .model import Person, Relationship, when
from .profile_model import Leader, Profile, Regions
from .timeline import Timeline, at_the_time, succession
from .trade import trade_series
from .workspace import Workspace

SECTIONS = (
    "summary",
    "key_figures",
    "economy",
    "background",
    "milestones",
    "political",
    "multilateral",
    "security",
    "trade",
    "investment",
    "aid",
    "people_to_people",
    "visits",
    "agreements",
    "quotes",
    "people",
    "talking_points",
)


def stale(ws: Workspace, as_of: str | None, today: date) -> bool:
    return (
        as_of is not None and (today - when(as_of).last_day()).days > ws.settings.stale_after_days
    )


def country_context(
    ws: Workspace,
    rel: Relationship,
    profile: Profile | None,
    lang: str,
    level: str,
    today: date,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Everything `brief.html` renders, for one language at one classification level, as
    the relationship stood on `as_of` (by default, `today`)."""
    resolver = ws.resolver(rel.home, level, lang)
    read = resolver.file(rel)
    assert read is not None, "build_level refuses a relationship above the build's level"
    partner = resolver.file(profile)  # None when above the level: left out entirely
    entry = organisations.region_entry(ws, rel.partner, resolver)  # before the timeline
    timeline = Timeline.of(as_of or today, resolver, *ws.fiscal_calendar(rel.home))
    dumped, partner = timeline.file(read), timeline.file(partner)
    assert dumped is not None
    context = base_context(ws, dumped, partner, resolver, today)
    data = {name: dumped[name] for name in SECTIONS}
    for newest_first in ("visits", "quotes"):
        data[newest_first].sort(key=lambda v: when(v["date"]).last_day(), reverse=True)
    data["milestones"].sort(key=lambda e: when(e["date"]).first_day())
    data["agreements"].sort(  # by their first event; those with none first
        key=lambda a: when(a["events"][0]["date"] if a["events"] else "0001").first_day()
    )
    data["people"].sort(key=lambda p: p["former"])  # current holders first
    taking_part(data["visits"], data["people"])
    if partner:
        # offices are compared in English where given: French roles carry the holder's
        # gender (« présidente », « président »), the office does not
        holders: list[Leader | Person] = [*(profile.leaders if profile else []), *rel.people]
        roles = {h.name: h.role.get("en") or next(iter(h.role.values())) for h in holders}
        names = list(profile.names.values()) if profile else [context["partner_name"]]
        partner["leaders"] = succession(partner["leaders"], data["people"], roles, names)
    at_the_time(data["visits"], data["people"], partner["leaders"] if partner else [])
    if data["trade"]:
        data["trade"]["series"] = trade_series(data["trade"]["figures"])
    fmt: Formatter = context["fmt"]
    stated = timeline.capped(resolver.fact(dumped, "as_of"))
    kind = organisations.kind_of(partner, entry)
    context.update(
        partner=partner,  # first: the cover cites its sources first
        **data,
        kind=kind,
        membership=organisations.membership(
            entry, partner, lambda slug: place_name(ws, slug, resolver)
        )
        if kind == "organisation"
        else None,
        as_of=stated,
        stale=stale(ws, stated, timeline.day),
        **dates(ws, timeline, stated, partner, data, as_of),
        title=organisations.title(fmt, kind, context["partner_name"]),
        subject=fmt.gettext("{home}–{partner} relations").format(
            home=plain(context["home_name"]), partner=plain(context["partner_name"])
        ),
    )
    return finish_context(context, ws, resolver)


def taking_part(visits: list[dict[str, Any]], people: list[dict[str, Any]]) -> None:
    """Each visit's `people` as the names of the others who took part, from `people`
    (within the level: an id the level left out names no one), each at its person's level.
    The sources of a person are cited where the person is shown, not here."""
    by_id = {p["id"]: p for p in people}
    for visit in visits:
        named = [by_id[pid] for pid in visit["people"] if pid in by_id]
        visit["people"] = [
            {"id": p["id"], "name": p["name"], LEVEL: p[LEVEL]}
            for p in named
            if p["name"] != visit["who"]
        ]


def dates(
    ws: Workspace,
    timeline: Timeline,
    as_of: str,
    profile: dict[str, Any] | None,
    sections: dict[str, Any],
    given: date | None,
) -> dict[str, Any]:
    """The dates a document states beside its data: the day it stands on, the --as-of
    asked for, the profile's date when a year or more from the relationship's, and the
    date of each section whose data is older than the threshold."""
    profile_as_of = timeline.capped(profile["as_of"]) if profile else None
    apart = profile_as_of is not None and (
        abs((when(profile_as_of).last_day() - when(as_of).last_day()).days) >= YEAR
    )
    dated = {
        name: timeline.capped(section.get("as_of") or as_of) if isinstance(section, dict) else as_of
        for name, section in sections.items()
        if section
    }
    return {
        "brief_date": timeline.day.isoformat(),
        "as_of_option": given.isoformat() if given else None,
        "profile_as_of": profile_as_of if apart else None,
        "stale_sections": {n: d for n, d in dated.items() if stale(ws, d, timeline.day)},
    }


YEAR = 365  # days apart at which a cover gives the profile's date beside the relationship's


def base_context(
    ws: Workspace,
    main: dict[str, Any],
    profile: dict[str, Any] | None,
    resolver: Resolver,
    today: date,
) -> dict[str, Any]:
    """What every document about a relationship shares: names, author, labels, settings.

    `main` is the document's own file (relationship or meeting) and `profile` the
    partner's, both as the resolver returned them.
    """
    lang = resolver.lang
    home, partner = resolver.fact(main, "home"), main["partner"]
    fmt = ws.formatter(home, lang)
    home_settings = ws.settings.homes.get(home)
    return {
        "lang": lang,
        "fmt": fmt,
        "_": fmt.gettext,
        "page_label": fmt.gettext("Page {page} of {pages}"),
        "toc_title": fmt.gettext("Contents"),
        "home": home,
        "partner_id": partner,
        "partner_name": resolver.fact(profile, "names")
        if profile
        else place_name(ws, partner, resolver),
        "home_name": place_name(ws, home, resolver),
        "author": resolver.text(home_settings.author) if home_settings else home,
        "today": today.isoformat(),
        "file_level": main["classification"],
        "portion_marks": ws.classification(home).portion_marks,
        "scheme": resolver.scheme,
        "pack_part": False,  # a chapter of a region pack: the pack prints the page furniture
        "logo": logo_url(ws, home),
    }


def logo_url(ws: Workspace, home: str) -> str | None:
    """The emblem `home` sets in brief.yaml as a data: URL, or None."""
    return assets.logo_url(ws, home)


def finish_context(context: dict[str, Any], ws: Workspace, resolver: Resolver) -> dict[str, Any]:
    """Add what is known only once everything is in the context: the marking and sources.

    Everything in the context counts, so nothing can reach the template uncounted.
    """
    resolver.include(list(context.values()))
    sources = resolver.sources()
    marking = resolver.marking()
    context.update(
        marking=resolver.scheme.level(marking).label(context["fmt"]),
        marking_level=marking,
        sources=sources,
        source_numbers={s["id"]: n for n, s in enumerate(sources, 1)},
    )
    return context


def place_name(ws: Workspace, slug: str, resolver: Resolver) -> str:
    """A country's or organisation's name: from its profile when the level allows, else
    from the names in data/regions.yaml, else from pycountry (a neutral name that tells
    nothing the profile holds)."""
    from .check import read_data

    path = ws.profile_path(slug)
    if path.is_file():
        _, profile, _ = read_data(ws, path)
        if isinstance(profile, Profile) and (data := resolver.file(profile)) is not None:
            name: str = resolver.fact(data, "names")
            return name
    if ws.regions_path.is_file():
        _, regions, _ = read_data(ws, ws.regions_path)
        listed = [n for n in regions.names if n.id == slug] if isinstance(regions, Regions) else []
        if listed and (data := resolver.file(listed[0])) is not None:
            name = resolver.fact(data, "names")
            return name
    return country_name(slug, resolver.lang)


def country_name(slug: str, lang: str) -> str:
    """A country's name in `lang` from pycountry's ISO 3166 names and their translations."""
    import gettext

    import pycountry

    try:
        name = str(pycountry.countries.lookup(slug.replace("-", " ")).name)
    except LookupError:
        return slug_name(slug)
    if lang == "en":
        return name
    catalog = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    )
    return catalog.gettext(name)


def slug_name(slug: str) -> str:
    """A name made from an identifier alone: `south-america` is South America."""
    return slug.replace("-", " ").title()
