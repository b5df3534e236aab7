"""Periods and durations as sources state them, read right in English, French and Spanish.

A period still running (`2019-03/..`, "since March 2019"), a range whose ends differ in
precision (`2010/2015-03-05`) and one day of several (`[2015-05-03..2015-05-04]`, "3 or 4
May 2015") print as written, by the formatter and in built briefs; staleness, `--as-of` and
terms of office read each as it means; bad forms are refused where they are written; and
fiscal years are printed and dated in each home's own calendar: the United States' FY2022
ran from October 2021 to September 2022, Australia's FY2023 from July 2022 to June 2023.

The fixture workspace's relationship holds no facts: its dates are there to be printed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from briefing.build import BuildOptions, build_brief
from briefing.check import check, read_data
from briefing.errors import InvalidInput
from briefing.formatting import Formatter
from briefing.load import load_document
from briefing.model_base import Strict
from briefing.periods import ended_before
from briefing.spans import Duration
from briefing.timeline import Timeline
from briefing.validate import validate
from briefing.workspace import Workspace, open_workspace
from conftest import copy_workspace
from readers import docx_parts

GB, CA = Formatter("en", "en_GB"), Formatter("en", "en_CA")
FR, ES = Formatter("fr", "fr_FR"), Formatter("es", "es")


def plain(text: str) -> str:
    """Text with its no-break and thin spaces as plain ones: the words are under test."""
    return re.sub("[\u00a0\u202f\u2009]", " ", text)


# --- the formatter ----------------------------------------------------------------------

WHEN = {  # text: en_GB, en_CA, fr, es
    "2019-03/..": (
        "since March 2019",
        "since March 2019",
        "depuis mars 2019",
        "desde marzo de 2019",
    ),
    "2019-03-05/..": (
        "since 5 March 2019",
        "since March 5, 2019",
        "depuis le 5 mars 2019",
        "desde el 5 de marzo de 2019",
    ),
    "2010/2015-03-05": (
        "2010 to 5 March 2015",
        "2010 to March 5, 2015",
        "de 2010 au 5 mars 2015",
        "de 2010 al 5 de marzo de 2015",
    ),
    "2011-04/2015": (
        "April 2011 to 2015",
        "April 2011 to 2015",
        "d’avril 2011 à 2015",
        "de abril de 2011 a 2015",
    ),
    "[2015-05-03..2015-05-04]": (
        "3 or 4 May 2015",
        "May 3 or 4, 2015",
        "le 3 ou le 4 mai 2015",
        "el 3 o el 4 de mayo de 2015",
    ),
    "[2015-05-31..2015-06-01]": (
        "31 May or 1 June 2015",
        "May 31 or June 1, 2015",
        "le 31 mai ou le 1er juin 2015",
        "el 31 de mayo o el 1 de junio de 2015",
    ),
    "[2015-05-03..2015-05-07]": (
        "one day between 3 and 7 May 2015",
        "one day between May 3 and 7, 2015",
        "un jour entre le 3 et le 7 mai 2015",
        "un día entre el 3 y el 7 de mayo de 2015",
    ),
}


@pytest.mark.parametrize(("text", "words"), WHEN.items(), ids=WHEN.keys())
def test_each_new_form_prints_as_written(text: str, words: tuple[str, ...]) -> None:
    assert [plain(f.when(text)) for f in (GB, CA, FR, ES)] == list(words)


ON = {  # text: en_GB, fr, es, inside a sentence
    "2019-03/..": ("since March 2019", "depuis mars 2019", "desde marzo de 2019"),
    "2010/2015-03-05": (
        "from 2010 to 5 March 2015",
        "de 2010 au 5 mars 2015",
        "de 2010 al 5 de marzo de 2015",
    ),
    "[2015-05-03..2015-05-04]": (
        "on 3 or 4 May 2015",
        "le 3 ou le 4 mai 2015",
        "el 3 o el 4 de mayo de 2015",
    ),
    # beside them, a span of days: every one of them
    "2015-05-05/2015-05-07": (
        "from 5 to 7 May 2015",
        "du 5 au 7 mai 2015",
        "del 5 al 7 de mayo de 2015",
    ),
    "2015-05-03/2015-05-04": (
        "from 3 to 4 May 2015",
        "du 3 au 4 mai 2015",
        "del 3 al 4 de mayo de 2015",
    ),
}


@pytest.mark.parametrize(("text", "words"), ON.items(), ids=ON.keys())
def test_each_new_form_reads_right_inside_a_sentence(text: str, words: tuple[str, ...]) -> None:
    assert [plain(f.on(text)) for f in (GB, FR, ES)] == list(words)


def test_since_as_of_and_terms_take_the_new_forms() -> None:
    one_of = "[2015-05-03..2015-05-04]"
    assert [plain(f.since(one_of)) for f in (GB, FR, ES)] == [
        "since 3 or 4 May 2015",
        "depuis le 3 ou le 4 mai 2015",
        "desde el 3 o el 4 de mayo de 2015",
    ]
    assert plain(FR.as_of(one_of)) == "le 3 ou le 4 mai 2015"  # « au le 3 » would be wrong
    # a term still running is since its start; one that began "since" reads from its start
    assert plain(FR.term("2019-03", "2030/..")) == "depuis mars 2019"
    assert plain(FR.term("2019-03/..", "2021")) == "de mars 2019 à 2021"
    # a set has its own article: it is joined by a dash, never « du le 3 »
    assert plain(FR.term(one_of, "2016")) == "le 3 ou le 4 mai 2015 – 2016"


DURATIONS = {  # text: en, fr, es
    "4 years": ("4 years", "4 ans", "4 años"),
    "1 year": ("1 year", "1 an", "1 año"),
    "18 months": ("18 months", "18 mois", "18 meses"),
    "1 month": ("1 month", "1 mois", "1 mes"),
    "2 weeks": ("2 weeks", "2 semaines", "2 semanas"),
    "3 days": ("3 days", "3 jours", "3 días"),
    "1 hour": ("1 hour", "1 heure", "1 hora"),
    "90 minutes": ("90 minutes", "90 minutes", "90 minutos"),
    " 5 years ": ("5 years", "5 ans", "5 años"),
}


@pytest.mark.parametrize(("text", "words"), DURATIONS.items(), ids=DURATIONS.keys())
def test_durations_read_in_each_language(text: str, words: tuple[str, ...]) -> None:
    shown = [f.duration(TypeAdapter(Duration).validate_python(text)) for f in (GB, FR, ES)]
    assert shown == [w.replace(" ", "\u00a0") for w in words]  # a duration does not break


# --- bad forms, refused where they are written ------------------------------------------


class _Spans(Strict):
    durations: list[Duration]


FORMS = "(expected a whole number and a unit: 4 years, 18 months, 90 minutes)"


def test_bad_durations_are_refused_each_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "spans.yaml"
    bad = ["4 yrs", "4", "1.5 years", "0 days", "4 Years", "four years", "2 fortnights"]
    path.write_text("durations:\n" + "".join(f"  - {b}\n" for b in ["4 years", *bad]), "utf-8")
    with pytest.raises(InvalidInput) as refused:
        validate(load_document(path, "spans.yaml"), _Spans, {})
    whole = "the count is not a whole number above zero"
    assert [str(p) for p in refused.value.problems] == [
        f"spans.yaml:3:5: durations[1]: '4 yrs' is not a duration {FORMS}",
        f"spans.yaml:4:5: durations[2]: 4 is not a duration {FORMS}",
        f"spans.yaml:5:5: durations[3]: '1.5 years': {whole} {FORMS}",
        f"spans.yaml:6:5: durations[4]: '0 days': {whole} {FORMS}",
        f"spans.yaml:7:5: durations[5]: '4 Years' is not a duration {FORMS}",
        f"spans.yaml:8:5: durations[6]: 'four years' is not a duration {FORMS}",
        f"spans.yaml:9:5: durations[7]: '2 fortnights' is not a duration {FORMS}",
    ]


DURATION_SCHEMA = jsonschema.Draft202012Validator(TypeAdapter(Duration).json_schema())
_COUNTS = st.sampled_from(["0", "1", "4", "01", "999999", "1000000", "1.5", "-2", "", "x"])
_UNITS = st.sampled_from(
    ["year", "years", "month", "weeks", "day", "hours", "minute", "yrs", "Years"]
)
DURATION_TEXTS = st.one_of(
    st.tuples(st.sampled_from(["", " "]), _COUNTS, st.sampled_from([" ", "", "  "]), _UNITS).map(
        "".join
    ),
    st.text(max_size=12),
    st.integers(-5, 100),
)


@settings(max_examples=500)
@given(DURATION_TEXTS)
def test_the_duration_schema_accepts_what_the_model_reads(value: str | int) -> None:
    try:
        TypeAdapter(Duration).validate_python(value)
    except ValidationError:
        assert not DURATION_SCHEMA.is_valid(value), value
    else:
        assert DURATION_SCHEMA.is_valid(value), value


DATE_FORMS = (
    "(expected a date such as 2012, 2012-08, 2012-08-15, FY2011, a range 2010/2015-03-05, a "
    "period still running 2019-03/.. or one day of several [2015-05-03..2015-05-04])"
)
BAD_DATES = {
    "[2015-05-03..2015-05-04]": "a list is not a date: one day of several goes in quotes, "
    'such as "[2015-05-03..2015-05-04]"',  # unquoted, YAML reads it as a list
    '"[2015-05-04..2015-05-03]"': "'[2015-05-04..2015-05-03]': a set needs a last day after "
    "its first",
    '"[2015-05..2015-06]"': "'[2015-05..2015-06]': a set holds days, such as "
    "[2015-05-03..2015-05-04]",
    "2015/2015-03": "'2015/2015-03': its end lies within its start",
    "../2015": "'../2015': a period needs its first date, such as 2019-03/..",
    "2015/": "'2015/': a range needs a date on each side of '/', or .. after it for a period "
    "still running, such as 2019-03/..",
}


@pytest.mark.parametrize(("written", "message"), BAD_DATES.items(), ids=BAD_DATES.keys())
def test_bad_periods_are_refused_where_they_are_written(
    fiscal: Workspace, written: str, message: str
) -> None:
    path = fiscal.relationship_path("united-states", "peru")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"[2022-05-03..2022-05-04]"', written, 1), encoding="utf-8")
    line = text[: text.index("[2022-05-03..")].count("\n") + 1
    problems = [str(p) for p in check(fiscal, [path]).errors]
    assert problems == [
        f"data/united-states/peru.yaml:{line}:11: visits[0].date: {message} {DATE_FORMS}"
    ]


# --- time: staleness, --as-of, terms -----------------------------------------------------


def test_an_open_period_never_ends_and_one_of_several_days_ends_with_the_last() -> None:
    assert not ended_before("2019-03/..", date(9998, 12, 31))
    assert not ended_before("[2015-05-03..2015-05-04]", date(2015, 5, 4))
    assert ended_before("[2015-05-03..2015-05-04]", date(2015, 5, 5))
    timeline = Timeline(date(2019, 3, 31), 1, frozenset())
    assert timeline.known_by("2019-03/..")  # since March 2019: true once March is
    assert not timeline.known_by("2019-04/..")
    on_the_third = Timeline(date(2015, 5, 3), 1, frozenset())
    assert not on_the_third.known_by("[2015-05-03..2015-05-04]")  # it may be the fourth
    assert Timeline(date(2015, 5, 4), 1, frozenset()).known_by("[2015-05-03..2015-05-04]")


def test_staleness_takes_the_last_of_several_days_and_an_open_period_as_current(
    fiscal: Workspace,
) -> None:
    path = fiscal.relationship_path("united-states", "peru")
    text = path.read_text(encoding="utf-8")

    def stale_on(as_of: str, today: date) -> list[str]:
        path.write_text(text.replace("as_of: 2023-01", f'as_of: "{as_of}"', 1), "utf-8")
        problems = read_data(fiscal, path, today)[2]
        return [p.message for p in problems if "days old" in p.message]

    one_of = "[2012-08-01..2012-08-02]"  # the workspace's threshold is 730 days
    assert stale_on(one_of, date(2014, 8, 2)) == []
    assert stale_on(one_of, date(2014, 8, 3)) == [
        f"data as of {one_of} is 731 days old today (older than the 730-day threshold)"
    ]
    assert stale_on("2012-08/..", date(2040, 1, 1)) == []  # still true: it has no last day


# --- fiscal years, and the new forms in built briefs ---------------------------------------

HOMES = """
  united-states:
    author: {en: United States Department of State}
    fiscal_year_start: 10
    fiscal_year_named_by: end
    languages: [en, fr, es]
    locales: {en: en_US, fr: fr_FR, es: es}
  australia:
    author: {en: Department of Foreign Affairs and Trade}
    fiscal_year_start: 7
    fiscal_year_named_by: end
    languages: [en, fr, es]
    locales: {en: en_AU, fr: fr_FR, es: es}
