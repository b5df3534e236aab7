"""Figures in words, for a brief's language: numbers, money, units, bounds, ranges,
ranks, durations and stated changes, by Babel and the catalog.

`FigureText` is the part of `formatting.Formatter` that states figures; a figure says
what its source says of the number (`figure_model`), and the brief says all of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)
from babel.units import format_unit
from markupsafe import Markup, escape

from .languages import VOWELS

NBSP = "\u00a0"
TURNED = {"over": "under", "under": "over", "at_least": "at_most", "at_most": "at_least"}
"""A bound on a deficit, as a bound on its size: a balance under -3 is a deficit over 3."""


def _fill(pattern: str, **parts: Any) -> Markup:
    """A catalog's pattern with its parts, as HTML: text from the data (a label, what is
    counted, a figure as printed) is escaped, and what is already HTML (a translation
    marked missing) is kept."""
    return escape(pattern).format(**parts)


class FigureText:
    """Formats figures; mixed into `Formatter`, which gives the locale and the catalog."""

    locale: str

    if TYPE_CHECKING:

        def gettext(self, message: str) -> str: ...
        def pgettext(self, context: str, message: str) -> str: ...
        def when(self, text: str) -> str: ...
        def duration(self, text: str) -> str: ...

    def figure(self, f: Mapping[str, Any]) -> str:
        """A figure as its source gives it: `about $4.2 billion`, `between 2 and 3 million
        people`, `$30 million over 4 years`, `12th largest economy`, an inferred currency
        and a stated change said; an incomplete figure as printed, marked so."""
        if f.get("incomplete"):
            return _fill(
                self.gettext("“{printed}” (incomplete figure, as printed)"), printed=f["as_printed"]
            )
        if f.get("unit") == "rank":
            text = self.rank(int(f["value"]), f.get("label") or "")
        else:
            text = self._amount(f)
        if f.get("duration"):
            text = _fill(
                self.gettext("{amount} over {duration}"),
                amount=text,
                duration=self.duration(f["duration"]),
            )
        if f.get("currency_inferred"):
            text = _fill(
                self.gettext("{amount} (currency not stated: taken as {currency})"),
                amount=text,
                currency=f["currency"],
            )
        if f.get("change"):
            text = _fill(
                self.gettext("{figure}, {change}"), figure=text, change=self.change(f["change"])
            )
        return text

    def _amount(self, f: Mapping[str, Any]) -> str:
        """The number of a figure with its currency or unit, as a value or a range."""
        currency, qualifier = f.get("currency"), f.get("qualifier")
        unit: str = f.get("unit") or ""  # a figure without a currency has a unit
        if f.get("between"):
            low, high = f["between"]
            if currency and f.get("flow") == "balance":
                return self._balance_range(low, high, currency)
            if currency:
                return self._money_range(low, high, currency)
            return self._quantity_range(low, high, unit, f.get("counted"))
        if currency and f.get("flow") == "balance":
            return self.balance(f["value"], currency, qualifier)
        if currency:
            return self.money(f["value"], currency, qualifier)
        return self.quantity(f["value"], unit, qualifier, f.get("counted"))

    def number(self, value: float, digits: int = 3) -> str:
        """A count or an amount: exact below a million, in words above (4.2 billion)."""
        if abs(value) < 1_000_000:
            return format_decimal(round(value), locale=self.locale)
        if abs(value) >= 1e15:  # beyond Babel's largest word: so many trillion, in the plural
            count = round(value / 1e12)
            words = format_compact_decimal(count * 1e12, format_type="long", locale=self.locale)
            # Babel prints the count ungrouped ("1706 billions"): grouped, as every number is
            grouped = format_decimal(count, locale=self.locale)
            words = words.replace(str(count), grouped, 1)
        else:
            words = format_compact_decimal(
                value, format_type="long", locale=self.locale, fraction_digits=digits
            )
        return words.replace(" ", NBSP)  # "4.2 billion" must not break across lines

    def axis_number(self, value: float) -> str:
        """A chart's axis mark, short: `500M`, `1.5B`; « 1,5 G » in Canadian French. Marks are
        1, 2 or 5 times a power of ten: two decimals state each exactly."""
        words = format_compact_decimal(
            value, format_type="short", locale=self.locale, fraction_digits=2
        )
        return words.replace(" ", NBSP)

    def currency_name(self, currency: str) -> str:
        """What amounts in `currency` are counted in: `Canadian dollars`, « dollars canadiens »."""
        return get_currency_name(currency, count=2, locale=self.locale)

    def money(self, value: float, currency: str, qualifier: str | None = None) -> str:
        """`$4.2 billion` in English, `4,2 milliards $` in French, with its qualifier."""
        prefix, suffix = self._currency(currency)
        sign = "\u2212" if value < 0 else ""  # a minus sign: no line break after it
        return self.qualified(f"{sign}{prefix}{self.number(abs(value))}{suffix}", qualifier)

    def _currency(self, currency: str) -> tuple[str, str]:
        """What the locale writes before and after an amount in `currency`."""
        pattern = Locale.parse(self.locale).currency_formats["standard"]
        symbol = get_currency_symbol(currency, locale=self.locale)
        return pattern.prefix[0].replace("¤", symbol), pattern.suffix[0].replace("¤", symbol)

    def balance(self, value: float, currency: str, qualifier: str | None = None) -> str:
        """A trade balance: a deficit as its size ("a deficit of under $3.9 billion": the
        bound turns with the sign), a surplus as the amount."""
        if value >= 0:
            return self.money(value, currency, qualifier)
        deficit = self.money(-value, currency, TURNED.get(qualifier or "", qualifier))
        return _fill(self.gettext("deficit of {amount}"), amount=deficit)

    def _balance_range(self, low: float, high: float, currency: str) -> str:
        """A balance known to lie in a range: a deficit of between..., or a range across 0."""
        if high <= 0:
            deficit = self._money_range(-high, -low, currency)
            return _fill(self.gettext("deficit of {amount}"), amount=deficit)
        if low >= 0:
            return self._money_range(low, high, currency)
        return self.between(self.money(low, currency), self.money(high, currency))

    def between(self, low: str, high: str) -> str:
        """`between 2 and 3 million`, « entre 2 et 3 millions »: two ends already written."""
        return _fill(self.gettext("between {low} and {high}"), low=low, high=high)

    def _money_range(self, low: float, high: float, currency: str) -> str:
        """`between $2 and $3 million`, « entre 2 et 3 millions $ »: a scale both ends share
        (and a symbol written after it) is written once."""
        prefix, suffix = self._currency(currency)
        low_words, high_words = self.number(low), self.number(high)
        shared = _shared_scale(low_words, high_words)
        start = prefix + (shared or low_words + suffix)
        return self.between(start, f"{prefix}{high_words}{suffix}")

    def _quantity_range(self, low: float, high: float, unit: str, counted: str | None) -> str:
        """`between 2 and 3 million people`, « entre 5 % et 10 % »."""
        if unit == "percent":
            return self.between(self.percent(low / 100), self.percent(high / 100))
        if unit in ("minutes", "hours"):
            return self.between(self._decimal(low), self._time_span(high, unit))
        low_words, high_words = self.number(low, digits=1), self.number(high, digits=1)
        span = self.between(_shared_scale(low_words, high_words) or low_words, high_words)
        return self._counted(span, unit, counted, in_words=high >= 1_000_000)

    def quantity(
        self, value: float, unit: str, qualifier: str | None = None, counted: str | None = None
    ) -> str:
        """A number with its unit: `33.8 million people`, `33,8 millions d’habitants`,
        `90 minutes`, `12 vessels` (a count of what `counted` says)."""
        if unit == "percent":
            return self.qualified(self.percent(value / 100), qualifier)
        if unit in ("minutes", "hours"):
            return self.qualified(self._time_span(value, unit), qualifier)
        text = self._counted(self.number(value, digits=1), unit, counted, abs(value) >= 1e6)
        return self.qualified(text, qualifier)

    def _time_span(self, value: float, unit: str) -> str:
        """`90 minutes`, `1 heure`: Babel's long form of the unit."""
        amount = int(value) if value == int(value) else value
        unit_id = {"minutes": "duration-minute", "hours": "duration-hour"}[unit]
        return format_unit(amount, unit_id, length="long", locale=self.locale)

    def _counted(self, text: str, unit: str, counted: str | None, in_words: bool) -> str:
        """`text`, a number, with its unit; `in_words` above a million: French says "33 800
        habitants" but "33,8 millions d'habitants", and "d'" before a vowel.

        Each msgid is written out at its call, so that `pybabel extract` finds them all.
        """
        if unit == "count":
            if not counted:
                return text
            if not in_words:
                pattern = self.gettext("{n} {counted}")
            elif counted[:1].casefold() in VOWELS:
                pattern = self.pgettext("in words, before a vowel", "{n} {counted}")
            else:
                pattern = self.pgettext("in words", "{n} {counted}")
            return _fill(pattern, n=text, counted=counted)
        if in_words:
            patterns = {
                "people": self.pgettext("in words", "{n} people"),
                "students": self.pgettext("in words", "{n} students"),
                "km2": self.pgettext("in words", "{n} km²"),
                "member_states": self.pgettext("in words", "{n} member states"),
            }
        else:
            patterns = {
                "people": self.gettext("{n} people"),
                "students": self.gettext("{n} students"),
                "km2": self.gettext("{n} km²"),
                "member_states": self.gettext("{n} member states"),
            }
        return _fill(patterns[unit], n=text)

    def rank(self, n: int, label: str) -> str:
        """A rank: `12th largest economy`, « 12e économie », « economía n.º 12 ».

        The form follows the locale's ordinal plural category (CLDR, by Babel), and each
        category's form is the catalog's: no suffix is written into the code.
        """
        forms = {
            "zero": self.pgettext("ordinal zero", "{n}th {label}"),
            "one": self.pgettext("ordinal one", "{n}st {label}"),
            "two": self.pgettext("ordinal two", "{n}nd {label}"),
            "few": self.pgettext("ordinal few", "{n}rd {label}"),
            "many": self.pgettext("ordinal many", "{n}th {label}"),
            "other": self.pgettext("ordinal other", "{n}th {label}"),
        }
        category = Locale.parse(self.locale).ordinal_form(n)
        return _fill(forms[category], n=self._decimal(n), label=label).strip()

    def change(self, c: Mapping[str, Any]) -> str:
        """A change the source states: `up 15% on 2023`, « en hausse de 15 % par rapport à
        2023 », `down 3% on the year before`, `over 2 times the figure of 2023`."""
        since, qualifier = c.get("since"), c.get("qualifier")
        if c.get("factor") is not None:
            factor = self.qualified(self._decimal(c["factor"]), qualifier)
            if since:
                text = self.gettext("{factor} times the figure of {since}")
            else:
                text = self.gettext("{factor} times the figure of the year before")
            return _fill(text, factor=factor, since=self.when(str(since)) if since else "")
        rise = c["percent"] > 0
        percent = self.qualified(self.percent(abs(c["percent"]) / 100), qualifier)
        if qualifier:  # "a rise of more than 15 %": some languages join a bound otherwise
            forms = {
                (True, True): self.pgettext("qualified", "up {percent} on {since}"),
                (False, True): self.pgettext("qualified", "down {percent} on {since}"),
                (True, False): self.pgettext("qualified", "up {percent} on the year before"),
                (False, False): self.pgettext("qualified", "down {percent} on the year before"),
            }
        else:
            forms = {
                (True, True): self.gettext("up {percent} on {since}"),
                (False, True): self.gettext("down {percent} on {since}"),
                (True, False): self.gettext("up {percent} on the year before"),
                (False, False): self.gettext("down {percent} on the year before"),
            }
        text = forms[rise, since is not None]
        return _fill(text, percent=percent, since=self.when(str(since)) if since else "")

    def qualified(self, text: str, qualifier: str | None) -> str:
        """A value with what the source says of it: about, over, under, nearly, at least,
        at most or up to it, in the language."""
        if qualifier is None:
            return text
        words = {
            "over": self.gettext("over {amount}"),
            "about": self.gettext("about {amount}"),
            "under": self.gettext("under {amount}"),
            "nearly": self.gettext("nearly {amount}"),
            "at_least": self.gettext("at least {amount}"),
            "at_most": self.gettext("at most {amount}"),
            "up_to": self.gettext("up to {amount}"),
        }
        return _fill(words[qualifier], amount=text)

    def percent(self, ratio: float) -> str:
        """`18.5%`, `18,5 %`."""
        return format_percent(round(ratio, 3), locale=self.locale, decimal_quantization=False)

    def _decimal(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)


def _shared_scale(low: str, high: str) -> str | None:
    """The number of `low` alone when it has the same scale word as `high` ("2 million",
    "3 million": "2"), so that a range writes the scale once; else None."""
    number, _, scale = low.partition(NBSP)
    return number if scale and scale == high.partition(NBSP)[2] else None
