"""Remedy 3: normalise or de-bias the data *before* learning (chapter :ref:`ch-debias`).

Steck, Ekanadham and Kallus (2024) suggest normalising, or reducing popularity
bias, before or during learning rather than only afterwards.  Two transforms of
the data matrix X (n users × p items) do that for the linear models of the book:

* **Column standardisation**: Z = (X − 1μᵀ) dMat(1/s), every item centred to
  mean 0 and scaled to standard deviation 1 (population standard deviation).
  Popular and niche items then weigh the same in XᵀX.
  :func:`standardised_gram` returns ZᵀZ = dMat(1/s)(XᵀX − n μμᵀ)dMat(1/s)
  without forming the dense Z.
* **Inverse propensity scaling** (IPS; Schnabel et al. 2016): if entry (u, i)
  is observed with a propensity proportional to π_u ρ_i, with π_u = (activity
  of u / mean activity)^{a} and ρ_i = (popularity of i / mean popularity)^{b},
  weighting each squared error by 1/(π_u ρ_i) removes that bias from the loss.
  For the book's loss this weighting is a transform of the data: with
  X̃ = dMat(π)^{−1/2} X dMat(ρ)^{−1/2} and W̃ = dMat(ρ)^{1/2} W dMat(ρ)^{−1/2},

      Σ_{u,i} (X − XW)²_{ui} / (π_u ρ_i) = ‖X̃ − X̃ W̃‖²_F

  (:func:`ips_weighted_error` checks it).  So objective 1 or 2 fitted to X̃ is
  the IPS-weighted objective, with its penalty on W̃, and the factors map back
  by Â = dMat(ρ)^{−1/2} Ã, B̂ = dMat(ρ)^{1/2} B̃ (:func:`ips_model`).  Each item
  embedding is multiplied by a positive number, so item–item cosines are those
  of the model fitted to X̃.

Both transforms rescale their output to the Frobenius norm of X, so that the
same λ means the same strength of regularisation as on the raw data.

Neither transform touches the rescaling freedom: objective 1 fitted to Z or X̃
is still minimised by every (ÂD, B̂D⁻¹).  They change *which* similarities the
models find, not whether those are unique.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_data_matrix, check_gram, check_scalar
from .models import LinearModel
from .spectral import _gram_matrix


def _column_moments(X: np.ndarray | sp.csr_array) -> tuple[np.ndarray, np.ndarray]:
    """Column means μ and population standard deviations s; raises on a constant column."""
    n = X.shape[0]
    sums = np.asarray(X.sum(axis=0)).ravel()
    squares = np.asarray((X.multiply(X) if sp.issparse(X) else X * X).sum(axis=0)).ravel()
    mean = sums / n
    variance = np.clip(squares / n - mean**2, 0.0, None)
    std = np.sqrt(variance)
    constant = np.flatnonzero(~(std > 1e-12 * np.maximum(np.abs(mean), 1.0)))
    if constant.size:
        raise ValueError(
            f"X must have no constant column, since a constant item cannot be standardised; "
            f"got {constant.size} constant column(s), the first at index {constant[0]}."
        )
    return mean, std


def column_standardise(X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
    """The dense standardised matrix Z = c (X − 1μᵀ) dMat(1/s), with ‖Z‖_F = ‖X‖_F.

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse, with no constant column.

    Returns
    -------
    numpy.ndarray
        Z, n × p.
    """
    X = check_data_matrix(X)
    mean, std = _column_moments(X)
    dense = X.toarray() if sp.issparse(X) else np.array(X, dtype=np.float64)
    Z = (dense - mean) / std
    return Z * _norm_ratio(X, float(np.sum(Z * Z)))


def standardised_gram(
    X: np.ndarray | sp.sparray | sp.spmatrix, gram: np.ndarray | None = None
) -> np.ndarray:
    """ZᵀZ for the Z of :func:`column_standardise`, from XᵀX in O(p²) extra work.

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse, with no constant column.
    gram
        Optional precomputed XᵀX.

    Returns
    -------
    numpy.ndarray
        ZᵀZ, p × p.
    """
    X = check_data_matrix(X)
    n, p = X.shape
    G = _gram_matrix(X) if gram is None else check_gram(gram, "gram", p=p)
    mean, std = _column_moments(X)
    centred = G - n * np.outer(mean, mean)
    standardised = centred / np.outer(std, std)
    return standardised * _norm_ratio(X, float(np.trace(standardised))) ** 2


def _norm_ratio(X: np.ndarray | sp.csr_array, squared_norm: float) -> float:
    """‖X‖_F / √squared_norm: the factor that gives a transformed matrix X's norm."""
    values = X.data if sp.issparse(X) else X
    return float(np.sqrt(np.sum(values * values) / squared_norm))


