"""`brief serve`: a local page that shows a brief as HTML and PDF, and reloads by itself.

Each request renders from the files as they are now, through the same pipeline as a build;
a watcher tells open pages (server-sent events) when a data file, template or stylesheet
changes, and they reload. A problem is shown in the page with its location, and the server
keeps running. It answers only requests whose Host header names a loopback address or the
host it was asked to listen on, so a web page elsewhere cannot read it through a rebound
DNS name. SIGINT or SIGTERM stops it at once, open event streams included, with exit 0.
"""

from __future__ import annotations

import asyncio
import errno
import os
import socket
import tempfile
import threading
import webbrowser
from collections.abc import AsyncIterator, Iterable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote, unquote_to_bytes

import click
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from .build import BuildOptions, render_brief
from .errors import BriefError, InvalidInput
from .meetings import render_meeting
from .notes import render_note
from .workspace import Workspace

# `reloads` is named so that a test can wait for the stream to be open before editing.
RELOAD = """<script>
const reloads = new EventSource("/events");
reloads.onmessage = () => location.reload();
</script>"""
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
NO_STORE = {"Cache-Control": "no-store"}
COMPANIONS = {"meetings": "meeting", "notes": "note"}  # data/HOME/FOLDER/: the page's kind


class Reloads:
    """The open event streams: each says "reload" when a watched file changes."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[str | None]] = set()
        self.closed = False

    def publish(self) -> None:
        for queue in self.queues:
            queue.put_nowait("reload")

    def close(self) -> None:
        """End every stream, and any opened from now on, so that the server may stop."""
        self.closed = True
        for queue in self.queues:
            queue.put_nowait(None)

    async def stream(self) -> AsyncIterator[str]:
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.queues.add(queue)
        try:
            yield ": connected\n\n"
            while not self.closed and (message := await queue.get()) is not None:
                yield f"data: {message}\n\n"
        finally:
            self.queues.discard(queue)


@dataclass(frozen=True)
class Page:
    """A page the server answers: one document in one language, as `html`, `pdf` or the
    `pdf.html` page that shows the PDF and reloads."""

    kind: str
    home: str
    stem: str
    lang: str
    view: str

    @property
    def url(self) -> str:
        # a file name that is not UTF-8 keeps its own bytes, so its link leads back to it
        path = f"/{self.kind}/{self.home}/{self.stem}.{self.lang}.{self.view}"
        return quote(path, errors="surrogateescape")


def create_app(ws: Workspace, reloads: Reloads, hosts: Iterable[str]) -> Starlette:
    """The preview application of a workspace, for requests to loopback names or `hosts`."""
    # WeasyPrint keeps shared state (fonts, caches) and is not safe across threads.
    pdf_lock = asyncio.Lock()

    async def watch() -> None:
        from watchfiles import awatch

        paths = [p for p in (ws.data, ws.root / "templates", ws.root / "brief.yaml") if p.exists()]
        async for _ in awatch(*paths):
            reloads.publish()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(watch())
        yield
        watcher.cancel()

    async def events(request: Request) -> StreamingResponse:
        return StreamingResponse(reloads.stream(), media_type="text/event-stream", headers=NO_STORE)

    async def index(request: Request) -> Response:
        return _html(_index(ws))

    async def document(request: Request) -> Response:
        page = _pages(ws).get(_requested(request.scope))
        if page is None:
            return PlainTextResponse("no such page (the index at / lists them)", status_code=404)
        if page.view == "pdf.html":
            return _html(_pdf_view(page))
        try:
            html = await asyncio.to_thread(_render, ws, page)
            if page.view == "pdf":
                async with pdf_lock:
                    pdf = await asyncio.to_thread(_pdf, ws, html)
                return Response(pdf, media_type="application/pdf", headers=NO_STORE)
        except BriefError as exc:
            return _html(_problem_page(exc), status=422)
        return _html(html.replace("</body>", RELOAD + "</body>"))

    routes = [
        Route("/", index),
        Route("/events", events),
        Route("/{path:path}", document),
    ]
    allowed = [*LOOPBACK, *map(_bracketed, hosts)]
    guard = Middleware(TrustedHostMiddleware, allowed_hosts=allowed, www_redirect=False)
    return Starlette(routes=routes, middleware=[guard], lifespan=lifespan)


def _requested(scope: MutableMapping[str, Any]) -> str:
    """The request's path, quoted the way `Page.url` quotes it, whatever bytes it names."""
    raw = scope.get("raw_path") or scope["path"].encode()
    return quote(unquote_to_bytes(raw))


def _pages(ws: Workspace) -> dict[str, Page]:
    """Every page of the workspace's briefs, meetings and notes, by URL."""
    pages = {}
    for path in ws.data_files():
        parts = path.relative_to(ws.data).parts
        if len(parts) == 2 and parts[0] != "countries":
            kind, home = "brief", parts[0]
        elif len(parts) == 3 and parts[1] in COMPANIONS:
            kind, home = COMPANIONS[parts[1]], parts[0]
        else:
            continue
        for lang in ws.home_languages(home):
            for view in ("html", "pdf", "pdf.html"):
                page = Page(kind, home, path.stem, lang, view)
                pages[page.url] = page
    return pages


