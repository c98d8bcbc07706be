"""Run chapters of the in-browser edition in headless Chromium, as a reader would.

Usage:
  python tools/lite_run.py [SITE] [NOTEBOOK ...]   time every (or the named) chapter
                                                    and write tools/lite/running_times.json

SITE defaults to _build/html. The site is served from 127.0.0.1; each chapter
opens in a fresh browser page of JupyterLite's notebook app
(`lite/notebooks/index.html?path=…`), the Pyodide kernel starts, and once it is
idle every cell runs ("Run All", the command the menu calls). Reported per
chapter: seconds from opening the page to a ready kernel, seconds to run all
cells, the cells that raised, and every request that went anywhere but
127.0.0.1. The browser tests (tests/browser/test_lite_*.py) use the same
functions.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from local_browser import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
TIMES = ROOT / "tools" / "lite" / "running_times.json"
#: Longest wait for the kernel, and for one chapter's cells, in seconds.
KERNEL_TIMEOUT = 240
RUN_TIMEOUT = 600

# JavaScript run in the page; JupyterLite exposes its app as window.jupyterapp
# (exposeAppInBrowser in the site's jupyter-lite.json).
_KERNEL_IDLE = """() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(kernel && ctx.isReady && kernel.status === 'idle');
}"""
_RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
_CELLS = r"""() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.filter(c => c.model.type === 'code').map(c => {
    const outputs = c.model.outputs.toJSON();
    return {
      count: c.model.executionCount,
      errors: outputs.filter(o => o.output_type === 'error').map(o => {
        const lines = (o.traceback || []).map(t => t.replace(/\u001b\[[0-9;]*m/g, ''));
        const where = lines.join('\n').split('\n').filter(l => l.startsWith('---->')).slice(-1);
        return o.ename + ': ' + o.evalue + (where.length ? ' [' + where[0].trim() + ']' : '');
      }),
      text: outputs.map(o => [].concat(o.text || (o.data && o.data['text/plain']) || []).join('')).join(''),
    };
  });
}"""


@dataclass
class ChapterRun:
    """What running one chapter in the browser gave."""

    notebook: str
    kernel_ready_s: float
    run_all_s: float
    code_cells: int
    errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        """True if every cell ran without an error and nothing left the machine."""
        return not self.errors and not self.outside_requests


def lite_url(base: str, notebook: str, folder: str = "book") -> str:
    """The address of a notebook of `folder` in the lite site's notebook app."""
    return f"{base}/lite/notebooks/index.html?path={folder}/{notebook}"


def is_local(url: str) -> bool:
    """True for addresses on this machine (and in-page data/blob URLs)."""
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob") or parsed.hostname == "127.0.0.1"


def wait_for(page, script: str, timeout: float, what: str) -> float:
    """Poll a JavaScript predicate until it is true; return the seconds waited."""
    start = time.monotonic()
    while not page.evaluate(script):
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{what} after {timeout:.0f} s")
        page.wait_for_timeout(250)
    return time.monotonic() - start


def cells(page) -> list[dict]:
    """The code cells of the open notebook: execution count, errors, text output."""
    return page.evaluate(_CELLS)


def run_all(page, notebook: str) -> float:
    """Run every cell of the open notebook; return the seconds until the last has run."""
    start = time.monotonic()
    page.evaluate(_RUN_ALL)
    done = """() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const code = panel.content.widgets.filter(c => c.model.type === 'code');
      return panel.sessionContext.session.kernel.status === 'idle'
        && code.every(c => c.model.executionCount !== null);
    }"""
    page.wait_for_timeout(500)
    wait_for(page, done, RUN_TIMEOUT, f"the cells of {notebook} had not all run")
    return time.monotonic() - start


def new_page(browser) -> tuple:
    """A fresh browser context (empty cache) and page; returns (context, page, outside requests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.on("request", lambda request: None if is_local(request.url) else outside.append(request.url))
    return context, context.new_page(), outside


def run_on_page(page, base: str, notebook: str, outside: list[str], folder: str = "book") -> ChapterRun:
    """Open a chapter on `page`, run every cell, and report."""
    start = time.monotonic()
    page.goto(lite_url(base, notebook, folder))
    wait_for(page, _KERNEL_IDLE, KERNEL_TIMEOUT, f"the kernel of {notebook} was not ready")
    ready = time.monotonic() - start
    elapsed = run_all(page, notebook)
    code = cells(page)
    errors = [f"cell {i + 1}: {e}" for i, cell in enumerate(code) for e in cell["errors"]]
    return ChapterRun(notebook, round(ready, 1), round(elapsed, 1), len(code), errors, list(outside),
                      [cell["text"] for cell in code])


def run_chapter(browser, base: str, notebook: str, folder: str = "book") -> ChapterRun:
    """Open a chapter in a fresh context, run every cell, and report."""
    context, page, outside = new_page(browser)
    try:
        return run_on_page(page, base, notebook, outside, folder)
    finally:
        context.close()


def chapter_notebooks(site: Path) -> list[str]:
    """The notebooks of the lite site, in order."""
    return sorted(path.name for path in (site / "lite" / "files" / "book").glob("*.ipynb"))


def main(argv: list[str]) -> None:
    site = Path(argv[0]) if argv and not argv[0].endswith(".ipynb") else ROOT / "_build" / "html"
    names = [a for a in argv if a.endswith(".ipynb")] or chapter_notebooks(site)
    times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    failed = False
    with serve(site) as base, chromium() as browser:
        for name in names:
            run = run_chapter(browser, base, name)
            print(f"{name:40s} kernel {run.kernel_ready_s:6.1f} s  cells {run.run_all_s:6.1f} s"
                  f"  {'ok' if run.ok else 'FAILED'}", flush=True)
            for line in run.errors + [f"request off the machine: {u}" for u in run.outside_requests]:
                print(f"    {line}")
            failed |= not run.ok
            times[name] = {key: value for key, value in asdict(run).items() if key != "outputs"}
    TIMES.write_text(json.dumps(dict(sorted(times.items())), indent=1) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
