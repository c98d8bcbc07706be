"""Fixtures for the browser tests: the built site over HTTP, and headless Chromium.

The site is the output of `make book` (`_build/html`, or the folder named by
the environment variable BOOK_HTML).  Chromium is Debian's package
(/usr/bin/chromium, or the path in CHROMIUM), driven by Playwright; Playwright's
own browser download is not used.  If either is missing the tests are skipped
with a message saying which, unless REQUIRE_CHROMIUM=1 (set by .ci/run): then
they fail, so that CI cannot pass without having run them.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from book_site import CHROMIUM, SITE


def missing(reason: str) -> None:
    """Skip the browser tests, or fail them where they are required (CI)."""
    if os.environ.get("REQUIRE_CHROMIUM") == "1":
        pytest.fail(f"{reason} (REQUIRE_CHROMIUM=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists():
        missing(f"no built site at {SITE}: run `make book` first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def chromium_browser():
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (or set CHROMIUM)")
    try:
        import playwright.sync_api as playwright_sync
    except ImportError:
        missing("the Python package playwright is not installed")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()