def _render(ws: Workspace, page: Page) -> str:
    options = BuildOptions(langs=(page.lang,))
    if page.kind == "brief":
        rendered = render_brief(ws, page.home, page.stem, options)
    else:
        render = render_meeting if page.kind == "meeting" else render_note
        rendered = render(ws, ws.data / page.home / f"{page.kind}s" / f"{page.stem}.yaml", options)
    return rendered[0][1]


def _pdf(ws: Workspace, html: str) -> bytes:
    from .writers.pdf import render_pdf

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "preview.pdf"
        render_pdf(html, target, base=ws.root)
        return target.read_bytes()


def _html(page: str, status: int = 200) -> HTMLResponse:
    # A file name that is not UTF-8 reaches the page as lone surrogates; it is shown the way
    # `brief check` prints it (\udcff) rather than failing the response.
    return HTMLResponse(page.encode("utf-8", "backslashreplace"), status_code=status)


def _shell(title: str, body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"{head}</head><body>{body}{RELOAD}</body></html>"
    )


def _problem_page(exc: BriefError) -> str:
    lines = [str(p) for p in exc.problems] if isinstance(exc, InvalidInput) else [str(exc)]
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    body = f"<h1>The brief cannot be rendered</h1><ul class='problems'>{items}</ul>"
    return _shell("brief: problems", body)


def _pdf_view(page: Page) -> str:
    """The PDF in a frame of a page that listens to the event stream, since a PDF cannot."""
    pdf = replace(page, view="pdf")
    style = "<style>html,body,iframe{width:100%;height:100%;margin:0;border:0}</style>"
    frame = f"<iframe src='{escape(pdf.url)}' title='{escape(pdf.stem)}'></iframe>"
    return _shell(f"{page.home}/{page.stem}.{page.lang}.pdf", frame, head=style)


def _index(ws: Workspace) -> str:
    rows: dict[tuple[str, str, str], list[str]] = {}
    for page in _pages(ws).values():
        if page.view == "pdf":
            continue  # the index links to the page that shows the PDF
        label = f"{page.lang} {page.view.removesuffix('.html')}"
        link = f"<a href='{escape(page.url)}'>{escape(label)}</a>"
        rows.setdefault((page.home, page.stem, page.kind), []).append(link)
    items = "".join(
        f"<li>{escape(home)}/{escape(stem)} ({kind}): {' '.join(links)}</li>"
        for (home, stem, kind), links in rows.items()
    )
    return _shell("brief", f"<h1>Briefs in {escape(str(ws.root))}</h1><ul>{items}</ul>")


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host`:`port` (0: any free port), or a one-line error."""
    where = f"port {port} on {host}"
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except socket.gaierror as exc:
        raise BriefError(
            f"cannot listen on {host}: {exc.strerror} (expected a name or address of this "
            "machine, such as 127.0.0.1)"
        ) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BriefError(
                f"{where} is already in use (expected a free port; try --port 0 for any free one)"
            ) from None
        # create_server appends the address to strerror; the message names it already
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise BriefError(
            f"cannot listen on {where}: {reason} (expected an address of this machine and a "
            "port you may open)"
        ) from None


def address(sock: socket.socket, host: str) -> str:
    """The URL of the preview on a listening socket, with the port it really has."""
    return f"http://{_bracketed(host)}:{sock.getsockname()[1]}/"


def _bracketed(host: str) -> str:
    """The host as a URL or a Host header writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


class PreviewServer(uvicorn.Server):
    """uvicorn's server, stopped by the first SIGINT or SIGTERM, promptly and quietly."""

    def __init__(self, config: uvicorn.Config, reloads: Reloads) -> None:
        super().__init__(config)
        self.reloads = reloads

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # Not uvicorn's: it waits for open event streams (which never end by themselves),
        # forces on a second signal by cancelling renders in flight (each logged with a
        # traceback, while their threads finish anyway), and re-raises the signal once
        # stopped (a KeyboardInterrupt, or death by SIGTERM). Here streams end at once.
        self.should_exit = True
        asyncio.get_running_loop().call_soon_threadsafe(self.reloads.close)


def serve(ws: Workspace, sock: socket.socket, host: str, open_browser: bool) -> None:
    """Serve the preview on the listening `sock` until SIGINT or SIGTERM."""
    reloads = Reloads()
    app = create_app(ws, reloads, hosts=(host,))
    config = uvicorn.Config(app, log_level="warning", proxy_headers=False)
    if open_browser:
        # in a thread: a console browser given by $BROWSER runs until it is closed
        threading.Thread(target=_open, args=(address(sock, host),), daemon=True).start()
    PreviewServer(config, reloads).run(sockets=[sock])


def _open(url: str) -> None:
    if not webbrowser.open(url):
        click.echo(f"brief: found no browser to open {url} (set BROWSER to choose one)", err=True)
