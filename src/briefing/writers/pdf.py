"""PDF through WeasyPrint: tagged (PDF/UA-1), fonts embedded, nothing fetched from outside.

WeasyPrint is imported here only, so commands that do not render never pay for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..errors import BuildFailed


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _no_fetch(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    # Data is text: a URL in a template or in data must not reach the network or the disk.
    raise BuildFailed(f"refused to fetch {url} (briefs are rendered from local files only)")


def render_pdf(html: str, target: Path, *, base: Path) -> None:
    """Write `html` as a tagged PDF to `target`."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=_no_fetch)
    document.write_pdf(
        target, pdf_variant="pdf/ua-1", font_config=_font_config(), uncompressed_pdf=False
    )


def layout_pdf(html: str, *, base: Path) -> Any:
    """Lay out `html` without writing it: a WeasyPrint document, to count and find pages."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=_no_fetch)
    return document.render(font_config=_font_config())
