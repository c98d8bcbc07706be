"""tools/lite_site.py and tools/lite/: the in-browser edition's build, without a browser."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import lite_site  # noqa: E402

TIMES = ROOT / "tools" / "lite" / "running_times.json"


def test_served_packages_are_closed_under_their_dependencies():
    lock = {"packages": {
        "a": {"depends": ["b_c"]}, "B-C": {"depends": ["d"]}, "d": {"depends": []}, "unused": {"depends": []},
    }}
    assert list(lite_site.served_packages(lock, ["a"])) == ["a", "b-c", "d"]


def test_the_cossim_wheel_is_reproducible_and_its_record_is_right(tmp_path):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir(), second.mkdir()
    wheel = lite_site.cossim_wheel(first)
    assert wheel.read_bytes() == lite_site.cossim_wheel(second).read_bytes()
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        record = archive.read(next(n for n in names if n.endswith("/RECORD"))).decode().splitlines()
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if digest:
                data = archive.read(name)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert digest == f"sha256={expected}" and int(size) == len(data), name
    assert {"cossim/__init__.py", "cossim/runtime.py", "cossim/data/movielens.pkl"} <= set(names)
    assert len(record) == len(names)


def test_lock_entries_name_the_file_and_its_hash(tmp_path):
    wheel = tmp_path / "demo-1.2-py3-none-any.whl"
    wheel.write_bytes(b"not really a wheel")
    entry = lite_site.lock_entry(wheel, "demo", ["demo"], ["numpy"])
    assert entry["version"] == "1.2" and entry["file_name"] == wheel.name
    assert entry["sha256"] == hashlib.sha256(b"not really a wheel").hexdigest()


def test_every_notebook_has_a_recorded_browser_run_without_errors():
    """The chapter boxes quote these times (make lite-times records them)."""
    times = json.loads(TIMES.read_text())
    assert sorted(times) == sorted(p.name for p in (ROOT / "book").glob("*.ipynb"))
    for name, run in times.items():
        assert run["errors"] == [] and run["outside_requests"] == [], name
        assert run["kernel_ready_s"] > 0 and run["run_all_s"] > 0, name