"""


def fixture(home: str, fy: str) -> str:
    """A relationship whose dates are the forms under test; it states no fact."""
    test = "{en: Test text., fr: Texte d’essai., es: Texto de prueba.}"
    return f"""home: {home}
partner: peru
language: en
as_of: 2023-01
classification: UNCLASSIFIED
sources:
  - id: fixture
    title: {{en: Test fixture, fr: Données d’essai, es: Datos de prueba}}
    publisher: {{en: The tests of brief, fr: Les tests de brief, es: Las pruebas de brief}}
summary: {test}
key_figures:
  - label: {{en: Test figure, fr: Chiffre d’essai, es: Cifra de prueba}}
    value: 3
    unit: count
    year: {fy}
    source: fixture
aid:
  since: {fy}/..
  sources: [fixture]
  text: {test}
  milestones:
    - {{date: {fy}, text: {test}, sources: [fixture]}}
    - {{date: 2010/2015-03-05, text: {test}, sources: [fixture]}}
  programmes:
    - name: {{en: Test programme, fr: Programme d’essai, es: Programa de prueba}}
      period: {fy}
      sources: [fixture]
visits:
  - date: "[2022-05-03..2022-05-04]"
    who: Test Visitor
    role: {test}
    direction: outgoing
    place: {test}
    sources: [fixture]
