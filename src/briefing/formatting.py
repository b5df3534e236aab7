"""Numbers, money, percentages and dates for a brief's language, by Babel and gettext.

Labels are English msgids translated by the `brief` gettext domain (locale/fr/...). The
catalog is read from its `.po` file and compiled in memory once per process, so there is
no binary to keep in step with the text.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from io import BytesIO

from babel import Locale
from babel.dates import format_date, format_interval
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_symbol,
)

from .periods import FiscalNaming, Point, Precision, When, parse_when

DOMAIN = "brief"


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where used."""
    return message


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext catalog of `lang` (English is the msgid language)."""
    if lang == "en":
        return gettext.NullTranslations()
    po = files("briefing") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class Formatter:
    """Formats values for one language and locale, such as fr with fr_CA."""

    lang: str
    locale: str
    fiscal_start: int = 1
    fiscal_named_by: FiscalNaming = "start"

    def gettext(self, message: str) -> str:
        """A label in the language, from the catalog."""
        return translations(self.lang).gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """A label in the language, for one context where the language needs another form."""
        return translations(self.lang).pgettext(context, message)

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
            return format_date(point.first_day(), "long", locale=self.locale)
        if point.precision is Precision.MONTH:
            return format_date(point.first_day(), "MMMM y", locale=self.locale)
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
