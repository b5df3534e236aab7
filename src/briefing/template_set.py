"""The template set a workspace can override, and the reference for template authors.

`brief templates list` shows each template and where it comes from; `copy` starts an
override from the packaged file; `docs` prints the reference: every block of every
document template, read from the templates themselves, and every variable of the context,
checked by the tests against what the pipeline really passes, so the page cannot drift.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import jinja2
from jinja2 import nodes

from .errors import BriefError
from .formatting import Formatter
from .outputs import write_files
from .render import sandbox
from .workspace import Workspace, leads_out

PACKAGED = files("briefing") / "templates"
DOCUMENTS = ("brief.html", "meeting.html", "note.html", "pack.html")


class TemplateNotFound(BriefError):
    """`brief templates copy` names a template the package does not have."""


@dataclass(frozen=True)
class Variable:
    """A variable of a template's context: its type, meaning and an example."""

    name: str
    type: str
    meaning: str
    example: str


COMMON = (
    Variable("lang", "str", "the brief's language", "'fr'"),
    Variable(
        "_", "function", "translate a label through the catalog", '{{ _("Trade") }} → Commerce'
    ),
    Variable(
        "fmt",
        "Formatter",
        "formats values for the language (methods below)",
        "{{ fmt.money(4.2e9, 'CAD') }} → 4,2 milliards $",
    ),
    Variable("title", "str", "the document's title", "'Pérou : note d’information'"),
    Variable("subject", "str", "its subtitle and PDF subject", "'Relations Canada–Pérou'"),
    Variable("author", "str", "the home's author from brief.yaml", "'Affaires mondiales Canada'"),
    Variable("today", "str", "the build date, ISO", "'2026-11-23'"),
    Variable(
        "marking",
        "str",
        "the marking printed: highest level included, translated",
        "'NON CLASSIFIÉ'",
    ),
    Variable("page_label", "str", "the page number label", "'Page {page} de {pages}'"),
    Variable(
        "pack_part", "bool", "true when rendered as a chapter of a pack (no furniture)", "false"
    ),
    Variable(
        "logo",
        "str | None",
        "the home's emblem (homes.HOME.logo) as a data: URL",
        "'data:image/...'",
    ),
)
RELATIONSHIP = (
    Variable("toc_title", "str", "the contents heading (DOCX)", "'Table des matières'"),
    Variable("home", "str", "the home's id", "'canada'"),
    Variable("partner_id", "str", "the partner's id", "'peru'"),
    Variable("partner_name", "str", "the partner's name in the language", "'Pérou'"),
    Variable("home_name", "str", "the home's name in the language", "'Canada'"),
    Variable("file_level", "str", "the data file's own level", "'UNCLASSIFIED'"),
    Variable(
        "marking_level", "str", "the highest level included, as in the scheme", "'PROTECTED A'"
    ),
    Variable("portion_marks", "bool", "print (U), (PA)... before paragraphs", "false"),
    Variable(
        "scheme",
        "Scheme",
        "the classification scheme: scheme.level(name).abbr",
        "scheme.level('PROTECTED A').abbr → 'PA'",
    ),
    Variable(
        "as_of",
        "str",
        "when the data was last verified, as written (the brief's date if later)",
        "'2012-08'",
    ),
    Variable("stale", "bool", "older than the workspace's threshold", "true"),
    Variable(
        "brief_date",
        "str",
        "the day the brief stands on, ISO: nothing dated after it is in the context",
        "'2025-08-07'",
    ),
    Variable("as_of_option", "str | None", "the day given by --as-of, ISO", "'2025-08-08'"),
    Variable(
        "profile_as_of",
        "str | None",
        "the partner profile's as_of, when a year or more from the relationship's",
        "'2026-02-18'",
    ),
    Variable(
        "stale_sections",
        "dict[str, str]",
        "the sections whose data is older than the threshold, with that data's date",
        "{'trade': '2011'}",
    ),
    Variable(
        "sources",
        "list[dict]",
        "the sources cited, in order: id, title, publisher, date, url, and language when the "
        "title is the document's own, in that language",
        "[{'id': 'gac-2012', 'title': 'Relations Canada-Pérou', ...}]",
    ),
    Variable(
        "source_numbers", "dict[str, int]", "a source id's number in the list", "{'gac-2012': 1}"
    ),
)
COUNTRY = (
    Variable(
        "kind", "str", "'country', or 'organisation' for an organisation's brief", "'organisation'"
    ),
    Variable(
        "membership",
        "dict | None",
        "an organisation's member states, within the level: members (id, name; sorted by "
        "name), as_of, sources; None for a country",
        "{'members': [{'id': 'chile', 'name': 'Chili'}], 'as_of': '2021-04-27', ...}",
    ),
    Variable(
        "partner",
        "dict | None",
        "the partner profile: names, capital, population, gdp, leaders (with "
        "since, until, ended, former; of each office, those in it now, or when none is "
        "recorded the last to hold it), ...",
        "{'capital': 'Lima', ...}",
    ),
    *(
        Variable(
            name,
            "dict | None",
            f"the relationship's {name} section, filtered and in "
            "the language: text (paragraphs), sources, as_of",
            "{'text': [{'text': ...}]}",
        )
        for name in ("summary", "background", "political", "multilateral", "security")
    ),
    Variable(
        "trade",
        "dict | None",
        "trade: text, figures, series (one per dimension and currency: dimension, "
        "currency, shared, derived, rows by year with exports, imports, total, balance, "
        "growth, and chart), main_exports, main_imports, sectors",
        "{'series': [{'dimension': 'goods', 'rows': [{'year': '2011', ...}]}], ...}",
    ),
    Variable("investment", "dict | None", "investment: text, figures", "{...}"),
    Variable("economy", "dict | None", "the partner's economy: text, figures", "{...}"),
    Variable(
        "people_to_people",
        "dict | None",
        "people-to-people ties (education, diaspora, tourism, consular): text, figures",
        "{...}",
    ),
    Variable("milestones", "list[dict]", "dated events: date, text; oldest first", "[...]"),
    Variable(
        "aid",
        "dict | None",
        "aid: text, since, figures, milestones, programmes",
        "{'since': '1968', ...}",
    ),
    Variable("key_figures", "list[dict]", "labelled figures", "[{'label': ..., 'value': ...}]"),
    Variable(
        "visits",
        "list[dict]",
        "visits, newest first: date, who (or None: role alone), role, then (the role is "
        "held no more), place, direction, counterpart, host, time, duration, status (held or "
        "planned), purpose, outcome, people (id and name of the others who took part)",
        "[{'date': '2012-04', 'status': 'held', ...}]",
    ),
    Variable(
        "agreements",
        "list[dict]",
        "agreements by their first event: name, kind, parties, status, text, events (event, "
        "date, place, by, text; signed: and in_force: among them; oldest first); word them "
        "with fmt.agreement_kind, fmt.agreement_event and fmt.agreement_status",
        "[{'name': ..., 'events': [{'event': 'adopted', ...}]}]",
    ),
    Variable(
        "quotes",
        "list[dict]",
        "statements on record, newest first: text (in the brief's language if translated "
        "into it, else as spoken), language (as spoken), translated, speaker, role, date, "
        "source, context",
        "[{'text': ..., 'language': 'es', 'translated': True, ...}]",
    ),
    Variable(
        "people",
        "list[dict]",
        "people, current ones first: id, honorific, name, role, side, bio, since, until, "
        "ended, former (until and ended only when former), elected, re_elected, _as_of (the "
        "date an undated one takes; every dated item has it)",
        "[{'name': ..., 'former': False}]",
    ),
    Variable(
        "talking_points",
        "list[dict]",
        "points: text, topics, if_asked",
        "[{'text': ..., 'if_asked': [...]}]",
    ),
)
MEETING = (
    Variable("kind", "str", "'meeting'", "'meeting'"),
    Variable(
        "meeting",
        "dict",
        "the meeting file, filtered and in the language",
        "{'date': '2025-08-08', 'objectives': [...], ...}",
    ),
    Variable("format_label", "str", "the meeting's format in words", "'Rencontre bilatérale'"),
    Variable(
        "ours",
        "list[dict]",
        "our participants: name, role, since, until, ended, former",
        "[{'name': ..., 'role': ..., 'former': False}]",
    ),
    Variable("theirs", "list[dict]", "their participants, the same", "[...]"),
    Variable("example", "bool", "a hypothetical meeting: every page says so", "True"),
    Variable(
        "biographies",
        "list[dict]",
        "people entries to introduce: the counterparts, then participants with a bio",
        "[...]",
    ),
    Variable(
        "points",
        "list[dict]",
        "points to make: the relationship's whose topics meet "
        "the meeting's, then the meeting's own",
        "[...]",
    ),
    Variable("if_asked", "list[dict]", "question and answer pairs", "[...]"),
    Variable("last_meeting", "dict | None", "the latest visit before the meeting", "{...}"),
    Variable("recent", "list[dict]", "earlier visits, newest first", "[...]"),
    Variable("background", "dict | None", "the relationship's summary section", "{...}"),
    Variable("key_figures", "list[dict]", "the relationship's key figures", "[...]"),
    Variable(
        "profile_figures",
        "dict",
        "the partner profile's population and gdp, those known on the brief's date",
        "{'population': {...}}",
    ),
    Variable(
        "trade_latest",
        "list[dict]",
        "the latest year of each trade series: series, row",
        "[{'series': {'dimension': 'goods', ...}, 'row': {'year': '2011', ...}}]",
    ),
)
NOTE = (
    Variable("kind", "str", "'briefing-note'", "'briefing-note'"),
    Variable(
        "note",
        "dict",
        "the note file, filtered and in the language: to, sender, date, file_number, "
        "subject, purpose, summary, considerations, recommendation, next_steps (paragraphs), "
        "drafted_by, consulted, approved_by, contact (role, unit, name, phone, email)",
        "{'date': '2026-11-26', 'summary': [{'text': ...}], ...}",
    ),
    Variable("example", "bool", "a hypothetical note, said so on every page", "true"),
    Variable("purpose_heading", "str", "the heading of its purpose", "'But'"),
    Variable("background", "dict | None", "the note's background: text, include", "{...}"),
    *(v for v in MEETING if v.name in ("key_figures", "trade_latest")),
    Variable("agreements", "list[dict]", "the relationship's agreements, if asked for", "[...]"),
    Variable("last_visit", "dict | None", "the latest visit, if asked for", "{...}"),
)
PACK = (
    Variable("chapters", "list[dict]", "the pack's chapters: name, page", "[{'name': ...}]"),
    Variable("missing", "list[str]", "members without a brief", "['Myanmar']"),
    Variable("missing_page", "int | None", "the page listing them", "3"),
    Variable("region_name", "str", "the region's name", "'ANASE'"),
    Variable("home_name", "str", "the home's name", "'Canada'"),
    Variable("as_of_option", "str | None", "the day given by --as-of, ISO", "'2025-08-08'"),
    Variable("event", "dict | None", "a pack file's event, within the level", "{'venue': ...}"),
    Variable("meetings", "list[dict]", "its meetings: day, time, partner, place, href", "[]"),
    Variable("banner", "str", "every page's marking: the pack's, said so", "'UNCLASSIFIED (pack)'"),
    Variable("example", "bool", "a hypothetical event: 'Example' on every page", "false"),
)
CONTEXTS = {
    "brief.html": COMMON + RELATIONSHIP + COUNTRY,
    "meeting.html": COMMON + RELATIONSHIP + MEETING,
    "note.html": COMMON + RELATIONSHIP + NOTE,
    "pack.html": COMMON + PACK,
}


