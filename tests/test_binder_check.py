"""tools/binder_check.py: the pieces that decide whether .venv is exactly requirements.txt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import binder_check  # noqa: E402


def test_every_requirement_is_an_exact_pin_or_the_editable_library():
    pins = binder_check.pinned((ROOT / "requirements.txt").read_text())
    assert pins["jupyter-book"] == "1.0.4.post1" and pins["pytest-xdist"]
    assert "cossim" not in pins
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert len(pins) == len([line for line in lines if line and not line.startswith("-e ")])


@pytest.mark.parametrize("line", ["numpy>=2", "numpy", "git+https://example.org/x", "-r other.txt"])
def test_a_requirement_that_is_not_an_exact_pin_is_refused(line):
    with pytest.raises(ValueError, match="not an exact pin"):
        binder_check.pinned(f"scipy==1.17.1\n{line}\n")


def test_names_are_compared_in_canonical_form():
    pins = binder_check.pinned("Jinja2==3.1.6\nsphinx_design==0.8.0\n-e .[book]\n")
    installed = binder_check.frozen("jinja2==3.1.6\nsphinx-design==0.8.0\n")
    assert binder_check.compare_pins(pins, installed) == []


def test_missing_extra_and_other_versions_are_each_reported():
    pins = {"numpy": "2.4.6", "scipy": "1.17.1", "six": "1.17.0"}
    installed = {"numpy": "2.4.6", "scipy": "1.16.0", "tomli": "2.5.0"}
    problems = binder_check.compare_pins(pins, installed)
    assert problems == ["six==1.17.0 is pinned but not installed",
                        "scipy is installed as 1.16.0, pinned as 1.17.1",
                        "tomli==2.5.0 is installed but not pinned"]


def test_the_stamp_records_the_hashes_of_what_was_installed(tmp_path):
    for name in binder_check.SOURCES:
        (tmp_path / name).write_text(name)
    hashes = binder_check.source_hashes(tmp_path)
    (tmp_path / "requirements.txt").write_text("changed")
    assert binder_check.source_hashes(tmp_path)["requirements.txt"] != hashes["requirements.txt"]
    assert binder_check.stamp()["fresh_venv"] is True
