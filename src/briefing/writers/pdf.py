"""PDF through WeasyPrint: tagged (PDF/UA-1), fonts embedded, nothing fetched from outside.

WeasyPrint is imported here only, so commands that do not render never pay for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _fetcher() -> Any:
    """Data is text: no URL in a template or in data may reach the network or the disk.

    Only inline data: URLs (such as the workspace's logo) are read; WeasyPrint leaves out
    any other resource, with a warning, and renders the rest.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def render_pdf(html: str, target: Path, *, base: Path) -> None:
    """Write `html` as a tagged PDF to `target`."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=_fetcher())
    document.write_pdf(
        target, pdf_variant="pdf/ua-1", font_config=_font_config(), uncompressed_pdf=False
    )


def layout_pdf(html: str, *, base: Path) -> Any:
    """Lay out `html` without writing it: a WeasyPrint document, to count and find pages."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=_fetcher())
    return document.render(font_config=_font_config())