agreements:
  - {{name: {test}, in_force: 2019-03/.., sources: [fixture]}}
"""


@pytest.fixture
def fiscal(tmp_path: Path) -> Workspace:
    """The sample workspace with a US and an Australian home, each with its fixture."""
    ws = copy_workspace(tmp_path)
    settings = ws.root / "brief.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + HOMES.lstrip("\n"), "utf-8")
    for home, fy in (("united-states", "FY2022"), ("australia", "FY2023")):
        (ws.data / home).mkdir()
        ws.relationship_path(home, "peru").write_text(fixture(home, fy), encoding="utf-8")
    return open_workspace(ws.root)


def built(ws: Workspace, home: str, as_of: date | None = None) -> dict[str, str]:
    """The text of `home`'s brief on Peru in each language, as HTML."""
    options = BuildOptions(formats=("html",), today=date(2024, 1, 15), as_of=as_of)
    paths = build_brief(ws, f"{home}/peru", options)
    return {path.suffixes[0][1:]: plain(path.read_text(encoding="utf-8")) for path in paths}


FISCAL = {
    "united-states": {
        "en": ("fiscal year 2022", " (October 2021 to September 2022)"),
        "fr": ("exercice 2022", " (d’octobre 2021 à septembre 2022)"),
        "es": ("año fiscal 2022", " (de octubre de 2021 a septiembre de 2022)"),
    },
    "australia": {
        "en": ("fiscal year 2023", " (July 2022 to June 2023)"),
        "fr": ("exercice 2023", " (de juillet 2022 à juin 2023)"),
        "es": ("año fiscal 2023", " (de julio de 2022 a junio de 2023)"),
    },
}


