"""Held-out interactions: a per-user split and recall@k (chapter :ref:`ch-real-films`).

On real data no true clusters are known, but a model can still be judged by
what it predicts: hide some of each user's interactions, fit on the rest, and
ask how many of the hidden ones each ranking puts in its top k.

* :func:`hold_out` — for every user with at least two interactions, a random
  ``fraction`` of them (at least one, and never all) moves from the training
  matrix to the test matrix.
* :func:`recall_at_k` — rank every film a user has not trained on by a score
  matrix and count the held-out films among the first k, divided by
  min(k, number held out), averaged over users with held-out films (the
  normalisation of Liang et al. 2018, so that 1 is attainable for every user).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_data_matrix, check_rank, check_scalar
from .metrics import _top_m_mask


def hold_out(
    X: np.ndarray | sp.sparray | sp.spmatrix, fraction: float = 0.2, seed: int = 0
) -> tuple[sp.csr_array, sp.csr_array]:
    """Split each user's interactions into training and held-out parts.

    A user with n_u ≥ 2 interactions holds out max(1, round(fraction · n_u))
    of them, but at most n_u − 1, chosen uniformly at random; users with one
    interaction keep it for training.  Training + test = X exactly.

    Parameters
    ----------
    X
        Users × items 0/1 interactions, dense or scipy.sparse.
    fraction
        Share of each user's interactions to hold out, strictly between 0 and 1.
    seed
        Seed of the random choice (``numpy.random.default_rng``).

    Returns
    -------
    (scipy.sparse.csr_array, scipy.sparse.csr_array)
        ``(train, test)``, both of X's shape, with disjoint nonzeros.
    """
    X = check_data_matrix(X)
    fraction = check_scalar(fraction, "fraction", low=0.0, high=1.0, include_low=False, include_high=False)
    seed = check_scalar(seed, "seed", integer=True, low=0)
    X = sp.csr_array(X)
    rng = np.random.default_rng(seed)
    counts = np.diff(X.indptr)
    held = np.minimum(np.maximum(1, np.rint(fraction * counts)), counts - 1).astype(np.intp)
    held[counts < 2] = 0
    # one uniform key per interaction; within each user, the `held` smallest keys are held out
    keys = rng.random(X.nnz)
    owner = np.repeat(np.arange(X.shape[0]), counts)
    order = np.lexsort((keys, owner))
    rank = np.empty(X.nnz, dtype=np.intp)
    rank[order] = np.arange(X.nnz) - np.repeat(X.indptr[:-1], counts)
    is_test = rank < held[owner]
    test = _with_entries(X, is_test)
    train = _with_entries(X, ~is_test)
    return train, test


def _with_entries(X: sp.csr_array, keep: np.ndarray) -> sp.csr_array:
    """X with only the stored entries where ``keep`` is true."""
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    return sp.csr_array((X.data[keep], (rows[keep], X.indices[keep])), shape=X.shape)


def recall_at_k(
    scores: np.ndarray,
    train: np.ndarray | sp.sparray | sp.spmatrix,
    test: np.ndarray | sp.sparray | sp.spmatrix,
    k: int,
) -> float:
    """Mean over users with held-out items of hits@k / min(k, number held out).

    Each user's items are ranked by ``scores`` with the items they trained on
    excluded; ties are broken by item index.

    Parameters
    ----------
    scores
        Users × items scores (predictions, or a user–item similarity).
    train, test
        The two parts returned by :func:`hold_out`, of the shape of ``scores``.
    k
        List length, 1 ≤ k ≤ number of items.

    Returns
    -------
    float
        In [0, 1].
    """
    scores = check_array(scores, "scores", what="score matrix (users × items)")
    train = sp.csr_array(check_array(train, "train", shape=scores.shape, sparse=True))
    test = sp.csr_array(check_array(test, "test", shape=scores.shape, sparse=True))
    k = check_rank(k, scores.shape[1], name="k", label=f"the number of items, {scores.shape[1]}")
    held = np.diff(test.indptr)
    users = np.flatnonzero(held > 0)
    if users.size == 0:
        raise ValueError("test must hold out at least one interaction; got none.")
    ranked = np.array(scores[users], dtype=float)
    ranked[train[users].toarray() != 0] = -np.inf
    top = _top_m_mask(ranked, k)
    hits = np.count_nonzero(top & (test[users].toarray() != 0), axis=1)
    return float(np.mean(hits / np.minimum(k, held[users])))
