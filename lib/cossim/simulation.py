"""Simulated user–item data with known item clusters (the paper's Section 4).

The generative process of Steck, Ekanadham and Kallus (2024), Section 4:

1. Each of p items falls into one of C clusters, cluster c with probability p_c.
2. Each cluster c draws a power-law exponent β_c ~ Unif(0.25, 1.5), and each
   item i gets a baseline popularity p_i = PowerLaw(β_{c_i}).
3. Each user u has cluster preferences p_{u,c} (a probability vector over
   clusters), so the chance of item i is p_{ui} ∝ p_{u,c_i} p_i.
4. Each user consumes k_u ~ PowerLaw(β_user = 0.5) items, drawn without
   replacement with probabilities p_{ui}; X_{ui} = 1 for those items.

The paper leaves several details open.  Each is a named parameter here, and
the book's reproducibility appendix explains the defaults:

``cluster_sizes``
    how p_c is chosen: ``"dirichlet"`` (p_c ~ Dirichlet(1, …, 1), default) or
    ``"equal"`` (p_c = 1/C).
``preference_concentration``
    p_{u,·} ~ Dirichlet(a, …, a) with this a (default 1, uniform on the simplex;
    small a makes users loyal to one cluster).
``popularity_law``
    what PowerLaw(β) means for items: ``"rank"`` (default), Zipf by rank inside
    the cluster, p_i = r_i^{−β} for the item of rank r_i = 1, 2, …; or
    ``"draw"``, an independent draw from the density β x^{β−1} on (0, 1]
    (numpy's ``Generator.power``).
``activity_law``
    what k_u ~ PowerLaw(β_user) means: ``"rank"`` (default), P(k_u = k) ∝
    k^{−β_user} on k = 1, …, ``max_items``; or ``"draw"``, k_u = ⌈max_items · x⌉
    with x drawn from the density β_user x^{β_user−1} on (0, 1].
``max_items``
    the largest k_u (default p, so 1 ≤ k_u ≤ p).

Sampling without replacement uses exponential races, the Gumbel-top-k trick
in another form (see :func:`sample_without_replacement`): it draws each user's
k_u items exactly as successive weighted draws without replacement would,
vectorised over all users, with no Python loop per user.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from ._threads import worker_pool
from ._validation import check_array, check_rank, check_scalar


@dataclass(frozen=True)
class Simulation:
    """Simulated data and the ground truth behind it.

    Attributes
    ----------
    X
        n × p binary CSR matrix: X[u, i] = 1 if user u consumed item i.
    item_cluster
        Cluster index 0 … C−1 of every item, shape (p,).
    item_popularity
        Baseline popularity p_i of every item (unnormalised), shape (p,).
    cluster_probabilities
        p_c, shape (C,).
    cluster_exponents
        β_c, shape (C,).
    user_preferences
        p_{u,c}, shape (n, C), rows sum to 1.
    items_per_user
        k_u, shape (n,).
    """

    X: sp.csr_array
    item_cluster: np.ndarray
    item_popularity: np.ndarray
    cluster_probabilities: np.ndarray
    cluster_exponents: np.ndarray
    user_preferences: np.ndarray
    items_per_user: np.ndarray

    @property
    def item_order(self) -> np.ndarray:
        """Item indices sorted by cluster, then by decreasing baseline popularity.

        This is the order of the rows and columns of the paper's Figure 1.
        """
        return np.lexsort((-self.item_popularity, self.item_cluster))

    @property
    def same_cluster(self) -> np.ndarray:
        """The truth as a p × p boolean matrix, True where two items share a cluster."""
        return self.item_cluster[:, None] == self.item_cluster[None, :]


def simulate(
    n: int = 20_000,
    p: int = 1_000,
    C: int = 5,
    *,
    beta_user: float = 0.5,
    exponent_range: tuple[float, float] = (0.25, 1.5),
    cluster_sizes: Literal["dirichlet", "equal"] = "dirichlet",
    preference_concentration: float = 1.0,
    popularity_law: Literal["rank", "draw"] = "rank",
    activity_law: Literal["rank", "draw"] = "rank",
    max_items: int | None = None,
    seed: int = 0,
) -> Simulation:
    """Draw a data set from the paper's simulation (Section 4).

    Parameters
    ----------
    n, p, C
        Numbers of users, items and clusters; defaults are the paper's.
    beta_user
        Exponent β_user > 0 of the number of items per user (paper: 0.5).
    exponent_range
        (low, high) of the uniform distribution of the cluster exponents β_c,
        0 < low < high (paper: (0.25, 1.5)).
    cluster_sizes, preference_concentration, popularity_law, activity_law, max_items
        The details the paper leaves open; see the module docstring.
    seed
        Seed of the random generator; the same seed gives the same data.

    Returns
    -------
    Simulation
        The data ``X`` and the ground truth that generated it.
    """
    n = check_rank(n, np.iinfo(np.int32).max, name="n", label="2³¹ − 1")
    p = check_rank(p, np.iinfo(np.int32).max, name="p", label="2³¹ − 1")
    C = check_rank(C, p, name="C")
    beta_user = check_scalar(beta_user, "beta_user", low=0.0, include_low=False)
    low, high = _check_range(exponent_range)
    check_scalar(cluster_sizes, "cluster_sizes", choices=("dirichlet", "equal"))
    preference_concentration = check_scalar(
        preference_concentration, "preference_concentration", low=0.0, include_low=False
    )
    check_scalar(popularity_law, "popularity_law", choices=("rank", "draw"))
    check_scalar(activity_law, "activity_law", choices=("rank", "draw"))
    max_items = p if max_items is None else check_rank(max_items, p, name="max_items")
    seed = check_scalar(seed, "seed", integer=True, low=0)

    rng = np.random.default_rng(seed)
    cluster_probabilities = rng.dirichlet(np.ones(C)) if cluster_sizes == "dirichlet" else np.full(C, 1.0 / C)
    # As the platform's index type (rng.choice gives int64 everywhere): on 32-bit
    # WebAssembly, in a browser kernel, np.take and np.bincount refuse int64 indices.
    item_cluster = rng.choice(C, size=p, p=cluster_probabilities).astype(np.intp, copy=False)
    cluster_exponents = rng.uniform(low, high, size=C)
    item_popularity = _item_popularity(item_cluster, cluster_exponents, popularity_law, rng)
    user_preferences = rng.dirichlet(np.full(C, preference_concentration), size=n)
    items_per_user = _items_per_user(n, beta_user, max_items, activity_law, rng)

    X = _draw_histories(user_preferences, item_cluster, item_popularity, items_per_user, rng)
    return Simulation(
        X=X,
        item_cluster=item_cluster,
        item_popularity=item_popularity,
        cluster_probabilities=cluster_probabilities,
        cluster_exponents=cluster_exponents,
        user_preferences=user_preferences,
        items_per_user=items_per_user,
    )


#: How many users' histories are drawn at once.  Blocks this small keep the
#: random numbers of a block in the processor's cache between drawing and selection.
SIMULATION_BLOCK_USERS = 512

#: The number of blocks of random numbers in flight at once (drawn and waiting, or being selected from).
SIMULATION_PIPELINE_DEPTH = 3


def _draw_histories(
    user_preferences: np.ndarray,
    item_cluster: np.ndarray,
    item_popularity: np.ndarray,
    items_per_user: np.ndarray,
    rng: np.random.Generator,
) -> sp.csr_array:
    """Draw every user's items, block by block of users, straight into one CSR matrix X.

    Two threads share the work.  The calling thread only draws the random
    arrival times, block after block, into a small ring of reusable buffers:
    the random stream is consumed in user order, so the result does not
    depend on the block size, and this drawing (one pass of the generator
    over n·p numbers) is the floor of the whole function.  A worker thread
    meanwhile forms each block's float32 weights p_ui ∝ p_{u,c_i} p_i, selects
    the first arrivals (:func:`_first_arrival_columns`) and writes their column
    indices into X's index array, whose layout is known in advance from the
    counts.  No n × p array is ever formed, and no block is copied again.

    Memory: X itself, plus 4 bytes × p × block × (pipeline depth + 2) and a
    bool mask of a block.  Where threads cannot start (Pyodide) the worker
    runs inline; the result is the same.
    """
    n, p = user_preferences.shape[0], item_cluster.size
    preferences = user_preferences.astype(np.float32)
    popularity = item_popularity.astype(np.float32)
    indptr = np.concatenate([[0], np.cumsum(items_per_user)])
    indices = np.empty(indptr[-1], dtype=np.int64)
    block = min(SIMULATION_BLOCK_USERS, n)
    weights_buffer = np.empty((block, p), dtype=np.float32)
    scratch = _SelectionScratch.empty(block, p)

    def select(start: int, arrivals: np.ndarray) -> None:
        stop = start + arrivals.shape[0]
        weights = _block_weights(preferences[start:stop], item_cluster, popularity, weights_buffer)
        counts = items_per_user[start:stop]
        _check_counts(weights, counts)
        with np.errstate(divide="ignore"):
            times = np.divide(arrivals, weights, out=arrivals)  # zero weight: never among the first
        _first_arrival_columns(times, counts, indices[indptr[start] : indptr[stop]], scratch)

    ring = [np.empty((block, p), dtype=np.float32) for _ in range(SIMULATION_PIPELINE_DEPTH)]
    pending: deque[Future] = deque()
    with worker_pool(1) as worker:
        for number, start in enumerate(range(0, n, block)):
            if len(pending) == len(ring):
                pending.popleft().result()  # the oldest task is done: its buffer is free
            arrivals = ring[number % len(ring)][: min(block, n - start)]
            rng.standard_exponential(out=arrivals, dtype=np.float32)
            pending.append(worker.submit(select, start, arrivals))
        for task in pending:
            task.result()
    return sp.csr_array((np.ones(indices.size), indices, indptr), shape=(n, p))


def _block_weights(
    preferences: np.ndarray, item_cluster: np.ndarray, popularity: np.ndarray, scratch: np.ndarray
) -> np.ndarray:
    """Float32 weights p_{u,c_i} · p_i of a block of users, written into (the leading rows of) ``scratch``.

    The result is C-contiguous like the arrival times it divides (plain
    fancy indexing, ``preferences[:, item_cluster]``, returns a column-major
    array, which makes that division about ten times slower).
    """
    weights = scratch[: preferences.shape[0]]
    np.take(preferences, item_cluster, axis=1, out=weights, mode="clip")
    return np.multiply(weights, popularity, out=weights)


def _check_range(exponent_range: tuple[float, float]) -> tuple[float, float]:
    """(low, high) of the cluster exponents, with 0 < low < high."""
    low, high = check_array(exponent_range, "exponent_range", ndim=1, shape=(2,), what="pair (low, high)")
    if not 0 < low < high:
        raise ValueError(f"exponent_range must be a pair (low, high) with 0 < low < high; got {exponent_range!r}.")
    return float(low), float(high)


def _item_popularity(
    item_cluster: np.ndarray, exponents: np.ndarray, law: str, rng: np.random.Generator
) -> np.ndarray:
    """Baseline popularity p_i = PowerLaw(β_{c_i}) under the chosen reading."""
    beta = exponents[item_cluster]
    if law == "draw":
        return rng.power(beta)
    # Zipf by rank: the j-th item of a cluster (in index order) has rank j.
    order = np.argsort(item_cluster, kind="stable")
    sorted_clusters = item_cluster[order]
    first_of_cluster = np.searchsorted(sorted_clusters, sorted_clusters, side="left")
    rank = np.empty(item_cluster.size)
    rank[order] = np.arange(item_cluster.size) - first_of_cluster + 1
    return rank ** (-beta)


def _items_per_user(n: int, beta_user: float, max_items: int, law: str, rng: np.random.Generator) -> np.ndarray:
    """k_u = PowerLaw(β_user) on 1 … max_items under the chosen reading."""
    if law == "draw":
        return np.ceil(max_items * rng.power(beta_user, size=n)).clip(1, max_items).astype(np.int64)
    support = np.arange(1, max_items + 1)
    pmf = support ** (-beta_user)
    return rng.choice(support, size=n, p=pmf / pmf.sum())


def sample_without_replacement(
    weights: np.ndarray, counts: np.ndarray, rng: np.random.Generator
) -> sp.csr_array:
    """For each row u, draw ``counts[u]`` columns without replacement, ∝ ``weights[u]``.

    Exponential races (equivalently, the Gumbel-top-k trick): column i of row u
    "arrives" at time E_ui / w_ui with E_ui ~ Exp(1) independent; the first
    ``counts[u]`` arrivals are distributed exactly as ``counts[u]`` successive
    weighted draws without replacement.  (Taking logs, −log E is Gumbel noise
    added to log w.)  One sort of the whole n × p matrix of times, in float32,
    replaces any loop over users.  Float32 times can tie at a row's threshold;
    the few rows where that happens are resolved exactly by index order.

    Parameters
    ----------
    weights
        n × p nonnegative weights; row u needs at least ``counts[u]`` positive entries.
    counts
        Number of columns to draw in each row, shape (n,), each ≥ 1.
    rng
        Random generator.

    Returns
    -------
    scipy.sparse.csr_array
        n × p 0/1 matrix with ``counts[u]`` ones in row u, indices sorted.
    """
    weights = np.asarray(weights, dtype=np.float32)
    counts = np.asarray(counts, dtype=np.int64)
    _check_counts(weights, counts)
    arrivals = rng.standard_exponential(size=weights.shape, dtype=np.float32)
    return _first_arrivals(arrivals, weights, counts)


def _check_counts(weights: np.ndarray, counts: np.ndarray) -> None:
    if counts.shape != (weights.shape[0],) or np.any(counts < 1) or np.any(counts > (weights > 0).sum(axis=1)):
        raise ValueError(
            "counts must give, for every row, a number between 1 and the row's count of "
            "positive weights; got a count outside that range."
        )


def _first_arrivals(arrivals: np.ndarray, weights: np.ndarray, counts: np.ndarray) -> sp.csr_array:
    """Keep, in each row, the ``counts[u]`` columns with the earliest times arrivals / weights."""
    n, p = weights.shape
    with np.errstate(divide="ignore"):
        times = np.divide(arrivals, weights, out=arrivals)  # zero weight: infinite time, never among the first
    indptr = np.concatenate([[0], np.cumsum(counts)])
    indices = np.empty(indptr[-1], dtype=np.int64)
    _first_arrival_columns(times, counts, indices, _SelectionScratch.empty(n, p))
    return sp.csr_array((np.ones(indices.size), indices, indptr), shape=(n, p))


@dataclass(frozen=True)
class _SelectionScratch:
    """Work buffers of :func:`_first_arrival_columns` for up to ``rows`` rows of p columns.

    Reused from block to block: touching freshly mapped memory costs more
    than the arithmetic done in it.
    """

    ordered: np.ndarray  # float32: the sorted times
    chosen: np.ndarray  # bool: the chosen entries

    @classmethod
    def empty(cls, rows: int, p: int) -> _SelectionScratch:
        return cls(ordered=np.empty((rows, p), dtype=np.float32), chosen=np.empty((rows, p), dtype=bool))


def _first_arrival_columns(times: np.ndarray, counts: np.ndarray, out: np.ndarray, scratch: _SelectionScratch) -> None:
    """Write the columns of each row's ``counts[u]`` smallest ``times`` into ``out``, row after row.

    Within a row the columns come in increasing order (CSR order), and ties
    are broken by column index.  A row's threshold is its ``counts[u]``-th
    smallest time (one vectorised float32 sort of the block); every time at
    or below it is chosen.  A tie at the threshold shows in the sorted row as
    the next time being equal to it; only those few rows are resolved
    exactly, by a stable sort (:func:`_earliest_by_index`).

    ``out`` must hold exactly ``counts.sum()`` integers.
    """
    rows, p = times.shape
    ordered = scratch.ordered[:rows]
    np.copyto(ordered, times)
    ordered.sort(axis=1)
    row = np.arange(rows)
    threshold = ordered[row, counts - 1]
    chosen = np.less_equal(times, threshold[:, None], out=scratch.chosen[:rows])
    tied = np.flatnonzero((counts < p) & (ordered[row, np.minimum(counts, p - 1)] == threshold))
    if tied.size:
        chosen[tied] = _earliest_by_index(times[tied], counts[tied])
    np.remainder(np.flatnonzero(chosen), p, out=out)  # row-major positions → columns


def _earliest_by_index(times: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Boolean mask of each row's ``counts[u]`` smallest times, ties broken by column index (stable sort)."""
    order = np.argsort(times, axis=1, kind="stable")
    exact = np.zeros(times.shape, dtype=bool)
    np.put_along_axis(exact, order, np.arange(times.shape[1])[None, :] < counts[:, None], axis=1)
    return exact