@pytest.mark.parametrize("home", FISCAL)
def test_a_fiscal_year_prints_its_months_wherever_it_is_printed(
    fiscal: Workspace, home: str
) -> None:
    for lang, html in built(fiscal, home).items():
        name, months = FISCAL[home][lang]
        # the key figure, the aid's start, its milestone and the programme's period
        assert html.count(name) == html.count(name + months) == 4, (lang, html.count(name))


@pytest.mark.parametrize(
    ("home", "last_day"), [("united-states", date(2022, 9, 30)), ("australia", date(2023, 6, 30))]
)
def test_a_fiscal_year_is_known_on_its_last_day_in_its_home_calendar(
    fiscal: Workspace, home: str, last_day: date
) -> None:
    before = built(fiscal, home, last_day - timedelta(days=1))["en"]
    on = built(fiscal, home, last_day)["en"]
    for item in ("Test figure", "Test programme"):
        assert item not in before and item in on, item


BUILT = {  # where each form is printed in the brief: en (en_US), fr, es
    "visit": ("May 3 or 4, 2022", "le 3 ou le 4 mai 2022", "el 3 o el 4 de mayo de 2022"),
    "milestone": (
        "2010 to March 5, 2015",
        "de 2010 au 5 mars 2015",
        "de 2010 al 5 de marzo de 2015",
    ),
    "agreement": ("since March 2019", "depuis mars 2019", "desde marzo de 2019"),
}


def section(html: str, sid: str) -> str:
    found = re.search(f'<section[^>]* id="{sid}"', html)
    assert found is not None, sid
    return html[found.start() : html.index("</section>", found.start())]


def test_the_new_forms_print_in_built_briefs(fiscal: Workspace) -> None:
    briefs = built(fiscal, "united-states")
    for i, lang in enumerate(("en", "fr", "es")):
        html = briefs[lang]
        assert BUILT["visit"][i] in section(html, "visits"), lang
        assert BUILT["milestone"][i] in section(html, "aid"), lang
        assert BUILT["agreement"][i] in section(html, "agreements"), lang
    # the Word document is made from the same HTML
    options = BuildOptions(langs=("fr",), formats=("docx",), today=date(2024, 1, 15))
    words = plain(docx_parts(build_brief(fiscal, "united-states/peru", options)[0]))
    assert all(form[1] in words for form in BUILT.values())


def test_the_new_forms_follow_as_of(fiscal: Workspace) -> None:
    """One day of several is known on its last day; a period still running once its start is."""
    assert "Test Visitor" not in built(fiscal, "united-states", date(2022, 5, 3))["en"]
    on_the_fourth = built(fiscal, "united-states", date(2022, 5, 4))["en"]
    assert "Test Visitor" in on_the_fourth
    assert "since March 2019" in section(on_the_fourth, "agreements")
