"""Numbers, money, percentages and dates for a brief's language, by Babel and gettext.

Labels are English msgids translated by the language's catalog (see `languages`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_symbol,
)

from .languages import translations
from .periods import FiscalNaming, Point, Precision, When, parse_when

VOWELS = "aeiouyàâäéèêëîïôöùûü"  # a start beginning with one takes the catalog's elided form
_DAY_FIELD = re.compile(r"(?<![A-Za-z'])d(?![A-Za-z'])")  # the day in a CLDR date pattern


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where used."""
    return message


@dataclass(frozen=True)
class Formatter:
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

    def number(self, value: float, digits: int = 3) -> str:
        """A count or an amount: exact below a million, in words above (4.2 billion)."""
        if abs(value) < 1_000_000:
            return format_decimal(round(value), locale=self.locale)
        if abs(value) >= 1e15:  # beyond Babel's largest word: so many trillion
            unit = format_compact_decimal(1e12, format_type="long", locale=self.locale)
            count = format_decimal(round(value / 1e12), locale=self.locale)
            words = unit.replace("1", count, 1)
        else:
            words = format_compact_decimal(
                value, format_type="long", locale=self.locale, fraction_digits=digits
            )
        return words.replace(" ", "\u00a0")  # "4.2 billion" must not break across lines

    def money(self, value: float, currency: str, qualifier: str | None = None) -> str:
        """`$4.2 billion` in English, `4,2 milliards $` in French, with over/about/under."""
        pattern = Locale.parse(self.locale).currency_formats["standard"]
        symbol = get_currency_symbol(currency, locale=self.locale)
        sign = "\u2212" if value < 0 else ""  # a minus sign: no line break after it
        prefix = pattern.prefix[0].replace("¤", symbol)
        suffix = pattern.suffix[0].replace("¤", symbol)
        return self.qualified(f"{sign}{prefix}{self.number(abs(value))}{suffix}", qualifier)

    def quantity(self, value: float, unit: str, qualifier: str | None = None) -> str:
        """A number with its unit: `33.8 million people`, `33,8 millions d’habitants`."""
        if unit == "percent":
            return self.qualified(self.percent(value / 100), qualifier)
        text = self.number(value, digits=1)
        pattern = self._unit(unit, in_words=abs(value) >= 1_000_000)
        return self.qualified(pattern.format(n=text) if pattern else text, qualifier)

    def _unit(self, unit: str, in_words: bool) -> str | None:
        """The pattern of a counted unit, `in_words` above a million: French says "33 800
        habitants" but "33,8 millions d'habitants".

        Each msgid is written out at its call, so that `pybabel extract` finds all six.
        """
        if in_words:
            patterns = {
                "people": self.pgettext("in words", "{n} people"),
                "students": self.pgettext("in words", "{n} students"),
                "km2": self.pgettext("in words", "{n} km²"),
            }
        else:
            patterns = {
                "people": self.gettext("{n} people"),
                "students": self.gettext("{n} students"),
                "km2": self.gettext("{n} km²"),
            }
        return patterns.get(unit)

    def on(self, text: str) -> str:
        """A date inside a sentence: `on August 8, 2025`, `le 8 août 2025`, `en 2012`."""
        if parse_when(text).start.precision is Precision.DAY:
            return self.gettext("on {date}").format(date=self.when(text))
        return self.gettext("in {date}").format(date=self.when(text))

    def since(self, text: str) -> str:
        """`since August 8, 2025`, `depuis le 8 août 2025`, `depuis 2012`."""
        if parse_when(text).start.precision is Precision.DAY:
            return self.pgettext("day", "since {date}").format(date=self.when(text))
        return self.gettext("since {date}").format(date=self.when(text))

    def as_of(self, text: str) -> str:
        """The date a value stands on: `as of August 2012`, « en août 2012 », « au 8 août 2025 »."""
        if parse_when(text).start.precision is Precision.DAY:
            return self.pgettext("day", "as of {date}").format(date=self.when(text))
        return self.gettext("as of {date}").format(date=self.when(text))

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
        if until is None:
            return self.since(since)
        start = self.when(since)
        if parse_when(since).start.precision is Precision.DAY:
            begin = self.pgettext("term from a day", "{date}")
        elif start[:1].casefold() in VOWELS:
            begin = self.pgettext("term from a vowel", "{date}")
        else:
            begin = self.pgettext("term from", "{date}")
        if parse_when(until).start.precision is Precision.DAY:
            end = self.pgettext("term to a day", "to {date}")
        else:
            end = self.pgettext("term to", "to {date}")
        return f"{begin.format(date=start)} {end.format(date=self.when(until))}"

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

    def qualified(self, text: str, qualifier: str | None) -> str:
        """`over`, `about` or `under` a value, in the language."""
        if qualifier is None:
            return text
        words = {
            "over": self.gettext("over {amount}"),
            "about": self.gettext("about {amount}"),
            "under": self.gettext("under {amount}"),
        }
        return words[qualifier].format(amount=text)

    def percent(self, ratio: float) -> str:
        """`18.5%`, `18,5 %`."""
        return format_percent(round(ratio, 3), locale=self.locale, decimal_quantization=False)

    def when(self, text: str) -> str:
        """A date as precise as it was written, in the brief's language."""
        parsed: When = parse_when(text)
        start, end = parsed.start, parsed.end
        if start.precision is Precision.FISCAL_YEAR:
            return self._fiscal(start, end)
        if end is None:
            return self._point(start)
        if start.precision is Precision.YEAR:
            return f"{start.year}–{end.year}"
        skeleton = "yMMMMd" if start.precision is Precision.DAY else "yMMMM"
        return format_interval(start.first_day(), end.first_day(), skeleton, locale=self.locale)

    def _point(self, point: Point) -> str:
        if point.precision is Precision.DAY:
            pattern = Locale.parse(self.locale).date_formats["long"].pattern
            if point.day == 1:  # « 1er août »: the catalog says how the first is written
                first = self.pgettext("the first day of a month", "1")
                pattern = _DAY_FIELD.sub(f"'{first}'", pattern, count=1)
            return format_date(point.first_day(), pattern, locale=self.locale)
        if point.precision is Precision.MONTH:
            # the locale's own pattern: "August 2012", but Spanish says "agosto de 2012"
            return format_skeleton("yMMMM", point.first_day(), locale=self.locale)
        return str(point.year)

    def _fiscal(self, start: Point, end: Point | None) -> str:
        """A fiscal year as its home names it: Canada's FY2011 is "2011–2012", the calendar
        years it spans; a home whose years are named by their end (the United States')
        prints FY2022 as "2022", the way its own documents write it."""
        last = (end or start).year
        if self.fiscal_start == 1 or self.fiscal_named_by == "end":
            span = str(start.year) if last == start.year else f"{start.year}–{last}"
        else:
            span = f"{start.year}–{last + 1}"
        return self.gettext("fiscal year {span}").format(span=span)
