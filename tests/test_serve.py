"""`brief serve` as a real process: it stops at once on a signal, refuses a busy port and
foreign Host headers, answers bad paths with 4xx, escapes file names, and, in Debian's
headless chromium, its HTML and PDF pages follow edits."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from briefing.workspace import Workspace
from readers import pdf_text

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver are needed"
)
SUMMARY = "Canada and Peru have a warm and growing relationship."


class Served:
    """A `brief serve --port 0` process of a workspace, and the lines it prints on stderr."""

    def __init__(self, root: Path, args: Sequence[str], env: dict[str, str] | None) -> None:
        command = [sys.executable, "-m", "briefing", "serve", "--port", "0"]
        self.process = subprocess.Popen(
            [*command, "--workspace", str(root), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        serving = rf"brief: serving {re.escape(str(root))} on (http://\S+/)"
        try:
            self.first = self.lines.get(timeout=30)
            match = re.fullmatch(serving, self.first)
            assert match, self.first
        except BaseException:
            self.kill()
            raise
        self.url = match[1]

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def stop(self, *signals: int) -> tuple[int, list[str]]:
        """Send `signals`; the exit code (within 5 s) and every line printed on stderr."""
        for sig in signals:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=5)
        self.reader.join(timeout=5)
        return code, [self.first, *self.lines.queue]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def serve(workspace: Workspace) -> Iterator[Callable[..., Served]]:
    """Start `brief serve` on the scratch workspace; every process is killed at the end."""
    started: list[Served] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Served:
        started.append(Served(workspace.root, args, env))
        return started[-1]

    yield start
    for served in started:
        served.kill()


def get(url: str, target: bytes = b"/", host: bytes | None = None) -> tuple[int, bytes]:
    """The status and body of a GET of `target`, sent as raw bytes, with its own Host."""
    parts = urlsplit(url)
    request = b"GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (
        target,
        host or parts.netloc.encode(),
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as conn:
        conn.sendall(request)
        response = b"".join(iter(lambda: conn.recv(65536), b""))
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_it_at_once_with_an_event_stream_open(
    serve: Callable[..., Served], sig: int
) -> None:
    served = serve()
    parts = urlsplit(served.url)
    stream = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    stream.request("GET", "/events")
    events = stream.getresponse()
    assert events.status == 200 and events.readline() == b": connected\n"
    started = time.monotonic()
    code, stderr = served.stop(sig)
    assert code == 0 and time.monotonic() - started < 3
    assert stderr == [served.first]  # no traceback, nothing else
    assert events.read() == b"\n"  # the stream was ended, not cut


def test_a_second_ctrl_c_while_a_pdf_renders_lets_it_finish_quietly(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    parts = urlsplit(served.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as conn:
        conn.sendall(b"GET /brief/canada/peru.en.pdf HTTP/1.1\r\nHost: localhost\r\n\r\n")
        time.sleep(0.3)  # importing WeasyPrint and laying out take longer than this
        code, stderr = served.stop(signal.SIGINT, signal.SIGINT)
        response = b"".join(iter(lambda: conn.recv(65536), b""))
    assert code == 0 and stderr == [served.first]
    assert response.startswith(b"HTTP/1.1 200 ") and b"\r\n\r\n%PDF-" in response


def test_a_busy_port_is_one_line_and_exit_1(workspace: Workspace) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        command = [sys.executable, "-m", "briefing", "serve", "--port", str(port)]
        done = subprocess.run(
            [*command, "--workspace", str(workspace.root)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"brief: port {port} on 127.0.0.1 is already in use "
        "(expected a free port; try --port 0 for any free one)"
    ]


@pytest.mark.parametrize("host", [None, "127.0.0.1", "127.0.0.2"])
def test_only_loopback_names_and_the_given_host_are_answered(
    serve: Callable[..., Served], host: str | None
) -> None:
    served = serve(*(["--host", host] if host else []))
    assert served.url.startswith(f"http://{host or '127.0.0.1'}:")
    port = urlsplit(served.url).port
    for name in ("localhost", "127.0.0.1", "[::1]", host or "localhost"):
        status, body = get(served.url, host=f"{name}:{port}".encode())
        assert status == 200 and b"<h1>Briefs in " in body, name
    foreign = ["evil.example", f"evil.example:{port}", "127.0.0.3"]
    if host != "127.0.0.2":
        foreign.append(f"127.0.0.2:{port}")
    for name in foreign:
        for target in (b"/", b"/events", b"/brief/canada/peru.en.html"):
            status, body = get(served.url, target, host=name.encode())
            assert status == 400 and body == b"Invalid host header", (name, target)
    assert served.stop(signal.SIGINT) == (0, [served.first])


BAD_PATHS = [
    b"/brief/canada/pe%00ru.en.html",
    b"/brief/canada/" + b"a" * 100_000 + b".en.html",
    b"/brief/canada/%FF.en.html",
    b"/brief/canada/pe\xffru.en.html",
    b"/brief/../peru.en.html",
    b"/brief/canada/..%2F..%2Fbrief.en.html",
    b"/brief/canada/peru.de.html",
    b"/brief/canada/peru.en.docx",
    b"/brief/canada/peru",
    b"/countries/peru.en.html",
]


def test_bad_paths_get_4xx_never_a_traceback(serve: Callable[..., Served]) -> None:
    served = serve()
    for target in BAD_PATHS:
        status, _ = get(served.url, target)
        assert 400 <= status < 500, target[:60]
    code, stderr = served.stop(signal.SIGINT)
    assert code == 0 and not any("Traceback" in line or "ERROR" in line for line in stderr)


class Links(HTMLParser):
    """The href of every link of a page, as a browser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value or "" for name, value in attrs if tag == "a" and name == "href"]


