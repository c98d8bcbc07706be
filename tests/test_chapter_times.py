"""tools/running_times.json, written by `make chapter-times`: a measured time for every chapter."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import chapter_times  # noqa: E402
import notebook_cache  # noqa: E402


def test_every_notebook_of_the_table_of_contents_has_a_running_time():
    record = json.loads(chapter_times.OUT.read_text())
    expected = {path.stem for path in notebook_cache.toc_notebooks()}
    assert set(record["seconds"]) == expected, "run `make chapter-times` and commit tools/running_times.json"
    assert all(0 < seconds < 600 for seconds in record["seconds"].values())
    assert record["cores"] >= 1 and record["jobs"] >= 1


def test_a_cache_filled_for_other_sources_is_refused(tmp_path):
    (tmp_path / notebook_cache.KEY_FILE).write_text("another checkout\n")
    with pytest.raises(RuntimeError, match="not filled for this checkout"):
        chapter_times.cached_times(tmp_path)
