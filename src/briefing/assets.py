"""The house style's files a build reads as they are: the logo and the Word reference.

Templates and stylesheets come through the Jinja loader (render.py); these two are read
here. Each must lie inside the workspace once links are followed (`within`, the rule of
data files too), be of a bounded size, and be what its name says: a logo is a PNG of at
most `MAX_LOGO_PIXELS`, or an SVG without a DTD, whose entities could read files or expand
without end in the renderers it is handed to. A file that fails is one line naming it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable
from io import BytesIO
from pathlib import Path
from typing import Any

from .errors import InvalidInput, TemplateProblem
from .load import load_document
from .workspace import SETTINGS_FILE, Workspace, leads_out

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096  # drawn at twice its size for Word: about 0.3 s at most
MAX_REFERENCE_BYTES = 20 * 1024 * 1024
_SVG = "{http://www.w3.org/2000/svg}svg"
# CSS pixels per unit of an SVG length; a relative one (%, em) leaves the viewBox to decide.
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"\s*((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*")


def read_asset(ws: Workspace, path: Path, limit: int) -> bytes:
    """The bytes of a workspace file, refused if it leads out of the workspace or is too big."""
    shown = ws.show(path)
    refused = leads_out(path, ws.root)
    if refused:
        raise TemplateProblem(f"{shown}: {refused} (expected the file itself)")
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise TemplateProblem(f"{shown}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TemplateProblem(
            f"{shown}: is {path.stat().st_size:,} bytes (expected at most {limit:,})"
        )
    return data


def logo_url(ws: Workspace, home: str) -> str | None:
    """The emblem `home` sets (`homes.HOME.logo` in brief.yaml) as a data: URL, or None.

    Inline, so that rendering fetches nothing and the DOCX writer gets the same bytes.
    """
    path = ws.logo_path(home)
    if path is None:
        return None
    if not path.is_file() and not path.is_symlink():  # a link is refused by read_asset
        settings = load_document(ws.root / SETTINGS_FILE, SETTINGS_FILE)
        where = ("homes", home, "logo")
        raise InvalidInput(
            [settings.problem(where, f"{ws.show(path)} is not a file (expected an SVG or PNG)")]
        )
    kind, check = _LOGOS[path.suffix]
    data = read_asset(ws, path, MAX_LOGO_BYTES)
    check(ws.show(path), data)
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def reference_docx(ws: Workspace) -> Path | Traversable:
    """The Word reference a DOCX takes its styles from: the workspace's, or the package's."""
    own = ws.root / "templates" / "reference.docx"
    if not own.is_file():
        return files("briefing") / "templates" / "reference.docx"
    read_asset(ws, own, MAX_REFERENCE_BYTES)  # refuses a link out, or a huge file, unopened
    return own


def _check_png(shown: str, data: bytes) -> None:
    """Refuse what is not a whole PNG of at most `MAX_LOGO_PIXELS`."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            kind, width, height = image.format, image.width, image.height
            if kind == "PNG" and width * height <= MAX_LOGO_PIXELS:
                # every chunk whole, its checksum right: not decoding, which WeasyPrint's
                # import makes lenient to truncated files for the whole process
                image.verify()
    except UnidentifiedImageError:
        raise TemplateProblem(f"{shown}: is not an image (expected a PNG file)") from None
    except Exception as exc:  # Pillow raises many types for a file it cannot decode
        raise TemplateProblem(
            f"{shown}: is not a whole PNG image: {exc} (expected a PNG file)"
        ) from None
    if kind != "PNG":
        raise TemplateProblem(f"{shown}: is a {kind} image, not a PNG (expected a PNG file)")
    _check_pixels(shown, width, height)


def _check_pixels(shown: str, width: float, height: float) -> None:
    if width * height > MAX_LOGO_PIXELS:
        raise TemplateProblem(
            f"{shown}: is {width:,.0f} × {height:,.0f} pixels (expected at most "
            f"{MAX_LOGO_PIXELS:,} pixels, such as 4096 × 4096)"
        )


def _check_svg(shown: str, data: bytes) -> None:
    """Refuse what is not a well-formed SVG without a DTD, of a bounded size."""
    from xml.parsers.expat import ErrorString

    import defusedxml.ElementTree as SafeXML
    from defusedxml import DefusedXmlException

    # cairosvg reads SVG through defusedxml too: refused here, it is one line, not a traceback
    try:
        root = SafeXML.fromstring(data, forbid_dtd=True)
    except SafeXML.ParseError as exc:
        line, column = exc.position
        raise TemplateProblem(
            f"{shown}:{line}:{column + 1}: is not well-formed XML: {ErrorString(exc.code)} "
            "(expected an SVG image)"
        ) from None
    except DefusedXmlException:
        raise TemplateProblem(
            f"{shown}: declares a DTD (<!DOCTYPE>), whose entities could read files or grow "
            "without end (expected an SVG without one)"
        ) from None
    if root.tag != _SVG:
        raise TemplateProblem(
            f"{shown}: its root is <{root.tag.rpartition('}')[2]}>, not an SVG image "
            '(expected <svg xmlns="http://www.w3.org/2000/svg">)'
        )
    width, height = _svg_size(root)
    if not (width > 0 and height > 0):
        raise TemplateProblem(
            f"{shown}: has no size of its own (expected width and height in px, pt, mm, cm "
            "or in, or a viewBox)"
        )
    _check_pixels(shown, width, height)


def _svg_size(root: Any) -> tuple[float, float]:
    """The size in pixels an SVG asks to be drawn at: its width and height, else its viewBox."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    sizes = []
    for attribute, index in (("width", 2), ("height", 3)):
        size = _pixels(root.get(attribute) or "")
        if size is None and len(box) == 4:
            size = _pixels(box[index])
        sizes.append(size or 0.0)
    return sizes[0], sizes[1]


def _pixels(length: str) -> float | None:
    """An absolute SVG length in pixels; None for a relative or unreadable one."""
    match = _LENGTH.fullmatch(length[:64])  # a length is short: a long one is not read
    if match is None or match[2] not in _UNITS:
        return None
    return float(match[1]) * _UNITS[match[2]]


_LOGOS: dict[str, tuple[str, Callable[[str, bytes], None]]] = {
    ".svg": ("image/svg+xml", _check_svg),
    ".png": ("image/png", _check_png),
}  # by suffix, as `homes.HOME.logo` names it (workspace.LOGOS)
