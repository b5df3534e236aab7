"""PDF through WeasyPrint: tagged (PDF/UA-1), fonts embedded, nothing fetched from outside.

WeasyPrint and pikepdf are imported here only, so commands that do not render never pay
for them. WeasyPrint lays the brief out; pikepdf then finishes its tagging (tagged.py).

A brief is rendered from the workspace and the package alone. WeasyPrint asks its URL
fetcher for every image, stylesheet, font and attachment a template names; ours reads
`data:` URLs and files inside the workspace or the package, and refuses anything else (the
network, `file:///etc/...`, a symlink leading out) by failing the build with a message
naming the URL, as the DOCX writer fails on an `<img>`. WeasyPrint only logs and goes on
when a fetcher raises an ordinary exception, so the refusal is fatal to the rendering.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..errors import BuildFailed
from ..workspace import within

PACKAGE = Path(__file__).resolve().parents[1]


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def local_path(url: str, roots: tuple[Path, ...]) -> Path | None:
    """The file a `file:` URL names when it lies inside one of `roots`, else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return within(Path(url2pathname(unquote(parts.path))), *roots)  # a link out, too


def allowed(url: str, roots: tuple[Path, ...]) -> bool:
    """Whether rendering may read `url`: a `data:` URL or a file inside `roots`."""
    return url.lower().startswith("data:") or local_path(url, roots) is not None


@cache
def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """WeasyPrint's fetcher, kept to the workspace, the package and `data:` URLs."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
            self.roots = roots
            self.refused: list[str] = []
            self.last = ""

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.last = url
            if not allowed(url, self.roots):
                self.refused.append(url)
                raise BuildFailed(url)
            return super().fetch(url, headers)

    return LocalFetcher


def _fetcher(base: Path) -> Any:
    return _fetcher_class()((base.resolve(), PACKAGE))


def _rendering(fetcher: Any, action: Any) -> Any:
    """Run `action`, turning a refused or unreadable URL into `BuildFailed` naming it."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        return action()
    except FatalURLFetchingError as exc:
        if fetcher.refused:
            raise BuildFailed(
                f"refused to fetch {fetcher.refused[0]}: it is outside the workspace and the "
                "package (a brief reads nothing else; copy the file into the workspace)"
            ) from None
        raise BuildFailed(f"cannot read {fetcher.last}: {exc.__cause__ or exc}") from None


Bookmark = tuple[int, str, int]  # a heading in the PDF's outline: level, label, page from 1
_VARIANT = "pdf/ua-1"


def render_pdf(html: str, target: Path, *, base: Path, layout: Any = None) -> None:
    """Write `html` as a tagged PDF/UA-1 document to `target`; from `layout` if given
    (what `tagged_layout` returned for the same HTML), rather than laying it out again."""
    import pikepdf

    from .tagged import finish

    finished = io.BytesIO()
    with pikepdf.open(io.BytesIO(tagged_pdf(html, base=base, layout=layout))) as pdf:
        finish(pdf)
        pdf.save(finished, deterministic_id=True)  # as WeasyPrint's: same brief, same bytes
    # Python writes the file, not qpdf: on a full disk, qpdf's write with deterministic_id
    # aborts the process (std::terminate) where Python raises the OSError outputs.py reports.
    target.write_bytes(finished.getbuffer())


def layout_pdf(html: str, *, base: Path, **options: Any) -> Any:
    """Lay out `html` without writing it: a WeasyPrint document, to count and find pages
    (`options` are WeasyPrint's rendering options)."""
    import weasyprint

    fetcher = _fetcher(base)
    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=fetcher)
    return _rendering(fetcher, lambda: document.render(font_config=_font_config(), **options))


def tagged_layout(html: str, *, base: Path) -> Any:
    """`html` laid out as its tagged PDF will be: one layout for the PDF and the DOCX."""
    return layout_pdf(html, base=base, pdf_variant=_VARIANT)


def tagged_pdf(html: str, *, base: Path, layout: Any = None) -> bytes:
    """`html` as WeasyPrint tags it (PDF/UA-1), in memory, before `tagged.finish`."""
    document = tagged_layout(html, base=base) if layout is None else layout
    return bytes(_rendering(document.url_fetcher, lambda: document.write_pdf(pdf_variant=_VARIANT)))


def outline(layout: Any) -> list[Bookmark]:
    """The headings of levels 1 and 2 of a laid out document, in order, with their pages."""
    found: list[Bookmark] = []

    def walk(bookmarks: Any, level: int) -> None:
        for label, (page, *_position), children, *_state in bookmarks:
            found.append((level, label, page + 1))
            if level < 2:
                walk(children, level + 1)

    walk(layout.make_bookmark_tree(), 1)
    return found
