"""cossim.evaluation and the real-data scores of cossim.metrics."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import cossim
from helpers import binary_data


@given(seed=st.integers(0, 200), fraction=st.floats(0.05, 0.95))
@settings(max_examples=40, deadline=None)
def test_hold_out_partitions_each_user(seed, fraction):
    X = binary_data(seed, n=30, p=12, density=0.4)
    train, test = cossim.hold_out(X, fraction, seed=seed)
    assert np.array_equal((train + test).toarray(), X)
    assert (train.multiply(test)).nnz == 0
    counts = X.sum(axis=1).astype(int)
    held = test.toarray().sum(axis=1).astype(int)
    expected = np.minimum(np.maximum(1, np.rint(fraction * counts)), counts - 1)
    expected[counts < 2] = 0
    assert np.array_equal(held, expected)


def test_hold_out_is_seeded_and_uniform():
    X = np.ones((1, 10))
    first = cossim.hold_out(X, 0.3, seed=3)[1].toarray()
    assert np.array_equal(first, cossim.hold_out(X, 0.3, seed=3)[1].toarray())
    # each item is held out with probability 3/10 over many seeds (binomial sd ≈ 0.0145 at 1000 draws)
    share = np.mean([cossim.hold_out(X, 0.3, seed=s)[1].toarray()[0] for s in range(1000)], axis=0)
    assert np.all(np.abs(share - 0.3) < 5 * 0.0145)


def test_recall_at_k_by_hand():
    train = sp.csr_array(np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]], dtype=float))
    test = sp.csr_array(np.array([[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]], dtype=float))
    scores = np.array([[9.0, 3, 1, 2], [0, 9, 5, 4], [1, 1, 1, 1]])
    # user 0: item 0 is trained on; top 2 of the rest are 1 and 3: one of two held-out -> 1/2
    # user 1: top 2 are 2 and 3: item 3 held out, min(2, 1) = 1 -> 1; user 2 has nothing held out
    assert cossim.recall_at_k(scores, train, test, 2) == pytest.approx(0.75)
    # k = 1: user 0 gets item 1 (hit, 1/1), user 1 gets item 2 (miss)
    assert cossim.recall_at_k(scores, train, test, 1) == pytest.approx(0.5)


def test_recall_at_k_of_a_perfect_ranking_is_one():
    X = binary_data(5, n=50, p=15)
    train, test = cossim.hold_out(X, 0.3, seed=1)
    assert cossim.recall_at_k(test.toarray(), train, test, 3) == 1.0


def test_recall_at_k_bad_input():
    train = sp.csr_array(np.eye(3))
    with pytest.raises(ValueError, match="test must hold out at least one interaction; got none."):
        cossim.recall_at_k(np.ones((3, 3)), train, sp.csr_array((3, 3)), 1)
    with pytest.raises(ValueError, match="k must be an integer between 1 and the number of items, 3; got 4."):
        cossim.recall_at_k(np.ones((3, 3)), train, train, 4)
    with pytest.raises(ValueError, match=r"test must be an array of shape \(3, 3\); got shape \(2, 3\)."):
        cossim.recall_at_k(np.ones((3, 3)), train, np.ones((2, 3)), 1)


def test_nearest_neighbours_order_and_ties():
    S = np.array([[1.0, 0.5, 0.9, 0.5], [0.5, 1, 0, 0], [0.9, 0, 1, 0], [0.5, 0, 0, 1]])
    assert cossim.nearest_neighbours(S, 3)[0].tolist() == [2, 1, 3]  # tie 1/3 broken by index
    assert cossim.nearest_neighbours(S, 1, rows=np.array([3])).tolist() == [[0]]
    with pytest.raises(ValueError, match="rows must be a nonempty vector of item indices between 0 and 3"):
        cossim.nearest_neighbours(S, 1, rows=np.array([4]))


@given(seed=st.integers(0, 500))
@settings(max_examples=30, deadline=None)
def test_nearest_neighbours_agree_with_a_stable_sort(seed):
    rng = np.random.default_rng(seed)
    S = np.round(rng.random((9, 9)), 1)  # rounding makes ties frequent
    S = (S + S.T) / 2
    expected = []
    for i in range(9):
        others = [j for j in range(9) if j != i]
        expected.append(sorted(others, key=lambda j: (-S[i, j], j))[:4])
    assert cossim.nearest_neighbours(S, 4).tolist() == expected


@given(seed=st.integers(0, 500))
@settings(max_examples=30, deadline=None)
def test_neighbour_overlap_against_sets(seed):
    rng = np.random.default_rng(seed)
    S1, S2 = rng.random((8, 8)), rng.random((8, 8))
    n1, n2 = cossim.nearest_neighbours(S1, 3), cossim.nearest_neighbours(S2, 3)
    expected = np.mean([len(set(a) & set(b)) / 3 for a, b in zip(n1, n2)])
    assert cossim.neighbour_overlap(S1, S2, 3) == pytest.approx(expected, abs=1e-15)
    assert cossim.neighbour_overlap(S1, S1, 3) == 1.0


def test_neighbour_jaccard_by_hand():
    S = np.array([[1.0, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]])
    labels = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0]])
    # item 0 -> 1: {a,b} vs {a}: 1/2; item 1 -> 0: 1/2; item 2 -> 1: {} vs {a}: 0
    assert cossim.neighbour_jaccard(S, labels, 1) == pytest.approx(1 / 3)


def test_related_pair_auc_matches_same_cluster_auc():
    rng = np.random.default_rng(0)
    S = rng.random((12, 12))
    S = S + S.T
    clusters = rng.integers(0, 3, size=12)
    related = clusters[:, None] == clusters[None, :]
    assert cossim.related_pair_auc(S, related) == cossim.same_cluster_auc(S, clusters)
    with pytest.raises(ValueError, match="related must be a boolean matrix; got dtype int64."):
        cossim.related_pair_auc(S, related.astype(np.int64))
    with pytest.raises(ValueError, match="related must give at least one related pair and one unrelated pair"):
        cossim.related_pair_auc(S, np.ones((12, 12), dtype=bool))


def test_mean_row_spearman_without_the_diagonal():
    rng = np.random.default_rng(1)
    S1, S2 = rng.random((6, 6)), rng.random((6, 6))
    np.fill_diagonal(S1, 2.0)
    np.fill_diagonal(S2, 2.0)
    with_diagonal = cossim.mean_row_spearman(S1, S2)
    without = cossim.mean_row_spearman(S1, S2, exclude_diagonal=True)
    off = ~np.eye(6, dtype=bool)
    expected = cossim.mean_row_spearman(S1[off].reshape(6, 5), S2[off].reshape(6, 5))
    assert without == pytest.approx(expected, abs=1e-15) and without < with_diagonal
