"""Numbers, money, percentages and dates for a brief's language, by Babel and gettext.

Labels are English msgids translated by the language's catalog (see `languages`). Figures
(numbers, money, units, ranges, ranks, changes) are stated by `figure_text.FigureText`.
"""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from babel import Locale
from babel.lists import format_list
from babel.units import format_unit
from markupsafe import Markup, escape

from . import instruments
from .dates import date_range, day_and_time, joined, long_date, month, range_ends, time_of_day
from .figure_text import FigureText
from .languages import VOWELS, translations
from .periods import FiscalNaming, Point, Precision, When, parse_when
from .spans import parse_duration
from .typography import unbroken


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where used."""
    return message


@dataclass(frozen=True)
class Formatter(FigureText):
    """Formats values for one language and locale, such as fr with fr_CA."""

    lang: str
    locale: str
    fiscal_start: int = 1
    # The workspace whose `locale/` may hold catalogs of its own; text, not a Path: a
    # template sees the formatter, and a Path has methods that read files.
    workspace: str | None = None
    fiscal_named_by: FiscalNaming = "start"

    def gettext(self, message: str) -> str:
        """A label in the language, from the catalog."""
        return self._catalog().gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """A label in the language, for one context where the language needs another form."""
        return self._catalog().pgettext(context, message)

    def _catalog(self) -> NullTranslations:
        return translations(self.lang, Path(self.workspace) if self.workspace else None)

    def tag(self) -> str:
        """The locale as a BCP 47 language tag, as HTML, PDF and Word name it: fr-FR."""
        return self.locale.replace("_", "-")

    def on(self, text: str) -> str:
        """A date inside a sentence: `on August 8, 2025`, `le 1er août 2025`, `en 2012`,
        `du 30 juin au 1er juillet 2011`."""
        forms = {
            Precision.DAY: self.gettext("on {date}"),
            Precision.FISCAL_YEAR: self.pgettext("fiscal year", "in {date}"),
        }
        return self._phrase(text, forms, self.gettext("in {date}"), self._on_one_of())

    def _on_one_of(self) -> str:
        """One day of several inside a sentence: `on May 3 or 4, 2015`, « le 3 ou le 4 mai »
        (the article is the set's own in French and Spanish)."""
        return self.pgettext("one day of several", "on {date}")

    def on_each(self, texts: list[str]) -> Markup:
        """Dates in one sentence: `in 2016 and on May 5, 2021`, « en 2016 et le 5 mai 2021 »."""
        return self.listed([self.on(text) for text in texts])

    def since(self, text: str) -> str:
        """`since August 8, 2025`, `depuis le 1er août 2025`, `depuis 2012`."""
        forms = {
            Precision.DAY: self.pgettext("day", "since {date}"),
            Precision.FISCAL_YEAR: self.pgettext("fiscal year", "since {date}"),
        }
        other = self.gettext("since {date}")
        return self._phrase(text, forms, other, other)

    def as_of(self, text: str) -> str:
        """When facts were verified, as precise as written: `as of August 8, 2025`, `au 8 août
        2025`, but `en août 2012` and `en 2012` (French says « à jour au » of a day only)."""
        forms = {
            Precision.DAY: self.pgettext("day", "as of {date}"),
            Precision.FISCAL_YEAR: self.pgettext("fiscal year", "as of {date}"),
        }
        return self._phrase(text, forms, self.gettext("as of {date}"), self._on_one_of())

    def _phrase(self, text: str, forms: dict[Precision, str], other: str, of_set: str) -> str:
        """`text` in the form of its precision, one day of several in `of_set`; in any
        sentence a range of days, months or years reads `from June 30 to July 1, 2011`, `du
        30 juin au 1er juillet 2011`, a period still running `since March 2019`, and a range
        of mixed precisions `from 2010 to March 5, 2015`, « de 2010 au 5 mars 2015 »."""
        parsed = parse_when(text)
        start, end = parsed.start, parsed.end
        if parsed.open:
            return self.since(str(start))
        if parsed.one_of:
            return of_set.format(date=self.when(text))
        if parsed.mixed:
            mixed = self.pgettext("a range of mixed precisions", "from {range}")
            return mixed.format(range=self.when(text))
        if end is None or end == start or start.precision is Precision.FISCAL_YEAR:
            return forms.get(start.precision, other).format(date=self.when(text))
        if start.precision is Precision.YEAR:
            ends = (str(start.year), str(end.year))
        else:
            ends = range_ends(start.first_day(), end.first_day(), *self._calendar(start.precision))
        if start.precision is Precision.DAY:
            span = self.pgettext("days", "from {start} to {end}")
        else:
            span = self.gettext("from {start} to {end}")
        return span.format(start=ends[0], end=ends[1])

    def time(self, text: str) -> str:
        """A time of day written 09:30: `9:30 a.m.` in English, `9 h 30` in French.

        The catalog may give the language's own CLDR pattern (French writes 11 h 45 in
        Canada and in France, where CLDR's fr_FR says 11:45), and one for a time on the
        hour (9 h); else the locale's short time.
        """
        pattern = self.pgettext("CLDR time pattern", "short")
        if text.endswith(":00"):  # French writes 9 h, not 9 h 00: a pattern of its own
            pattern = _choose(self.pgettext("CLDR time pattern on the hour", "short"), pattern)
        return time_of_day(text, self.locale, None if pattern == "short" else pattern)

    def day_and_time(self, day: str, at: str) -> str:
        """A meeting's date and time: `August 8, 2025, 11:45 a.m.`, `8 août 2025, 11 h 45`."""
        return day_and_time(self.when(day), self.time(at), self.locale)

    def term(self, since: str | None, until: str | None) -> str:
        """A term of office: `July 2011 to July 2016`, « de juillet 2011 à juillet 2016 »,
        « du 1er août 2025 au 10 octobre 2025 »; `since ...` or `until ...` when one end
        alone is known, nothing when neither is.

        Each end's words depend on its precision (« du » before a day, « de » before a month
        or year), and the start's on whether it begins with a vowel (« d’avril »): the
        catalog gives each form.
        """
        if since is None:
            return "" if until is None else self._until(until)
        first, last = parse_when(since), parse_when(until) if until else None
        if last is None or last.open:  # still running
            return self.since(since)
        if first.open:  # a term since March 2019 that ended: from its start
            first, since = When(str(first.start), first.start), str(first.start)
        if first.one_of or first.mixed or last.one_of or last.mixed:
            # each reads as a whole (« le 3 ou le 4 mai »): no preposition fits before it
            return joined(self.when(since), self.when(str(until)), self.locale)
        by_day = (first.start.precision is Precision.DAY, last.start.precision is Precision.DAY)
        return self._span(self.when(since), by_day[0], self.when(str(until)), by_day[1])

    def _span(self, start: str, from_day: bool, end: str, to_day: bool) -> str:
        """Two dates as a span, `from_day` and `to_day` saying whether each is a day: `July
        2011 to July 2016`, « de juillet 2011 à juillet 2016 », « du 1er août 2025 au 10
        octobre 2025 », « d’avril 2011 à mars 2012 »."""
        if from_day:
            begin = self.pgettext("term from a day", "{date}")
        elif start[:1].casefold() in VOWELS:
            begin = self.pgettext("term from a vowel", "{date}")
        else:
            begin = self.pgettext("term from", "{date}")
        if to_day:
            to = self.pgettext("term to a day", "to {date}")
        else:
            to = self.pgettext("term to", "to {date}")
        return f"{begin.format(date=start)} {to.format(date=end)}"

    def _until(self, text: str) -> str:
        """`until July 2016`, « jusqu’en juillet 2016 », « jusqu’au 28 juillet 2016 »."""
        if parse_when(text).start.precision is Precision.DAY:
            return self.pgettext("day", "until {date}").format(date=self.when(text))
        return self.gettext("until {date}").format(date=self.when(text))

    def ended(self, how: str) -> str:
        """How a term ended, in a few words that agree with no one's gender."""
        words = {
            "completed": self.gettext("end of term"),
            "resigned": self.gettext("resignation"),
            "removed": self.gettext("removal from office"),
            "defeated": self.gettext("electoral defeat"),
            "replaced": self.gettext("replacement"),
            "died": self.gettext("death in office"),
        }
        return words[how]

    def agreement_kind(self, kind: str) -> str:
        """The noun of an instrument's kind, in lower case: `joint statement`."""
        return instruments.kind_name(self, kind)

    def agreement_event(self, event: str, kind: str | None) -> str:
        """What happened to an instrument, agreeing with its kind's noun: `issued`,
        « publiée »; a noun when it has no kind: « publication » (see `instruments`)."""
        return instruments.event_words(self, event, kind)

    def agreement_status(self, status: str, kind: str | None) -> str:
        """Where an instrument stands, agreeing with its kind's noun: `in force`."""
        return instruments.status_words(self, status, kind)

    def listed(self, items: list[str]) -> Markup:
        """Items in a sentence: `Chile, Mexico and Peru`, « le Chili, le Mexique et le Pérou ».

        Each item is escaped unless it is markup already (a marked translation); the
        locale's list patterns hold only words and punctuation.
        """
        return Markup(format_list([str(escape(item)) for item in items], locale=self.locale))

    def fill(self, message: str, **values: str) -> Markup:
        """A message with its blanks filled, as markup: the message and each value escaped
        unless markup already, so that a marked translation keeps its mark and no text
        becomes HTML (`str.format` would escape the mark's own tags)."""
        return escape(message).format(**values)

    def unbroken(self, text: str) -> Markup:
        """A title whose hyphenated compounds do not break at the hyphen (« Sud-Est »)."""
        return unbroken(text)

    def language_name(self, code: str) -> str:
        """A language's name in the brief's language, from Babel: `Spanish`, « espagnol »."""
        name: str | None = Locale.parse(self.locale).languages.get(code)
        return name or code

    def when(self, text: str) -> str:
        """A date as precise as it was written, in the brief's language; a range in the style
        of a single date: `February 28–29, 2024`, `30 juin – 1er juillet 2011`; each end of a
        range of mixed precisions at its own, `2010 to March 5, 2015`, « de 2010 au 5 mars
        2015 »; a period still running `since March 2019`, « depuis mars 2019 »; one day of
        several `May 3 or 4, 2015`, « le 3 ou le 4 mai 2015 », `one day between May 3 and 7,
        2015`."""
        parsed: When = parse_when(text)
        start, end = parsed.start, parsed.end
        if parsed.open:
            return self.since(str(start))
        if start.precision is Precision.FISCAL_YEAR:
            return self._fiscal(start, end)
        if end is None or end == start:
            return self._point(start)
        if parsed.one_of:
            return self._one_of(start, end)
        if parsed.mixed:
            by_day = (start.precision is Precision.DAY, end.precision is Precision.DAY)
            return self._span(self._point(start), by_day[0], self._point(end), by_day[1])
        if start.precision is Precision.YEAR:
            return f"{start.year}–{end.year}"
        return date_range(start.first_day(), end.first_day(), *self._calendar(start.precision))

    def _calendar(self, precision: Precision) -> tuple[bool, str, str]:
        """What `dates` needs to print days or months: by day, the locale, the first of a
        month as the language writes it (« 1er » in French)."""
        first = self.pgettext("the first day of a month", "1")
        return precision is Precision.DAY, self.locale, first

    def _one_of(self, start: Point, end: Point) -> str:
        """One of two days, `May 3 or 4, 2015`, or of more, `one day between May 3 and 7,
        2015`, the ends as the locale's interval pattern prints them."""
        ends = range_ends(start.first_day(), end.first_day(), *self._calendar(Precision.DAY))
        if (end.first_day() - start.first_day()).days == 1:
            words = self.pgettext("one of two days", "{start} or {end}")
        else:
            words = self.pgettext("one day of several", "one day between {start} and {end}")
        return words.format(start=ends[0], end=ends[1])

    def _point(self, point: Point) -> str:
        if point.precision is Precision.DAY:
            return long_date(point.first_day(), self.locale, self._calendar(point.precision)[2])
        if point.precision is Precision.MONTH:
            return month(point.first_day(), self.locale)
        return str(point.year)

    def _fiscal(self, start: Point, end: Point | None) -> str:
        """A fiscal year as its home names it, and the months it runs: Canada's FY2011 is
        "fiscal year 2011–2012 (April 2011 to March 2012)", the calendar years it spans; a
        home whose years are named by their end (the United States') prints FY2022 as
        "fiscal year 2022 (October 2021 to September 2022)", named the way its own documents
        write it, with months that no reader elsewhere has to know."""
        last = (end or start).year
        if self.fiscal_start == 1 or self.fiscal_named_by == "end":
            span = str(start.year) if last == start.year else f"{start.year}–{last}"
        else:
            span = f"{start.year}–{last + 1}"
        name = self.gettext("fiscal year {span}").format(span=span)
        if self.fiscal_start == 1:  # the calendar year: its months go without saying
            return name
        calendar = (self.fiscal_start, self.fiscal_named_by)
        first, final = start.first_day(*calendar), (end or start).last_day(*calendar)
        months = self._span(month(first, self.locale), False, month(final, self.locale), False)
        both = self.pgettext("a fiscal year and its months", "{name} ({months})")
        return both.format(name=name, months=months)

    def duration(self, text: str) -> str:
        """A `Duration` in words: `4 years`, « 4 ans », « 4 años ».

        CLDR's long unit (`duration-year`), through Babel; it does not break across lines.
        """
        count, unit = parse_duration(text)
        words = format_unit(count, f"duration-{unit}", length="long", locale=self.locale)
        return words.replace(" ", "\u00a0")


def _choose(given: str, otherwise: str) -> str:
    """A catalog's pattern, or `otherwise` where the catalog leaves "short" untranslated."""
    return otherwise if given == "short" else given
