"""The one classification filter between the data files and any document.

A document reads every contributing file (relationship, profile, meeting, region) through
`Resolver.file`, never from the model: the file comes back as plain values in the
document's language, with every item above the build's level left out and every item
that remains stamped with its effective level, `_level`: the highest of its own level and
those of everything around it (its section, its file). A file above the level comes back
as None, and the document uses a neutral fallback instead of anything from it.

What the document then shows is counted by `include` (the items put in its context, with
the sources they cite) and by `fact` (a single value taken from a file, such as a name):
the marking is the highest level counted, and the sources listed are those cited by what
was counted. An item read but not shown (a talking point a meeting did not select) counts
for nothing.

A file of a home (relationship, meeting) is marked in its home's scheme, the scheme of
the home's briefs; a shared file (profile, regions) in the workspace's. Where the two
differ, only their lowest levels can be compared (`level_in`): whatever a shared file
marks above its lowest level is left out of the home's briefs, as if above every level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from .classification import Scheme


def level_in(scheme: Scheme, level: str, marked_in: Scheme) -> str | None:
    """`level`, a level of `marked_in`, as a level of `scheme`; None when none can be said.

    Schemes do not map onto each other (PROTECTED A is neither DIFFUSION RESTREINTE nor
    SECRET, and a guess could let an item into a brief it must not reach): only their
    lowest levels, what is not protected at all, answer to each other.
    """
    if marked_in == scheme:
        return level
    return scheme.levels[0].name if level == marked_in.levels[0].name else None


LEVEL = "_level"  # the key of an item's effective level; no field of a model starts with _


def plain(text: str) -> str:
    """Text as metadata and titles hold it: a marked translation as `[EN] Peru`, without
    the markup that styles it in the body."""
    return str(text.striptags()) if isinstance(text, Markup) else text


def own_titles(dumped: dict[str, Any]) -> dict[str, Any]:
    """A dumped file whose sources written in a language of their own (`language: es`)
    carry the title the document gives itself, the same in every brief, not translated."""
    for source in dumped.get("sources") or []:
        if isinstance(source, dict) and source.get("language"):
            source["title"] = source["title"][source["language"]]
    return dumped


def own_words(dumped: dict[str, Any], lang: str) -> dict[str, Any]:
    """A dumped file whose quotes hold the words to print: in `lang` when translated into
    it (`translated` says so), else as spoken, never marked as a missing translation."""
    for quote in dumped.get("quotes") or []:
        if isinstance(quote, dict):
            shown = lang if lang in quote["text"] else quote["language"]
            quote["text"] = quote["text"][shown]
            quote["translated"] = shown != quote["language"]
    return dumped


@dataclass
class Resolver:
    """Filters and localises one document's data for one language and level."""

    scheme: Scheme  # the document's: its home's
    level: str
    lang: str
    languages: tuple[str, ...]  # the workspace's: a mapping of them is prose
    shared: Scheme | None = None  # the scheme of files of no home (None: `scheme`)
    levels: set[str] = field(default_factory=set)  # effective levels of what is shown
    cited: list[str] = field(default_factory=list)  # source ids cited by what is shown
    known: dict[str, dict[str, Any]] = field(default_factory=dict)  # definitions, by id

    def file(self, model: BaseModel | None) -> dict[str, Any] | None:
        """A contributing file as plain values within the level; None if absent or above it.

        Its source definitions are taken out and kept: a source is listed only when what
        the document shows cites it. The first file read that defines an id wins.
        """
        if model is None:
            return None
        own_home = "home" in type(model).model_fields  # a relationship or a meeting
        marked_in = self.scheme if own_home else self.shared or self.scheme
        dumped = own_words(own_titles(model.model_dump()), self.lang)
        data = self._plain(dumped, self.scheme.levels[0].name, marked_in)
        if data is None:
            return None
        sources = data.get("sources")
        if isinstance(sources, list) and all(isinstance(s, dict) for s in sources):
            for source in data.pop("sources"):
                self.known.setdefault(source["id"], source)
        return data  # type: ignore[no-any-return]

    def _plain(self, value: Any, inherited: str, marked_in: Scheme) -> Any:
        if isinstance(value, dict):
            if value and set(value) <= set(self.languages):
                return self.text(value)
            own = value.get("classification")
            level = inherited
            if own is not None:
                mapped = level_in(self.scheme, own, marked_in)
                if mapped is None:
                    return None  # above the lowest level of another scheme: not comparable
                level = self.scheme.highest([inherited, mapped])
            if not self.scheme.allows(level, self.level):
                return None
            plain = {k: self._plain(v, level, marked_in) for k, v in value.items()}
            return plain | {LEVEL: level}
        if isinstance(value, list):
            items = (self._plain(v, inherited, marked_in) for v in value)
            return [item for item in items if item is not None]
        return value

    def text(self, prose: Mapping[Any, str]) -> str | Markup:
        """Prose in the brief's language, or the other language marked as untranslated."""
        if self.lang in prose:
            return prose[self.lang]
        other, text = next(iter(prose.items()))
        return Markup('<span class="untranslated" lang="{}">[{}] {}</span>').format(
            other, other.upper(), escape(text)
        )

    def fact(self, item: dict[str, Any], key: str) -> Any:
        """`item[key]`, a value shown on its own (a name, a date): its item's level counts."""
        self.levels.add(item[LEVEL])
        return item[key]

    def include(self, value: Any) -> None:
        """Count what a document shows: the level of every item in it, the sources it cites."""
        if isinstance(value, dict):
            if LEVEL in value:
                self.levels.add(value[LEVEL])
                for key in ("sources", "source"):
                    ids = value.get(key)
                    for sid in [ids] if isinstance(ids, str) else ids or []:
                        if isinstance(sid, str) and sid not in self.cited:
                            self.cited.append(sid)
            for item in value.values():
                self.include(item)
        elif isinstance(value, list | tuple):
            for item in value:
                self.include(item)

    def sources(self) -> list[dict[str, Any]]:
        """The sources cited by what was included, in order of first citation; counted too."""
        listed = [self.known[sid] for sid in self.cited if sid in self.known]
        self.include(listed)
        return listed

    def marking(self) -> str:
        """The highest level shown (the scheme's lowest when nothing was)."""
        return self.scheme.highest([self.scheme.levels[0].name, *self.levels])
