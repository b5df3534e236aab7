"""`brief serve`: a local page that shows a brief as HTML and PDF, and reloads by itself.

Each request renders from the files as they are now, through the same pipeline as a build;
a watcher tells open pages (server-sent events) when a data file, template or stylesheet
changes, and they reload. A problem is shown in the page with its location, and the server
keeps running. The server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from .build import BuildOptions, render_brief
from .errors import BriefError, InvalidInput
from .meetings import render_meeting
from .workspace import Workspace

RELOAD = """<script>
new EventSource("/events").onmessage = () => location.reload();
</script>"""


def create_app(ws: Workspace) -> Starlette:
    """The preview application of a workspace."""
    listeners: set[asyncio.Queue[str]] = set()

    async def watch() -> None:
        from watchfiles import awatch

        paths = [p for p in (ws.data, ws.root / "templates", ws.root / "brief.yaml") if p.exists()]
        async for _ in awatch(*paths):
            for queue in list(listeners):
                queue.put_nowait("reload")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(watch())
        yield
        watcher.cancel()

    async def events(request: Request) -> StreamingResponse:
        queue: asyncio.Queue[str] = asyncio.Queue()
        listeners.add(queue)

        async def stream() -> AsyncIterator[str]:
            try:
                yield ": connected\n\n"
                while True:
                    yield f"data: {await queue.get()}\n\n"
            finally:
                listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def index(request: Request) -> HTMLResponse:
        return HTMLResponse(_index(ws))

    async def document(request: Request) -> Response:
        kind, home, name = (request.path_params[k] for k in ("kind", "home", "name"))
        stem, lang, fmt = name.rsplit(".", 2) if name.count(".") >= 2 else (name, "", "")
        try:
            html = await asyncio.to_thread(_render, ws, kind, home, stem, lang)
            if fmt == "pdf":
                return Response(
                    await asyncio.to_thread(_pdf, ws, html), media_type="application/pdf"
                )
        except BriefError as exc:
            return HTMLResponse(_problem_page(exc), status_code=422)
        return HTMLResponse(html.replace("</body>", RELOAD + "</body>"))

    routes = [
        Route("/", index),
        Route("/events", events),
        Route("/{kind:str}/{home:str}/{name:str}", document),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def _render(ws: Workspace, kind: str, home: str, stem: str, lang: str) -> str:
    options = BuildOptions(langs=(lang,) if lang in ws.settings.languages else None)
    if kind == "brief":
        rendered = render_brief(ws, home, stem, options)
    elif kind == "meeting":
        rendered = render_meeting(ws, ws.data / home / "meetings" / f"{stem}.yaml", options)
    else:
        raise BriefError(f"no such page: /{kind}/ (expected /brief/ or /meeting/)")
    return rendered[0][1]


def _pdf(ws: Workspace, html: str) -> bytes:
    from .writers.pdf import render_pdf

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "preview.pdf"
        render_pdf(html, target, base=ws.root)
        return target.read_bytes()


def _problem_page(exc: BriefError) -> str:
    lines = [str(p) for p in exc.problems] if isinstance(exc, InvalidInput) else [str(exc)]
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>brief: problems</title>"
        f"</head><body><h1>The brief cannot be rendered</h1><ul class='problems'>{items}"
        f"</ul>{RELOAD}</body></html>"
    )


def _index(ws: Workspace) -> str:
    rows = []
    for path in ws.data_files():
        parts = path.relative_to(ws.data).parts
        if len(parts) == 2 and parts[0] != "countries":
            kind, home, stem = "brief", parts[0], path.stem
        elif len(parts) == 3 and parts[1] == "meetings":
            kind, home, stem = "meeting", parts[0], path.stem
        else:
            continue
        links = " ".join(
            f"<a href='/{kind}/{home}/{stem}.{lang}.{fmt}'>{lang} {fmt}</a>"
            for lang in ws.settings.languages
            for fmt in ("html", "pdf")
        )
        rows.append(f"<li>{escape(home)}/{escape(stem)} ({kind}): {links}</li>")
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>brief</title></head>"
        f"<body><h1>Briefs in {escape(str(ws.root))}</h1><ul>{''.join(rows)}</ul>"
        f"{RELOAD}</body></html>"
    )


def serve(ws: Workspace, port: int) -> None:
    """Serve the preview on http://127.0.0.1:PORT until interrupted."""
    import uvicorn

    uvicorn.run(create_app(ws), host="127.0.0.1", port=port, log_level="warning")
