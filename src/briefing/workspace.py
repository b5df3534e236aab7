"""The workspace: `brief.yaml` settings and where each kind of data file lives."""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .classification import SCHEMES, Scheme
from .errors import (
    InvalidInput,
    Problem,
    UnknownTarget,
    WorkspaceNotFound,
    display_path,
    one_line,
    shown,
)
from .formatting import Formatter
from .languages import available_languages
from .levels import Resolver
from .load import load_document
from .model import SLUG_PATTERN, Language, Prose, Slug, Strict
from .periods import FiscalNaming
from .validate import validate

SETTINGS_FILE = "brief.yaml"


# Settings are typed strictly (no "365" for 365, no yes for true), so that `brief check`
# and an editor reading `schema/settings.json` refuse the same things.
SchemeName = Literal["canada", "uk", "us", "french"]


class ClassificationSettings(Strict):
    """How documents are marked."""

    scheme: SchemeName = Field("canada", description="the ordered list of levels to use")
    default: str = Field(
        description="the level a build uses unless --classification says otherwise",
        examples=["UNCLASSIFIED"],
    )
    portion_marks: StrictBool = Field(
        False, description="print a portion mark, such as (U) or (PA), before each paragraph"
    )

    @model_validator(mode="after")
    def _default_in_scheme(self) -> ClassificationSettings:
        names = SCHEMES[self.scheme].names()
        if self.default not in names:
            raise ValueError(
                f"default level '{self.default}' is not in the {self.scheme} "
                f"scheme (expected one of: {', '.join(names)})"
            )
        return self


class HomeClassification(ClassificationSettings):
    """How one home's files and briefs are marked, in place of the workspace's scheme."""

    scheme: SchemeName = Field(description="the ordered list of levels the home's files use")


def _logo_path(value: str) -> str:
    """A logo's path: relative, inside the workspace, to an SVG or PNG file (whether the
    file is there is seen by the build that reads it: `assets.logo_url`)."""
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value or ".." in path.parts or path.suffix not in LOGOS:
        raise ValueError(
            f"{shown(value)} is not a path to a logo in the workspace (expected a relative "
            "path to an .svg or .png file, such as templates/logo.svg)"
        )
    return value


LOGOS = (".svg", ".png")
LogoPath = Annotated[
    StrictStr,
    AfterValidator(_logo_path),
    Field(
        description="an SVG or PNG file, by its path from the workspace's folder",
        examples=["templates/logo.svg"],
        json_schema_extra={
            "pattern": r"^(?![/\\])(?!(.*/)?\.\.(/|$))[^\\]*\.(svg|png)$",
            "patternErrorMessage": "expected a relative path to an .svg or .png file",
        },
    ),
]


def _once_each(items: list[str]) -> list[str]:
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        raise ValueError(f"{', '.join(repeated)} listed twice (expected each once)")
    return items


_ONCE_EACH = AfterValidator(_once_each)


def _example(lang: str) -> str:
    """A locale of `lang` to suggest: the Canadian one if Babel has it, else the likeliest."""
    likely = get_global("likely_subtags").get(lang, "")  # es: es_Latn_ES
    for name in (f"{lang}_CA", f"{lang}_{likely.rsplit('_', 1)[-1]}"):
        with suppress(ValueError, UnknownLocaleError):
            return str(Locale.parse(name))
    return lang


def _locale_problem(lang: str, name: str) -> str | None:
    """What is wrong with `name` as the locale of `lang`, or None: fr_CA for fr is right."""
    try:
        known = Locale.parse(name)
    except (ValueError, TypeError, UnknownLocaleError):
        return (
            f"{shown(name)} is not a locale Babel knows (expected a locale such as "
            f"{_example(lang)})"
        )
    if str(known) != name:
        # Babel reads "en_ZZ" as en_US and "fr_CA.UTF-8" as fr_CA: only its own name is sure.
        return f"{shown(name)} is not a locale's name (expected {known}, as Babel names it)"
    if known.language != lang:
        return (
            f"{shown(name)} is a locale of {known.language}, not {lang} "
            f"(expected a locale such as {_example(lang)})"
        )
    return None


def _known_locales(locales: dict[str, str]) -> dict[str, str]:
    """Each language's locale is one Babel knows, of that language: one located problem
    for each that is not, at its own key."""
    errors = [
        InitErrorDetails(
            type=PydanticCustomError("value_error", "{error}", {"error": problem}),
            loc=(lang,),
            input=name,
        )
        for lang, name in locales.items()
        if (problem := _locale_problem(lang, name))
    ]
    if errors:
        raise ValidationError.from_exception_data("locales", errors)
    return locales


