"""The languages briefs are written in: data, not code.

English is the language of the msgids. Every other language is a gettext catalog,
`locale/LANG/LC_MESSAGES/brief.po`, in the package or in the workspace: a ministry adds a
language with a catalog of its own (and a locale in `brief.yaml`), without touching the
package. A workspace's catalog of a packaged language goes over the packaged one, so it
may reword a few labels and keep the rest.

Catalogs are read from their `.po` files and compiled in memory once per process, so there
is no binary to keep in step with the text.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

DOMAIN = "brief"
SOURCE = "en"  # the language of the msgids: it needs no catalog
CATALOG = f"locale/LANG/LC_MESSAGES/{DOMAIN}.po"  # where a language's catalog goes
# A language is named as Babel names one, in lower case: es, fr, pt; a region goes in
# the locale (es_PE), not in the language.
_NAME = re.compile(r"[a-z]{2,3}")
VOWELS = "aeiouyàâäéèêëîïôöùûü"  # a word beginning with one takes the catalog's elided form


def _catalog(locale: Traversable, lang: str) -> Traversable:
    return locale / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _catalogs(locale: Traversable) -> list[str]:
    """The languages that have a catalog in the folder `locale`."""
    if not locale.is_dir():
        return []
    return [
        entry.name
        for entry in locale.iterdir()
        if _NAME.fullmatch(entry.name) and _catalog(locale, entry.name).is_file()
    ]


def _workspace_locale(workspace: Path | None) -> Path | None:
    """The workspace's `locale/`, if it is a folder inside the workspace (not a link out)."""
    if workspace is None:
        return None
    locale = workspace / "locale"
    try:
        inside = locale.is_dir() and locale.resolve().is_relative_to(workspace.resolve())
    except (OSError, RuntimeError):
        return None
    return locale if inside else None


def packaged_languages() -> tuple[str, ...]:
    """English and every language the package has a catalog of."""
    return available_languages(None)


def available_languages(workspace: Path | None) -> tuple[str, ...]:
    """English, then every language with a catalog in the package or `workspace`, sorted."""
    found = set(_catalogs(files("briefing") / "locale"))
    own = _workspace_locale(workspace)
    if own is not None:
        found |= set(_catalogs(own))
    return (SOURCE, *sorted(found - {SOURCE}))


@cache
def translations(lang: str, workspace: Path | None = None) -> gettext.NullTranslations:
    """The gettext catalog of `lang`: the workspace's own over the package's, if both exist.

    English, and a language with no catalog, translate nothing: each label stays its msgid.
    """
    own = _workspace_locale(workspace)
    layers = [_catalog(own, lang) if own else None, _catalog(files("briefing") / "locale", lang)]
    chain = gettext.NullTranslations()
    if lang == SOURCE:
        return chain
    for path in reversed([p for p in layers if p is not None and p.is_file()]):
        catalog = _compiled(lang, path)
        catalog.add_fallback(chain)
        chain = catalog
    return chain


def _compiled(lang: str, path: Traversable) -> gettext.GNUTranslations:
    """A `.po` file as gettext reads it, compiled in memory."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def word_list(lang: str, workspace: Path | None, context: str, english: str) -> tuple[str, ...]:
    """Words a check needs in `lang`, from its catalog: `english` is the English list, its
    words separated by |, and a catalog gives its own under `context` (a third language
    brings its words with its catalog, not with code)."""
    text = english if lang == SOURCE else translations(lang, workspace).pgettext(context, english)
    return tuple(word for word in text.split("|") if word)
