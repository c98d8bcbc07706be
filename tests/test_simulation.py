"""The simulator of the paper's Section 4."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from cossim.simulation import sample_without_replacement, simulate


def successive_sampling_pair_probabilities(w: np.ndarray) -> dict[tuple[int, int], float]:
    """Exact P({i, j}) when two items are drawn one after the other without replacement."""
    total = w.sum()
    return {
        (i, j): w[i] / total * w[j] / (total - w[i]) + w[j] / total * w[i] / (total - w[j])
        for i, j in itertools.combinations(range(w.size), 2)
    }


def test_sampling_matches_successive_draws_without_replacement():
    w = np.array([1.0, 2.0, 3.0, 4.0])
    N = 200_000
    X = sample_without_replacement(np.tile(w, (N, 1)), np.full(N, 2), np.random.default_rng(7))
    rows = X.toarray().astype(bool)
    for (i, j), probability in successive_sampling_pair_probabilities(w).items():
        frequency = np.mean(rows[:, i] & rows[:, j])
        # Five standard errors of a binomial proportion: a seeded, fixed check
        # that would fail by chance with probability below 1e-6.
        assert abs(frequency - probability) < 5 * np.sqrt(probability * (1 - probability) / N)


def test_sampling_one_item_is_proportional_to_weight():
    w = np.array([0.5, 0.0, 1.5, 2.0])
    N = 100_000
    X = sample_without_replacement(np.tile(w, (N, 1)), np.ones(N, dtype=int), np.random.default_rng(3))
    frequency = np.asarray(X.mean(axis=0)).ravel()
    expected = w / w.sum()
    assert frequency[1] == 0  # a zero weight is never drawn
    assert np.all(np.abs(frequency - expected) < 5 * np.sqrt(expected * (1 - expected) / N) + 1e-12)


def test_sampling_rejects_impossible_counts():
    with pytest.raises(ValueError, match=r"counts must give, for every row, a number between 1"):
        sample_without_replacement(np.array([[1.0, 0.0, 1.0]]), np.array([3]), np.random.default_rng(0))


@given(seed=st.integers(0, 10_000), law=st.sampled_from(["rank", "draw"]), sizes=st.sampled_from(["dirichlet", "equal"]))
def test_simulation_is_consistent_and_reproducible(seed, law, sizes):
    kwargs = dict(n=300, p=40, C=4, seed=seed, popularity_law=law, activity_law=law, cluster_sizes=sizes)
    first, second = simulate(**kwargs), simulate(**kwargs)
    assert isinstance(first.X, sp.csr_array) and first.X.shape == (300, 40)
    assert np.array_equal(first.X.toarray(), second.X.toarray())
    assert set(np.unique(first.X.data)) == {1.0}
    np.testing.assert_array_equal(np.asarray(first.X.sum(axis=1)).ravel(), first.items_per_user)
    assert first.items_per_user.min() >= 1 and first.items_per_user.max() <= 40
    assert np.all((first.cluster_exponents >= 0.25) & (first.cluster_exponents <= 1.5))
    np.testing.assert_allclose(first.user_preferences.sum(axis=1), 1.0)
    np.testing.assert_allclose(first.cluster_probabilities.sum(), 1.0)


def test_item_order_sorts_by_cluster_then_decreasing_popularity():
    sim = simulate(n=50, p=60, C=3, seed=1)
    order = sim.item_order
    clusters, popularity = sim.item_cluster[order], sim.item_popularity[order]
    assert np.all(np.diff(clusters) >= 0)
    for c in np.unique(clusters):
        assert np.all(np.diff(popularity[clusters == c]) <= 0)
    assert np.array_equal(sim.same_cluster, sim.item_cluster[:, None] == sim.item_cluster[None, :])


def test_rank_popularity_is_zipf_within_each_cluster():
    sim = simulate(n=10, p=50, C=2, seed=4)
    for c in range(2):
        members = np.flatnonzero(sim.item_cluster == c)
        ranks = np.arange(1, members.size + 1)
        np.testing.assert_allclose(sim.item_popularity[members], ranks ** -sim.cluster_exponents[c])


def test_different_seeds_give_different_data():
    assert (simulate(n=100, p=30, seed=0).X != simulate(n=100, p=30, seed=1).X).nnz > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, r"n must be an integer between 1 and"),
        ({"p": 2.5}, r"p must be an integer between 1 and"),
        ({"C": 50, "p": 40}, r"C must be an integer between 1 and p = 40; got 50"),
        ({"beta_user": 0.0}, r"beta_user must be a finite number > 0; got 0.0"),
        ({"exponent_range": (1.5, 0.25)}, r"exponent_range must be a pair \(low, high\) with 0 < low < high"),
        ({"exponent_range": 3}, r"exponent_range must be a 1-D pair \(low, high\); got shape \(\)"),
        ({"cluster_sizes": "zipf"}, r"cluster_sizes must be one of 'dirichlet', 'equal'; got 'zipf'"),
        ({"popularity_law": "pareto"}, r"popularity_law must be one of 'rank', 'draw'"),
        ({"activity_law": None}, r"activity_law must be one of 'rank', 'draw'; got None"),
        ({"max_items": 0}, r"max_items must be an integer between 1 and p = 40; got 0"),
        ({"preference_concentration": -1.0}, r"preference_concentration must be a finite number > 0"),
    ],
)
def test_bad_arguments_are_named(kwargs, message):
    arguments = {"n": 20, "p": 40, "C": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        simulate(**arguments)


def test_result_does_not_depend_on_the_block_size(monkeypatch):
    import cossim.simulation as simulate_module

    reference = simulate(n=700, p=50, C=3, seed=11)
    monkeypatch.setattr(simulate_module, "SIMULATION_BLOCK_USERS", 64)
    blocked = simulate(n=700, p=50, C=3, seed=11)
    assert isinstance(blocked.X, sp.csr_array)
    assert (blocked.X != reference.X).nnz == 0