LocaleName = Annotated[
    StrictStr, Field(description="a Babel locale, such as fr_CA", examples=["fr_CA"])
]
Locales = Annotated[dict[Language, LocaleName], AfterValidator(_known_locales)]
Languages = Annotated[
    list[Language], _ONCE_EACH, Field(min_length=1, json_schema_extra={"uniqueItems": True})
]


class HomeSettings(Strict):
    """What belongs to one home country's briefs."""

    author: Prose = Field(
        description="who issues the briefs, printed on the cover and in the metadata",
        examples=[{"en": "Global Affairs Canada", "fr": "Affaires mondiales Canada"}],
    )
    fiscal_year_start: Annotated[StrictInt, Field(ge=1, le=12)] = Field(
        1, description="the month (1-12) in which the home's fiscal year begins", examples=[4]
    )
    fiscal_year_named_by: FiscalNaming = Field(
        "start",
        description="which calendar year names a fiscal year that spans two: Canada's FY2011 "
        "runs from April 2011 (start); the United States' FY2022 ends in September 2022 (end)",
    )
    classification: HomeClassification | None = Field(
        None, description="the home's own classification scheme, for its files and briefs"
    )
    logo: LogoPath | None = Field(
        None, description="the emblem on the cover and in the running header; none if unset"
    )
    languages: Languages | None = Field(
        None,
        description="the languages a build of this home's briefs writes by default "
        "(default: the workspace's languages)",
        examples=[["es", "en"]],
    )
    locales: Locales = Field(
        {},
        description="the Babel locale of each language in this home's briefs, over the "
        "workspace's locales",
        examples=[{"es": "es_PE", "en": "en_US"}],
    )


class Settings(Strict):
    """The contents of `brief.yaml`."""

    default_home: Slug = Field(
        description="the home country of builds that name none", examples=["canada"]
    )
    languages: Languages = Field(
        ["en", "fr"], description="the languages a build writes by default"
    )
    formats: Annotated[list[Literal["pdf", "docx", "html"]], _ONCE_EACH] = Field(
        ["pdf", "docx"],
        min_length=1,
        description="the formats a build writes by default",
        json_schema_extra={"uniqueItems": True},
    )
    classification: ClassificationSettings = Field(description="the classification scheme")
    stale_after_days: Annotated[StrictInt, Field(ge=1, le=36_500)] = Field(
        365,
        description="data older than this many days at the document's date is a warning",
        examples=[365],
    )
    locales: Locales = Field(
        {"en": "en_CA", "fr": "fr_CA"},
        description="the Babel locale of each language, for numbers, money and dates",
        examples=[{"en": "en_CA", "fr": "fr_CA"}],
    )
    homes: dict[Slug, HomeSettings] = Field(
        {}, description="settings of each home country, by its identifier"
    )


