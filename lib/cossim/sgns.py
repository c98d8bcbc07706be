"""Skip-gram with negative sampling (word2vec) on item co-occurrences, full batch.

Remedy 3 of Steck, Ekanadham and Kallus (2024) points to word2vec's negative
sampling (Mikolov et al. 2013), whose negatives are drawn with probability
proportional to frequency^{3/4}, as a way to de-bias popularity *during*
learning.  Here the "words" are items and two items form a positive pair when
one user consumed both, so the co-occurrence counts are the off-diagonal
entries of the Gram matrix, N_ij = (XᵀX)_ij for i ≠ j, and item j's popularity
is pop_j = (XᵀX)_jj.

Instead of sampling, we minimise the *expected* loss of skip-gram with negative
sampling (SGNS) over all pairs at once (Levy and Goldberg 2014):

    ℓ(W, C) = Σ_{i ≠ j} [ P_ij softplus(−w_i·c_j) + Q_ij softplus(w_i·c_j) ],

    P_ij = N_ij / Σ N,        Q_ij = κ (Σ_l P_il) q_j,        q_j = pop_j^β / Σ_l pop_l^β,

with softplus(z) = log(1 + e^z) = −log σ(−z).  P weighs the observed pairs;
Q weighs κ negatives per positive, drawn from the popularity distribution
raised to the exponent β: β = 0 draws negatives uniformly, β = 1 in proportion
to popularity, β = 0.75 is word2vec's choice.  Pairs (i, i) are left out.

* Gradient: with Z = WCᵀ and R = (P + Q) ∘ σ(Z) − P,
  ∂ℓ/∂W = R C and ∂ℓ/∂C = Rᵀ W.
* Closed form at full rank: ℓ is a sum of functions of single entries of Z,
  each minimised where σ(z) = P/(P + Q), i.e. z = log(P_ij / Q_ij): a
  pointwise mutual information with context distribution q, shifted by
  −log κ (:func:`sgns_target`).
* The rescaling freedom: ℓ depends on W and C only through Z = WCᵀ, so
  (W M, C M⁻ᵀ) is as good as (W, C) for every invertible M, exactly as for
  objective 1.  Negative sampling changes *what* is factorised; it does not
  remove D.  :meth:`SGNSModel.split` gives the explicit splits U_k S_k^e,
  V_k S_k^{1−e} of Z, all equally good.
* Weight decay: :func:`fit_sgns` adds λ(‖W‖²_F + ‖C‖²_F), the penalty of
  objective 2 and of most neural-network training.  It has two effects.  It
  removes the freedom: as for objective 2, every minimiser is balanced,
  WᵀW = CᵀC, so W is the symmetric split U_k S_k^{1/2} up to a rotation.  And
  it makes the problem well posed: without it, the loss keeps falling slowly
  along directions that push rarely co-occurring pairs towards z → −∞, and
  L-BFGS stops wherever its tolerance runs out (measured in chapter
  :ref:`ch-debias`).

The fit starts from the symmetric split of the rank-k truncated SVD of the
full-rank optimum (entries with no co-occurrence clipped to the smallest
finite value), runs L-BFGS with analytic gradients, and is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.optimize
import scipy.sparse as sp

from ._blas import single_threaded_blas
from ._validation import check_array, check_data_matrix, check_gram, check_rank, check_scalar
from .spectral import _gram_matrix, column_signs
from .word_vectors import _svd_word_vectors


@dataclass(frozen=True)
class SGNSWeights:
    """The positive and negative weights of the full-batch SGNS loss.

    Attributes
    ----------
    P
        p × p positive weights N_ij / Σ N (zero diagonal); they sum to 1.
    Q
        p × p negative weights κ (Σ_l P_il) q_j (zero diagonal).
    beta
        The exponent β of the negative-sampling distribution.
    negatives
        κ, the number of negatives per positive pair.
    """

    P: np.ndarray
    Q: np.ndarray
    beta: float
    negatives: float


@dataclass(frozen=True)
class SGNSModel:
    """A fitted SGNS factorisation Z = W Cᵀ of item co-occurrences.

    Attributes
    ----------
    W
        Item ("input") vectors as the optimiser left them, p × k.
    C
        Context ("output") vectors, p × k.
    beta
        β of the negative-sampling distribution.
    negatives
        κ, the number of negatives per positive.
    lam
        The weight decay λ of the fit.
    value
        The loss ℓ(W, C) + λ(‖W‖² + ‖C‖²) at the end of the fit.
    converged
        Whether L-BFGS reported convergence.
    iterations
        Number of L-BFGS iterations.
    """

    W: np.ndarray
    C: np.ndarray
    beta: float
    negatives: float
    lam: float
    value: float
    converged: bool
    iterations: int

    @property
    def k(self) -> int:
        """Embedding dimension."""
        return self.W.shape[1]

    @property
    def product(self) -> np.ndarray:
        """Z = W Cᵀ (p × p), the only thing the loss depends on."""
        return self.W @ self.C.T

    def split(self, exponent: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
        """Factors (U_k S_k^e, V_k S_k^{1−e}) of Z = U_k S_k V_kᵀ, both p × k.

        Every exponent e gives the same product Z, hence the same loss: this is
        the rescaling D = S_k^{e − 1/2} applied to the symmetric split e = ½.
        Computed from thin QR factorisations of W and C in O(pk²); signs fixed
        as in :mod:`cossim.spectral`.

        Parameters
        ----------
        exponent
            e, any finite real number (singular values must be positive if
            e < 0 or e > 1).
        """
        exponent = check_scalar(exponent, "exponent")
        QW, RW = np.linalg.qr(self.W)
        QC, RC = np.linalg.qr(self.C)
        left, singular, right_t = np.linalg.svd(RW @ RC.T)
        U = QW @ left
        V = QC @ right_t.T
        signs = column_signs(U)
        U, V = U * signs, V * signs
        with np.errstate(divide="ignore"):
            return U * singular**exponent, V * singular ** (1.0 - exponent)

    @property
    def item_embeddings(self) -> np.ndarray:
        """The fitted item vectors W (word2vec's "input" vectors).

        With weight decay (λ > 0) they equal the symmetric split U_k S_k^{1/2}
        up to a rotation, so their cosines are those of ``split(0.5)[0]``.
        """
        return self.W


def negative_distribution(popularity: np.ndarray, beta: float) -> np.ndarray:
    """q_j = pop_j^β / Σ_l pop_l^β: the distribution negatives are drawn from.

    Parameters
    ----------
    popularity
        Positive popularity of every item, shape (p,).
    beta
        β ≥ 0: 0 gives the uniform distribution, 1 the popularity distribution.

    Returns
    -------
    numpy.ndarray
        q, shape (p,), summing to 1.
    """
    beta = check_scalar(beta, "beta", low=0.0)
    pop = check_array(popularity, "popularity", ndim=1, nonempty=True)
    return _negative_distribution(pop, beta)


def _negative_distribution(pop: np.ndarray, beta: float) -> np.ndarray:
    bad = np.flatnonzero(~(pop > 0))
    if bad.size:
        raise ValueError(
            f"popularity must hold only finite positive numbers; got {bad.size} other value(s), "
            f"the first at index {bad[0]} (an item nobody consumed?)."
        )
    weights = pop**beta
    return weights / weights.sum()


def sgns_weights(G: np.ndarray, *, beta: float = 0.75, negatives: float = 5.0) -> SGNSWeights:
    """The weights P (observed pairs) and Q (negatives) of the full-batch SGNS loss.

    Parameters
    ----------
    G
        The Gram matrix XᵀX: co-occurrence counts off the diagonal,
        popularities on it (every item must have positive popularity).
    beta
        Exponent β ≥ 0 of the negative-sampling distribution.
    negatives
        κ > 0, negatives per positive pair (word2vec's default is 5).

    Returns
    -------
    SGNSWeights
        P, Q and the settings.
    """
    G = check_gram(G, nonnegative=True)
    beta = check_scalar(beta, "beta", low=0.0)
    negatives = check_scalar(negatives, "negatives", low=0.0, include_low=False)
    return _sgns_weights(G, beta, negatives)


def _sgns_weights(G: np.ndarray, beta: float, negatives: float) -> SGNSWeights:
    q = _negative_distribution(np.diag(G), beta)
    N = G.copy()
    np.fill_diagonal(N, 0.0)
    total = N.sum()
    if not total > 0:
        raise ValueError("G must have at least one co-occurrence off the diagonal; got none.")
    P = N / total
    Q = negatives * np.outer(P.sum(axis=1), q)
    np.fill_diagonal(Q, 0.0)
    return SGNSWeights(P=P, Q=Q, beta=float(beta), negatives=negatives)


def sgns_target(weights: SGNSWeights) -> np.ndarray:
    """The full-rank minimiser z_ij = log(P_ij / Q_ij) of the SGNS loss (p × p).

    Entries with P_ij = 0 (no co-occurrence) are −∞: the loss keeps falling as
    z_ij → −∞.  The diagonal, left out of the loss, is set to 0.

    Returns
    -------
    numpy.ndarray
        p × p, with −∞ where P_ij = 0.
    """
    P, Q = weights.P, weights.Q
    with np.errstate(divide="ignore"):
        ratio = np.log(np.where(P > 0, P, 1.0)) - np.log(np.where(Q > 0, Q, 1.0))
        target = np.where(P > 0, ratio, -np.inf)
    np.fill_diagonal(target, 0.0)
    return target


def _loss(
    W: np.ndarray, C: np.ndarray, P: np.ndarray, Q: np.ndarray, PQ: np.ndarray, lam: float
) -> tuple[float, np.ndarray, np.ndarray]:
    """ℓ + λ(‖W‖² + ‖C‖²) and its gradients (no input checks)."""
    Z = W @ C.T
    e = np.exp(-np.abs(Z))
    value = float(np.sum(PQ * np.log1p(e))) + float(np.sum(np.where(Z > 0, Q, -P) * Z))
    R = PQ * (np.where(Z >= 0, 1.0, e) / (1.0 + e)) - P
    grad_W, grad_C = R @ C, R.T @ W
    if lam:
        value += lam * (float(np.sum(W * W)) + float(np.sum(C * C)))
        grad_W += 2.0 * lam * W
        grad_C += 2.0 * lam * C
    return value, grad_W, grad_C


def sgns_loss(
    W: np.ndarray, C: np.ndarray, weights: SGNSWeights, lam: float = 0.0
) -> tuple[float, np.ndarray, np.ndarray]:
    """The full-batch SGNS loss ℓ(W, C) + λ(‖W‖²_F + ‖C‖²_F) and its gradients.

    Returns (value, ∂/∂W, ∂/∂C).

    Parameters
    ----------
    W, C
        Item and context vectors, both p × k.
    weights
        From :func:`sgns_weights`.
    lam
        Weight decay λ ≥ 0 (0: the plain SGNS loss).
    """
    p = weights.P.shape[0]
    W = check_array(W, "W", shape=(p, None), dims=("p", "k"))
    C = check_array(C, "C", shape=(p, W.shape[1]), dims=("p", "k"))
    lam = check_scalar(lam, "lam", low=0.0)
    return _loss(W, C, weights.P, weights.Q, weights.P + weights.Q, lam)


def _start(weights: SGNSWeights, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric split of the rank-k truncated SVD of the clipped full-rank optimum."""
    target = sgns_target(weights)
    finite = np.isfinite(target)
    target = np.where(finite, target, np.min(target[finite]))
    return _svd_word_vectors(target, k, 0.5)


def fit_sgns(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    k: int,
    *,
    beta: float = 0.75,
    negatives: float = 5.0,
    lam: float = 1e-5,
    max_iterations: int = 3000,
    ftol: float = 1e-12,
    gtol: float = 1e-9,
    gram: np.ndarray | None = None,
    init: tuple[np.ndarray, np.ndarray] | None = None,
) -> SGNSModel:
    """Fit full-batch SGNS with weight decay to the item co-occurrences of X by L-BFGS.

    Minimises ℓ(W, C) + λ(‖W‖²_F + ‖C‖²_F) (see the module docstring).
    BLAS runs single-threaded during the fit (see ``cossim._blas``).

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse; every item consumed at least once.
    k
        Embedding dimension, 1 ≤ k ≤ p.
    beta
        Negative-sampling exponent β ≥ 0 (word2vec: 0.75).
    negatives
        κ > 0, negatives per positive pair (word2vec: 5).
    lam
        Weight decay λ ≥ 0.  With λ = 0 the loss has the rescaling freedom and
        the fit keeps whatever split its start had; with λ > 0 every minimiser
        is balanced (WᵀW = CᵀC), like objective 2.
    max_iterations
        Iteration cap of L-BFGS.
    ftol, gtol
        L-BFGS stops when one iteration lowers the loss by less than ``ftol``
        times max(loss, 1), or when every gradient entry is below ``gtol``;
        both > 0.
    gram
        Optional precomputed G = XᵀX.
    init
        Optional starting factors (W₀, C₀), both p × k; default: the symmetric
        split of the truncated SVD of the full-rank optimum (module docstring).

    Returns
    -------
    SGNSModel
        The fitted factors, settings, and how L-BFGS ended.
    """
    X = check_data_matrix(X)
    p = X.shape[1]
    k = check_rank(k, p)
    lam = check_scalar(lam, "lam", low=0.0)
    beta = check_scalar(beta, "beta", low=0.0)
    negatives = check_scalar(negatives, "negatives", low=0.0, include_low=False)
    max_iterations = check_scalar(max_iterations, "max_iterations", integer=True, low=1)
    ftol = check_scalar(ftol, "ftol", low=0.0, include_low=False)
    gtol = check_scalar(gtol, "gtol", low=0.0, include_low=False)
    G = _gram_matrix(X) if gram is None else check_gram(gram, "gram", p=p, nonnegative=True)
    weights = _sgns_weights(G, beta, negatives)
    P, Q = weights.P, weights.Q
    PQ = P + Q
    size = p * k

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W, C = theta[:size].reshape(p, k), theta[size:].reshape(p, k)
        value, grad_W, grad_C = _loss(W, C, P, Q, PQ, lam)
        return value, np.concatenate([grad_W.ravel(), grad_C.ravel()])

    if init is not None:
        if not (isinstance(init, tuple) and len(init) == 2):
            raise ValueError(f"init must be a pair (W0, C0) of p × k arrays; got a {type(init).__name__} that is not a pair.")
        W0 = check_array(init[0], "init[0]", shape=(p, k), dims=("p", "k"))
        C0 = check_array(init[1], "init[1]", shape=(p, k), dims=("p", "k"))
    with single_threaded_blas():
        if init is None:
            W0, C0 = _start(weights, k)
        result = scipy.optimize.minimize(
            objective,
            np.concatenate([W0.ravel(), C0.ravel()]),
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": max_iterations, "ftol": ftol, "gtol": gtol, "maxcor": 10},
        )
        W, C = result.x[:size].reshape(p, k), result.x[size:].reshape(p, k)
        value = _loss(W, C, P, Q, PQ, lam)[0]
    return SGNSModel(
        W=W,
        C=C,
        beta=weights.beta,
        negatives=weights.negatives,
        lam=lam,
        value=value,
        converged=bool(result.success),
        iterations=int(result.nit),
    )
