"""Classification schemes: ordered levels, their names in each language and portion marks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    """One level of a scheme, as printed in each language and as a portion mark."""

    name: str
    fr: str
    abbr: str
    en: str | None = None  # the English label, when the name files use is not English

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en or self.name


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
            Level("UNCLASSIFIED", "NON CLASSIFIÉ", "U"),
            Level("PROTECTED A", "PROTÉGÉ A", "PA"),
            Level("PROTECTED B", "PROTÉGÉ B", "PB"),
            Level("PROTECTED C", "PROTÉGÉ C", "PC"),
            Level("CONFIDENTIAL", "CONFIDENTIEL", "C"),
            Level("SECRET", "SECRET", "S"),
            Level("TOP SECRET", "TRÈS SECRET", "TS"),
        ),
    ),
    "uk": Scheme(
        "uk",
        (
            Level("OFFICIAL", "OFFICIEL", "O"),
            Level("OFFICIAL-SENSITIVE", "OFFICIEL-SENSIBLE", "OS"),
            Level("SECRET", "SECRET", "S"),
            Level("TOP SECRET", "TRÈS SECRET", "TS"),
        ),
    ),
    "us": Scheme(
        "us",
        (
            Level("UNCLASSIFIED", "NON CLASSIFIÉ", "U"),
            Level("CUI", "CUI", "CUI"),
            Level("CONFIDENTIAL", "CONFIDENTIEL", "C"),
            Level("SECRET", "SECRET", "S"),
            Level("TOP SECRET", "TRÈS SECRET", "TS"),
        ),
    ),
    # France since the 2021 reform of IGI 1300: two classification levels, Secret and Très
    # Secret, below them the protective mark Diffusion restreinte, and below that nothing.
    # Files use the French names; the English labels translate them (RESTRICTED is also
    # how NATO names the mark Diffusion restreinte answers to).
    "french": Scheme(
        "french",
        (
            Level("NON PROTÉGÉ", "NON PROTÉGÉ", "NP", en="NOT PROTECTED"),
            Level("DIFFUSION RESTREINTE", "DIFFUSION RESTREINTE", "DR", en="RESTRICTED"),
            Level("SECRET", "SECRET", "S"),
            Level("TRÈS SECRET", "TRÈS SECRET", "TS", en="TOP SECRET"),
        ),
    ),
}
