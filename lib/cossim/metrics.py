"""Scores for similarity matrices: agreement of rankings, and recovery of known clusters.

The paper judges its Figure 1 by eye and notes the lack of a good metric of
semantic similarity.  On simulated data the true item clusters are known, so
a similarity matrix S (p × p) can be scored by how well it separates pairs of
items in the same cluster from pairs in different clusters:

* :func:`same_cluster_auc` — ROC-AUC of the off-diagonal entries S_ij, i < j,
  as scores for "i and j share a cluster": the probability that a random
  same-cluster pair is more similar than a random different-cluster pair
  (ties count one half).  0.5 is chance, 1 is perfect separation.
* :func:`neighbour_precision` — for each item, the fraction of its m most
  similar other items that share its cluster, averaged over items.

On real data (chapter :ref:`ch-real-films`) there are no clusters, only weaker
truth such as genres: :func:`related_pair_auc` scores any relation between
items, :func:`neighbour_jaccard` the agreement of label sets between each item
and its neighbours.

To compare two ways of ranking items (for instance cosine against dot product
for each user): :func:`top_m_overlap` and :func:`mean_row_spearman`; to compare
the neighbour lists of two item–item similarities: :func:`nearest_neighbours`
and :func:`neighbour_overlap`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata

from ._validation import check_array, check_rank


@dataclass(frozen=True)
class Scores:
    """The book's two cluster-recovery scores of one item–item similarity matrix.

    Attributes
    ----------
    auc
        :func:`same_cluster_auc`, in [0, 1]; 0.5 is chance.
    precision
        :func:`neighbour_precision` at m = 10 (or the m asked for), in [0, 1].
    """

    auc: float
    precision: float


def _check_square(S: np.ndarray, name: str = "S") -> np.ndarray:
    return check_array(S, name, square=True, what="similarity matrix")


def _check_labels(clusters: np.ndarray, p: int) -> np.ndarray:
    return check_array(clusters, "clusters", ndim=1, shape=(p,), dims=("p",), what="vector of item labels", dtype=None)


def same_cluster_auc(S: np.ndarray, clusters: np.ndarray) -> float:
    """ROC-AUC of similarities S_ij (i < j) for predicting that items i and j share a cluster.

    Computed exactly as the Mann–Whitney statistic U: for every same-cluster
    pair, the number of different-cluster pairs scored below it, plus half
    the number scored equal (``_mann_whitney_u``, two sorts and a binary
    search, O(p² log p)); AUC = U / (number of positive × negative pairs).

    Parameters
    ----------
    S
        Symmetric p × p similarity matrix (only the upper triangle is used).
    clusters
        Cluster label of each item, shape (p,).

    Returns
    -------
    float
        In [0, 1]; 0.5 is chance, 1 perfect separation.
    """
    S = _check_square(S)
    labels = _check_labels(clusters, S.shape[0])
    same = labels[:, None] == labels[None, :]
    return _pair_auc(S, same, "clusters", "same-cluster", "different-cluster")


def related_pair_auc(S: np.ndarray, related: np.ndarray) -> float:
    """ROC-AUC of similarities S_ij (i < j) for predicting that items i and j are related.

    :func:`same_cluster_auc` with any relation in place of "same cluster",
    for instance "share a genre" on real data (chapter :ref:`ch-real-films`):
    the probability that a random related pair is more similar than a random
    unrelated pair, ties counting one half.

    Parameters
    ----------
    S
        Symmetric p × p similarity matrix (only the upper triangle is used).
    related
        Symmetric p × p boolean matrix (only the upper triangle is used).

    Returns
    -------
    float
        In [0, 1]; 0.5 is chance.
    """
    S = _check_square(S)
    related = check_array(related, "related", shape=S.shape, dims=("p", "p"), what="boolean matrix", dtype=None)
    if related.dtype != bool:
        raise ValueError(f"related must be a boolean matrix; got dtype {related.dtype}.")
    return _pair_auc(S, related, "related", "related", "unrelated")


def _pair_auc(
    S: np.ndarray, related: np.ndarray, name: str, positive: str, negative: str
) -> float:
    """AUC of the upper triangle of S for the pairs marked in the upper triangle of ``related``."""
    upper_mask = np.triu(np.ones(S.shape, dtype=bool), k=1)
    # boolean masks are faster than index arrays here
    same = related[upper_mask]
    positives, negatives = int(same.sum()), int((~same).sum())
    if positives == 0 or negatives == 0:
        raise ValueError(
            f"{name} must give at least one {positive} pair and one "
            f"{negative} pair; got {positives} and {negatives}."
        )
    upper = S[upper_mask]
    u = _mann_whitney_u(upper[same], upper[~same])
    return float(u / (positives * negatives))


def _mann_whitney_u(positive: np.ndarray, negative: np.ndarray) -> float:
    """U = Σ over positive scores v of (#negatives < v + ½ #negatives = v), computed exactly.

    Both samples are sorted; one binary search per positive (``searchsorted``
    on the sorted negatives, keys in increasing order) counts the negatives
    at or below it, and a second search, needed only for the few positives
    that equal some negative, counts those strictly below.  The counts are
    integers, so U is exact in any order; it equals the rank-sum form
    R₊ − P(P + 1)/2 with tie-averaged ranks.  Sorting float64 (vectorised)
    is several times faster than the ``argsort`` the rank form needs.
    """
    negative = np.sort(negative)
    positive = np.sort(positive)
    at_or_below = np.searchsorted(negative, positive, side="right")
    below = at_or_below.copy()
    tied = np.flatnonzero(negative[np.maximum(at_or_below - 1, 0)] == positive)
    below[tied] = np.searchsorted(negative, positive[tied], side="left")
    # Summed in int64: the counts are the platform's index type, which is int32
    # on 32-bit WebAssembly (a browser kernel), where sums past 2³¹ would wrap.
    return (int(np.sum(at_or_below, dtype=np.int64)) + int(np.sum(below, dtype=np.int64))) / 2


def neighbour_hits(S: np.ndarray, clusters: np.ndarray, m: int = 10) -> np.ndarray:
    """For each item, the fraction of its m most similar other items that share its cluster.

    Ties in S are broken by item index (a stable sort), so the result is
    deterministic.

    Parameters
    ----------
    S
        p × p similarity matrix.
    clusters
        Cluster label of each item, shape (p,).
    m
        Number of neighbours, 1 ≤ m ≤ p − 1.

    Returns
    -------
    numpy.ndarray
        Shape (p,), values in [0, 1].
    """
    S = _check_square(S)
    p = S.shape[0]
    labels = _check_labels(clusters, p)
    m = check_rank(m, p - 1, name="m", label=f"p − 1 = {p - 1}")
    scores = S.copy()
    np.fill_diagonal(scores, -np.inf)  # an item is not its own neighbour
    items, neighbours = np.nonzero(_top_m_mask(scores, m))  # m per row, row after row
    same = (labels[neighbours] == labels[items]).reshape(p, m)
    return np.count_nonzero(same, axis=1) / m


def _top_m_mask(scores: np.ndarray, m: int) -> np.ndarray:
    """Boolean mask of each row's m largest entries, ties broken by column index.

    Equivalent to taking the first m columns of a stable argsort of −scores,
    but in linear time per row: every entry at or above the row's m-th
    largest value (one vectorised ``np.partition``) is chosen.  Only rows
    where that is more than m entries, because of ties at the threshold, are
    redone: entries above it, then as many entries equal to it as are still
    needed, leftmost first.
    """
    p = scores.shape[1]
    threshold = np.partition(scores, p - m, axis=1)[:, p - m : p - m + 1]
    chosen = scores >= threshold
    tied = np.flatnonzero(np.count_nonzero(chosen, axis=1) > m)
    if tied.size:
        row, limit = scores[tied], threshold[tied]
        equal = row == limit
        still_needed = m - np.count_nonzero(row > limit, axis=1, keepdims=True)
        running = np.cumsum(equal, axis=1, dtype=np.int32)  # int32: several times faster than int64 here
        chosen[tied] = (row > limit) | (equal & (running <= still_needed))
    return chosen


def neighbour_precision(
    S: np.ndarray, clusters: np.ndarray, m: int = 10
) -> float:
    """Mean over items of :func:`neighbour_hits`: the precision of "more like this" lists.

    Parameters are those of :func:`neighbour_hits`.

    Returns
    -------
    float
        In [0, 1].
    """
    return float(np.mean(neighbour_hits(S, clusters, m)))


def nearest_neighbours(S: np.ndarray, m: int, rows: np.ndarray | None = None) -> np.ndarray:
    """Each item's m most similar other items, most similar first.

    Ties are broken by item index, so the lists are deterministic.

    Parameters
    ----------
    S
        p × p similarity matrix.
    m
        Number of neighbours, 1 ≤ m ≤ p − 1.
    rows
        The items whose lists are wanted (indices); all p by default.

    Returns
    -------
    numpy.ndarray
        Integer array, len(rows) × m.
    """
    S = _check_square(S)
    p = S.shape[0]
    m = check_rank(m, p - 1, name="m", label=f"p − 1 = {p - 1}")
    rows = np.arange(p) if rows is None else _check_rows(rows, p)
    return _nearest_neighbours(S, m, rows)


def _check_rows(rows: np.ndarray, p: int) -> np.ndarray:
    rows = np.asarray(rows)
    if rows.ndim != 1 or rows.size == 0 or not np.issubdtype(rows.dtype, np.integer) or np.any((rows < 0) | (rows >= p)):
        raise ValueError(f"rows must be a nonempty vector of item indices between 0 and {p - 1}; got {_short(rows)}.")
    return rows.astype(np.intp)


def _short(values: np.ndarray) -> str:
    text = np.array2string(np.asarray(values), threshold=6)
    return text if len(text) <= 40 else text[:37] + "..."


def _nearest_neighbours(S: np.ndarray, m: int, rows: np.ndarray) -> np.ndarray:
    scores = S[rows].astype(float)
    scores[np.arange(rows.size), rows] = -np.inf  # an item is not its own neighbour
    chosen = _top_m_mask(scores, m)
    columns = np.nonzero(chosen)[1].reshape(rows.size, m)  # in column order
    order = np.argsort(-np.take_along_axis(scores, columns, axis=1), axis=1, kind="stable")
    return np.take_along_axis(columns, order, axis=1)


def neighbour_overlap(S1: np.ndarray, S2: np.ndarray, m: int = 10) -> float:
    """Overlap@m: the mean over items of the share of its m nearest neighbours that two similarities agree on.

    1 means every item has the same m neighbours under S1 and S2 (in any
    order); for unrelated lists it is about m / (p − 1).

    Parameters
    ----------
    S1, S2
        p × p similarity matrices.
    m
        Number of neighbours, 1 ≤ m ≤ p − 1.

    Returns
    -------
    float
        In [0, 1].
    """
    S1 = _check_square(S1, "S1")
    S2 = check_array(S2, "S2", shape=S1.shape, dims=("p", "p"), what="similarity matrix")
    p = S1.shape[0]
    m = check_rank(m, p - 1, name="m", label=f"p − 1 = {p - 1}")
    every = np.arange(p)
    first = np.zeros((p, p), dtype=bool)
    np.put_along_axis(first, _nearest_neighbours(S1, m, every), True, axis=1)
    both = np.take_along_axis(first, _nearest_neighbours(S2, m, every), axis=1)
    return float(np.mean(np.count_nonzero(both, axis=1) / m))


def neighbour_jaccard(S: np.ndarray, labels: np.ndarray, m: int = 10) -> float:
    """Mean Jaccard similarity of label sets between each item and its m nearest neighbours.

    For items carrying several labels each (a film's genres), the real-data
    counterpart of :func:`neighbour_precision`: the number of labels items i
    and j share, divided by the number that either carries, averaged over the
    m neighbours j of each item i and then over items.
    Two items with no label at all count 0.

    Parameters
    ----------
    S
        p × p similarity matrix.
    labels
        p × g 0/1 matrix: ``labels[i, l] == 1`` iff item i carries label l.
    m
        Number of neighbours, 1 ≤ m ≤ p − 1.

    Returns
    -------
    float
        In [0, 1].
    """
    S = _check_square(S)
    p = S.shape[0]
    labels = check_array(labels, "labels", shape=(p, None), dims=("p", "g"), what="0/1 label matrix", nonnegative=True)
    m = check_rank(m, p - 1, name="m", label=f"p − 1 = {p - 1}")
    L = labels != 0
    neighbours = _nearest_neighbours(S, m, np.arange(p))
    shared = np.einsum("ig,ijg->ij", L, L[neighbours])
    union = L.sum(axis=1)[:, None] + L[neighbours].sum(axis=2) - shared
    return float(np.mean(np.divide(shared, union, out=np.zeros(shared.shape), where=union > 0)))


def top_m_overlap(S1: np.ndarray, S2: np.ndarray, m: int) -> float:
    """Mean over rows of the share of S1's top-m columns that are also in S2's top m.

    1 means every row ranks the same m columns on top under both scores.
    Ties are broken by column index.

    Parameters
    ----------
    S1, S2
        Score matrices of the same shape (rows are, e.g., users; columns items).
    m
        List length, 1 ≤ m ≤ number of columns.

    Returns
    -------
    float
        In [0, 1].
    """
    S1 = check_array(S1, "S1")
    S2 = check_array(S2, "S2", shape=S1.shape)
    m = check_rank(m, S1.shape[1], name="m", label=f"the number of columns, {S1.shape[1]}")
    top1 = np.argsort(-S1, axis=1, kind="stable")[:, :m]
    top2 = np.argsort(-S2, axis=1, kind="stable")[:, :m]
    hits = (top1[:, :, None] == top2[:, None, :]).any(axis=2).sum(axis=1)
    return float(np.mean(hits / m))


def mean_row_spearman(S1: np.ndarray, S2: np.ndarray, *, exclude_diagonal: bool = False) -> float:
    """Mean over rows of the Spearman rank correlation between S1's and S2's row.

    Rows that are constant under either score (no ranking) are skipped.  With
    ``exclude_diagonal`` (square matrices of item–item similarities), each
    row's own entry S_ii is left out, so an item's similarity to itself does
    not count as agreement.

    Returns
    -------
    float
        In [−1, 1].
    """
    S1 = check_array(S1, "S1")
    S2 = check_array(S2, "S2", shape=S1.shape)
    if exclude_diagonal:
        S1, S2 = _off_diagonal(_check_square(S1, "S1")), _off_diagonal(S2)
    r1 = rankdata(S1, axis=1)
    r2 = rankdata(S2, axis=1)
    r1 -= r1.mean(axis=1, keepdims=True)
    r2 -= r2.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(r1, axis=1) * np.linalg.norm(r2, axis=1)
    valid = norms > 0
    if not np.any(valid):
        raise ValueError("S1 and S2 must have at least one row that is not constant; got none.")
    return float(np.mean(np.sum(r1 * r2, axis=1)[valid] / norms[valid]))


def _off_diagonal(S: np.ndarray) -> np.ndarray:
    """The p × (p − 1) matrix of S's entries off the diagonal, row by row."""
    p = S.shape[0]
    return S[~np.eye(p, dtype=bool)].reshape(p, p - 1)


def cluster_recovery(S: np.ndarray, clusters: np.ndarray, m: int = 10) -> Scores:
    """The book's two cluster-recovery scores of an item–item similarity matrix.

    The numbers every table of Parts III and IV reports (chapter :ref:`ch-measuring`).

    Returns
    -------
    Scores
        ``Scores(auc=same_cluster_auc(S, clusters), precision=neighbour_precision(S, clusters, m))``.
    """
    return Scores(auc=same_cluster_auc(S, clusters), precision=neighbour_precision(S, clusters, m))