@dataclass(frozen=True)
class Template:
    """A template and where a build takes it from."""

    name: str
    origin: str  # "package", "workspace" or "workspace, over the package"


def list_templates(ws: Workspace) -> list[Template]:
    """Every template a build can use, with where it comes from."""
    with as_file(PACKAGED) as packaged:
        ours = _names(packaged)
    theirs = _names(ws.root / "templates")
    return [
        Template(
            n,
            "workspace, over the package"
            if n in ours and n in theirs
            else "workspace"
            if n in theirs
            else "package",
        )
        for n in sorted(ours | theirs)
    ]


def _names(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".html", ".css", ".docx", ".svg", ".png")
    }


def copy_template(ws: Workspace, name: str) -> Path:
    """Copy a packaged template into the workspace's `templates/` to start an override."""
    source = PACKAGED.joinpath(*name.split("/"))
    if ".." in name.split("/") or not source.is_file():
        raise TemplateNotFound(f"no packaged template '{name}' (brief templates list shows them)")
    target = ws.root / "templates" / name
    if target.exists() or target.is_symlink():
        raise BriefError(f"{ws.show(target)} already exists (edit it, or remove it first)")
    folder = next(p for p in target.parents if p.exists())  # what holds the new folders
    refused = leads_out(folder, ws.root)  # templates/, or a folder in it, links out
    if refused:
        raise BriefError(f"{ws.show(folder)} {refused} (expected a folder of the workspace's own)")
    write_files({target: source.read_bytes()})
    return target


