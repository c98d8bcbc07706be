"""The closing table of Part IV and its test of dependence on D."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import binary_data
from cossim import cosine_similarity, fit_objective1, fit_objective2, gram_matrix
from cossim.objectives import objective1_from_gram, objective2_from_gram
from cossim.remedies import d_dependence, compare_remedies
from cossim.simulation import simulate


def test_objective1_depends_on_d_and_objective2_does_not(X_small):
    G = gram_matrix(X_small)
    d = np.array([1.0, 3.0, 0.3])
    m1, m2 = fit_objective1(X_small, 3, 2.0), fit_objective2(X_small, 3, 0.5)
    first = d_dependence(lambda e: objective1_from_gram(G, m1.A * e, m1.B / e, 2.0),
                         lambda e: cosine_similarity(m1.B / e), d)
    second = d_dependence(lambda e: objective2_from_gram(G, m2.A * e, m2.B / e, 0.5),
                          lambda e: cosine_similarity(m2.B / e), d)
    assert first.objective_change < 1e-12 and first.similarity_change > 0.01 and first.depends
    assert second.objective_change > 1e-3 and not second.depends
    # with D = I nothing changes, so nothing depends on it
    same = d_dependence(lambda e: objective1_from_gram(G, m1.A * e, m1.B / e, 2.0),
                        lambda e: cosine_similarity(m1.B / e), np.ones(3))
    assert same.similarity_change == 0 and not same.depends


def test_the_table_on_a_small_simulation():
    sim = simulate(n=600, p=40, C=3, seed=2)
    rows = compare_remedies(sim, k=6, lam1=300.0, lam2=8.0, sgns_betas=(0.75,))
    by_name = {row.method: row for row in rows}
    expected = {
        "raw data (item columns)": None,
        "objective 1": True,
        "objective 2": False,
        "item space, objective 1": False,
        "item space, objective 2": False,
        "cosine model": False,
        "standardised, objective 1": True,
        "IPS (a = b = 1), objective 1": True,
        "IPS (a = b = 1), objective 2": False,
        "SGNS + decay, β = 0.75": False,
        "SVD of PPMI, e ∈ {0, ½, 1}": True,
    }
    for name, depends in expected.items():
        assert by_name[name].depends_on_d is depends, name
    assert by_name["cosine model"].iterations > 0 and by_name["SGNS + decay, β = 0.75"].iterations > 0
    assert len(rows) == 12
    for row in rows:
        assert 0 <= row.auc_range[0] <= row.auc_range[1] <= 1
        assert 0 <= row.precision_range[0] <= row.precision_range[1] <= 1
        assert row.seconds >= 0
        single = row.depends_on_d is not True
        assert len(row.scores) == 1 or not single, row.method
    assert len(by_name["objective 1"].scores) == 3 and len(by_name["SVD of PPMI, e ∈ {0, ½, 1}"].scores) == 3
    assert by_name["item space, objective 1"].chapter == "ch-item-space"
    # the three rescalings of objective 1 really give different scores
    low, high = by_name["objective 1"].auc_range
    assert high - low > 0.01


def test_bad_arguments_are_rejected(X_small):
    with pytest.raises(ValueError, match=r"d must have no zero entry; got 1 zero\(s\), the first at index 1"):
        d_dependence(lambda e: 1.0, lambda e: np.eye(2), np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match=r"objective must be nonzero at D = I; got 0"):
        d_dependence(lambda e: 0.0, lambda e: np.eye(2), np.ones(2))
    sim = simulate(n=100, p=10, C=2, seed=0)
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p = 10; got 11"):
        compare_remedies(sim, k=11)
    with pytest.raises(ValueError, match=r"lam2 must be a finite number > 0; got -1.0"):
        compare_remedies(sim, k=2, lam2=-1.0)
