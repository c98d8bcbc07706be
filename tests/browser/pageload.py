"""Loading a page of the built site the way a reader's browser does, and measuring it.

Shared by the page-weight, accessibility and phone-width tests.  Each load uses
a fresh browser context (empty cache), so what is counted is what a first-time
reader downloads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SETTLE_MS = 2500  # MathJax and the widgets finish rendering about 2 s after load


@dataclass
class Load:
    """What one page load transferred: bytes per request URL (headers included)."""

    page: object
    transferred: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.transferred.values())

    def largest(self, n: int = 8) -> list[tuple[str, int]]:
        return sorted(self.transferred.items(), key=lambda item: -item[1])[:n]


def load(browser, url: str, *, width: int = 1280, height: int = 900, settle_ms: int = SETTLE_MS) -> Load:
    """Open ``url`` in a new context of ``width`` CSS pixels and count the bytes it transfers.

    The counts are Chromium's own (``Network.loadingFinished``'s
    ``encodedDataLength``: the bytes received for each request, as DevTools
    shows them), so every request of the page load is included: HTML, CSS,
    scripts, fonts, images, and whatever scripts fetch later.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    result = Load(page)

    def on_request(event):
        urls[event["requestId"]] = event["request"]["url"]

    def on_finished(event):
        url = urls.get(event["requestId"], event["requestId"])
        if not url.startswith("data:"):
            result.transferred[url] = result.transferred.get(url, 0) + int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(settle_ms)
    return result


def close(result: Load) -> None:
    result.page.context.close()


def run_axe(page) -> list[dict]:
    """axe-core's violations on ``page`` (the pinned copy in node_modules)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ['violations']});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }"""
    )
