"""Input dropout on a linear autoencoder is L2 regularisation of its weights.

Objective 1 (the paper's Eq. 1) is motivated by denoising: training the linear
autoencoder X ≈ X W with input dropout (each input entry zeroed with
probability q and the survivors scaled by 1/(1−q)) is, in expectation over the
dropout noise, the same as adding a weighted L2 penalty on W
(Steck 2020, "Autoencoders that don't overfit towards the identity"):

    E‖X − X̃ W‖²_F = ‖X − X W‖²_F + (q / (1−q)) ‖Λ^{1/2} W‖²_F,
    Λ = dMat(diag(XᵀX)).

For 0/1 data diag(XᵀX) holds the item popularities (how many users consumed
each item), so the plain penalty λ‖W‖²_F of objective 1 is the special case in
which all items are equally popular, with λ = (q/(1−q)) × that popularity.

Derivation: X̃ = X ∘ M / (1−q) with independent M_ui ~ Bernoulli(1−q), so
E X̃ = X and the entries of X̃ are independent with variance X_ui² q/(1−q).
Then E‖X − X̃W‖² = ‖X − XW‖² + Σ_u Σ_i Var(X̃_ui) ‖w_i‖², where w_i is row i
of W, which is the formula above.
"""

from __future__ import annotations

import itertools

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_data_matrix, check_scalar


def _check_weights(W: np.ndarray, p: int) -> np.ndarray:
    return check_array(W, "W", shape=(p, p), dims=("p", "p"))


def _check_rate(q: float) -> float:
    return check_scalar(q, "q", low=0.0, high=1.0, include_low=False, include_high=False)


def dropout_penalty(X: np.ndarray, W: np.ndarray, q: float) -> float:
    """(q/(1−q)) ‖Λ^{1/2} W‖²_F with Λ = dMat(diag(XᵀX)): what dropout adds on average.

    Parameters
    ----------
    X
        Data, n × p.
    W
        Weights, p × p.
    q
        Dropout rate, 0 < q < 1.

    Returns
    -------
    float
    """
    X = check_data_matrix(X)
    W = _check_weights(W, X.shape[1])
    q = _check_rate(q)
    popularity = np.asarray((X.multiply(X) if sp.issparse(X) else X * X).sum(axis=0)).ravel()
    return q / (1 - q) * float(np.sum(popularity[:, None] * W**2))


def expected_dropout_loss(X: np.ndarray, W: np.ndarray, q: float, max_entries: int = 16) -> float:
    """E‖X − X̃ W‖²_F over all dropout masks, by exact enumeration (tiny X only).

    Sums over all 2^(n·p) masks with their probabilities, so it involves no
    formula from the derivation and can check it.

    Parameters
    ----------
    X
        Dense data with at most ``max_entries`` entries.
    W
        Weights, p × p.
    q
        Dropout rate, 0 < q < 1.
    max_entries
        Refuse larger X (2^16 masks take about a second).

    Returns
    -------
    float
    """
    X = check_data_matrix(X)
    X = X.toarray() if sp.issparse(X) else X
    W = _check_weights(W, X.shape[1])
    q = _check_rate(q)
    check_scalar(X.size, "X.size", integer=True, low=1, high=max_entries, high_label=f"max_entries = {max_entries} (exact enumeration)")
    total = 0.0
    for bits in itertools.product((0.0, 1.0), repeat=X.size):
        kept = np.array(bits).reshape(X.shape)
        probability = np.prod(np.where(kept == 1, 1 - q, q))
        noisy = X * kept / (1 - q)
        total += probability * float(np.sum((X - noisy @ W) ** 2))
    return total