@dataclass(frozen=True)
class Workspace:
    """A workspace root and its validated settings."""

    root: Path
    settings: Settings

    @property
    def scheme(self) -> Scheme:
        return SCHEMES[self.settings.classification.scheme]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def show(self, path: Path) -> str:
        return display_path(path, self.root)

    def relationship_path(self, home: str, partner: str) -> Path:
        return self.data / home / f"{partner}.yaml"

    def profile_path(self, partner: str) -> Path:
        return self.data / "countries" / f"{partner}.yaml"

    @property
    def regions_path(self) -> Path:
        return self.data / "regions.yaml"

    @property
    def languages(self) -> tuple[str, ...]:
        """English and every language with a catalog, in the package or in `locale/`."""
        return available_languages(self.root)

    def fiscal_calendar(self, home: str) -> tuple[int, FiscalNaming]:
        """`home`'s fiscal year: the month it starts in, and whether its start or its end
        names it (Canada's: April, start; the United States': October, end)."""
        home_settings = self.settings.homes.get(home)
        if home_settings is None:
            return 1, "start"
        return home_settings.fiscal_year_start, home_settings.fiscal_year_named_by

    def home_languages(self, home: str) -> tuple[str, ...]:
        """The languages `home`'s briefs are built in unless --lang says otherwise."""
        home_settings = self.settings.homes.get(home)
        if home_settings and home_settings.languages:
            return tuple(home_settings.languages)
        return tuple(self.settings.languages)

    def built_languages(self, homes: list[str]) -> tuple[str, ...]:
        """The languages the briefs of `homes` are built in by default, each once."""
        every = [lang for home in homes for lang in self.home_languages(home)]
        return tuple(dict.fromkeys(every))

    def locale(self, home: str, lang: str) -> str:
        """The Babel locale of `home`'s briefs in `lang`: the home's, else the workspace's,
        else the language's own (es: Babel's Spanish, of no region)."""
        home_settings = self.settings.homes.get(home)
        own = home_settings.locales if home_settings else {}
        return own.get(lang) or self.settings.locales.get(lang) or lang

    def formatter(self, home: str, lang: str) -> Formatter:
        """How `home`'s briefs in `lang` print numbers, money, dates and labels."""
        fiscal_start, named_by = self.fiscal_calendar(home)
        return Formatter(
            lang, self.locale(home, lang), fiscal_start, str(self.root), fiscal_named_by=named_by
        )

    def classification(self, home: str | None) -> ClassificationSettings:
        """How the files of `home` and its briefs are marked: its own settings, else the
        workspace's. Files of no home (profiles, regions) use the workspace's: `None`."""
        home_settings = self.settings.homes.get(home) if home else None
        own = home_settings.classification if home_settings else None
        return own or self.settings.classification

    def scheme_of(self, home: str | None) -> Scheme:
        """The scheme of `home`'s files and briefs (of shared files for `None`)."""
        return SCHEMES[self.classification(home).scheme]

    def resolver(self, home: str, level: str, lang: str) -> Resolver:
        """The level filter of a document of `home`: in its home's scheme, and shared files
        read as marked in the workspace's (levels.py)."""
        return Resolver(self.scheme_of(home), level, lang, self.languages, shared=self.scheme)

    def logo_path(self, home: str) -> Path | None:
        """The emblem `home` sets for its briefs, or None."""
        home_settings = self.settings.homes.get(home)
        return self.root / home_settings.logo if home_settings and home_settings.logo else None

    def data_files(self) -> list[Path]:
        """Every YAML file of the workspace's data, in a stable order."""
        return sorted(p for p in self.data.rglob("*.yaml") if p.is_file())

    def homes(self) -> list[str]:
        """The home countries: every folder under data/ but countries/, inside data/."""
        if not self.data.is_dir():
            return []
        return sorted(
            p.name
            for p in self.data.iterdir()
            if p.name != "countries"
            and SLUG_PATTERN.fullmatch(p.name)
            and p.is_dir()
            and within(p, self.data)
        )

    def require_home(self, home: str) -> str:
        """`home` if it names a home of this workspace, else `UnknownTarget` listing them."""
        if home not in self.homes():
            raise UnknownTarget(
                f"no home {one_line(shown(home))} in {self.show(self.data)}/ (expected one of: "
                f"{', '.join(self.homes()) or 'none yet'}; a home is a folder data/HOME/)"
            )
        return home


def leads_out(path: Path, root: Path) -> str | None:
    """Why `path` is refused when its real path leaves `root` (see `within`), else None."""
    if within(path, root) is not None:
        return None
    return f"is a link to {os.path.realpath(path)}, outside the workspace"


def within(path: Path, *roots: Path) -> Path | None:
    """The real path of `path`, every link followed, if it lies inside one of `roots`.

    The one rule of the workspace boundary: data files, settings, templates, stylesheets,
    logos, the Word reference and whatever rendering fetches are read only when it holds,
    so a link cannot lead a build to a file elsewhere. None when it does not hold.
    """
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links leads nowhere
        return None
    return real if any(real.is_relative_to(root.resolve()) for root in roots) else None


def find_root(start: Path) -> Path:
    """The nearest directory from `start` upwards that holds `brief.yaml`."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / SETTINGS_FILE).is_file():
            return candidate
    raise WorkspaceNotFound(
        f"no {SETTINGS_FILE} in {start} or any parent directory "
        "(run brief init DIR, or give --workspace DIR)"
    )


def open_workspace(root: Path | None = None) -> Workspace:
    """Open the workspace at `root`, or the one enclosing the current directory."""
    if root is not None:
        if not (root / SETTINGS_FILE).is_file():
            raise WorkspaceNotFound(
                f"{root}: no {SETTINGS_FILE} here (expected a workspace made by brief init)"
            )
        root = root.resolve()
    else:
        root = find_root(Path.cwd())
    settings = root / SETTINGS_FILE
    refused = leads_out(settings, root)
    if refused:  # refused unread: its text must not reach a message
        expected = "(expected the settings file itself)"
        raise InvalidInput([Problem(SETTINGS_FILE, 1, 1, "", f"{refused} {expected}")])
    doc = load_document(settings, SETTINGS_FILE)
    return Workspace(root, validate(doc, Settings, {"languages": available_languages(root)}))


def split_target(target: str) -> tuple[str, str]:
    """`canada/peru` as ("canada", "peru"), refusing anything that is not two slugs."""
    parts = target.strip("/").split("/")
    if len(parts) != 2 or not all(SLUG_PATTERN.fullmatch(p) for p in parts):
        raise UnknownTarget(
            f"'{target}' is not HOME/PARTNER (expected two lower-case "
            "identifiers such as canada/peru)"
        )
    return parts[0], parts[1]