def test_file_names_are_escaped_in_the_index_and_their_links_lead_to_them(
    workspace: Workspace, serve: Callable[..., Served]
) -> None:
    hostile = "x'\"><b>&amp;#?%20"
    peru = workspace.relationship_path("canada", "peru").read_bytes()
    (workspace.data / "canada" / f"{hostile}.yaml").write_bytes(peru)
    with open(os.fsencode(workspace.data / "canada") + b"/\xff.yaml", "wb") as file:
        file.write(peru)
    served = serve()
    status, index = get(served.url)
    assert status == 200 and b"<b>" not in index
    assert b"canada/x&#x27;&quot;&gt;&lt;b&gt;&amp;amp;#?%20 (brief)" in index
    assert b"canada/\\udcff (brief)" in index  # as `brief check` prints it
    links = Links()
    links.feed(index.decode())
    for href in (quote(f"/brief/canada/{hostile}.en.html"), "/brief/canada/%FF.fr.html"):
        assert href in links.hrefs
        status, page = get(served.url, href.encode())
        # the file is found, and refused: its name is not the partner it describes
        assert status == 422 and b"The brief cannot be rendered" in page and b"<b>" not in page
        assert b"partner: &#x27;peru&#x27; but the file is " in page
    assert served.stop(signal.SIGINT) == (0, [served.first])


def test_open_starts_the_browser_on_the_url(serve: Callable[..., Served], tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])\n")
    served = serve("--open", env={**os.environ, "BROWSER": f"{sys.executable} {script} %s"})
    deadline = time.monotonic() + 15
    while not opened.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert opened.read_text() == served.url
    assert served.stop(signal.SIGINT) == (0, [served.first])


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


def wait_for(browser: object, script: str, seconds: float = 20) -> None:
    """Wait until `script` returns true in the page (false while the page reloads)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if browser.execute_script(script):  # type: ignore[attr-defined]
                return
        except Exception:  # the page is reloading
            pass
        time.sleep(0.2)
    raise AssertionError(f"never true in the page: {script}")


def wait_for_text(browser: object, text: str) -> str:
    """Wait until the page shows `text` and listens for changes; the page's text."""
    wait_for(browser, "return typeof reloads === 'object' && reloads.readyState === 1")
    wait_for(browser, f"return document.body.innerText.includes({text!r})")
    return str(browser.execute_script("return document.body.innerText"))  # type: ignore[attr-defined]


@needs_chromium
def test_page_follows_edits_and_shows_problems(
    workspace: Workspace, serve: Callable[..., Served], browser: object, tmp_path: Path
) -> None:
    served = serve()
    browser.get(f"{served.url}brief/canada/peru.en.html")  # type: ignore[attr-defined]
    wait_for_text(browser, SUMMARY)
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    edited = "Canada and Peru have a warm, growing and edited relationship."
    path.write_text(text.replace(SUMMARY, edited), encoding="utf-8")
    wait_for_text(browser, "warm, growing and edited relationship")
    path.write_text(text.replace("value: 522e6", "value: 522 million"), encoding="utf-8")
    body = wait_for_text(browser, "The brief cannot be rendered")
    assert "data/canada/peru.yaml:" in body and "is words, not an amount" in body
    path.write_text(text, encoding="utf-8")
    wait_for_text(browser, SUMMARY)
    browser.save_screenshot(str(tmp_path / "serve.png"))  # type: ignore[attr-defined]


@needs_chromium
def test_pdf_view_follows_edits(
    workspace: Workspace, serve: Callable[..., Served], browser: object, tmp_path: Path
) -> None:
    served = serve()
    browser.get(f"{served.url}brief/canada/peru.en.pdf.html")  # type: ignore[attr-defined]
    frame = "document.querySelector('iframe')"
    wait_for(browser, "return typeof reloads === 'object' && reloads.readyState === 1")
    wait_for(browser, f"return {frame}.src.endsWith('/brief/canada/peru.en.pdf')")
    browser.execute_script("window.before = true")  # type: ignore[attr-defined]
    path = workspace.relationship_path("canada", "peru")
    path.write_text(path.read_text(encoding="utf-8").replace("warm", "wintry"), encoding="utf-8")
    wait_for(browser, "return window.before === undefined")  # the page reloaded
    # ...and asked for the PDF again: the frame's request is in the new page's timeline
    pdf = "e => e.name.endsWith('/brief/canada/peru.en.pdf')"
    wait_for(browser, f"return performance.getEntriesByType('resource').some({pdf})")
    status, body = get(served.url, b"/brief/canada/peru.en.pdf")
    assert status == 200 and body.startswith(b"%PDF-")
    (tmp_path / "peru.pdf").write_bytes(body)
    assert "wintry and growing" in " ".join(pdf_text(tmp_path / "peru.pdf").split())
