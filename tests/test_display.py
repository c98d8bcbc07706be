"""Deterministic printing helpers."""

from __future__ import annotations

import numpy as np
import pytest

from cossim.display import check_close, check_differs, fmt, max_abs_difference, text_table


def test_fmt_rounds_and_never_prints_negative_zero():
    assert fmt(-1e-17) == "0.000"
    assert fmt(-0.0004, 3) == "0.000"
    assert fmt(2.71828, 2) == "2.72"
    assert fmt(-1.5, 1) == "-1.5"


def test_check_close_prints_only_the_tolerance(capsys):
    check_close("same", np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-15]), atol=1e-12)
    check_close("exact", np.zeros(2), np.zeros(2), atol=0.0)
    assert capsys.readouterr().out == "✓ same  (max |difference| ≤ 1e-12)\n✓ exact  (exactly equal)\n"


def test_check_close_fails_loudly():
    with pytest.raises(AssertionError, match=r"off: max \|difference\| = 0.1 exceeds 1e-12"):
        check_close("off", np.array([1.0]), np.array([1.1]), atol=1e-12)
    with pytest.raises(AssertionError):
        check_close("nan", np.array([np.nan]), np.array([1.0]), atol=1.0)


def test_check_differs(capsys):
    check_differs("moved", np.array([0.0, 1.0]), np.array([0.0, 0.25]), at_least=0.5)
    assert capsys.readouterr().out == "✓ moved  (max |difference| = 0.750)\n"
    with pytest.raises(AssertionError, match=r"still: max \|difference\| = 0 is below 0.5"):
        check_differs("still", np.ones(2), np.ones(2), at_least=0.5)


def test_max_abs_difference_requires_equal_shapes():
    with pytest.raises(ValueError, match=r"actual and expected must have the same shape; got \(2,\) and \(3,\)"):
        max_abs_difference(np.ones(2), np.ones(3))


def test_text_table_aligns_columns():
    assert text_table(["a", "bb"], [[1, 22], [333, 4]]).splitlines() == [
        "  a  bb",
        "---  --",
        "  1  22",
        "333   4",
    ]


def test_ranges_and_flags_print_deterministically():
    from cossim.display import fmt_flag, fmt_range

    assert fmt_range(0.6481, 0.9729) == "0.648–0.973"
    assert fmt_range(0.97749, 0.97751) == "0.977–0.978"
    assert fmt_range(0.9771, 0.9774) == "0.977"
    assert [fmt_flag(v) for v in (True, False, None)] == ["yes", "no", "—"]


def test_html_table_escapes_and_marks_headers():
    from cossim.display import HTMLTable

    table = HTMLTable(["#", "film"], [[1, "Tom & Jerry <1>"]], caption="Nearest to A & B")
    markup = table._repr_html_()
    assert "<caption>Nearest to A &amp; B</caption>" in markup
    assert '<th scope="col">film</th>' in markup and "<td>Tom &amp; Jerry &lt;1&gt;</td>" in markup
    assert repr(table).splitlines()[0] == "Nearest to A & B"
    with pytest.raises(ValueError, match=r"rows must have 2 cells each, one per header; got rows of \[1\] cells."):
        HTMLTable(["#", "film"], [[1]], caption="x")
