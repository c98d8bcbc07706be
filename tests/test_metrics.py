"""Scores of similarity matrices."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import spearmanr

from cossim.metrics import mean_row_spearman, neighbour_precision, same_cluster_auc, top_m_overlap


def brute_force_auc(S, labels):
    pairs = list(itertools.combinations(range(len(labels)), 2))
    pos = [S[i, j] for i, j in pairs if labels[i] == labels[j]]
    neg = [S[i, j] for i, j in pairs if labels[i] != labels[j]]
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


@given(seed=st.integers(0, 10_000), p=st.integers(3, 12), levels=st.integers(2, 5))
def test_auc_matches_brute_force_including_ties(seed, p, levels):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, size=p)
    raw = rng.integers(0, levels, size=(p, p)).astype(float)  # few levels: many ties
    S = raw + raw.T
    positives = sum(labels[i] == labels[j] for i, j in itertools.combinations(range(p), 2))
    if positives in (0, p * (p - 1) // 2):
        with pytest.raises(ValueError, match=r"clusters must give at least one same-cluster pair"):
            same_cluster_auc(S, labels)
    else:
        assert same_cluster_auc(S, labels) == pytest.approx(brute_force_auc(S, labels), abs=1e-12)


def test_perfect_and_inverted_separation():
    labels = np.array([0, 0, 1, 1, 1])
    truth = (labels[:, None] == labels[None, :]).astype(float)
    assert same_cluster_auc(truth, labels) == 1.0
    assert same_cluster_auc(-truth, labels) == 0.0
    assert same_cluster_auc(np.zeros((5, 5)), labels) == 0.5
    assert neighbour_precision(truth, labels, m=1) == 1.0


def test_neighbour_precision_by_hand():
    labels = np.array([0, 0, 1, 1])
    S = np.array([[1.0, 0.9, 0.8, 0.1], [0.9, 1.0, 0.2, 0.3], [0.8, 0.2, 1.0, 0.7], [0.1, 0.3, 0.7, 1.0]])
    # nearest two neighbours: 0 → {1, 2}: 1/2; 1 → {0, 3}: 1/2; 2 → {0, 3}: 1/2; 3 → {2, 1}: 1/2
    assert neighbour_precision(S, labels, m=2) == pytest.approx(0.5)
    # nearest one: 0 → 1 (same), 1 → 0 (same), 2 → 0 (no), 3 → 2 (same)
    assert neighbour_precision(S, labels, m=1) == pytest.approx(0.75)


@given(seed=st.integers(0, 10_000))
def test_ranking_agreement_of_a_score_with_a_monotone_transform_of_itself(seed):
    rng = np.random.default_rng(seed)
    S = rng.normal(size=(6, 9))
    transformed = np.exp(S) * rng.uniform(0.5, 2.0, size=(6, 1))  # per-row positive factor
    assert top_m_overlap(S, transformed, 3) == 1.0
    assert mean_row_spearman(S, transformed) == pytest.approx(1.0)
    expected = np.mean([spearmanr(a, b)[0] for a, b in zip(S, -S[:, ::-1])])
    assert mean_row_spearman(S, -S[:, ::-1]) == pytest.approx(expected)


def test_top_m_overlap_by_hand():
    S1 = np.array([[3.0, 2.0, 1.0, 0.0]])
    S2 = np.array([[3.0, 0.0, 1.0, 2.0]])
    assert top_m_overlap(S1, S2, 2) == 0.5
    assert top_m_overlap(S1, S2, 4) == 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: same_cluster_auc(np.ones((3, 4)), np.zeros(3)), r"S must be a square similarity matrix; got shape \(3, 4\)"),
        (lambda: same_cluster_auc(np.ones((3, 3)), np.zeros(4)), r"clusters must be a vector of item labels of length p = 3; got shape \(4,\)"),
        (lambda: neighbour_precision(np.ones((3, 3)), np.zeros(3), m=3), r"m must be an integer between 1 and p − 1 = 2; got 3"),
        (lambda: top_m_overlap(np.ones((2, 3)), np.ones((2, 4)), 1), r"S2 must be an array of shape \(2, 3\); got shape \(2, 4\)"),
        (lambda: mean_row_spearman(np.ones((2, 3)), np.ones((2, 3))), r"at least one row that is not constant"),
    ],
)
def test_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_cluster_recovery_bundles_both_scores():
    from cossim.metrics import Scores, cluster_recovery

    labels = np.array([0, 0, 1, 1, 1])
    S = np.random.default_rng(0).normal(size=(5, 5))
    S = S + S.T
    scores = cluster_recovery(S, labels, m=2)
    assert scores == Scores(auc=same_cluster_auc(S, labels), precision=neighbour_precision(S, labels, m=2))
    with pytest.raises(AttributeError):
        scores.auc = 0.0  # frozen: a score cannot be edited after the fact


def test_neighbour_hits_per_item():
    from cossim.metrics import neighbour_hits

    labels = np.array([0, 0, 1, 1])
    S = np.array([[1.0, 0.9, 0.8, 0.1], [0.9, 1.0, 0.2, 0.3], [0.8, 0.2, 1.0, 0.7], [0.1, 0.3, 0.7, 1.0]])
    np.testing.assert_array_equal(neighbour_hits(S, labels, m=1), [1.0, 1.0, 0.0, 1.0])


@given(seed=st.integers(0, 10_000), p=st.integers(3, 15), levels=st.integers(1, 4), m=st.integers(1, 14))
def test_fast_neighbour_hits_equal_a_stable_argsort_even_with_ties(seed, p, levels, m):
    from cossim.metrics import neighbour_hits

    m = min(m, p - 1)
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, size=p)
    S = rng.integers(0, levels, size=(p, p)).astype(float)  # few levels: many ties
    reference_scores = S.copy()
    np.fill_diagonal(reference_scores, -np.inf)
    top = np.argsort(-reference_scores, axis=1, kind="stable")[:, :m]
    expected = np.mean(labels[top] == labels[:, None], axis=1)
    np.testing.assert_allclose(neighbour_hits(S, labels, m), expected, atol=1e-15)


@given(seed=st.integers(0, 10_000), p=st.integers(3, 30), levels=st.integers(2, 6))
def test_fast_auc_equals_rank_sum_from_scipy(seed, p, levels):
    from scipy.stats import rankdata

    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, size=p)
    raw = rng.integers(0, levels, size=(p, p)).astype(float)
    S = raw + raw.T
    rows, cols = np.triu_indices(p, 1)
    same = labels[rows] == labels[cols]
    if same.all() or not same.any():
        return
    ranks = rankdata(S[rows, cols])
    expected = (ranks[same].sum() - same.sum() * (same.sum() + 1) / 2) / (same.sum() * (~same).sum())
    assert same_cluster_auc(S, labels) == pytest.approx(expected, abs=1e-12)
