"""cossim.runtime: smaller sizes in a browser kernel only, and always said."""

from __future__ import annotations

import sys

import pytest

import cossim


def test_elsewhere_nothing_changes_and_nothing_is_printed(capsys):
    assert not cossim.in_browser()
    assert cossim.browser_sizes(n=4_000, p=200) == {}
    assert capsys.readouterr().out == ""


def test_in_a_browser_kernel_the_sizes_apply_and_are_stated(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert cossim.in_browser()
    assert cossim.browser_sizes(n=4_000, p=200) == {"n": 4_000, "p": 200}
    out = capsys.readouterr().out
    assert "smaller scale (n = 4,000, p = 200)" in out
    assert out.count("\n") == 1


def test_the_sizes_reach_simulate(monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    sim = cossim.simulate(seed=0, **cossim.browser_sizes(n=300, p=40))
    assert sim.X.shape == (300, 40)


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ({}, "browser_sizes needs at least one size"),
        ({"n": 0}, "n must be"),
        ({"n": 2.5}, "n must be"),
        ({"n": True}, "n must be"),
    ],
)
def test_bad_sizes_are_refused_with_one_sentence(sizes, message):
    with pytest.raises(ValueError, match=message):
        cossim.browser_sizes(**sizes)
