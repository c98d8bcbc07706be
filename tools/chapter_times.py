"""Record how long each chapter's notebook takes to run (`make chapter-times`).

Usage:
  python tools/chapter_times.py [OUT.json]   default: tools/running_times.json

`make execute` runs every notebook of the table of contents on a fresh kernel
and stores, with each result in the jupyter-cache, its execution time
(tools/notebook_cache.py). This reads those times for the current checkout
(the cache must have been filled for its key: run `make execute` first) and
writes them, rounded to a tenth of a second, keyed by notebook name, together
with the machine's core count and the jobs that ran side by side (times grow
when kernels share cores).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import notebook_cache

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tools" / "running_times.json"


def cached_times(cache_dir: Path = notebook_cache.CACHE) -> dict[str, float]:
    """Seconds each notebook of the table of contents took, from a cache filled for this checkout.

    Raises
    ------
    RuntimeError
        If the cache is missing, was filled for other sources, or lacks a notebook.
    """
    from jupyter_cache import get_cache

    key_file = cache_dir / notebook_cache.KEY_FILE
    if not key_file.is_file() or key_file.read_text().strip() != notebook_cache.cache_key():
        raise RuntimeError(f"the notebook cache {cache_dir} is not filled for this checkout: run `make execute`")
    records = {Path(record.uri).name: record.data for record in get_cache(str(cache_dir)).list_cache_records()}
    times = {}
    for path in notebook_cache.toc_notebooks():
        data = records.get(path.name) or {}
        if "execution_seconds" not in data:
            raise RuntimeError(f"no execution time for {path.name} in {cache_dir}: run `make execute`")
        times[path.stem] = round(float(data["execution_seconds"]), 1)
    return times


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    times = cached_times()
    jobs = int(os.environ.get("JOBS", os.cpu_count() or 1))
    record = {"cores": os.cpu_count(), "jobs": jobs, "seconds": times}
    out.write_text(json.dumps(record, indent=1) + "\n")
    print(f"{out}: {len(times)} notebooks, {sum(times.values()):.0f} s in all, slowest "
          f"{max(times, key=times.get)} ({max(times.values())} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