def blocks(name: str) -> list[str]:
    """The blocks of a packaged template and of those it extends: what an override can replace."""
    tree = jinja2.Environment().parse(PACKAGED.joinpath(name).read_text(encoding="utf-8"))
    parents = [
        e.template.value
        for e in tree.find_all(nodes.Extends)
        if isinstance(e.template, nodes.Const)
    ]
    inherited = [b for parent in parents for b in blocks(parent)]
    return inherited + [b.name for b in tree.find_all(nodes.Block) if b.name not in inherited]


def reference() -> str:
    """The template author's reference, in Markdown."""
    out = [
        "# Templates: the reference",
        "",
        "Generated by `brief templates docs` from the code; do not edit by hand.",
        "",
        "A file in the workspace's `templates/` replaces the packaged file of the same "
        "name. `default:NAME` reaches the packaged one, so an override can extend it and "
        "change one block:",
        "",
        "```jinja",
        '{% extends "default:brief.html" %}',
        '{% block background %}<section><h2>{{ _("Background") }}</h2>...</section>{% endblock %}',
        "```",
        "",
        "The most specific name wins: `brief-HOME-PARTNER.html`, then `brief-HOME.html`, "
        "then `brief.html` (and likewise `meeting-...`). `templates/style.css` is added "
        "after the packaged style; `templates/reference.docx` gives the Word styles; the "
        "SVG or PNG a home names in `brief.yaml` (`homes.HOME.logo`) goes on the cover, "
        "and in the running header of every page after it.",
        "",
    ]
    for name in DOCUMENTS:
        out += [
            f"## {name}",
            "",
            "Blocks: " + ", ".join(f"`{b}`" for b in blocks(name)),
            "",
            "| variable | type | meaning | example |",
            "|---|---|---|---|",
        ]
        out += [f"| `{v.name}` | {v.type} | {v.meaning} | `{v.example}` |" for v in CONTEXTS[name]]
        out.append("")
    out += ["## fmt: formatting for the language", "", "| method | what it does |", "|---|---|"]
    for method, func in inspect.getmembers(Formatter, inspect.isfunction):
        if not method.startswith("_") and func.__doc__:
            signature = str(inspect.signature(func)).replace("self, ", "").replace("self", "")
            out.append(f"| `fmt.{method}{signature}` | {func.__doc__.splitlines()[0]} |")
    env = sandbox()  # what every template set renders with
    out += [
        "",
        "## Filters and globals",
        "",
        "Jinja's built-in filters: " + ", ".join(f"`{f}`" for f in sorted(env.filters)) + ".",
        "",
        "Jinja's globals: " + ", ".join(f"`{g}`" for g in sorted(env.globals)) + ".",
        "",
        "## What a template can do",
        "",
        "Templates run in Jinja's immutable sandbox. They can read the variables above, call "
        "the methods of `fmt` and `scheme`, and use the filters and globals listed; they "
        "cannot reach an attribute or method starting with `_` (so no `__class__` or "
        "`__globals__`), change a list or a mapping of the context, or call anything of "
        "Python beyond these. They can include, import and extend other templates, by "
        "name, from `templates/` and the package (`default:NAME`); a file whose real path "
        "leaves the workspace is refused. Rendering fetches nothing: an image or "
        "stylesheet a template names is read only from the workspace, the package or a "
        "`data:` URL.",
        "",
    ]
    return "\n".join(out)
