"""Classification schemes: ordered levels and their portion marks.

A level's name is the key data files use and its English label; its label in another
language comes from that language's catalog, under the context "classification" (msgctxt),
so that a language added by a catalog marks its briefs in its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

LABELS = "classification"  # the msgctxt of the levels' labels, written out in each NC_ below


def NC_(context: str, message: str) -> str:
    """Mark a message for translation in `context` where it is defined (`pybabel extract`
    reads it as pgettext); it is translated where it is printed."""
    return message


class Catalog(Protocol):
    """What labels a level: a language's catalog, or a formatter that reads one."""

    def pgettext(self, context: str, message: str) -> str: ...


@dataclass(frozen=True)
class Level:
    """One level of a scheme: its name (the key files use) and its portion mark."""

    name: str
    abbr: str
    en: str | None = None  # the English label, when the name files use is not English

    def label(self, catalog: Catalog) -> str:
        """The level as a brief in the catalog's language prints it: NON CLASIFICADO.

        The msgid is the English label: the name, unless the name is not English.
        """
        return catalog.pgettext(LABELS, self.en or self.name)


@dataclass(frozen=True)
class Scheme:
    """An ordered list of levels, lowest first."""

    name: str
    levels: tuple[Level, ...]

    def names(self) -> list[str]:
        return [level.name for level in self.levels]

    def rank(self, name: str) -> int:
        """Position of `name` in the scheme; raises KeyError for a level it does not have."""
        for i, level in enumerate(self.levels):
            if level.name == name:
                return i
        raise KeyError(name)

    def level(self, name: str) -> Level:
        return self.levels[self.rank(name)]

    def allows(self, item: str | None, ceiling: str) -> bool:
        """Whether an item marked `item` (None: unmarked) may appear in a build at `ceiling`."""
        return item is None or self.rank(item) <= self.rank(ceiling)

    def highest(self, names: list[str]) -> str:
        return max(names, key=self.rank)


SCHEMES: dict[str, Scheme] = {
    "canada": Scheme(
        "canada",
        (
            Level(NC_("classification", "UNCLASSIFIED"), "U"),
            Level(NC_("classification", "PROTECTED A"), "PA"),
            Level(NC_("classification", "PROTECTED B"), "PB"),
            Level(NC_("classification", "PROTECTED C"), "PC"),
            Level(NC_("classification", "CONFIDENTIAL"), "C"),
            Level(NC_("classification", "SECRET"), "S"),
            Level(NC_("classification", "TOP SECRET"), "TS"),
        ),
    ),
    "uk": Scheme(
        "uk",
        (
            Level(NC_("classification", "OFFICIAL"), "O"),
            Level(NC_("classification", "OFFICIAL-SENSITIVE"), "OS"),
            Level(NC_("classification", "SECRET"), "S"),
            Level(NC_("classification", "TOP SECRET"), "TS"),
        ),
    ),
    "us": Scheme(
        "us",
        (
            Level(NC_("classification", "UNCLASSIFIED"), "U"),
            Level(NC_("classification", "CUI"), "CUI"),
            Level(NC_("classification", "CONFIDENTIAL"), "C"),
            Level(NC_("classification", "SECRET"), "S"),
            Level(NC_("classification", "TOP SECRET"), "TS"),
        ),
    ),
    # France since the 2021 reform of IGI 1300: two classification levels, Secret and Très
    # Secret, below them the protective mark Diffusion restreinte, and below that nothing.
    # Files use the French names; the English labels translate them (RESTRICTED is also
    # how NATO names the mark Diffusion restreinte answers to).
    "french": Scheme(
        "french",
        (
            Level("NON PROTÉGÉ", "NP", en=NC_("classification", "NOT PROTECTED")),
            Level("DIFFUSION RESTREINTE", "DR", en=NC_("classification", "RESTRICTED")),
            Level(NC_("classification", "SECRET"), "S"),
            Level("TRÈS SECRET", "TS", en=NC_("classification", "TOP SECRET")),
        ),
    ),
}