@dataclass(frozen=True)
class IPSTransform:
    """The data X̃ = dMat(r) X dMat(c) of inverse propensity scaling, and its factors.

    Attributes
    ----------
    X
        X̃, n × p CSR, with ‖X̃‖_F = ‖X‖_F.
    user_factors
        r_u = κ π_u^{−1/2}, shape (n,), where κ matches the Frobenius norms.
    item_factors
        c_i = ρ_i^{−1/2}, shape (p,).
    """

    X: sp.csr_array
    user_factors: np.ndarray
    item_factors: np.ndarray


def ips_transform(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    *,
    item_exponent: float = 1.0,
    user_exponent: float = 1.0,
) -> IPSTransform:
    """Inverse propensity scaling as a transform of the data (see the module docstring).

    Item propensities ρ_i = (pop_i / mean pop)^b and user propensities
    π_u = (act_u / mean act)^a, with pop_i and act_u the column and row sums
    of X, a = ``user_exponent`` and b = ``item_exponent``.

    Parameters
    ----------
    X
        Nonnegative data, n × p, every row and column with a positive sum.
    item_exponent
        b, any finite real number; 0 ignores item popularity, 1 is full IPS.
    user_exponent
        a, any finite real number; 0 ignores user activity, 1 is full IPS.

    Returns
    -------
    IPSTransform
        X̃ and its user and item factors.
    """
    X = check_array(X, "X", sparse=True, nonempty=True, nonnegative=True, what="matrix (users × items)")
    b = check_scalar(item_exponent, "item_exponent")
    a = check_scalar(user_exponent, "user_exponent")
    popularity = np.asarray(X.sum(axis=0)).ravel()
    activity = np.asarray(X.sum(axis=1)).ravel()
    for name, sums, what in (("column", popularity, "item"), ("row", activity, "user")):
        empty = np.flatnonzero(~(sums > 0))
        if empty.size:
            raise ValueError(
                f"X must have a positive sum in every {name}, since propensities must be positive; "
                f"got {empty.size} empty {name}(s), the first at index {empty[0]} "
                f"(an {what} with no data)."
            )
    item_factors = (popularity / popularity.mean()) ** (-b / 2)
    user_factors = (activity / activity.mean()) ** (-a / 2)
    scaled = sp.csr_array(
        sp.diags_array(user_factors) @ sp.csr_array(X) @ sp.diags_array(item_factors)
    )
    ratio = _norm_ratio(X, float(np.sum(scaled.data**2)))
    return IPSTransform(
        X=sp.csr_array(scaled * ratio), user_factors=user_factors * ratio, item_factors=item_factors
    )


def ips_weighted_error(
    X: np.ndarray | sp.sparray | sp.spmatrix, W: np.ndarray, transform: IPSTransform
) -> float:
    """Σ_{u,i} r_u² c_i² (X − XW)²_{ui}: the IPS-weighted squared error of W (dense; small X).

    With the factors of ``transform`` this equals ‖X̃ − X̃W̃‖²_F for
    W̃ = dMat(c)⁻¹ W dMat(c); the book uses it to check that identity.

    Parameters
    ----------
    X
        Data, n × p.
    W
        Weights, p × p.
    transform
        The result of :func:`ips_transform` for this X.

    Returns
    -------
    float
    """
    X = check_data_matrix(X)
    dense = X.toarray() if sp.issparse(X) else X
    n, p = dense.shape
    W = check_array(W, "W", shape=(p, p), dims=("p", "p"))
    check_array(transform.user_factors, "transform.user_factors", ndim=1, shape=(n,), dims=("n",))
    check_array(transform.item_factors, "transform.item_factors", ndim=1, shape=(p,), dims=("p",))
    weights = np.outer(transform.user_factors**2, transform.item_factors**2)
    return float(np.sum(weights * (dense - dense @ W) ** 2))


def ips_model(model: LinearModel, transform: IPSTransform) -> LinearModel:
    """Map a model fitted to X̃ back to the items of X: Â = dMat(c) Ã, B̂ = dMat(c)⁻¹ B̃.

    Then X̃ Ã B̃ᵀ = dMat(r) X Â B̂ᵀ dMat(c): the back-mapped model's predictions
    for the original data are the weighted model's, unscaled.  Each item
    embedding is multiplied by a positive number, so item–item cosines do not
    change.

    Parameters
    ----------
    model
        A model fitted to ``transform.X``.
    transform
        The result of :func:`ips_transform`.

    Returns
    -------
    LinearModel
        The back-mapped model.
    """
    c = transform.item_factors
    check_array(model.A, "model.A", shape=(c.size, None), dims=("p", "k"))
    return dataclasses.replace(model, A=model.A * c[:, None], B=model.B / c[:, None])
