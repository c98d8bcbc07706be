"""Where the browser tests find the built site and Chromium, and what every page may log.

Shared by the fixtures (conftest.py) and the test modules, which import it as
``from book_site import …`` (a plain module: conftest is for fixtures).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

# Every Jupyter Book 1.x page logs these two harmless errors (sphinx-thebe
# declares THEBE_JS_URL twice; the theme reads an empty stored mode).
KNOWN_CONSOLE_ERRORS = ("Identifier 'THEBE_JS_URL' has already been declared", "Got invalid theme mode")


def pages() -> list[Path]:
    """Every content page of the site (the book's pages and the front page)."""
    if not SITE.is_dir():
        return []
    return sorted(SITE.glob("book/*.html"))


def watch(page) -> dict[str, list[str]]:
    """Record, from now on, a page's console errors, its requests that leave 127.0.0.1 and its failed responses."""
    events = {"errors": [], "external": [], "failed": []}
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["external"].append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.on("response", lambda r: events["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return events
