"""`brief serve` in a real headless browser: the page shows the brief and follows edits."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from briefing.serve import create_app
from briefing.workspace import Workspace

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver are needed"
)


@pytest.fixture
def server(workspace: Workspace) -> Iterator[str]:
    """The preview server of a scratch workspace, on a free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


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


def wait_for_text(browser: object, text: str, seconds: float = 20) -> str:
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = browser.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]
        except Exception:  # the page is reloading
            body = ""
        if text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the page says: {body[:500]}")


def test_page_follows_edits_and_shows_problems(
    workspace: Workspace, server: str, browser: object, tmp_path: Path
) -> None:
    browser.get(f"{server}/brief/canada/peru.en.html")  # type: ignore[attr-defined]
    wait_for_text(browser, "Canada and Peru have a warm and growing relationship.")
    path = workspace.relationship_path("canada", "peru")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "Canada and Peru have a warm and growing relationship.",
            "Canada and Peru have a warm, growing and edited relationship.",
        ),
        encoding="utf-8",
    )
    wait_for_text(browser, "warm, growing and edited relationship")
    path.write_text(text.replace("value: 522e6", "value: 522 million"), encoding="utf-8")
    body = wait_for_text(browser, "The brief cannot be rendered")
    assert "data/canada/peru.yaml:" in body and "is words, not an amount" in body
    path.write_text(text, encoding="utf-8")
    wait_for_text(browser, "Canada and Peru have a warm and growing relationship.")
    browser.save_screenshot(str(tmp_path / "serve.png"))  # type: ignore[attr-defined]


def test_pdf_is_served(server: str) -> None:
    from urllib.request import urlopen

    with urlopen(f"{server}/brief/canada/peru.fr.pdf", timeout=60) as response:
        assert response.headers["content-type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"
